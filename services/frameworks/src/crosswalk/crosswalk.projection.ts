import type { EntityManager } from 'typeorm';
import { toDomainEvent, type EventEnvelope } from '@growth/es';
import type { Projection } from '@growth/es-postgres';
import type { CrosswalkEvent } from './domain/crosswalk.events';

const CROSSWALK_EVENT_TYPES: ReadonlySet<string> = new Set<CrosswalkEvent['type']>(['CompetenciesAligned', 'CompetencyAlignmentRemoved']);
const isCrosswalkEvent = (event: EventEnvelope): event is EventEnvelope<CrosswalkEvent> => CROSSWALK_EVENT_TYPES.has(event.type);

/** `competency_alignments`, the crosswalk queryable from either side, written inline with the crosswalk's events. */
export const competencyAlignmentsProjection: Projection<EventEnvelope> = {
  name: 'frameworks.competency-alignments',
  async apply(manager: EntityManager, events: readonly EventEnvelope[]): Promise<void> {
    for (const envelope of events.filter(isCrosswalkEvent)) {
      const event = toDomainEvent(envelope);
      const { from, to } = event.data;
      if (event.type === 'CompetenciesAligned') {
        await manager.query(
          `INSERT INTO competency_alignments (tenant_id, from_framework_id, from_competency_id, to_framework_id, to_competency_id, relation, note, aligned_at, aligned_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [envelope.tenantId, from.frameworkId, from.competencyId, to.frameworkId, to.competencyId, event.data.relation, event.data.note ?? null, envelope.occurredAt, envelope.actorId],
        );
      } else {
        await manager.query(
          `DELETE FROM competency_alignments WHERE tenant_id = $1 AND from_framework_id = $2 AND from_competency_id = $3 AND to_framework_id = $4 AND to_competency_id = $5`,
          [envelope.tenantId, from.frameworkId, from.competencyId, to.frameworkId, to.competencyId],
        );
      }
    }
  },
};
