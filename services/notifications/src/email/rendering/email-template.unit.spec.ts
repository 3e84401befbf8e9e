import { NOTIFICATION_KINDS, type NotificationData } from '../../delivery/notification';
import { DEFAULT_TEMPLATE_LOCALES, DEFAULT_TEMPLATES } from './default-templates';
import { chooseTemplate, localeChain, renderEmail, SAMPLE_DATA, templateIssues, templateVariables, type EmailTemplateOverride } from './email-template';

const data: NotificationData = {
  recipientName: "Pat O'Brien & Sons",
  personId: '5b0f0a43-7d4f-4b7f-9a53-3f6f3c1b0a11',
  personName: '<script>alert(1)</script>',
  cycleName: '2026-27',
  phase: 'MID_YEAR_REFLECTION',
  dueOn: '2027-02-15',
  daysLeft: 0,
};

describe('email rendering', () => {
  it('escapes names in HTML and keeps them verbatim in the subject and text', () => {
    const email = renderEmail(chooseTemplate('DEADLINE_REMINDER', 'en-US', []).template, templateVariables(data, 'en-US'));
    expect(email.subject).toBe('Due today: mid-year reflection for <script>alert(1)</script>');
    expect(email.text).toContain("Hello Pat O'Brien & Sons,");
    expect(email.text).toContain('The mid-year reflection for <script>alert(1)</script> in the 2026-27 cycle is due today (February 15, 2027).');
    expect(email.html).toContain('Hello Pat O&#39;Brien &amp; Sons,');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
    expect(email.text).not.toContain('receiving this for');
  });

  it('writes Spanish for es-US, dates and phase names included', () => {
    const email = renderEmail(chooseTemplate('DEADLINE_REMINDER', 'es-US', []).template, templateVariables({ ...data, daysLeft: 14, onBehalfOfName: 'Ana Ruiz' }, 'es-US'));
    expect(email.subject).toBe('Vence en 14 días: reflexión de mitad de año de <script>alert(1)</script>');
    expect(email.text).toContain("Hola, Pat O'Brien & Sons:");
    expect(email.text).toContain('vence en 14 días (15 de febrero de 2027). Recibe este mensaje en nombre de Ana Ruiz');
  });

  it('falls back from the most specific locale to the shipped default, preferring the tenant at each step', () => {
    expect(localeChain('es-MX')).toEqual(['es-MX', 'es', 'en']);
    expect(localeChain('en-US')).toEqual(['en-US', 'en']);
    expect(localeChain('fr-CA')).toEqual(['fr-CA', 'fr', 'en']);
    expect(localeChain('??')).toEqual(['en']);
    const own = (locale: string): EmailTemplateOverride => ({ kind: 'REVIEW_FILED', locale, subject: `mine ${locale}`, text: 't', html: 'h' });
    expect(chooseTemplate('REVIEW_FILED', 'es-US', [own('es-US')])).toMatchObject({ source: 'TENANT', locale: 'es-US' });
    expect(chooseTemplate('REVIEW_FILED', 'es-US', [own('en')])).toMatchObject({ source: 'DEFAULT', locale: 'es' });
    expect(chooseTemplate('REVIEW_FILED', 'fr-CA', [own('en')])).toMatchObject({ source: 'TENANT', locale: 'en' });
    expect(chooseTemplate('REVIEW_REOPENED', 'fr-CA', [own('en')])).toMatchObject({ source: 'DEFAULT', locale: 'en' });
  });

  it('ships a valid subject, text and HTML for every kind in every shipped language', () => {
    for (const locale of DEFAULT_TEMPLATE_LOCALES) {
      for (const kind of NOTIFICATION_KINDS) {
        const template = DEFAULT_TEMPLATES[locale]?.[kind];
        if (!template) throw new Error(`no ${kind} template in ${locale}`);
        expect(templateIssues(template, locale)).toEqual([]);
        const email = renderEmail(template, templateVariables(SAMPLE_DATA, locale));
        expect(email.subject).not.toMatch(/[\r\n]|undefined/);
        expect(email.text).toContain(locale === 'es' ? 'Hola' : 'Hello');
      }
    }
  });

  it('never runs a template with a tag outside the allowed ones, even one stored before the check', () => {
    expect(() => renderEmail({ subject: 's', text: '<% globalThis.x = 1 %>', html: 'h' }, templateVariables(data, 'en'))).toThrow('Unsupported template tag');
    expect(templateIssues({ subject: '<%= it.constructor %>', text: 't', html: 'h' }, 'en')).toHaveLength(1);
  });

  it("writes HR's digest of an overdue phase without a person", () => {
    const digest: NotificationData = { recipientName: 'HR', cycleName: '2026-27', phase: 'GOAL_SETTING', dueOn: '2026-10-15', daysLeft: -2, overdueCount: 12 };
    const en = renderEmail(chooseTemplate('PHASE_OVERDUE', 'en', []).template, templateVariables(digest, 'en'));
    expect(en.subject).toBe('Overdue: goal-setting meeting, 12 reviews open');
    expect(en.text).toContain('The goal-setting meeting of the 2026-27 cycle was due on October 15, 2026; 12 reviews are still open in it.');
    const es = renderEmail(chooseTemplate('PHASE_OVERDUE', 'es', []).template, templateVariables(digest, 'es'));
    expect(es.subject).toBe('Vencida: reunión de establecimiento de metas, 12 evaluaciones abiertas');
  });

  it('puts a subject on one line whatever the template', () => {
    expect(renderEmail({ subject: 'Line one\r\nBcc: x@example.com', text: 't', html: 'h' }, templateVariables(data, 'en')).subject).toBe('Line one Bcc: x@example.com');
  });
});
