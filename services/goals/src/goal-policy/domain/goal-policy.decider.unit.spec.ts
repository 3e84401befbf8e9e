import { DeciderSpecification, fold, ForbiddenError, ValidationFailedError } from '@growth/es';
import type { GoalPolicyCommand } from './goal-policy.commands';
import { goalPolicyDecider } from './goal-policy.decider';
import type { GoalPolicyEvent } from './goal-policy.events';

const spec = DeciderSpecification.for(goalPolicyDecider);
const hr = { personId: 'p-hr', roles: ['employee', 'hr'] };
const admin = { personId: 'p-admin', roles: ['tenant_admin'] };
const setPolicy = (changes: GoalPolicyCommand['changes'], actor = hr): GoalPolicyCommand => ({ type: 'SetGoalPolicy', actor, changes });
const threeObjectives: GoalPolicyEvent = { type: 'GoalPolicySet', data: { objectivesCap: 3, performanceGoals: 1, developmentGoals: 1, setBy: 'p-hr' } };

describe('goal policy decider', () => {
  it('starts from the defaults, changes what is given and keeps the rest', () => {
    expect(fold(goalPolicyDecider, [])).toEqual({ policy: { objectivesCap: 5, performanceGoals: 1, developmentGoals: 1 }, set: false });
    spec.given([]).when(setPolicy({ objectivesCap: 3 })).then([threeObjectives]);
    spec.given([threeObjectives]).when(setPolicy({ developmentGoals: 2 }, admin)).then([{ type: 'GoalPolicySet', data: { objectivesCap: 3, performanceGoals: 1, developmentGoals: 2, setBy: 'p-admin' } }]);
  });
  it('records the defaults when a tenant first states them, and nothing when a set policy does not change', () => {
    spec.given([]).when(setPolicy({})).then([{ type: 'GoalPolicySet', data: { objectivesCap: 5, performanceGoals: 1, developmentGoals: 1, setBy: 'p-hr' } }]);
    spec.given([threeObjectives]).when(setPolicy({ objectivesCap: 3, performanceGoals: 1 })).thenNothingHappens();
  });
  it('takes small whole numbers only, and reports every bad one', () => {
    const error = spec
      .given([])
      .when(setPolicy({ objectivesCap: 0, performanceGoals: 1.5, developmentGoals: 11 }))
      .thenThrows<ValidationFailedError>(ValidationFailedError);
    expect(error.issues).toEqual([
      { path: 'objectivesCap', message: 'must be a whole number from 1 to 5' },
      { path: 'performanceGoals', message: 'must be a whole number from 1 to 10' },
      { path: 'developmentGoals', message: 'must be a whole number from 1 to 10' },
    ]);
    spec.given([]).when(setPolicy({ objectivesCap: -1 })).thenThrows(ValidationFailedError);
    // Up to 5 objectives, no more (seed 003); the other caps go to 10.
    spec.given([]).when(setPolicy({ objectivesCap: 6 })).thenThrows(ValidationFailedError, (e) => e.message.includes('from 1 to 5'));
    spec.given([]).when(setPolicy({ objectivesCap: 5, performanceGoals: 10 })).then([{ type: 'GoalPolicySet', data: { objectivesCap: 5, performanceGoals: 10, developmentGoals: 1, setBy: 'p-hr' } }]);
    spec.given([]).when(setPolicy({ objectivesCap: Number.NaN })).thenThrows(ValidationFailedError);
    spec.given([]).when(setPolicy({ reviewsCap: 2 } as unknown as GoalPolicyCommand['changes'])).thenThrows(ValidationFailedError, (e) => e.message.includes('not part of the goal policy'));
  });
  it('is set by HR or a tenant admin only', () => {
    spec.given([]).when(setPolicy({ objectivesCap: 3 }, { personId: 'p-emp', roles: ['employee'] })).thenThrows(ForbiddenError);
    spec.given([]).when(setPolicy({ objectivesCap: 3 }, { personId: 'p-an', roles: ['analyst'] })).thenThrows(ForbiddenError);
  });
});
