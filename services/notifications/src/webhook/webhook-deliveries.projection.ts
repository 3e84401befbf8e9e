import type { AsyncProjection } from '@growth/messaging';
import { addJobs } from '../jobs/job-queue';
import type { NotificationsConfig } from '../notifications.config';
import { WEBHOOK_TOPICS } from './domain/webhook-endpoint.model';
import { deliveryJob } from './deliver-webhook/deliver-webhook.job';
import { firstAttemptAt, retryScheduleOf } from './deliver-webhook/retry-schedule';

/**
 * One delivery per enabled endpoint that chose the event's type, and the job that sends it, in the consumer's
 * transaction. The payload is the public event exactly as published (`WEBHOOK_TOPICS` says what it carries) and
 * the delivery id, unique per endpoint and event, is the webhook-id receivers de-duplicate on. A delivery that
 * exists already (the event delivered twice) is left alone, and no second job is queued. The first attempt waits
 * the schedule's first step (0 by default).
 */
export const webhookDeliveriesProjection = (_dataSource: unknown, _store: unknown, config: NotificationsConfig): AsyncProjection => ({
  name: 'notifications.webhooks',
  topics: Object.keys(WEBHOOK_TOPICS),
  async apply(manager, events) {
    if (events.length === 0) return;
    const tenantId = events[0].tenantId;
    const now = new Date();
    const firstAt = firstAttemptAt(retryScheduleOf(config.webhooks), now);
    const rows: Array<{ delivery_id: string }> = await manager.query(
      `INSERT INTO webhook_deliveries (tenant_id, delivery_id, endpoint_id, event_id, event_type, payload, status, sequence, attempts, next_attempt_at, created_at, updated_at)
       SELECT $1, gen_random_uuid(), w.endpoint_id, (e->>'event_id')::uuid, e->>'type', e->>'payload', 'PENDING', 1, 0, $4, $3, $3
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(e, n)
       JOIN webhook_endpoints w ON w.tenant_id = $1 AND w.status = 'ENABLED' AND e->>'type' = ANY(w.event_types)
       ORDER BY x.n, w.endpoint_id
       ON CONFLICT (tenant_id, endpoint_id, event_id) DO NOTHING
       RETURNING delivery_id`,
      [tenantId, JSON.stringify(events.map((e) => ({ event_id: e.eventId, type: e.type, payload: JSON.stringify(e) }))), now, firstAt],
    );
    await addJobs(manager, rows.map((r) => deliveryJob({ tenantId, deliveryId: r.delivery_id, sequence: 1, attempt: 1 }, firstAt)));
  },
});
