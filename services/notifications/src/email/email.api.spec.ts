import { randomUUID } from 'node:crypto';
import { withTenant } from '@growth/es-postgres';
import { callsAs, dataOf, startServiceFixture, type ServiceFixture } from '@growth/service-testing';
import { eventually } from '@growth/testing';
import type { NotificationData, NotificationKind } from '../delivery/notification';
import { addJob } from '../jobs/job-queue';
import { startNotificationsService } from '../notifications.service';
import { deliverEmailJob } from './deliver-email/deliver-email.task';
import { startSmtpTestServer, type SmtpTestServer } from './smtp-test-server';

const TENANT = 'district';
// Responses are checked field by field below; typing every query's shape would only repeat the queries.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

interface Email {
  readonly address: string | null;
  readonly locale: string;
  readonly kind: NotificationKind;
  readonly data: NotificationData;
}

const reminder = (overrides: Partial<NotificationData> = {}): NotificationData => ({
  recipientName: "Pat O'Brien & Sons",
  personId: randomUUID(),
  personName: '<script>alert(1)</script>',
  reviewId: randomUUID(),
  cycleName: '2026-27',
  phase: 'GOAL_SETTING',
  dueOn: '2026-10-15',
  daysLeft: 3,
  ...overrides,
});

describe('email through the notifications service', () => {
  let smtp: SmtpTestServer;
  let fixture: ServiceFixture;
  const dataSource = () => fixture.service.infrastructure.dataSource;
  const as = (roles: string[], actorId = randomUUID()) => callsAs(() => fixture, TENANT)(actorId, roles);
  const ok = dataOf;

  /** What the send pipeline does: the PENDING row and its job, in one transaction. */
  const queueEmail = async (email: Email, jobKey?: string): Promise<string> => {
    const sendId = randomUUID();
    await withTenant(dataSource(), TENANT, async (m) => {
      await m.query(
        `INSERT INTO notification_sends (tenant_id, send_id, subject, reminder, channel, recipient, kind, address, locale, data, status, created_at, updated_at)
         VALUES ($1, $2, $3, 'test', 'EMAIL', $4, $5, $6, $7, $8, 'PENDING', now(), now())`,
        [TENANT, sendId, `review-${randomUUID()}`, email.data.personId ?? 'hr', email.kind, email.address, email.locale, JSON.stringify(email.data)],
      );
      await addJob(m, { ...deliverEmailJob(TENANT, sendId), jobKey });
    });
    return sendId;
  };
  const sendOf = async (sendId: string): Promise<Data> => {
    const [send]: Data[] = await withTenant(dataSource(), TENANT, (m) => m.query(`SELECT status, attempts, last_error FROM notification_sends WHERE tenant_id = $1 AND send_id = $2`, [TENANT, sendId]));
    const attempts: Data[] = await withTenant(dataSource(), TENANT, (m) =>
      m.query(`SELECT attempt, outcome, detail FROM notification_send_attempts WHERE tenant_id = $1 AND send_id = $2 ORDER BY attempt`, [TENANT, sendId]),
    );
    return { ...send, history: attempts };
  };
  const settled = (sendId: string) =>
    eventually(async () => {
      const send = await sendOf(sendId);
      expect(send.status).not.toBe('PENDING');
      return send;
    });
  const received = (sendId: string) => smtp.messages.filter((m) => m.messageId === `<${sendId}@district.example>`);

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    fixture = await startServiceFixture((options) =>
      startNotificationsService({
        ...options,
        notifications: { email: { smtpUrl: smtp.url, from: 'Staff Reviews <no-reply@district.example>', maxAttempts: 2 }, jobs: { pollIntervalMs: 100 } },
      }),
    );
  });
  afterAll(async () => {
    await fixture?.close();
    await smtp?.close();
  });

  it("sends each email in the recipient's language, names escaped in the HTML and verbatim in the text", async () => {
    const [en, es] = await Promise.all([
      queueEmail({ address: 'pat@district.example', locale: 'en-US', kind: 'DEADLINE_REMINDER', data: reminder() }),
      queueEmail({ address: 'ana@district.example', locale: 'es-US', kind: 'DEADLINE_REMINDER', data: reminder({ recipientName: 'Ana Núñez', daysLeft: 0 }) }),
    ]);
    expect(await settled(en)).toMatchObject({ status: 'SENT', attempts: 1, last_error: null, history: [{ attempt: 1, outcome: 'SENT', detail: null }] });
    expect((await settled(es)).status).toBe('SENT');

    const [english] = received(en);
    expect(received(en)).toHaveLength(1);
    expect(english.envelope.to).toEqual(['pat@district.example']);
    expect(english.from?.value).toEqual([{ address: 'no-reply@district.example', name: 'Staff Reviews' }]);
    expect(english.headers.get('auto-submitted')).toBe('auto-generated');
    expect(english.subject).toBe('Due in 3 days: goal-setting meeting for <script>alert(1)</script>');
    expect(english.text).toContain("Hello Pat O'Brien & Sons,");
    expect(english.text).toContain('The goal-setting meeting for <script>alert(1)</script> in the 2026-27 cycle is due in 3 days (October 15, 2026).');
    expect(english.html).toContain('<p>Hello Pat O&#39;Brien &amp; Sons,</p>');
    expect(english.html).toContain('for &lt;script&gt;alert(1)&lt;/script&gt; in the 2026-27 cycle');
    expect(english.html).not.toContain('<script>');

    const [spanish] = received(es);
    expect(spanish.envelope.to).toEqual(['ana@district.example']);
    expect(spanish.subject).toBe('Vence hoy: reunión de establecimiento de metas de <script>alert(1)</script>');
    expect(spanish.text).toContain('Hola, Ana Núñez:');
    expect(spanish.text).toContain('vence hoy (15 de octubre de 2026)');
    expect(spanish.html).toContain('<html lang="es">');
  });

  it('sends nothing more when the job runs again for an email already sent', async () => {
    const sendId = await queueEmail({ address: 'lee@district.example', locale: 'en', kind: 'REVIEW_FILED', data: reminder() });
    expect((await settled(sendId)).status).toBe('SENT');
    await withTenant(dataSource(), TENANT, (m) => addJob(m, { ...deliverEmailJob(TENANT, sendId), jobKey: `again-${sendId}` }));
    await eventually(async () => {
      const [{ waiting }]: Data[] = await dataSource().query(`SELECT count(*)::int AS waiting FROM graphile_worker.jobs WHERE key = $1`, [`again-${sendId}`]);
      expect(waiting).toBe(0);
    });
    expect(received(sendId)).toHaveLength(1);
    expect(await sendOf(sendId)).toMatchObject({ status: 'SENT', attempts: 1, history: [{ attempt: 1, outcome: 'SENT' }] });
  });

  it('marks a send FAILED at once when the server refuses the recipient, and after the last try when it only defers', async () => {
    smtp.rejectRecipient('gone@district.example', 550);
    smtp.rejectRecipient('busy@district.example', 451);
    const [gone, busy] = await Promise.all([
      queueEmail({ address: 'gone@district.example', locale: 'en', kind: 'SIGNATURE_AWAITED', data: reminder() }),
      queueEmail({ address: 'busy@district.example', locale: 'en', kind: 'SIGNATURE_AWAITED', data: reminder() }),
    ]);
    const refused = await settled(gone);
    expect(refused).toMatchObject({ status: 'FAILED', attempts: 1, history: [{ attempt: 1, outcome: 'FAILED' }] });
    expect(refused.last_error).toContain('550');
    // Two tries (the configured maximum), the second after graphile-worker's first backoff of a few seconds.
    const deferred = await eventually(
      async () => {
        const send = await sendOf(busy);
        expect(send.status).toBe('FAILED');
        return send;
      },
      { timeoutMs: 30_000 },
    );
    expect(deferred).toMatchObject({ attempts: 2, history: [{ attempt: 1, outcome: 'FAILED' }, { attempt: 2, outcome: 'FAILED' }] });
    expect(deferred.history.map((a: Data) => a.detail)).toEqual([expect.stringContaining('451'), expect.stringContaining('451')]);
    expect([...received(gone), ...received(busy)]).toEqual([]);
  }, 40_000);

  it('skips a send whose recipient has no email address, with the reason', async () => {
    const sendId = await queueEmail({ address: null, locale: 'en', kind: 'REVIEW_REOPENED', data: reminder() });
    expect(await settled(sendId)).toMatchObject({ status: 'SKIPPED', last_error: 'the recipient has no email address', history: [{ attempt: 1, outcome: 'SKIPPED' }] });
  });

  it("marks a send FAILED at once, saying why, when its tenant template cannot be rendered, and sends nothing", async () => {
    // A template stored before the allowed tags were narrowed: setting it now is refused, so it is written as stored.
    const tenant = `district-${randomUUID()}`;
    const broken = { kind: 'REVIEW_FILED', locale: 'fr', subject: 'Évaluation déposée', text: '<%= it.personName %>', html: '<p><% it.personName.toUpperCase() %></p>', setBy: 'admin' };
    const sendId = randomUUID();
    await withTenant(dataSource(), tenant, async (m) => {
      await m.query(`INSERT INTO email_templates (tenant_id, state, version) VALUES ($1, $2, 0)`, [tenant, JSON.stringify({ overrides: [broken] })]);
      await m.query(
        `INSERT INTO notification_sends (tenant_id, send_id, subject, reminder, channel, recipient, kind, address, locale, data, status, created_at, updated_at)
         VALUES ($1, $2, 'review', 'test', 'EMAIL', 'p', 'REVIEW_FILED', 'marie@district.example', 'fr-FR', $3, 'PENDING', now(), now())`,
        [tenant, sendId, JSON.stringify(reminder())],
      );
      await addJob(m, deliverEmailJob(tenant, sendId));
    });
    const send = await eventually(async () => {
      const [row]: Data[] = await withTenant(dataSource(), tenant, (m) => m.query(`SELECT status, attempts, last_error FROM notification_sends WHERE tenant_id = $1 AND send_id = $2`, [tenant, sendId]));
      expect(row.status).not.toBe('PENDING');
      return row;
    });
    expect(send).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(send.last_error).toMatch(/^not sent: the tenant's REVIEW_FILED template for fr cannot be rendered: Unsupported template tag <% it\.personName/);
    expect(smtp.messages.filter((m) => m.messageId === `<${sendId}@district.example>`)).toEqual([]);
  });

  describe("the tenant's own templates", () => {
    const admin = randomUUID();
    const asAdmin = as(['tenant_admin'], admin);
    const SET = `mutation($input: SetEmailTemplateInput!) { setEmailTemplate(input: $input) { version } }`;
    const RESET = `mutation($input: ResetEmailTemplateInput!) { resetEmailTemplate(input: $input) { version } }`;
    const PREVIEW = `query($kind: String!, $locale: String!) { previewEmail(kind: $kind, locale: $locale) { subject text html locale source } }`;
    const TEMPLATES = `{ emailTemplates { version variables templates { kind locale source subject setBy } } }`;
    const own = {
      kind: 'SIGNATURE_AWAITED',
      locale: 'es-us',
      subject: 'Firma pendiente: <%= it.personName %>',
      text: 'Hola <%= it.recipientName %>, firme la evaluación de <%= it.personName %>.',
      html: '<p>Hola <%= it.recipientName %>, firme la evaluación de <b><%= it.personName %></b>.</p>',
    };

    it('are managed by tenant admins and HR only, and checked before anything is written', async () => {
      expect((await as(['employee'])(TEMPLATES)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await as(['analyst'])(SET, { input: own })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const refused = await asAdmin(SET, { input: { ...own, html: '<p><% process.exit(1) %></p>', subject: '<% if (it.daysLeft) { %>' } });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'subject' }, { path: 'html' }] });
      const { emailTemplates } = await ok(as(['hr'])(TEMPLATES));
      expect(emailTemplates.version).toBeNull();
      expect(emailTemplates.templates.filter((t: Data) => t.source === 'TENANT')).toEqual([]);
      expect(emailTemplates.templates).toHaveLength(16);
      expect(emailTemplates.variables).toContain('recipientName');
    });

    it('are used for sends in their locale, previewed with sample data, and reset to the shipped ones', async () => {
      expect((await ok(asAdmin(SET, { input: own }))).setEmailTemplate.version).toBe(0);
      const { emailTemplates } = await ok(asAdmin(TEMPLATES));
      expect(emailTemplates.templates.filter((t: Data) => t.source === 'TENANT')).toEqual([{ kind: 'SIGNATURE_AWAITED', locale: 'es-US', source: 'TENANT', subject: own.subject, setBy: admin }]);
      expect((await ok(asAdmin(PREVIEW, { kind: 'SIGNATURE_AWAITED', locale: 'es-US' }))).previewEmail).toEqual({
        subject: 'Firma pendiente: Sam Lee & <Co>',
        text: "Hola Dana O'Brien, firme la evaluación de Sam Lee & <Co>.",
        html: '<p>Hola Dana O&#39;Brien, firme la evaluación de <b>Sam Lee &amp; &lt;Co&gt;</b>.</p>',
        locale: 'es-US',
        source: 'TENANT',
      });

      const [mine, shipped] = await Promise.all([
        queueEmail({ address: 'rosa@district.example', locale: 'es-US', kind: 'SIGNATURE_AWAITED', data: reminder({ recipientName: 'Rosa', personName: 'Luis & Co' }) }),
        queueEmail({ address: 'rosa@district.example', locale: 'es-MX', kind: 'SIGNATURE_AWAITED', data: reminder({ recipientName: 'Rosa', personName: 'Luis & Co' }) }),
      ]);
      expect((await settled(mine)).status).toBe('SENT');
      expect((await settled(shipped)).status).toBe('SENT');
      expect(received(mine).map((m) => [m.subject, m.text, m.html])).toEqual([
        ['Firma pendiente: Luis & Co', 'Hola Rosa, firme la evaluación de Luis & Co.', '<p>Hola Rosa, firme la evaluación de <b>Luis &amp; Co</b>.</p>'],
      ]);
      expect(received(shipped).map((m) => m.subject)).toEqual(['Se necesita su firma: evaluación de Luis & Co']);

      expect((await ok(asAdmin(RESET, { input: { kind: 'SIGNATURE_AWAITED', locale: 'es-US', expectedVersion: 0 } }))).resetEmailTemplate.version).toBe(1);
      expect((await ok(asAdmin(PREVIEW, { kind: 'SIGNATURE_AWAITED', locale: 'es-US' }))).previewEmail).toMatchObject({
        subject: 'Se necesita su firma: evaluación de Sam Lee & <Co>',
        locale: 'es',
        source: 'DEFAULT',
      });
      expect((await asAdmin(RESET, { input: { kind: 'SIGNATURE_AWAITED', locale: 'es-US', expectedVersion: 0 } })).errors?.[0].extensions?.code).toBe('CONCURRENCY_CONFLICT');
    });
  });
});

