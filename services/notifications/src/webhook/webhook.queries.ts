import type { EntityManager } from 'typeorm';
import { decodeTimeCursor, encodeTimeCursor } from '@growth/service-kit';
import { addJobs } from '../jobs/job-queue';
import { deliveryJob, webhookIdOf } from './deliver-webhook/deliver-webhook.job';
import { firstAttemptAt } from './deliver-webhook/retry-schedule';
import type { WebhookEndpointState } from './domain/webhook-endpoint.model';
import type { WebhookDeliveryPage, WebhookDeliveryView, WebhookEndpointView } from './webhook.graphql';

export const endpointViewOf = (state: WebhookEndpointState, version: number): WebhookEndpointView => ({
  id: state.endpointId,
  url: state.url,
  eventTypes: [...state.eventTypes],
  status: state.status,
  disabledReason: state.disabledReason,
  previousSecretValidUntil: state.previousSecret?.validUntil ?? null,
  version,
});

export const webhookEndpoints = async (m: EntityManager, tenantId: string, endpointId?: string): Promise<WebhookEndpointView[]> => {
  const rows: Array<{ state: WebhookEndpointState; version: number }> = await m.query(
    `SELECT state, version FROM webhook_endpoints WHERE tenant_id = $1 AND ($2::uuid IS NULL OR endpoint_id = $2) ORDER BY url, endpoint_id`,
    [tenantId, endpointId ?? null],
  );
  return rows.map((r) => endpointViewOf(r.state, r.version));
};

interface DeliveryRow {
  delivery_id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: string;
  sequence: number;
  next_attempt_at: Date | null;
  created_at: Date;
}


/** Attempts are read for the whole page in one query. */
const withAttempts = async (m: EntityManager, tenantId: string, rows: readonly DeliveryRow[]): Promise<WebhookDeliveryView[]> => {
  const attempts: Array<{ delivery_id: string; attempt: number; sequence: number; attempted_at: Date; duration_ms: number; status_code: number | null; error: string | null }> = await m.query(
    `SELECT delivery_id, attempt, sequence, attempted_at, duration_ms, status_code, error FROM webhook_delivery_attempts
     WHERE tenant_id = $1 AND delivery_id = ANY($2::uuid[]) ORDER BY delivery_id, attempt`,
    [tenantId, rows.map((r) => r.delivery_id)],
  );
  return rows.map((r) => ({
    id: r.delivery_id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type,
    webhookId: webhookIdOf(r.delivery_id),
    status: r.status,
    sequence: r.sequence,
    nextAttemptAt: r.next_attempt_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    attempts: attempts
      .filter((a) => a.delivery_id === r.delivery_id)
      .map((a) => ({ attempt: a.attempt, sequence: a.sequence, attemptedAt: a.attempted_at.toISOString(), durationMs: a.duration_ms, statusCode: a.status_code, error: a.error })),
  }));
};

const COLUMNS = `delivery_id, endpoint_id, event_id, event_type, status, sequence, next_attempt_at, created_at`;

/** An endpoint's deliveries, newest first (then by id), optionally of one status; the cursor is the last row's key. */
export const pageOfDeliveries = async (
  m: EntityManager,
  tenantId: string,
  { endpointId, status, first, after }: { endpointId: string; status: string | null; first: number; after: string | null },
): Promise<WebhookDeliveryPage> => {
  const key = after ? decodeTimeCursor(after) : null;
  const rows: DeliveryRow[] = await m.query(
    `SELECT ${COLUMNS} FROM webhook_deliveries
     WHERE tenant_id = $1 AND endpoint_id = $2 AND ($3::text IS NULL OR status = $3)
       AND ($4::timestamptz IS NULL OR (created_at, delivery_id) < ($4::timestamptz, $5::uuid))
     ORDER BY created_at DESC, delivery_id DESC LIMIT $6`,
    [tenantId, endpointId, status, key?.at ?? null, key?.id ?? null, first + 1],
  );
  const items = rows.slice(0, first);
  return { items: await withAttempts(m, tenantId, items), endCursor: items.length ? encodeTimeCursor(items[items.length - 1].created_at, items[items.length - 1].delivery_id) : null, hasNextPage: rows.length > first };
};

export const deliveryById = async (m: EntityManager, tenantId: string, deliveryId: string): Promise<WebhookDeliveryView | null> => {
  const rows: DeliveryRow[] = await m.query(`SELECT ${COLUMNS} FROM webhook_deliveries WHERE tenant_id = $1 AND delivery_id = $2`, [tenantId, deliveryId]);
  return rows.length ? (await withAttempts(m, tenantId, rows))[0] : null;
};

/**
 * A PENDING delivery whose attempt is this long overdue is stuck (its job gave up, e.g. after a long database
 * outage) and may be replayed like a dead one; a job that still runs later finds its attempt no longer due.
 */
export const STUCK_AFTER_MS = 60 * 60 * 1000;

/**
 * Starts a new attempt sequence for dead or stuck deliveries of an enabled endpoint (one, or all of the endpoint's):
 * the same webhook-id, the schedule from its first step. Returns the ids replayed.
 */
export const replayDeliveries = async (
  m: EntityManager,
  tenantId: string,
  filter: { endpointId: string } | { deliveryId: string },
  { now, schedule }: { now: Date; schedule: readonly number[] },
): Promise<string[]> => {
  const byEndpoint = 'endpointId' in filter;
  const firstAt = firstAttemptAt(schedule, now);
  // An UPDATE … RETURNING answers [rows, count] through TypeORM.
  const [rows]: [Array<{ delivery_id: string; sequence: number }>, number] = await m.query(
    `UPDATE webhook_deliveries d SET status = 'PENDING', sequence = d.sequence + 1, attempts = 0, next_attempt_at = $4, updated_at = $3
     FROM webhook_endpoints e
     WHERE d.tenant_id = $1 AND ${byEndpoint ? 'd.endpoint_id' : 'd.delivery_id'} = $2
       AND (d.status = 'DEAD' OR (d.status = 'PENDING' AND d.next_attempt_at < $5))
       AND e.tenant_id = d.tenant_id AND e.endpoint_id = d.endpoint_id AND e.status = 'ENABLED'
     RETURNING d.delivery_id, d.sequence`,
    [tenantId, byEndpoint ? filter.endpointId : filter.deliveryId, now, firstAt, new Date(now.getTime() - STUCK_AFTER_MS)],
  );
  await addJobs(m, rows.map((r) => deliveryJob({ tenantId, deliveryId: r.delivery_id, sequence: r.sequence, attempt: 1 }, firstAt)));
  return rows.map((r) => r.delivery_id);
};
