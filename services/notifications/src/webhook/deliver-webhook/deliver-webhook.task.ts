import type { DataSource, EntityManager } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { newId, runCommand, type EventStore } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { addJob } from '../../jobs/job-queue';
import type { TaskFactory } from '../../notifications.config';
import { signingSecretIds, type WebhookEndpointState } from '../domain/webhook-endpoint.model';
import { webhookEndpointAggregate } from '../webhook-endpoint.stream';
import { DELIVER_WEBHOOK, deliveryJob, isDeliveryAttemptPayload, webhookIdOf, type DeliveryAttemptPayload } from './deliver-webhook.job';
import { nextAttemptDelay, parseRetryAfter, retryScheduleOf } from './retry-schedule';
import { webhookSender, type SendOutcome, type WebhookSender } from './send-webhook';

interface Prepared {
  readonly endpointId: string;
  readonly url: string;
  readonly payload: string;
  readonly secrets: readonly string[];
}

/** Standard Webhooks headers; during a rotation's grace period the signature header lists one `v1,…` per secret. */
export const signedHeaders = (deliveryId: string, payload: string, secrets: readonly string[], at: Date): Record<string, string> => {
  const id = webhookIdOf(deliveryId);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, at, payload)).join(' '),
  };
};

// The attempt a job stands for is still due: a job run twice (a worker died after sending) finds it done and stops.
const DUE = `d.status = 'PENDING' AND d.sequence = $3 AND d.attempts = $4 - 1`;

/** What the log says of a delivery that was not sent unsigned; rotating the secret and replaying sends it. */
export const NO_SIGNING_SECRET = 'not sent: the endpoint has no signing secret (rotate it, then replay)';

interface Recording {
  readonly payload: DeliveryAttemptPayload;
  readonly attemptedAt: Date;
  readonly outcome: SendOutcome;
  readonly schedule: readonly number[];
  /** No retry can succeed: the delivery is DEAD at once. */
  readonly final?: boolean;
}

/** Records the attempt and what follows it: delivered, cancelled (410), the next attempt queued, or dead. */
const record = async (m: EntityManager, { payload: p, attemptedAt, outcome, schedule, final = false }: Recording): Promise<void> => {
  const [due]: unknown[] = await m.query(`SELECT 1 FROM webhook_deliveries d WHERE d.tenant_id = $1 AND d.delivery_id = $2 AND ${DUE} FOR UPDATE`, [p.tenantId, p.deliveryId, p.sequence, p.attempt]);
  if (!due) return;
  await m.query(
    `INSERT INTO webhook_delivery_attempts (tenant_id, delivery_id, attempt, sequence, attempted_at, duration_ms, status_code, error)
     SELECT $1, $2, coalesce(max(attempt), 0) + 1, $3, $4, $5, $6, $7 FROM webhook_delivery_attempts WHERE tenant_id = $1 AND delivery_id = $2`,
    [p.tenantId, p.deliveryId, p.sequence, attemptedAt, outcome.durationMs, outcome.statusCode, outcome.error],
  );
  const now = new Date();
  let status = outcome.error === null ? 'DELIVERED' : outcome.statusCode === 410 ? 'CANCELLED' : final ? 'DEAD' : 'PENDING';
  let nextAt: Date | null = null;
  if (status === 'PENDING') {
    const delay = nextAttemptDelay({ schedule, attemptsMade: p.attempt, retryAfterMs: parseRetryAfter(outcome.retryAfter, now), random: Math.random() });
    if (delay === null) status = 'DEAD';
    else {
      nextAt = new Date(now.getTime() + delay);
      await addJob(m, deliveryJob({ ...p, attempt: p.attempt + 1 }, nextAt));
    }
  }
  await m.query(`UPDATE webhook_deliveries SET status = $3, attempts = $4, next_attempt_at = $5, updated_at = $6 WHERE tenant_id = $1 AND delivery_id = $2`, [
    p.tenantId,
    p.deliveryId,
    status,
    p.attempt,
    nextAt,
    now,
  ]);
};

/**
 * The delivery, its endpoint's URL and the secrets that sign it, when the attempt is still due and the endpoint
 * enabled. A delivery with no secret to sign it is never sent: the attempt is recorded as failed, and it is DEAD.
 */
