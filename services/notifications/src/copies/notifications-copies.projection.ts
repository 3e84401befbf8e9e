import type { EntityManager } from 'typeorm';
import {
  Topics,
  type DirectoryIntegrationEvent,
  type GoalParty,
  type GoalStreamEvent,
  type IntegrationEvent,
  type ReviewCycleDeadlines,
  type ReviewIntegrationEvent,
} from '@growth/contracts';
import type { AsyncProjection } from '@growth/messaging';
import { dispatch, type Outgoing } from '../delivery/dispatch';
import { copiedGoal } from './copied-goal';
import type { ReviewPhase } from '../delivery/notification';
import { policyOf } from '../notification-policy/notification-policy.stream';
import { cancelCycleReminders, cancelGoalReminders, scheduleCycleReminders, scheduleGoalReminders } from '../reminder/reminder-jobs';

type Copied = DirectoryIntegrationEvent | ReviewIntegrationEvent | GoalStreamEvent;

interface ReviewRow {
  review_id: string;
  cycle_id: string;
  person_id: string;
  supervisor_id: string | null;
}

const reviewOf = async (manager: EntityManager, tenantId: string, reviewId: string): Promise<ReviewRow | undefined> =>
  ((await manager.query(`SELECT review_id, cycle_id, person_id, supervisor_id FROM notif_reviews WHERE tenant_id = $1 AND review_id = $2`, [tenantId, reviewId])) as ReviewRow[])[0];

const cycleNameOf = async (manager: EntityManager, tenantId: string, cycleId: string): Promise<string | undefined> =>
  ((await manager.query(`SELECT name FROM notif_cycles WHERE tenant_id = $1 AND cycle_id = $2`, [tenantId, cycleId])) as Array<{ name: string }>)[0]?.name;

/** A message about a review, to some of its parties, on the occasion of one event. */
const aboutReview = async (
  manager: EntityManager,
  event: IntegrationEvent,
  reviewId: string,
  kind: Outgoing['kind'],
  to: ReadonlyArray<'EMPLOYEE' | 'SUPERVISOR'>,
): Promise<Outgoing[]> => {
  const review = await reviewOf(manager, event.tenantId, reviewId);
  if (!review) return [];
  const cycleName = await cycleNameOf(manager, event.tenantId, review.cycle_id);
  const recipients = to.map((role) => (role === 'EMPLOYEE' ? review.person_id : review.supervisor_id)).filter((id): id is string => id !== null);
  return recipients.map((personId) => ({
    kind,
    subject: `review:${reviewId}`,
    reminder: `event:${event.eventId}`,
    recipient: { personId },
    about: { type: 'REVIEW', id: reviewId },
    dueOn: null,
    data: { personId: review.person_id, reviewId, cycleName },
  }));
};

/** A goal awaits the agreement of these parties: a message to each of them, now. */
const aboutGoal = async (manager: EntityManager, event: IntegrationEvent, goalId: string, parties: readonly GoalParty[]): Promise<Outgoing[]> => {
  const goal = await copiedGoal(manager, event.tenantId, goalId);
  if (!goal) return [];
  return parties
    .map((party) => (party === 'EMPLOYEE' ? goal.personId : goal.supervisorId))
    .filter((id): id is string => id !== null)
    .map((personId) => ({
      kind: 'GOAL_AWAITING_AGREEMENT',
      subject: `goal:${goalId}`,
      reminder: `event:${event.eventId}`,
      recipient: { personId },
      about: { type: 'GOAL', id: goalId },
      dueOn: null,
      data: { personId: goal.personId, goalId, cycleName: goal.cycleName ?? undefined },
    }));
};

const setAwaiting = (manager: EntityManager, tenantId: string, goalId: string, awaiting: readonly GoalParty[]) =>
  manager.query(`UPDATE notif_goals SET awaiting = $3 WHERE tenant_id = $1 AND goal_id = $2`, [tenantId, goalId, awaiting]);

