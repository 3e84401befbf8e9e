import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isUuid, toDomainEvent, type EventStore } from '@growth/es';
import { CurrentIdentity, EVENT_STORE, type Identity } from '@growth/service-kit';
import { authorizeOnPerson, authorizeTenantWide } from '../access/access-facts';
import { personStreamId } from '../person/person.stream';
import { siteStreamId } from '../site/site.stream';
import { tenantStreamId } from '../tenant/tenant.stream';
import { AuditEntry, AuditSubjectTypeEnum, type AuditSubjectType } from './audit-trail.graphql';
import { referencedIds, summarize, type DirectoryEvent } from './domain/event-summary';

/** The employee file's history: the subject's own events, summarised. HR and tenant admins; a person for their own. */
@Resolver(() => AuditEntry)
export class AuditTrailResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  @Query(() => [AuditEntry], { description: "A person's, site's or your tenant's recorded changes, oldest first. Never for analysts." })
  auditTrail(
    @Args('subjectType', { type: () => AuditSubjectTypeEnum }) subjectType: AuditSubjectType,
    @Args('subjectId', { type: () => ID }) subjectId: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<AuditEntry[]> {
    const { tenantId } = identity;
    return this.store.inTransaction(tenantId, async (session) => {
      const manager = session.transaction;
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
      const envelopes = (await session.readStreams<DirectoryEvent>([stream])).get(stream)?.events ?? [];
      const events = envelopes.map(toDomainEvent);
      const names = await namesOf(manager, tenantId, [...new Set(events.flatMap(referencedIds))]);
      return envelopes.map((envelope, i) => ({
        type: envelope.type,
        version: envelope.streamVersion,
        occurredAt: new Date(envelope.occurredAt),
        actorId: envelope.actorId,
        correlationId: envelope.correlationId,
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
