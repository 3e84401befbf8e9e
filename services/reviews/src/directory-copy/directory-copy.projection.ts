import type { EntityManager } from 'typeorm';
import { Topics, type DirectoryIntegrationEvent, type IntegrationEvent } from '@growth/contracts';
import { newId, runCommand, type EventStore } from '@growth/es';
import type { AsyncProjection } from '@growth/messaging';
import { startMissingReviews, systemContext } from '../cycle/open-cycle/cycle-opener';
import { eligiblePeople } from '../cycle/eligible-people';
import type { CycleOpened } from '../cycle/domain/cycle.events';
import { reviewAggregate } from '../review/review.stream';
import { localDateAt } from '@growth/calendar';

/** Field names of the directory's details, as columns of review_people. */
const DETAIL_COLUMNS = { firstName: 'first_name', lastName: 'last_name', jobClassification: 'job_classification', startDate: 'start_date' } as const;

/** What a directory event asks of the reviews themselves, beyond the copy. */
type Reaction = { readonly kind: 'JOINED' | 'LEFT' | 'SUPERVISOR'; readonly tenantId: string; readonly personId: string; readonly causationId: string };

const copy = async (manager: EntityManager, event: DirectoryIntegrationEvent): Promise<Reaction | null> => {
  const t = event.tenantId;
  const react = (kind: Reaction['kind'], personId: string): Reaction => ({ kind, tenantId: t, personId, causationId: event.eventId });
  switch (event.type) {
    case 'PersonJoined': {
      const d = event.data;
      await manager.query(
        `INSERT INTO review_people (tenant_id, person_id, staff_number, first_name, last_name, job_classification, site_id, employment_status, start_date)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, person_id) DO NOTHING`,
        [t, d.personId, d.staffNumber, d.firstName, d.lastName, d.jobClassification, d.siteId, d.employmentStatus, d.startDate],
      );
      return react('JOINED', d.personId);
    }
    case 'PersonDetailsChanged': {
      const entries = Object.entries(event.data.changes).filter(([field]) => field in DETAIL_COLUMNS) as Array<[keyof typeof DETAIL_COLUMNS, string]>;
      if (entries.length === 0) return null;
      await manager.query(`UPDATE review_people SET ${entries.map(([field], i) => `${DETAIL_COLUMNS[field]} = $${i + 3}`).join(', ')} WHERE tenant_id = $1 AND person_id = $2`, [
        t,
        event.data.personId,
        ...entries.map(([, value]) => value),
      ]);
      return null;
    }
    case 'PersonMovedSite':
      await manager.query(`UPDATE review_people SET site_id = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.toSiteId]);
      return null;
    case 'PersonEmploymentStatusChanged':
      await manager.query(`UPDATE review_people SET employment_status = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.to]);
      return null;
    case 'PersonLeft':
      await manager.query(`UPDATE review_people SET employment_status = 'LEFT', left_on = $3, supervisor_id = NULL WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.leftOn]);
      return react('LEFT', event.data.personId);
    case 'PersonRejoined':
      await manager.query(`UPDATE review_people SET employment_status = $3, left_on = NULL WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.employmentStatus]);
      return react('JOINED', event.data.personId);
    case 'SupervisorAssigned':
    case 'SupervisorChanged': {
      const to = event.type === 'SupervisorAssigned' ? event.data.supervisorId : event.data.toSupervisorId;
      await manager.query(`UPDATE review_people SET supervisor_id = $3, supervisor_since = $4 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, to, event.data.effectiveFrom]);
      return react('SUPERVISOR', event.data.personId);
    }
    case 'SupervisorUnassigned':
      await manager.query(`UPDATE review_people SET supervisor_id = NULL, supervisor_since = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.effectiveFrom]);
      return react('SUPERVISOR', event.data.personId);
    case 'SiteOpened': {
      const d = event.data;
      await manager.query(`INSERT INTO review_sites (tenant_id, site_id, code, name, parent_site_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, site_id) DO NOTHING`, [
        t,
        d.siteId,
        d.code,
        d.name,
        d.parentSiteId,
      ]);
      return null;
    }
    case 'SiteDetailsChanged':
      if (event.data.changes.name) await manager.query(`UPDATE review_sites SET name = $3 WHERE tenant_id = $1 AND site_id = $2`, [t, event.data.siteId, event.data.changes.name.to]);
      return null;
    case 'SiteMoved':
      await manager.query(`UPDATE review_sites SET parent_site_id = $3 WHERE tenant_id = $1 AND site_id = $2`, [t, event.data.siteId, event.data.toParentSiteId]);
      return null;
    case 'TenantRegistered': {
      const d = event.data;
      await manager.query(
        `INSERT INTO review_tenants (tenant_id, name, time_zone, locale, cycle_calendar) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id) DO NOTHING`,
        [t, d.name, d.timeZone, d.locale, JSON.stringify(d.cycleCalendar)],
      );
      return null;
    }
    case 'TenantSettingsChanged': {
      const { name, timeZone, locale } = event.data.changes;
      await manager.query(
        `UPDATE review_tenants SET name = coalesce($2, name), time_zone = coalesce($3, time_zone), locale = coalesce($4, locale) WHERE tenant_id = $1`,
        [t, name?.to ?? null, timeZone?.to ?? null, locale?.to ?? null],
      );
      return null;
    }
    case 'CycleCalendarChanged':
      await manager.query(`UPDATE review_tenants SET cycle_calendar = $2 WHERE tenant_id = $1`, [t, JSON.stringify(event.data.to)]);
      return null;
  }
};