/**
 * Copies what reminders and messages need, and in the same transaction plans the reminders (graphile jobs keyed by
 * occasion) and dispatches the messages the events call for. The projection runner applies each stream's events
 * once, so a redelivered event changes nothing here; the send rows' uniqueness guards the rest.
 */
const apply = async (manager: EntityManager, event: Copied, now: Date): Promise<Outgoing[]> => {
  const t = event.tenantId;
  switch (event.type) {
    case 'TenantRegistered':
      await manager.query(
        `INSERT INTO notif_tenants (tenant_id, name, time_zone, locale) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, locale = EXCLUDED.locale`,
        [t, event.data.name, event.data.timeZone, event.data.locale],
      );
      return [];
    case 'TenantSettingsChanged': {
      const { name, timeZone, locale } = event.data.changes;
      await manager.query(
        `UPDATE notif_tenants SET name = COALESCE($2, name), time_zone = COALESCE($3, time_zone), locale = COALESCE($4, locale) WHERE tenant_id = $1`,
        [t, name?.to ?? null, timeZone?.to ?? null, locale?.to ?? null],
      );
      return [];
    }
    case 'PersonJoined':
      await manager.query(
        `INSERT INTO notif_people (tenant_id, person_id, first_name, last_name, work_email, employment_status) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [t, event.data.personId, event.data.firstName, event.data.lastName, event.data.workEmail, event.data.employmentStatus],
      );
      return [];
    case 'PersonDetailsChanged': {
      const c = event.data.changes;
      await manager.query(
        `UPDATE notif_people SET first_name = COALESCE($3, first_name), last_name = COALESCE($4, last_name),
           work_email = CASE WHEN $5 THEN $6 ELSE work_email END
         WHERE tenant_id = $1 AND person_id = $2`,
        [t, event.data.personId, c.firstName ?? null, c.lastName ?? null, 'workEmail' in c, c.workEmail ?? null],
      );
      return [];
    }
    case 'PersonEmploymentStatusChanged':
      await manager.query(`UPDATE notif_people SET employment_status = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.to]);
      return [];
    case 'PersonLeft':
      await manager.query(`UPDATE notif_people SET employment_status = 'LEFT', supervisor_id = NULL WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId]);
      return [];
    case 'PersonRejoined':
      await manager.query(`UPDATE notif_people SET employment_status = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, event.data.employmentStatus]);
      return [];
    case 'SupervisorAssigned':
    case 'SupervisorChanged':
    case 'SupervisorUnassigned': {
      const to = event.type === 'SupervisorAssigned' ? event.data.supervisorId : event.type === 'SupervisorChanged' ? event.data.toSupervisorId : null;
      await manager.query(`UPDATE notif_people SET supervisor_id = $3 WHERE tenant_id = $1 AND person_id = $2`, [t, event.data.personId, to]);
      return [];
    }
    case 'CycleOpened': {
      const { cycleId, name, timeZone, deadlines } = event.data;
      await manager.query(`INSERT INTO notif_cycles (tenant_id, cycle_id, name, time_zone, deadlines) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
        t,
        cycleId,
        name,
        timeZone,
        JSON.stringify(deadlines),
      ]);
      await scheduleCycleReminders(manager, t, { cycleId, timeZone, deadlines }, await policyOf(manager, t), now);
      return [];
    }
    case 'CycleDeadlinesChanged': {
      const rows: Array<{ time_zone: string }> = await manager.query(`WITH u AS (UPDATE notif_cycles SET deadlines = $3 WHERE tenant_id = $1 AND cycle_id = $2 RETURNING time_zone) SELECT time_zone FROM u`, [
        t,
        event.data.cycleId,
        JSON.stringify(event.data.to),
      ]);
      // The same job keys: each waiting reminder moves to its new day.
      if (rows[0]) await scheduleCycleReminders(manager, t, { cycleId: event.data.cycleId, timeZone: rows[0].time_zone, deadlines: event.data.to as ReviewCycleDeadlines }, await policyOf(manager, t), now);
      return [];
    }
    case 'CycleClosed':
      await manager.query(`UPDATE notif_cycles SET closed = true WHERE tenant_id = $1 AND cycle_id = $2`, [t, event.data.cycleId]);
      await cancelCycleReminders(manager, t, event.data.cycleId, await policyOf(manager, t));
      return [];
    case 'ReviewStarted':
      await manager.query(
        `INSERT INTO notif_reviews (tenant_id, review_id, cycle_id, person_id, supervisor_id, process, status) VALUES ($1, $2, $3, $4, $5, $6, 'OPEN') ON CONFLICT DO NOTHING`,
        [t, event.data.reviewId, event.data.cycleId, event.data.personId, event.data.supervisorId, event.data.process],
      );
      return [];
    case 'ReviewProcessChanged':
      await manager.query(`UPDATE notif_reviews SET process = $3 WHERE tenant_id = $1 AND review_id = $2`, [t, event.data.reviewId, event.data.to]);
      return [];
    case 'PhaseCompleted':
      // A done phase drops out of its reminders' audience: the job that fires later finds nothing to say about it.
      await manager.query(`UPDATE notif_reviews SET phases_completed = array_append(array_remove(phases_completed, $3), $3) WHERE tenant_id = $1 AND review_id = $2`, [
        t,
        event.data.reviewId,
        event.data.phase satisfies ReviewPhase,
      ]);
      return [];
    case 'SelfAssessmentSubmitted':
      await manager.query(`UPDATE notif_reviews SET self_assessment_submitted = true WHERE tenant_id = $1 AND review_id = $2`, [t, event.data.reviewId]);
      return aboutReview(manager, event, event.data.reviewId, 'SELF_ASSESSMENT_SUBMITTED', ['SUPERVISOR']);
    case 'OverallAssessmentRecorded':
      await manager.query(`UPDATE notif_reviews SET overall_recorded = true WHERE tenant_id = $1 AND review_id = $2`, [t, event.data.reviewId]);
      return [];
    case 'ReviewReadyForSignatures':
      await manager.query(`UPDATE notif_reviews SET awaiting_signatures = $3 WHERE tenant_id = $1 AND review_id = $2`, [t, event.data.reviewId, event.data.awaiting]);
      return aboutReview(manager, event, event.data.reviewId, 'SIGNATURE_AWAITED', event.data.awaiting);
    case 'ReviewSigned':
      await manager.query(`UPDATE notif_reviews SET awaiting_signatures = array_remove(awaiting_signatures, $3) WHERE tenant_id = $1 AND review_id = $2`, [t, event.data.reviewId, event.data.role]);
      return [];
    case 'ReviewFiled':
      await manager.query(`UPDATE notif_reviews SET status = 'FILED', awaiting_signatures = '{}' WHERE tenant_id = $1 AND review_id = $2`, [t, event.data.reviewId]);
      return aboutReview(manager, event, event.data.reviewId, 'REVIEW_FILED', ['EMPLOYEE']);
    case 'ReviewReopened':
      await manager.query(`UPDATE notif_reviews SET status = 'OPEN' WHERE tenant_id = $1 AND review_id = $2`, [t, event.data.reviewId]);
      return aboutReview(manager, event, event.data.reviewId, 'REVIEW_REOPENED', ['EMPLOYEE', 'SUPERVISOR']);
    case 'ReviewReassigned':
      await manager.query(`UPDATE notif_reviews SET supervisor_id = $3 WHERE tenant_id = $1 AND review_id = $2`, [t, event.data.reviewId, event.data.toSupervisorId]);
      return [];
    case 'ReviewWithdrawn':
      await manager.query(`UPDATE notif_reviews SET status = 'WITHDRAWN', awaiting_signatures = '{}' WHERE tenant_id = $1 AND review_id = $2`, [t, event.data.reviewId]);
      return [];
    case 'GoalSubmitted': {
      const { goalId, cycleId, personId, kind, by, awaiting } = event.data;
      await manager.query(
        `INSERT INTO notif_goals (tenant_id, goal_id, cycle_id, person_id, kind, status, awaiting) VALUES ($1, $2, $3, $4, $5, 'SUBMITTED', $6)
         ON CONFLICT (tenant_id, goal_id) DO UPDATE SET status = 'SUBMITTED', awaiting = EXCLUDED.awaiting`,
        [t, goalId, cycleId, personId, kind, awaiting],
      );
      // Whoever submitted knows; the other party hears that it awaits them (both must still approve).
      return aboutGoal(manager, event, goalId, awaiting.filter((party) => party !== by));
    }
    case 'GoalApprovalRecorded':
      await setAwaiting(manager, t, event.data.goalId, event.data.awaiting);
      return aboutGoal(manager, event, event.data.goalId, event.data.awaiting);
    case 'GoalApprovalDropped':
      // The goal moved to a new supervisor after the previous one had approved: the new one must approve it.
      await setAwaiting(manager, t, event.data.goalId, event.data.awaiting);
      return aboutGoal(manager, event, event.data.goalId, event.data.awaiting.filter((party) => party === 'SUPERVISOR'));
    case 'GoalAgreed': {
      const { goalId, cycleId, personId, kind, dueOn } = event.data;
      await manager.query(
        `INSERT INTO notif_goals (tenant_id, goal_id, cycle_id, person_id, kind, status, due_on, awaiting) VALUES ($1, $2, $3, $4, $5, 'AGREED', $6, '{}')
         ON CONFLICT (tenant_id, goal_id) DO UPDATE SET status = 'AGREED', due_on = EXCLUDED.due_on, awaiting = '{}', cycle_id = EXCLUDED.cycle_id`,
        [t, goalId, cycleId, personId, kind, dueOn],
      );
      const [zone]: Array<{ time_zone: string }> = await manager.query(
        `SELECT COALESCE((SELECT time_zone FROM notif_cycles WHERE tenant_id = $1 AND cycle_id = $2), (SELECT time_zone FROM notif_tenants WHERE tenant_id = $1), 'UTC') AS time_zone`,
        [t, cycleId],
      );
      await scheduleGoalReminders(manager, t, { goalId, dueOn, timeZone: zone.time_zone }, await policyOf(manager, t), now);
      return [];
    }
    case 'GoalClosed':
    case 'GoalWithdrawn':
      await manager.query(`UPDATE notif_goals SET status = $3, awaiting = '{}' WHERE tenant_id = $1 AND goal_id = $2`, [t, event.data.goalId, event.type === 'GoalClosed' ? event.data.status : 'WITHDRAWN']);
      await cancelGoalReminders(manager, t, event.data.goalId, await policyOf(manager, t));
      return [];
    default:
      return []; // events of these topics that tell no one anything
  }
};

/** What notifications need of other services, and the reminders and messages their events call for. */
export const notificationsCopiesProjection = (): AsyncProjection => ({
  name: 'notifications.copies',
  topics: [Topics.directoryTenantEvents.name, Topics.directoryPersonEvents.name, Topics.reviewCycleEvents.name, Topics.reviewEvents.name, Topics.goalEvents.name],
  // The runner hands over one tenant's consecutive events at a time, in its tenant transaction.
  async apply(manager: EntityManager, events: readonly IntegrationEvent[]): Promise<void> {
    const now = new Date();
    const outgoing: Outgoing[] = [];
    for (const event of events) outgoing.push(...(await apply(manager, event as Copied, now)));
    if (outgoing.length) await dispatch(manager, events[0].tenantId, outgoing, now);
  },
});
