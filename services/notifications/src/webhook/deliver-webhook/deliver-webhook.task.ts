import type { DataSource, EntityManager } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { newId, runCommand, type EventStore } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { addJob } from '../../jobs/job-queue';
import type { TaskFactory } from '../../notifications.config';
import { signingSecretIds, type WebhookEndpointState } from '../domain/webhook-endpoint.model';
import { webhookEndpointAggregate } from '../webhook-endpoint.stream';
import { DELIVER_WEBHOOK, deliveryJob, isDeliveryAttemptPayload, webhookIdOf, type DeliveryAttemptPayload } from './deliver-webhook.job';
import { nextAttemptDelay, parseRetryAfter, STANDARD_WEBHOOKS_RETRY_SCHEDULE } from './retry-schedule';
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

/** The delivery, its endpoint's URL and the secrets that sign it, when the attempt is still due and the endpoint enabled. */
const prepare = async (m: EntityManager, p: DeliveryAttemptPayload, now: Date): Promise<Prepared | null> => {
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
  return { endpointId: row.endpoint_id, url: row.url, payload: row.payload, secrets: ordered };
};

const disableGone = async (store: EventStore<EntityManager>, tenantId: string, endpointId: string): Promise<void> => {
  const context = { tenantId, actorId: 'system', correlationId: newId(), causationId: newId(), now: new Date() };
  await runCommand(store, context, (unit) => unit.decide(webhookEndpointAggregate, endpointId, { type: 'DisableWebhookEndpoint', endpointId, actor: { kind: 'SYSTEM' }, reason: 'GONE' }), {
    retryOnConflict: 3,
  });
};

interface Recording {
  readonly payload: DeliveryAttemptPayload;
  readonly attemptedAt: Date;
  readonly outcome: SendOutcome;
  readonly schedule: readonly number[];
}

/** Records the attempt and what follows it: delivered, cancelled (410), the next attempt queued, or dead. */
const record = async (m: EntityManager, { payload: p, attemptedAt, outcome, schedule }: Recording): Promise<void> => {
  const [due]: unknown[] = await m.query(`SELECT 1 FROM webhook_deliveries d WHERE d.tenant_id = $1 AND d.delivery_id = $2 AND ${DUE} FOR UPDATE`, [p.tenantId, p.deliveryId, p.sequence, p.attempt]);
  if (!due) return;
  await m.query(
    `INSERT INTO webhook_delivery_attempts (tenant_id, delivery_id, attempt, sequence, attempted_at, duration_ms, status_code, error)
     SELECT $1, $2, coalesce(max(attempt), 0) + 1, $3, $4, $5, $6, $7 FROM webhook_delivery_attempts WHERE tenant_id = $1 AND delivery_id = $2`,
    [p.tenantId, p.deliveryId, p.sequence, attemptedAt, outcome.durationMs, outcome.statusCode, outcome.error],
  );
  const now = new Date();
  let status = outcome.error === null ? 'DELIVERED' : outcome.statusCode === 410 ? 'CANCELLED' : 'PENDING';
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

const attempt = async (dataSource: DataSource, store: EventStore<EntityManager>, sender: WebhookSender, schedule: readonly number[], p: DeliveryAttemptPayload): Promise<void> => {
  const attemptedAt = new Date();
  const prepared = await withTenant(dataSource, p.tenantId, (m) => prepare(m, p, attemptedAt));
  if (!prepared) return;
  const outcome = await sender.send(prepared.url, signedHeaders(p.deliveryId, prepared.payload, prepared.secrets, attemptedAt), prepared.payload);
  // Disabled before the attempt is recorded: a crash in between leaves a delivery that the re-run job cancels.
  if (outcome.statusCode === 410) await disableGone(store, p.tenantId, prepared.endpointId);
  await withTenant(dataSource, p.tenantId, (m) => record(m, { payload: p, attemptedAt, outcome, schedule }));
};

/**
 * `deliver-webhook`: one attempt of one delivery. A failed attempt is recorded and the next one queued as a new job
 * at its time, and the task returns normally: the schedule is ours, not graphile's backoff. The send happens
 * outside any transaction; a worker that dies after sending sends again, which receivers absorb by webhook-id.
 */
export const webhookTasks: TaskFactory = ({ infrastructure, store, config }) => {
  const sender = webhookSender({ allowPrivateTargets: config.webhooks.allowPrivateTargets });
  const schedule = config.webhooks.retrySchedule ?? STANDARD_WEBHOOKS_RETRY_SCHEDULE;
  return {
    tasks: {
      [DELIVER_WEBHOOK]: async (payload) => {
        if (!isDeliveryAttemptPayload(payload)) throw new Error('deliver-webhook: the payload names no delivery attempt');
        await attempt(infrastructure.dataSource, store, sender, schedule, payload);
      },
    },
    close: async () => sender.close(),
  };
};
