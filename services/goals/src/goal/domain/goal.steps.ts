import { ForbiddenError, InvalidStateError, NotFoundError } from '@growth/es';
import { rolesOf, type Actor, type GoalRole, type GoalState } from './goal.model';

/**
 * The goal's state machine as one table: who may take each step and what must happen first. The decider checks
 * every command against it and `goalNextSteps` reads the same table, so the two never disagree.
 */
export const GOAL_STEPS = ['REVISE', 'SUBMIT', 'APPROVE_AS_EMPLOYEE', 'APPROVE_AS_SUPERVISOR', 'RECORD_PROGRESS', 'WITHDRAW', 'REASSIGN'] as const;
export type GoalStep = (typeof GOAL_STEPS)[number];

interface StepRule {
  readonly who: readonly GoalRole[];
  readonly does: string;
  /** The first thing that must happen before this step, as a sentence; null when the step is allowed now. */
  readonly firstNeeded: (state: GoalState) => string | null;
}

const closed = (s: GoalState): string | null => {
  if (s.status === 'WITHDRAWN') return 'the goal was withdrawn';
  if (s.status === 'ACHIEVED') return 'the goal is closed as achieved';
  if (s.status === 'NOT_ACHIEVED') return 'the goal is closed as not achieved';
  return null;
};

const submitted = (s: GoalState): string | null => {
  if (s.status === 'SUBMITTED') return null;
  if (s.status === 'DRAFT') return `version ${s.version} must be submitted first`;
  if (s.status === 'AGREED') return `version ${s.version} is already agreed`;
  return closed(s) ?? 'the goal is deferred; revise it into a new version first';
};

const approving = (party: 'EMPLOYEE' | 'SUPERVISOR') => (s: GoalState): string | null =>
  submitted(s) ?? (s.approvals[party] !== null ? `${party === 'EMPLOYEE' ? 'the employee' : 'the supervisor'} has already approved version ${s.version}` : null);

const STEPS: Readonly<Record<GoalStep, StepRule>> = {
  REVISE: { who: ['EMPLOYEE', 'SUPERVISOR'], does: 'revise the goal', firstNeeded: closed },
  SUBMIT: {
    who: ['EMPLOYEE', 'SUPERVISOR'],
    does: 'submit the goal',
    firstNeeded: (s) =>
      closed(s) ??
      (s.status === 'SUBMITTED'
        ? `version ${s.version} is already submitted`
        : s.status === 'AGREED'
          ? `version ${s.version} is agreed; revise it to start a new version`
          : s.status === 'DEFERRED'
            ? 'the goal is deferred; revise it into a new version first'
            : null),
  },
  APPROVE_AS_EMPLOYEE: { who: ['EMPLOYEE'], does: 'approve the goal as the employee', firstNeeded: approving('EMPLOYEE') },
  APPROVE_AS_SUPERVISOR: { who: ['SUPERVISOR'], does: 'approve the goal as the supervisor', firstNeeded: approving('SUPERVISOR') },
  RECORD_PROGRESS: {
    who: ['EMPLOYEE', 'SUPERVISOR'],
    does: 'record progress',
    firstNeeded: (s) =>
      s.status === 'AGREED'
        ? null
        : (closed(s) ??
          (s.status === 'DEFERRED'
            ? 'the goal is deferred; no progress after a final status'
            : `version ${s.version} must be agreed by the employee and the supervisor first`)),
  },
  WITHDRAW: { who: ['SUPERVISOR', 'HR'], does: 'withdraw the goal', firstNeeded: closed },
  REASSIGN: { who: ['SYSTEM'], does: 'reassign the goal', firstNeeded: (s) => (s.status === 'WITHDRAWN' ? 'the goal was withdrawn' : null) },
};

const ROLE_NAMES: Readonly<Record<GoalRole, string>> = { EMPLOYEE: 'the employee', SUPERVISOR: 'their supervisor', HR: 'HR', SYSTEM: 'the platform' };

/**
 * Throws unless `actor` may take `step` now: NOT_FOUND for a goal that does not exist, FORBIDDEN for someone whose
 * role on the goal does not allow it, INVALID_STATE naming what must happen first.
 */
export const checkStep = (state: GoalState, step: GoalStep, actor: Actor): void => {
  if (state.status === 'NONE') throw new NotFoundError('no such goal');
  const rule = STEPS[step];
  if (!rolesOf(state, actor).some((role) => rule.who.includes(role))) {
    throw new ForbiddenError(`Only ${rule.who.map((r) => ROLE_NAMES[r]).join(' or ')} may ${rule.does}`);
  }
  const needed = rule.firstNeeded(state);
  if (needed !== null) throw new InvalidStateError(`Cannot ${rule.does}: ${needed}`);
};

export interface GoalNextStep {
  readonly step: GoalStep;
  readonly by: readonly GoalRole[];
}

/** What can happen next, and by whom (the platform's own steps left out). */
export const goalNextSteps = (state: GoalState): GoalNextStep[] =>
  state.status === 'NONE'
    ? []
    : GOAL_STEPS.flatMap((step) => {
        const rule = STEPS[step];
        const by = rule.who.filter((role) => role !== 'SYSTEM');
        return by.length > 0 && rule.firstNeeded(state) === null ? [{ step, by }] : [];
      });