const prepare = async (m: EntityManager, p: DeliveryAttemptPayload, now: Date, schedule: readonly number[]): Promise<Prepared | null> => {
  const [row]: Array<{ endpoint_id: string; payload: string; url: string; endpoint_status: string; state: WebhookEndpointState }> = await m.query(
    `SELECT d.endpoint_id, d.payload, e.url, e.status AS endpoint_status, e.state FROM webhook_deliveries d
     JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.endpoint_id = d.endpoint_id
     WHERE d.tenant_id = $1 AND d.delivery_id = $2 AND ${DUE} FOR UPDATE OF d`,
    [p.tenantId, p.deliveryId, p.sequence, p.attempt],
  );
  if (!row) return null;
  if (row.endpoint_status !== 'ENABLED') {
    // Disabled (by an admin, or after a 410) since the delivery was queued: nothing more is sent to it.
    await m.query(`UPDATE webhook_deliveries SET status = 'CANCELLED', next_attempt_at = NULL, updated_at = $3 WHERE tenant_id = $1 AND delivery_id = $2`, [p.tenantId, p.deliveryId, now]);
    return null;
  }
  const ids = signingSecretIds(row.state, now);
  const secrets: Array<{ secret_id: string; secret: string }> = await m.query(`SELECT secret_id, secret FROM webhook_secrets WHERE tenant_id = $1 AND endpoint_id = $2 AND secret_id = ANY($3::uuid[])`, [
    p.tenantId,
    row.endpoint_id,
    ids,
  ]);
  const ordered = ids.map((id) => secrets.find((s) => s.secret_id === id)?.secret).filter((s): s is string => !!s);
  if (ordered.length === 0) {
    await record(m, { payload: p, attemptedAt: now, outcome: { statusCode: null, retryAfter: null, error: NO_SIGNING_SECRET, durationMs: 0 }, schedule, final: true });
    return null;
  }
  return { endpointId: row.endpoint_id, url: row.url, payload: row.payload, secrets: ordered };
};

/**
 * A 410: the endpoint is disabled and the attempt recorded in one unit, so neither commits without the other. A
 * conflict (another delivery's 410, an admin's change) runs the unit again on the endpoint's fresh state.
 */
const recordGone = async (store: EventStore<EntityManager>, endpointId: string, recording: Recording): Promise<void> => {
  const { tenantId } = recording.payload;
  const context = { tenantId, actorId: 'system', correlationId: newId(), causationId: newId(), now: new Date() };
  await runCommand(
    store,
    context,
    async (unit) => {
      await unit.decide(webhookEndpointAggregate, endpointId, { type: 'DisableWebhookEndpoint', endpointId, actor: { kind: 'SYSTEM' }, reason: 'GONE' });
      await record(unit.transaction, recording);
    },
    { retryOnConflict: 10 },
  );
};

const attempt = async (dataSource: DataSource, store: EventStore<EntityManager>, sender: WebhookSender, schedule: readonly number[], p: DeliveryAttemptPayload): Promise<void> => {
  const attemptedAt = new Date();
  const prepared = await withTenant(dataSource, p.tenantId, (m) => prepare(m, p, attemptedAt, schedule));
  if (!prepared) return;
  const outcome = await sender.send(prepared.url, signedHeaders(p.deliveryId, prepared.payload, prepared.secrets, attemptedAt), prepared.payload);
  const recording = { payload: p, attemptedAt, outcome, schedule };
  if (outcome.statusCode === 410) await recordGone(store, prepared.endpointId, recording);
  else await withTenant(dataSource, p.tenantId, (m) => record(m, recording));
};

/**
 * `deliver-webhook`: one attempt of one delivery. A failed attempt is recorded and the next one queued as a new job
 * at its time, and the task returns normally: the schedule is ours, not graphile's backoff. The send happens
 * outside any transaction; a worker that dies after sending sends again, which receivers absorb by webhook-id.
 */
export const webhookTasks: TaskFactory = ({ infrastructure, store, config }) => {
  const sender = webhookSender({ allowPrivateTargets: config.webhooks.allowPrivateTargets });
  const schedule = retryScheduleOf(config.webhooks);
  return {
    tasks: {
      [DELIVER_WEBHOOK]: async (payload, helpers) => {
        // A malformed payload would fail the same way on every retry.
        if (!isDeliveryAttemptPayload(payload)) {
          helpers.logger.error(`${DELIVER_WEBHOOK}: the payload names no delivery attempt; dropped`);
          return;
        }
        await attempt(infrastructure.dataSource, store, sender, schedule, payload);
      },
    },
    close: async () => sender.close(),
  };
};
