import type { EntityManager } from 'typeorm';
import { addJobs, removeJobs, type JobSpec } from '../jobs/job-queue';
import { DEFAULT_DAYS_BEFORE } from '../notification-policy/domain/notification-policy.model';
import { allCycleJobKeys, allGoalJobKeys, cycleReminderJobs, goalReminderJobs, type CycleDeadlines, type ReminderJobs, type ReminderPolicy } from './domain/reminder-schedule';

export const PHASE_REMINDER_TASK = 'phase-reminder';
export const GOAL_REMINDER_TASK = 'goal-reminder';

const apply = async (manager: EntityManager, task: string, jobs: ReminderJobs): Promise<void> => {
  await removeJobs(manager, jobs.remove);
  await addJobs(
    manager,
    jobs.add.map((j): JobSpec => ({ task, jobKey: j.jobKey, runAt: j.runAt, payload: j.payload as JobSpec['payload'] })),
  );
};

export interface CycleSchedule {
  readonly cycleId: string;
  readonly timeZone: string;
  readonly deadlines: CycleDeadlines;
}

/** Plans (or moves) a cycle's reminders and escalations, in the caller's transaction. */
export const scheduleCycleReminders = (manager: EntityManager, tenantId: string, cycle: CycleSchedule, policy: ReminderPolicy, now: Date): Promise<void> =>
  apply(manager, PHASE_REMINDER_TASK, cycleReminderJobs(tenantId, cycle, policy, now));

/** A closed cycle reminds no one any more. */
export const cancelCycleReminders = (manager: EntityManager, tenantId: string, cycleId: string, policy: ReminderPolicy): Promise<void> =>
  removeJobs(manager, allCycleJobKeys(tenantId, cycleId, [policy, { daysBefore: DEFAULT_DAYS_BEFORE }]));

export const scheduleGoalReminders = (manager: EntityManager, tenantId: string, goal: { goalId: string; dueOn: string; timeZone: string }, policy: ReminderPolicy, now: Date): Promise<void> =>
  apply(manager, GOAL_REMINDER_TASK, goalReminderJobs(tenantId, goal, policy, now));

export const cancelGoalReminders = (manager: EntityManager, tenantId: string, goalId: string, policy: ReminderPolicy): Promise<void> =>
  removeJobs(manager, allGoalJobKeys(tenantId, goalId, [policy, { daysBefore: DEFAULT_DAYS_BEFORE }]));

/** A tenant changed its reminder schedule: every open cycle's and agreed goal's waiting reminders follow. */
export const rescheduleTenantReminders = async (manager: EntityManager, tenantId: string, policy: ReminderPolicy, previous: ReminderPolicy, now: Date): Promise<void> => {
  const cycles: Array<{ cycle_id: string; time_zone: string; deadlines: CycleDeadlines }> = await manager.query(
    `SELECT cycle_id, time_zone, deadlines FROM notif_cycles WHERE tenant_id = $1 AND NOT closed`,
    [tenantId],
  );
  for (const c of cycles) await apply(manager, PHASE_REMINDER_TASK, cycleReminderJobs(tenantId, { cycleId: c.cycle_id, timeZone: c.time_zone, deadlines: c.deadlines }, policy, now, previous));
  const goals: Array<{ goal_id: string; due_on: string; time_zone: string }> = await manager.query(
    `SELECT g.goal_id, to_char(g.due_on, 'YYYY-MM-DD') AS due_on, COALESCE(c.time_zone, t.time_zone, 'UTC') AS time_zone
     FROM notif_goals g LEFT JOIN notif_cycles c ON c.tenant_id = g.tenant_id AND c.cycle_id = g.cycle_id
     LEFT JOIN notif_tenants t ON t.tenant_id = g.tenant_id
     WHERE g.tenant_id = $1 AND g.status = 'AGREED' AND g.due_on IS NOT NULL`,
    [tenantId],
  );
  for (const g of goals) await apply(manager, GOAL_REMINDER_TASK, goalReminderJobs(tenantId, { goalId: g.goal_id, dueOn: g.due_on, timeZone: g.time_zone }, policy, now, previous));
};
