import type { Task } from 'graphile-worker';
import type { EntityManager } from 'typeorm';
import { withTenant } from '@growth/es-postgres';
import { copiedGoal } from '../copies/copied-goal';
import { dispatch, type Outgoing } from '../delivery/dispatch';
import type { ReviewPhase } from '../delivery/notification';
import type { TaskFactory } from '../notifications.config';
import { deadlineOf, type CycleDeadlines } from './domain/reminder-schedule';
import { GOAL_REMINDER_TASK, PHASE_REMINDER_TASK } from './reminder-jobs';

/** Reviews per transaction when a reminder goes to a whole cycle: each page commits its sends on its own. */
const PAGE = 2000;
const NO_ID = '00000000-0000-0000-0000-000000000000';

interface PhaseReminder {
  readonly tenantId: string;
  readonly cycleId: string;
  readonly phase: ReviewPhase;
  readonly dueOn: string;
  readonly reminder: string;
  readonly daysLeft: number;
}

interface GoalReminder {
  readonly tenantId: string;
  readonly goalId: string;
  readonly dueOn: string;
  readonly reminder: string;
  readonly daysLeft: number;
}

type OpenReview = { review_id: string; person_id: string; supervisor_id: string | null; manager_id: string | null };

/** The cycle as it is now, or null when this occasion no longer stands (closed, or its deadline moved since). */
const currentCycle = async (manager: EntityManager, job: PhaseReminder): Promise<{ name: string } | null> => {
  const [cycle]: Array<{ name: string; deadlines: CycleDeadlines; closed: boolean }> = await manager.query(
    `SELECT name, deadlines, closed FROM notif_cycles WHERE tenant_id = $1 AND cycle_id = $2`,
    [job.tenantId, job.cycleId],
  );
  return cycle && !cycle.closed && deadlineOf(cycle.deadlines, job.phase) === job.dueOn ? cycle : null;
};

/**
 * A phase's reminder or escalation, to everyone whose review still has the phase open: a finished phase, a filed or
 * withdrawn review drops out here, which is how reminders stop as soon as the step is done. Reminders go to the
 * employee and the supervisor; the escalation the day after goes to the supervisor's manager, and once to HR with
 * the count. The occasion's key carries the due date, so a deadline that moved is a new occasion.
 */
const phaseReminder = (context: Parameters<TaskFactory>[0]): Task => async (raw) => {
  const job = raw as PhaseReminder;
  const overdue = job.reminder === 'overdue';
  const reminder = `${job.reminder}@${job.dueOn}`;
  const { dataSource } = context.infrastructure;
  let after = NO_ID;
  let open = 0;
  let cycleName: string | null = null;
  for (;;) {
    const page = await withTenant(dataSource, job.tenantId, async (manager) => {
      const cycle = await currentCycle(manager, job);
      if (!cycle) return null;
      cycleName = cycle.name;
      const reviews: OpenReview[] = await manager.query(
        `SELECT r.review_id, r.person_id, r.supervisor_id, s.supervisor_id AS manager_id
         FROM notif_reviews r LEFT JOIN notif_people s ON s.tenant_id = r.tenant_id AND s.person_id = r.supervisor_id
         WHERE r.tenant_id = $1 AND r.cycle_id = $2 AND r.status = 'OPEN' AND NOT ($3 = ANY(r.phases_completed)) AND r.review_id > $4
         ORDER BY r.review_id LIMIT ${PAGE}`,
        [job.tenantId, job.cycleId, job.phase, after],
      );
      const outgoing = reviews.flatMap((r): Outgoing[] => {
        const base = { subject: `review:${r.review_id}:${job.phase}`, reminder, about: { type: 'REVIEW' as const, id: r.review_id }, dueOn: job.dueOn };
        const data = { personId: r.person_id, reviewId: r.review_id, cycleName: cycle.name, phase: job.phase, dueOn: job.dueOn, daysLeft: job.daysLeft };
        const to = overdue ? [r.manager_id] : [r.person_id, r.supervisor_id];
        return to.filter((id): id is string => id !== null).map((personId) => ({ ...base, kind: overdue ? 'PHASE_OVERDUE' : 'DEADLINE_REMINDER', recipient: { personId }, data }));
      });
      await dispatch(manager, job.tenantId, outgoing, new Date());
      return reviews;
    });
    if (page === null) return;
    open += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1].review_id;
  }
  if (overdue && open > 0) {
    await withTenant(dataSource, job.tenantId, (manager) =>
      dispatch(
        manager,
        job.tenantId,
        [
          {
            kind: 'PHASE_OVERDUE',
            subject: `cycle:${job.cycleId}:${job.phase}`,
            reminder,
            recipient: { role: 'hr' },
            about: { type: 'CYCLE', id: job.cycleId },
            dueOn: job.dueOn,
            data: { cycleName: cycleName ?? undefined, phase: job.phase, dueOn: job.dueOn, daysLeft: job.daysLeft, overdueCount: open },
          },
        ],
        new Date(),
      ),
    );
  }
};

/** An agreed goal's due date is coming: to the person and their supervisor, unless the goal has ended or moved. */
const goalReminder = (context: Parameters<TaskFactory>[0]): Task => async (raw) => {
  const job = raw as GoalReminder;
  await withTenant(context.infrastructure.dataSource, job.tenantId, async (manager) => {
    const goal = await copiedGoal(manager, job.tenantId, job.goalId);
    if (goal?.status !== 'AGREED' || goal.dueOn !== job.dueOn) return;
    const data = { personId: goal.personId, goalId: job.goalId, cycleName: goal.cycleName ?? undefined, dueOn: job.dueOn, daysLeft: job.daysLeft };
    const outgoing = [goal.personId, goal.supervisorId]
      .filter((id): id is string => id !== null)
      .map((personId): Outgoing => ({ kind: 'GOAL_DUE_REMINDER', subject: `goal:${job.goalId}`, reminder: `${job.reminder}@${job.dueOn}`, recipient: { personId }, about: { type: 'GOAL', id: job.goalId }, dueOn: job.dueOn, data }));
    await dispatch(manager, job.tenantId, outgoing, new Date());
  });
};

export const reminderTasks: TaskFactory = (context) => ({ tasks: { [PHASE_REMINDER_TASK]: phaseReminder(context), [GOAL_REMINDER_TASK]: goalReminder(context) } });
