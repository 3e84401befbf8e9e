import { createTransport, type Transporter } from 'nodemailer';
import type { JobHelpers, Task } from 'graphile-worker';
import type { EntityManager } from 'typeorm';
import { isUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import type { NotificationData, NotificationKind } from '../../delivery/notification';
import type { JobSpec } from '../../jobs/job-queue';
import type { TaskContext, TaskFactory } from '../../notifications.config';
import { loadEmailTemplates } from '../email-templates.stream';
import { chooseTemplate, renderEmail, templateVariables, type RenderedEmail } from '../rendering/email-template';

export const DELIVER_EMAIL_TASK = 'deliver-email';
const DEFAULT_MAX_ATTEMPTS = 10;
/** graphile's own limit per job, the most `email.maxAttempts` can ask for: the configured number decides FAILED. */
export const EMAIL_JOB_MAX_ATTEMPTS = 25;
/** SMTP runs while the send's row is locked: a server that stalls must not hold it for nodemailer's default 10 min. */
export const SMTP_TIMEOUT_MS = 30_000;

/** The job that sends one `notification_sends` row of channel EMAIL; queue it in the transaction that wrote the row. */
export const deliverEmailJob = (tenantId: string, sendId: string): JobSpec => ({ task: DELIVER_EMAIL_TASK, payload: { tenantId, sendId }, maxAttempts: EMAIL_JOB_MAX_ATTEMPTS });

interface SendRow {
  kind: NotificationKind;
  address: string | null;
  locale: string;
  data: NotificationData;
  status: string;
  attempts: number;
}

type Outcome = { readonly status: 'SENT' | 'FAILED' | 'SKIPPED' | 'PENDING'; readonly detail: string | null };

/** The same send always has the same Message-ID, so a receiving system can drop the repeat of a crash between send and record. */
export const messageIdOf = (sendId: string, from: string): string => `<${sendId}@${/@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'notifications.invalid'}>`;

interface SmtpError {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

/** A recipient or message the server refused for good (5xx); connection, authentication and 4xx errors may pass. */
const isPermanent = (error: SmtpError): boolean =>
  (error.code === 'EENVELOPE' || error.code === 'EMESSAGE') && typeof error.responseCode === 'number' && error.responseCode >= 500 && error.responseCode < 600;

const errorText = (error: SmtpError): string => String(error.response ?? error.message ?? error).slice(0, 1000);

const record = async (manager: EntityManager, tenantId: string, sendId: string, attempt: number, outcome: Outcome): Promise<void> => {
  const now = new Date();
  await manager.query(`UPDATE notification_sends SET status = $3, attempts = $4, last_error = $5, updated_at = $6 WHERE tenant_id = $1 AND send_id = $2`, [
    tenantId,
    sendId,
    outcome.status,
    attempt,
    outcome.status === 'SENT' ? null : outcome.detail,
    now,
  ]);
  await manager.query(`INSERT INTO notification_send_attempts (tenant_id, send_id, attempt, attempted_at, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6)`, [
    tenantId,
    sendId,
    attempt,
    now,
    outcome.status === 'PENDING' ? 'FAILED' : outcome.status,
    outcome.detail,
  ]);
};

/** The email of a send, or why its template cannot render (a tenant template the current rules no longer accept). */
const render = async (m: EntityManager, tenantId: string, send: SendRow): Promise<RenderedEmail | { readonly error: string }> => {
  const { state } = await loadEmailTemplates(m, tenantId);
  const chosen = chooseTemplate(send.kind, send.locale, state.overrides);
  try {
    return renderEmail(chosen.template, templateVariables(send.data, send.locale));
  } catch (caught) {
    const source = chosen.source === 'TENANT' ? "the tenant's" : 'the shipped';
    return { error: `not sent: ${source} ${send.kind} template for ${chosen.locale} cannot be rendered: ${String((caught as Error).message ?? caught).slice(0, 500)}` };
  }
};

/**
 * Sends one email, at most once per PENDING row: the row is locked while it is sent, and a job that finds it no
 * longer PENDING (a re-run, a duplicate job) does nothing. An SMTP failure is recorded and thrown so the queue
 * retries with backoff; a permanent refusal, the last attempt, or a template that cannot render marks the send
 * FAILED instead.
 */
const deliver =
  ({ infrastructure, config }: TaskContext, transport: Transporter | null): Task =>
  async (payload: unknown, helpers: JobHelpers) => {
    const { tenantId, sendId } = (payload ?? {}) as { tenantId?: unknown; sendId?: unknown };
    // A malformed payload would fail the same way on every retry.
    if (typeof tenantId !== 'string' || typeof sendId !== 'string' || !isUuid(sendId)) {
      helpers.logger.error(`${DELIVER_EMAIL_TASK}: payload without a tenantId and a UUID sendId; dropped`);
      return;
    }
    // The job's own limit only matters for jobs queued with a lower one, or a configured number above it.
    const lastAttempt = helpers.job.attempts >= Math.min(helpers.job.max_attempts, config.email.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const retry = await withTenant(infrastructure.dataSource, tenantId, async (m): Promise<Error | null> => {
      const [send]: SendRow[] = await m.query(
        `SELECT kind, address, locale, data, status, attempts FROM notification_sends WHERE tenant_id = $1 AND send_id = $2 AND channel = 'EMAIL' FOR UPDATE`,
        [tenantId, sendId],
      );
      if (!send || send.status !== 'PENDING') return null;
      const attempt = send.attempts + 1;
      if (!transport) return record(m, tenantId, sendId, attempt, { status: 'SKIPPED', detail: 'email is not configured (no SMTP_URL)' }).then(() => null);
      if (!send.address) return record(m, tenantId, sendId, attempt, { status: 'SKIPPED', detail: 'the recipient has no email address' }).then(() => null);
      const email = await render(m, tenantId, send);
      // Not an SMTP failure: no retry renders it differently until the template is fixed or reset.
      if ('error' in email) return record(m, tenantId, sendId, attempt, { status: 'FAILED', detail: email.error }).then(() => null);
      try {
        await transport.sendMail({
          from: config.email.from,
          to: send.address,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: messageIdOf(sendId, config.email.from),
          // RFC 3834: out-of-office replies are not sent back to an automatic message.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        await record(m, tenantId, sendId, attempt, { status: 'SENT', detail: null });
        return null;
      } catch (caught) {
        const error = caught as SmtpError;
        const final = lastAttempt || isPermanent(error);
        await record(m, tenantId, sendId, attempt, { status: final ? 'FAILED' : 'PENDING', detail: errorText(error) });
        return final ? null : new Error(`Email ${sendId} not sent (attempt ${attempt}): ${errorText(error)}`);
      }
    });
    if (retry) throw retry;
  };

/** The `deliver-email` task over one pooled SMTP connection set, closed at shutdown. */
export const deliverEmailTasks: TaskFactory = (context) => {
  const { smtpUrl } = context.config.email;
  const transport = smtpUrl
    ? createTransport({ url: smtpUrl, pool: true, connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS })
    : null;
  return {
    tasks: { [DELIVER_EMAIL_TASK]: deliver(context, transport) },
    close: async () => transport?.close(),
  };
};