const openCycles = async (manager: EntityManager, tenantId: string): Promise<CycleOpened['data'][]> =>
  ((await manager.query(`SELECT opened FROM review_cycles WHERE tenant_id = $1 AND status IN ('OPENING', 'OPEN')`, [tenantId])) as Array<{ opened: CycleOpened['data'] }>).map((r) => r.opened);

const openReviewsOf = async (manager: EntityManager, tenantId: string, personId: string): Promise<Array<{ review_id: string; time_zone: string }>> =>
  manager.query(
    `SELECT l.review_id, c.time_zone FROM review_list l JOIN review_cycles c ON c.tenant_id = l.tenant_id AND c.cycle_id = l.cycle_id
     WHERE l.tenant_id = $1 AND l.person_id = $2 AND l.status IN ('OPEN', 'REOPENED') AND c.status <> 'CLOSED'`,
    [tenantId, personId],
  );

/**
 * What directory changes do to reviews: a joiner gets a review in every open cycle, a supervisor change moves the
 * person's open reviews to the new supervisor, a leaver's open reviews are withdrawn. Each is a command of its own
 * transaction, run before the copy's transaction commits; all are idempotent (a review id derived from cycle and
 * person, reassigning to the current supervisor or withdrawing twice changes nothing), so a redelivery after a crash
 * in between repeats them harmlessly.
 */
const react = async (store: EventStore<EntityManager>, manager: EntityManager, reaction: Reaction): Promise<void> => {
  const { tenantId, personId } = reaction;
  const context = { ...systemContext(tenantId, reaction.causationId), causationId: reaction.causationId };
  if (reaction.kind === 'JOINED') {
    const people = await eligiblePeople(manager, tenantId, [personId]);
    for (const cycle of await openCycles(manager, tenantId)) await startMissingReviews(store, context, cycle, async () => people);
    return;
  }
  const [person]: Array<{ supervisor_id: string | null }> = await manager.query(`SELECT supervisor_id FROM review_people WHERE tenant_id = $1 AND person_id = $2`, [tenantId, personId]);
  for (const review of await openReviewsOf(manager, tenantId, personId)) {
    const today = localDateAt(context.now, review.time_zone);
    const command =
      reaction.kind === 'LEFT'
        ? ({ type: 'WithdrawReview', reviewId: review.review_id, actor: { kind: 'SYSTEM' }, today, reason: 'PERSON_LEFT' } as const)
        : ({ type: 'ReassignReview', reviewId: review.review_id, actor: { kind: 'SYSTEM' }, today, supervisorId: person?.supervisor_id ?? null } as const);
    await runCommand(store, { ...context, causationId: newId() }, (unit) => unit.decide(reviewAggregate, review.review_id, command), { retryOnConflict: 3 });
  }
};

/** The reviews service's copy of the directory (people, reporting lines, sites, tenant policy), and its reactions. */
export const directoryCopyProjection = (store: EventStore<EntityManager>): AsyncProjection => ({
  name: 'reviews.directory-copy',
  topics: [Topics.directoryPersonEvents.name, Topics.directorySiteEvents.name, Topics.directoryTenantEvents.name],
  async apply(manager: EntityManager, events: readonly IntegrationEvent[]): Promise<void> {
    const reactions: Reaction[] = [];
    for (const event of events) {
      const reaction = await copy(manager, event as DirectoryIntegrationEvent);
      if (reaction) reactions.push(reaction);
    }
    for (const reaction of reactions) await react(store, manager, reaction);
  },
});
