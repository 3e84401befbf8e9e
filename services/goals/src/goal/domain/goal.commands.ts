import type { LocalDate } from '@growth/calendar';
import type { Actor, CycleDates, GoalContent, GoalKind, ProgressStatus, ReflectionPhase } from './goal.model';
import type { SmartFacts } from './goal.smart';

/*
 * Every command names its actor; the decider derives the actor's role from the goal's person and supervisor.
 * `today` is the tenant's local date from the command's context: deciders read no clock.
 */
interface GoalCommandBase {
  readonly goalId: string;
  readonly actor: Actor;
  readonly today: LocalDate;
}

/** Tenant policy on goals per person per cycle (seeds 002 and 003). */
export interface GoalPolicy {
  /** Seed 003: "space for 5 objectives; there shouldn't be more and there may be less". */
  readonly objectivesCap: number;
  /** Seed 002: one performance goal and one development goal each year. */
  readonly performanceGoals: number;
  readonly developmentGoals: number;
}

export const DEFAULT_GOAL_POLICY: GoalPolicy = { objectivesCap: 5, performanceGoals: 1, developmentGoals: 1 };

export interface DraftFacts {
  readonly cycle: CycleDates;
  /** The tenant's policy; what it leaves out takes the default. */
  readonly policy: Partial<GoalPolicy>;
  /** The person's other goals in this cycle that are not withdrawn, by kind. */
  readonly existing: Readonly<Record<GoalKind, number>>;
  /** Whether the person supervises staff now: only supervisors have objectives. */
  readonly supervises: boolean;
}

export interface DraftGoal extends GoalCommandBase {
  readonly type: 'DraftGoal';
  readonly cycleId: string;
  readonly personId: string;
  readonly supervisorId: string | null;
  readonly kind: GoalKind;
  readonly content: GoalContent;
  readonly facts: DraftFacts;
}

export interface ReviseGoal extends GoalCommandBase {
  readonly type: 'ReviseGoal';
  readonly content: GoalContent;
  readonly facts: { readonly cycle: CycleDates };
}

export interface SubmitGoal extends GoalCommandBase {
  readonly type: 'SubmitGoal';
  readonly facts: SmartFacts;
}

export interface ApproveGoal extends GoalCommandBase {
  readonly type: 'ApproveGoal';
  /** The supervisor approves a goal with wording warnings only by saying so. */
  readonly overrideWarnings?: boolean;
}

export interface RecordProgress extends GoalCommandBase {
  readonly type: 'RecordProgress';
  readonly checkInId: string;
  readonly value: number | null;
  readonly status: ProgressStatus;
  readonly notes: string;
  readonly recordedOn: LocalDate;
  /** The review meeting the check-in was part of, if any (mid-year reflection, one-to-one, year-end conference). */
  readonly meetingId: string | null;
  /** The review meeting this check-in is the goal's reflection at: each goal is reflected on once at each. */
  readonly reflection: ReflectionPhase | null;
  /** Looked up by the caller: whether the person has a review in the goal's cycle, whose meetings these are. */
  readonly facts: { readonly reviewKnown: boolean };
}

export interface WithdrawGoal extends GoalCommandBase {
  readonly type: 'WithdrawGoal';
  readonly reason: string;
}

/** The platform's reaction to the person's supervisor changing. */
export interface ReassignGoal extends GoalCommandBase {
  readonly type: 'ReassignGoal';
  readonly supervisorId: string | null;
}

export type GoalCommand = DraftGoal | ReviseGoal | SubmitGoal | ApproveGoal | RecordProgress | WithdrawGoal | ReassignGoal;
