import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '@growth/es';
import { withTenant } from '@growth/es-postgres';
import { CurrentIdentity, type Identity } from '@growth/service-kit';
import { authorizeOnPerson, authorizeTenantWide } from '../access/access-facts';
import { personStreamId, siteStreamId, tenantStreamId } from '../shared/directory-transaction';
import { AuditEntry, AuditSubjectTypeEnum, type AuditSubjectType } from './audit-trail.graphql';
import { referencedIds, summarize, type DirectoryEvent } from './domain/event-summary';

interface EventRow {
  type: DirectoryEvent['type'];
  data: DirectoryEvent['data'];
  stream_version: number;
  occurred_at: Date;
  actor_id: string;
  correlation_id: string;
}

/** The employee file's history: the subject's own events, summarised. HR and tenant admins; a person for their own. */
@Resolver(() => AuditEntry)
export class AuditTrailResolver {
  constructor(private readonly dataSource: DataSource) {}

  @Query(() => [AuditEntry], { description: "A person's, site's or your tenant's recorded changes, oldest first. Never for analysts." })
  auditTrail(
    @Args('subjectType', { type: () => AuditSubjectTypeEnum }) subjectType: AuditSubjectType,
    @Args('subjectId', { type: () => ID }) subjectId: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<AuditEntry[]> {
    const { tenantId } = identity;
    return withTenant(this.dataSource, tenantId, async (manager) => {
      let stream: string;
      if (subjectType === 'PERSON') {
        await authorizeOnPerson(manager, identity, 'read person history', subjectId);
        if (!isUuid(subjectId)) return [];
        stream = personStreamId(tenantId, subjectId);
      } else if (subjectType === 'SITE') {
        authorizeTenantWide(identity, 'read site history');
        if (!isUuid(subjectId)) return [];
        stream = siteStreamId(tenantId, subjectId);
      } else {
        authorizeTenantWide(identity, 'read tenant history');
        if (subjectId !== tenantId) return []; // another tenant's history does not exist from here
        stream = tenantStreamId(tenantId);
      }
      const rows: EventRow[] = await manager.query(
        `SELECT type, data, stream_version, occurred_at, actor_id, correlation_id FROM es_events WHERE tenant_id = $1 AND stream_id = $2 ORDER BY stream_version`,
        [tenantId, stream],
      );
      const events = rows.map((row) => ({ type: row.type, data: row.data }) as DirectoryEvent);
      const names = await namesOf(manager, tenantId, [...new Set(events.flatMap(referencedIds))]);
      return rows.map((row, i) => ({
        type: row.type,
        version: row.stream_version,
        occurredAt: row.occurred_at,
        actorId: row.actor_id,
        correlationId: row.correlation_id,
        summary: summarize(events[i], (id) => names.get(id)),
      }));
    });
  }
}

/** Current names of the people and sites an audit trail mentions. */
const namesOf = async (manager: EntityManager, tenantId: string, ids: string[]): Promise<Map<string, string>> => {
  const uuids = ids.filter(isUuid);
  if (uuids.length === 0) return new Map();
  const rows: Array<{ id: string; name: string }> = await manager.query(
    `SELECT person_id AS id, first_name || ' ' || last_name AS name FROM directory_people WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])
     UNION ALL
     SELECT site_id, name FROM directory_sites WHERE tenant_id = $1 AND site_id = ANY($2::uuid[])`,
    [tenantId, uuids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
};
