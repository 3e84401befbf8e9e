import { DeciderSpecification, fold, ValidationFailedError, type Actor } from '@growth/es';
import type { EmailTemplatesCommand } from './email-templates.commands';
import { emailTemplatesDecider } from './email-templates.decider';
import type { EmailTemplatesEvent } from './email-templates.events';

const spec = DeciderSpecification.for(emailTemplatesDecider);
const admin: Actor = { kind: 'PERSON', personId: 'p-admin', hr: false };
const template = { subject: 'Due soon: <%= it.phaseName %>', text: 'Hello <%= it.recipientName %>', html: '<p>Hello <%= it.recipientName %></p>' };
const set = (kind: string, locale: string, t = template): EmailTemplatesCommand => ({ type: 'SetEmailTemplate', kind, locale, template: t, actor: admin });
const reset = (kind: string, locale: string): EmailTemplatesCommand => ({ type: 'ResetEmailTemplate', kind, locale, actor: admin });
const wasSet: EmailTemplatesEvent = { type: 'EmailTemplateSet', data: { kind: 'DEADLINE_REMINDER', locale: 'es-US', ...template, setBy: 'p-admin' } };

describe('email templates decider', () => {
  it('sets a template under its canonical locale, and not again when nothing changed', () => {
    spec.given([]).when(set('DEADLINE_REMINDER', 'es-us')).then([wasSet]);
    spec.given([wasSet]).when(set('DEADLINE_REMINDER', 'es-US')).thenNothingHappens();
    spec.given([wasSet]).when(set('DEADLINE_REMINDER', 'es-US', { ...template, subject: 'Pronto' })).then([{ ...wasSet, data: { ...wasSet.data, subject: 'Pronto' } }]);
  });

  it('refuses an unknown kind, a malformed locale and a template that does not compile, by path', () => {
    const error = spec.given([]).when(set('BIRTHDAY', 'not a locale!')).thenThrows<ValidationFailedError>(ValidationFailedError);
    expect(error.issues.map((i) => i.path)).toEqual(['kind', 'locale']);
    const broken = spec.given([]).when(set('REVIEW_FILED', 'en', { subject: '<% if (it.daysLeft) { %>Soon', text: '', html: '<p><%= it.secret %></p>' })).thenThrows<ValidationFailedError>(ValidationFailedError);
    expect(broken.issues).toEqual([
      { path: 'subject', message: expect.stringContaining('does not compile') },
      { path: 'text', message: 'must not be empty' },
      { path: 'html', message: expect.stringContaining('only <%= it.variable %>') },
    ]);
  });

  it('refuses a template that would run code', () => {
    spec.given([]).when(set('REVIEW_FILED', 'en', { ...template, html: '<% process.exit(1) %>' })).thenThrows(ValidationFailedError, (e) => e.message.includes('html: only'));
    spec.given([]).when(set('REVIEW_FILED', 'en', { ...template, text: '<%~ it.personName %>' })).thenThrows(ValidationFailedError, (e) => e.message.includes('text: only'));
  });

  it('resets a template to the shipped one; resetting one that was never set changes nothing', () => {
    spec.given([wasSet]).when(reset('DEADLINE_REMINDER', 'es-US')).then([{ type: 'EmailTemplateReset', data: { kind: 'DEADLINE_REMINDER', locale: 'es-US', resetBy: 'p-admin' } }]);
    spec.given([]).when(reset('DEADLINE_REMINDER', 'es-US')).thenNothingHappens();
    spec.given([]).when(reset('DEADLINE_REMINDER', '')).thenThrows(ValidationFailedError);
  });

  it('keeps one template per kind and locale', () => {
    const other: EmailTemplatesEvent = { type: 'EmailTemplateSet', data: { ...wasSet.data, locale: 'en' } };
    const state = fold(emailTemplatesDecider, [wasSet, other, { ...wasSet, data: { ...wasSet.data, subject: 'Nuevo' } }]);
    expect(state.overrides.map((o) => [o.locale, o.subject])).toEqual([
      ['en', template.subject],
      ['es-US', 'Nuevo'],
    ]);
  });
});
