import type { EventEnvelope } from '@growth/es';
import type { Projection } from '@growth/es-postgres';
import type { CycleEvent } from './domain/cycle.events';

const CYCLE_STREAM = /^cycle-/;

/** `review_cycles`, inline: one row per cycle with what opening it fixed, its status and its deadlines. */
export const cycleListProjection: Projection<EventEnvelope> = {
  name: 'reviews.cycle-list',
  async apply(manager, events) {
    for (const envelope of events as readonly EventEnvelope<CycleEvent>[]) {
      if (!CYCLE_STREAM.test(envelope.streamId)) continue;
      const event = { type: envelope.type, data: envelope.data } as CycleEvent;
      switch (event.type) {
        case 'CycleOpened': {
          const d = event.data;
          await manager.query(
            `INSERT INTO review_cycles (tenant_id, cycle_id, name, status, starts_on, ends_on, time_zone, deadlines, opened, version, opened_at)
             VALUES ($1, $2, $3, 'OPENING', $4, $5, $6, $7, $8, $9, $10)`,
            [envelope.tenantId, d.cycleId, d.name, d.startsOn, d.endsOn, d.timeZone, JSON.stringify(d.deadlines), JSON.stringify(d), envelope.streamVersion, envelope.occurredAt],
          );
          break;
        }
        case 'CycleReviewsCreated':
          await manager.query(`UPDATE review_cycles SET status = 'OPEN', reviews = $3 WHERE tenant_id = $1 AND cycle_id = $2`, [envelope.tenantId, event.data.cycleId, event.data.reviews]);
          break;
        case 'CycleDeadlinesChanged':
          await manager.query(`UPDATE review_cycles SET deadlines = $3, opened = jsonb_set(opened, '{deadlines}', $3) WHERE tenant_id = $1 AND cycle_id = $2`, [
            envelope.tenantId,
            event.data.cycleId,
            JSON.stringify(event.data.to),
          ]);
          break;
        case 'CycleClosed':
          await manager.query(`UPDATE review_cycles SET status = 'CLOSED' WHERE tenant_id = $1 AND cycle_id = $2`, [envelope.tenantId, event.data.cycleId]);
          break;
      }
      await manager.query(`UPDATE review_cycles SET version = $3 WHERE tenant_id = $1 AND cycle_id = $2`, [envelope.tenantId, event.data.cycleId, envelope.streamVersion]);
    }
  },
};
