import type { EntityManager } from 'typeorm';
import { Topics, type DirectoryIntegrationEvent, type FrameworkIntegrationEvent, type IntegrationEvent, type ReviewIntegrationEvent } from '@growth/contracts';
import type { AsyncProjection } from '@growth/messaging';
import { localDateAt, type LocalDate } from '@growth/calendar';
import { newId, runCommand, type Aggregate, type DomainEvent, type EventStore } from '@growth/es';
import { developmentPlanAggregate } from '../development-plan/development-plan.stream';
import type { DevelopmentPlanCommand } from '../development-plan/domain/development-plan.commands';
import type { GoalCommand } from '../goal/domain/goal.commands';
import { goalAggregate } from '../goal/goal.stream';

type Copied = DirectoryIntegrationEvent | ReviewIntegrationEvent | FrameworkIntegrationEvent;

/** A person whose reporting line changed: their open goals move to the new supervisor. */
type Reassignment = { readonly tenantId: string; readonly personId: string; readonly causationId: string };

const copy = async (manager: EntityManager, event: Copied): Promise<Reassignment | null> => {
  const t = event.tenantId;
  switch (event.type) {
    case 'PersonJoined':
      await manager.query(
        `INSERT INTO goal_people (tenant_id, person_id, site_id, employment_status, first_name, last_name, staff_number) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [t, event.data.personId, event.data.siteId, event.data.employmentStatus, event.data.firstName, event.data.lastName, event.data.staffNumber],
      );
      return null;
    case 'PersonDetailsChanged':
      // Only the names are kept: the training plan prints them.
      await manager.query(`UPDATE goal_people SET first_name = COALESCE($3, first_name), last_name = COALESCE($4, last_name) WHERE tenant_id = $1 AND person_id = $2`, [
        t,
        event.data.personId,
        event.data.changes.firstName ?? null,
        event.data.changes.lastName ?? null,
      ]);
      return null;
    case 'PersonMovedSite':
      await manager.query(`UPDATE goal_people SET site_id = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.toSiteId]);
      return null;
    case 'PersonEmploymentStatusChanged':
      await manager.query(`UPDATE goal_people SET employment_status = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.to]);
      return null;
    case 'PersonLeft':
      await manager.query(`UPDATE goal_people SET employment_status = 'LEFT', supervisor_id = NULL WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId]);
      return null;
    case 'PersonRejoined':
      await manager.query(`UPDATE goal_people SET employment_status = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.employmentStatus]);
      return null;
    case 'SupervisorAssigned':
    case 'SupervisorChanged': {
      const to = event.type === 'SupervisorAssigned' ? event.data.supervisorId : event.data.toSupervisorId;
      await manager.query(`UPDATE goal_people SET supervisor_id = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, to]);
      return { tenantId: t, personId: event.data.personId, causationId: event.eventId };
    }
    case 'SupervisorUnassigned':
      await manager.query(`UPDATE goal_people SET supervisor_id = NULL WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId]);
      return { tenantId: t, personId: event.data.personId, causationId: event.eventId };
    case 'SiteOpened':
      await manager.query(`INSERT INTO goal_sites (tenant_id, site_id, parent_site_id, name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [t, event.data.siteId, event.data.parentSiteId, event.data.name]);
      return null;
    case 'SiteDetailsChanged':
      if (event.data.changes.name) await manager.query(`UPDATE goal_sites SET name = $3 WHERE tenant_id = $1 AND site_id = $2`, [t, event.data.siteId, event.data.changes.name.to]);
      return null;
    case 'SiteMoved':
      await manager.query(`UPDATE goal_sites SET parent_site_id = $3 WHERE tenant_id = $1 AND site_id = $2`, [t, event.data.siteId, event.data.toParentSiteId]);
      return null;
    case 'CycleOpened':
      await manager.query(`INSERT INTO goal_cycles (tenant_id, cycle_id, starts_on, ends_on, time_zone) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
        t,
        event.data.cycleId,
        event.data.startsOn,
        event.data.endsOn,
        event.data.timeZone,
      ]);
      return null;
    case 'CycleClosed':
      await manager.query(`UPDATE goal_cycles SET closed = true WHERE tenant_id = $1 AND cycle_id = $2`, [t, event.data.cycleId]);
      return null;
    case 'ReviewStarted':
      // The framework a person's review uses in a cycle: development goals link to its competencies.
      await manager.query(
        `INSERT INTO goal_review_frameworks (tenant_id, review_id, cycle_id, person_id, framework_id, framework_version, process) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [t, event.data.reviewId, event.data.cycleId, event.data.personId, event.data.framework.frameworkId, event.data.framework.version, event.data.process],
      );
      return null;
    case 'PhaseCompleted':
      // A meeting held again after a reopened review keeps its latest date.
      await manager.query(
        `INSERT INTO goal_review_meetings (tenant_id, review_id, phase, completed_on) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, review_id, phase) DO UPDATE SET completed_on = EXCLUDED.completed_on`,
        [t, event.data.reviewId, event.data.phase, event.data.completedOn],
      );
      return null;
    case 'ReviewProcessChanged':
      await manager.query(`UPDATE goal_review_frameworks SET framework_id = $3, framework_version = $4, process = $5 WHERE tenant_id = $1 AND review_id = $2`, [
        t,
        event.data.reviewId,
        event.data.framework.frameworkId,
        event.data.framework.version,
        event.data.to,
      ]);
      return null;
    case 'FrameworkPublished': {
      const ids = event.data.framework.clusters.flatMap((c) => c.competencies.map((k) => k.id));
      await manager.query(`INSERT INTO goal_framework_competencies (tenant_id, framework_id, version, competency_ids) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
        t,
        event.data.frameworkId,
        event.data.version,
        ids,
      ]);
      return null;
    }
    default:
      return null; // events of these topics the goals service has no use for
  }
};

/** Runs one server-side command on each aggregate the query finds, each in a transaction of its own. */
const reassignEach = async <C, S, E extends DomainEvent>(
  store: EventStore<EntityManager>,
  { tenantId, causationId }: Reassignment,
  aggregate: Aggregate<C, S, E>,
  open: ReadonlyArray<{ id: string; time_zone: string }>,
  command: (id: string, today: LocalDate) => C,
): Promise<void> => {
  for (const { id, time_zone } of open) {
    const context = { tenantId, actorId: 'system', correlationId: causationId, causationId: newId(), now: new Date() };
    await runCommand(store, context, (unit) => unit.decide(aggregate, id, command(id, localDateAt(context.now, time_zone))), { retryOnConflict: 3 });
  }
};

/**
 * Moves a person's open goals and development plans to their current supervisor, who from then on approves, checks
 * in and makes agreed development happen, and takes the previous supervisor's part away. A command of its own
 * transaction, before the copy's commits; reassigning to the supervisor a goal or plan already has changes nothing,
 * so a redelivery repeats it harmlessly (see docs/architecture.md, "A reaction"). Career reviews need no move: they
 * are authorised against the person's supervisor at the time of each command.
 */
const reassign = async (store: EventStore<EntityManager>, manager: EntityManager, reassignment: Reassignment): Promise<void> => {
  const { tenantId, personId } = reassignment;
  const [person]: Array<{ supervisor_id: string | null }> = await manager.query(`SELECT supervisor_id FROM goal_people WHERE tenant_id = $1 AND person_id = $2`, [tenantId, personId]);
  const supervisorId = person?.supervisor_id ?? null;
  const goals: Array<{ id: string; time_zone: string }> = await manager.query(
    `SELECT g.goal_id AS id, c.time_zone FROM goal_list g JOIN goal_cycles c ON c.tenant_id = g.tenant_id AND c.cycle_id = g.cycle_id
     WHERE g.tenant_id = $1 AND g.person_id = $2 AND g.status IN ('DRAFT', 'SUBMITTED', 'AGREED', 'DEFERRED') AND NOT c.closed`,
    [tenantId, personId],
  );
  await reassignEach(store, reassignment, goalAggregate, goals, (goalId, today): GoalCommand => ({ type: 'ReassignGoal', goalId, actor: { kind: 'SYSTEM' }, today, supervisorId }));
  const plans: Array<{ id: string; time_zone: string }> = await manager.query(
    `SELECT p.plan_id AS id, c.time_zone FROM development_plan_list p JOIN goal_cycles c ON c.tenant_id = p.tenant_id AND c.cycle_id = p.cycle_id
     WHERE p.tenant_id = $1 AND p.person_id = $2 AND NOT c.closed`,
    [tenantId, personId],
  );
  await reassignEach(store, reassignment, developmentPlanAggregate, plans, (planId, today): DevelopmentPlanCommand => ({ type: 'ReassignDevelopmentPlan', planId, actor: { kind: 'SYSTEM' }, today, supervisorId }));
};

/** What goals need of other services: people and reporting lines, the site tree, cycles, each review's framework, its competencies. */
export const goalsCopiesProjection = (store: EventStore<EntityManager>): AsyncProjection => ({
  name: 'goals.copies',
  topics: [Topics.directoryPersonEvents.name, Topics.directorySiteEvents.name, Topics.reviewCycleEvents.name, Topics.reviewEvents.name, Topics.frameworkEvents.name],
  async apply(manager: EntityManager, events: readonly IntegrationEvent[]): Promise<void> {
    const reassignments: Reassignment[] = [];
    for (const event of events) {
      const reassignment = await copy(manager, event as Copied);
      if (reassignment) reassignments.push(reassignment);
    }
    for (const reassignment of reassignments) await reassign(store, manager, reassignment);
  },
});
