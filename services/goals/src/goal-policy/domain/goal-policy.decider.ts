import { assertNever, ForbiddenError, ValidationFailedError, type Decider, type ValidationIssue } from '@growth/es';
import type { GoalPolicy } from '../../goal/domain/goal.commands';
import type { GoalPolicyCommand, SetGoalPolicy } from './goal-policy.commands';
import type { GoalPolicyEvent } from './goal-policy.events';
import { initialGoalPolicyState, MAX_GOALS_PER_KIND, MAX_OBJECTIVES, type GoalPolicyState } from './goal-policy.model';

const FIELDS = ['objectivesCap', 'performanceGoals', 'developmentGoals'] as const satisfies readonly (keyof GoalPolicy)[];

const capIssues = (changes: Partial<GoalPolicy>): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  for (const [path, value] of Object.entries(changes)) {
    if (!(FIELDS as readonly string[]).includes(path)) issues.push({ path, message: 'is not part of the goal policy' });
    else {
      const max = path === 'objectivesCap' ? MAX_OBJECTIVES : MAX_GOALS_PER_KIND;
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max) issues.push({ path, message: `must be a whole number from 1 to ${max}` });
    }
  }
  return issues;
};

const set = (command: SetGoalPolicy, state: GoalPolicyState): GoalPolicyEvent[] => {
  if (!command.actor.roles.includes('hr') && !command.actor.roles.includes('tenant_admin')) throw new ForbiddenError('Only HR or a tenant admin may set the goal policy');
  const issues = capIssues(command.changes);
  if (issues.length > 0) throw new ValidationFailedError(issues);
  const next: GoalPolicy = { ...state.policy, ...command.changes };
  if (state.set && FIELDS.every((f) => next[f] === state.policy[f])) return [];
  return [{ type: 'GoalPolicySet', data: { objectivesCap: next.objectivesCap, performanceGoals: next.performanceGoals, developmentGoals: next.developmentGoals, setBy: command.actor.personId } }];
};

const decide = (command: GoalPolicyCommand, state: GoalPolicyState): GoalPolicyEvent[] => {
  switch (command.type) {
    case 'SetGoalPolicy':
      return set(command, state);
    default:
      return assertNever(command.type, 'goal policy command');
  }
};

const evolve = (_state: GoalPolicyState, event: GoalPolicyEvent): GoalPolicyState => {
  switch (event.type) {
    case 'GoalPolicySet': {
      const { objectivesCap, performanceGoals, developmentGoals } = event.data;
      return { policy: { objectivesCap, performanceGoals, developmentGoals }, set: true };
    }
    default:
      return assertNever(event.type, 'goal policy event');
  }
};

/** A tenant's goal policy (seeds 002 and 003): how many goals of each kind a person has per cycle. */
export const goalPolicyDecider: Decider<GoalPolicyCommand, GoalPolicyState, GoalPolicyEvent> = { initialState: initialGoalPolicyState, decide, evolve };
