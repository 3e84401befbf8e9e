import { addDays, instantOfLocalTime, type LocalDate } from '@growth/calendar';
import type { ReviewPhase } from '../../delivery/notification';

/*
 * When reminders go, as pure functions of a due date, the tenant's zone and policy, and now. Each occasion is a
 * job with a stable key, so adding it again moves it (a deadline changed) and removing it by key stops it (the step
 * is done). Occasions already past when they are planned are not planned: a cycle opened ten days before its first
 * deadline gets no "14 days left" reminder.
 */

export interface ReminderPolicy {
  readonly daysBefore: readonly number[];
  readonly sendAt: string;
}

/** One occasion: `due-14`, `due-3`, `due-0` (the day itself) or `overdue` (the day after a missed deadline). */
export interface Occasion {
  readonly reminder: string;
  /** Days from the occasion to the due date; negative once overdue. */
  readonly daysLeft: number;
}

export const occasionsOf = (policy: Pick<ReminderPolicy, 'daysBefore'>, escalate: boolean): Occasion[] => [
  ...policy.daysBefore.map((days) => ({ reminder: `due-${days}`, daysLeft: days })),
  { reminder: 'due-0', daysLeft: 0 },
  ...(escalate ? [{ reminder: 'overdue', daysLeft: -1 }] : []),
];

export interface PlannedOccasion extends Occasion {
  readonly runAt: Date;
  /** The tenant's local date it is sent on. */
  readonly sendOn: LocalDate;
}

/** The occasions still ahead at `now` for a due date, each at `sendAt` on the tenant's wall clocks. */
export const planOccasions = (dueOn: LocalDate, timeZone: string, policy: ReminderPolicy, escalate: boolean, now: Date): { ahead: PlannedOccasion[]; past: Occasion[] } => {
  const ahead: PlannedOccasion[] = [];
  const past: Occasion[] = [];
  for (const occasion of occasionsOf(policy, escalate)) {
    const sendOn = addDays(dueOn, -occasion.daysLeft);
    const runAt = instantOfLocalTime(sendOn, policy.sendAt, timeZone);
    if (runAt.getTime() > now.getTime()) ahead.push({ ...occasion, runAt, sendOn });
    else past.push(occasion);
  }
  return { ahead, past };
};

export const PHASES: readonly ReviewPhase[] = ['GOAL_SETTING', 'MID_YEAR_REFLECTION', 'YEAR_END_CONFERENCE'];

export type CycleDeadlines = Readonly<Record<'goalSetting' | 'midYearReflection' | 'yearEndConference', LocalDate>>;

export const deadlineOf = (deadlines: CycleDeadlines, phase: ReviewPhase): LocalDate =>
  phase === 'GOAL_SETTING' ? deadlines.goalSetting : phase === 'MID_YEAR_REFLECTION' ? deadlines.midYearReflection : deadlines.yearEndConference;

export const phaseJobKey = (tenantId: string, cycleId: string, phase: ReviewPhase, reminder: string): string => `phase:${tenantId}:${cycleId}:${phase}:${reminder}`;
export const goalJobKey = (tenantId: string, goalId: string, reminder: string): string => `goal:${tenantId}:${goalId}:${reminder}`;

export interface ReminderJobs {
  readonly add: ReadonlyArray<{ readonly jobKey: string; readonly runAt: Date; readonly payload: Record<string, unknown> }>;
  readonly remove: readonly string[];
}

type Previous = Pick<ReminderPolicy, 'daysBefore'>;

/** The reminder names the policies given can have: the keys a finished subject may still hold. */
const reminderNames = (policies: readonly Previous[], escalate: boolean): string[] => [...new Set(policies.flatMap((p) => occasionsOf(p, escalate).map((o) => o.reminder)))];

/**
 * One due date's jobs: each occasion still ahead under `policy` (added, or moved, under its key), and the keys of
 * those already past or that `previous`, the policy they were planned under, had and this one drops (removed).
 */
const dueDateJobs = (
  dueOn: LocalDate,
  timeZone: string,
  policy: ReminderPolicy,
  escalate: boolean,
  now: Date,
  previous: Previous,
  keyOf: (reminder: string) => string,
  payloadOf: (occasion: PlannedOccasion) => Record<string, unknown>,
): ReminderJobs => {
  const { ahead, past } = planOccasions(dueOn, timeZone, policy, escalate, now);
  const kept = new Set(ahead.map((o) => o.reminder));
  const dropped = [...new Set([...past.map((o) => o.reminder), ...reminderNames([previous], escalate)])].filter((r) => !kept.has(r));
  return { add: ahead.map((o) => ({ jobKey: keyOf(o.reminder), runAt: o.runAt, payload: payloadOf(o) })), remove: dropped.map(keyOf) };
};

/** A cycle's phase reminders and escalations under `policy`; `previous` is the policy they were planned under. */
export const cycleReminderJobs = (
  tenantId: string,
  cycle: { readonly cycleId: string; readonly timeZone: string; readonly deadlines: CycleDeadlines },
  policy: ReminderPolicy,
  now: Date,
  previous: Previous = policy,
): ReminderJobs => {
  const phases = PHASES.map((phase) => {
    const dueOn = deadlineOf(cycle.deadlines, phase);
    return dueDateJobs(
      dueOn,
      cycle.timeZone,
      policy,
      true,
      now,
      previous,
      (reminder) => phaseJobKey(tenantId, cycle.cycleId, phase, reminder),
      (o) => ({ tenantId, cycleId: cycle.cycleId, phase, dueOn, reminder: o.reminder, daysLeft: o.daysLeft }),
    );
  });
  return { add: phases.flatMap((p) => p.add), remove: phases.flatMap((p) => p.remove) };
};

/** Every job key a cycle's reminders can have under the policies given: what closing it removes. */
export const allCycleJobKeys = (tenantId: string, cycleId: string, policies: readonly Previous[]): string[] =>
  PHASES.flatMap((phase) => reminderNames(policies, true).map((r) => phaseJobKey(tenantId, cycleId, phase, r)));

/** An agreed goal's reminders before its due date (no escalation: a goal can be deferred or not achieved). */
export const goalReminderJobs = (
  tenantId: string,
  goal: { readonly goalId: string; readonly dueOn: LocalDate; readonly timeZone: string },
  policy: ReminderPolicy,
  now: Date,
  previous: Previous = policy,
): ReminderJobs =>
  dueDateJobs(
    goal.dueOn,
    goal.timeZone,
    policy,
    false,
    now,
    previous,
    (reminder) => goalJobKey(tenantId, goal.goalId, reminder),
    (o) => ({ tenantId, goalId: goal.goalId, dueOn: goal.dueOn, reminder: o.reminder, daysLeft: o.daysLeft }),
  );

export const allGoalJobKeys = (tenantId: string, goalId: string, policies: readonly Previous[]): string[] =>
  reminderNames(policies, false).map((r) => goalJobKey(tenantId, goalId, r));