describe('email without an SMTP server configured', () => {
  let fixture: ServiceFixture;
  beforeAll(async () => {
    fixture = await startServiceFixture((options) => startNotificationsService({ ...options, notifications: { jobs: { pollIntervalMs: 100 } } }));
  });
  afterAll(async () => fixture?.close());

  it('marks each email send SKIPPED with the reason', async () => {
    const sendId = randomUUID();
    const dataSource = fixture.service.infrastructure.dataSource;
    await withTenant(dataSource, TENANT, async (m) => {
      await m.query(
        `INSERT INTO notification_sends (tenant_id, send_id, subject, reminder, channel, recipient, kind, address, locale, data, status, created_at, updated_at)
         VALUES ($1, $2, 'review', 'test', 'EMAIL', 'p', 'REVIEW_FILED', 'pat@district.example', 'en', $3, 'PENDING', now(), now())`,
        [TENANT, sendId, JSON.stringify(reminder())],
      );
      await addJob(m, deliverEmailJob(TENANT, sendId));
    });
    await eventually(async () => {
      const [send]: Data[] = await withTenant(dataSource, TENANT, (m) => m.query(`SELECT status, last_error FROM notification_sends WHERE tenant_id = $1 AND send_id = $2`, [TENANT, sendId]));
      expect(send).toEqual({ status: 'SKIPPED', last_error: 'email is not configured (no SMTP_URL)' });
    });
  });
});
