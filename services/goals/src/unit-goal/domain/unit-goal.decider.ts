import { AlreadyExistsError, assertNever, ForbiddenError, InvalidStateError, NotFoundError, ValidationFailedError, type Decider, type ValidationIssue } from '@growth/es';
import { actorId, measureShapeIssues, textIssues, type Actor, type Measure } from '../../goal/domain/goal.model';
import type { RecordUnitGoal, UnitGoalCommand } from './unit-goal.commands';
import type { UnitGoalEvent } from './unit-goal.events';
import { initialUnitGoalState, type UnitGoalState, type UnitScope } from './unit-goal.model';

const refuse = (issues: readonly ValidationIssue[]): void => {
  if (issues.length > 0) throw new ValidationFailedError(issues);
};

/** Unit goals are the tenant's own: HR sets them for the tenant and its sites. */
const assertHr = (actor: Actor, does: string): void => {
  if (actor.kind !== 'PERSON' || !actor.hr) throw new ForbiddenError(`Only HR may ${does}`);
};

/** A unit goal's measure is optional, but one that is given is complete: personal goals count against it. */
const measureIssues = (measure: Measure | null): ValidationIssue[] => {
  if (measure === null) return [];
  const issues = measureShapeIssues(measure);
  if (measure.what.trim() === '') issues.push({ path: 'measure.what', message: 'say what is measured' });
  if (measure.target === null) issues.push({ path: 'measure.target', message: 'give a target' });
  if (measure.unit.trim() === '') issues.push({ path: 'measure.unit', message: 'say the unit the target is counted in' });
  return issues;
};

const copyMeasure = (m: Measure | null): Measure | null => (m === null ? null : { what: m.what, baseline: m.baseline, target: m.target, unit: m.unit });
const copyScope = (s: UnitScope): UnitScope => (s.kind === 'SITE' ? { kind: 'SITE', siteId: s.siteId } : { kind: 'TENANT' });

const record = (command: RecordUnitGoal, state: UnitGoalState): UnitGoalEvent[] => {
  assertHr(command.actor, 'record a unit goal');
  if (state.status !== 'NONE') throw new AlreadyExistsError('this unit goal already exists');
  const { unitGoalId, cycleId, scope, statement, measure, facts } = command;
  const issues = [...textIssues({ unitGoalId, statement }, { required: true }), ...measureIssues(measure)];
  if (!facts.cycleKnown) issues.push({ path: 'cycleId', message: `no cycle "${cycleId}" in this tenant` });
  if (scope.kind === 'SITE' && !facts.siteKnown) issues.push({ path: 'scope.siteId', message: `no site "${scope.siteId}" in this tenant` });
  else if (scope.kind !== 'SITE' && scope.kind !== 'TENANT') issues.push({ path: 'scope.kind', message: 'must be TENANT or SITE' });
  refuse(issues);
  return [{ type: 'UnitGoalRecorded', data: { unitGoalId, cycleId, scope: copyScope(scope), statement: statement.trim(), measure: copyMeasure(measure), recordedBy: actorId(command.actor) } }];
};

const decide = (command: UnitGoalCommand, state: UnitGoalState): UnitGoalEvent[] => {
  if (command.type === 'RecordUnitGoal') return record(command, state);
  assertHr(command.actor, command.type === 'ReviseUnitGoal' ? 'revise a unit goal' : 'retire a unit goal');
  if (state.status === 'NONE') throw new NotFoundError('no such unit goal');
  switch (command.type) {
    case 'ReviseUnitGoal': {
      if (state.status === 'RETIRED') throw new InvalidStateError('Cannot revise the unit goal: it is retired');
      refuse([...textIssues({ statement: command.statement }, { required: true }), ...measureIssues(command.measure)]);
      const statement = command.statement.trim();
      const measure = copyMeasure(command.measure);
      if (statement === state.statement && JSON.stringify(measure) === JSON.stringify(state.measure)) return [];
      return [{ type: 'UnitGoalRevised', data: { unitGoalId: state.unitGoalId, revision: state.revision + 1, statement, measure, revisedBy: actorId(command.actor) } }];
    }
    case 'RetireUnitGoal':
      if (state.status === 'RETIRED') return [];
      refuse(textIssues({ reason: command.reason }, { required: true }));
      return [{ type: 'UnitGoalRetired', data: { unitGoalId: state.unitGoalId, reason: command.reason.trim(), retiredBy: actorId(command.actor) } }];
    default:
      return assertNever(command, 'unit goal command');
  }
};

const evolve = (state: UnitGoalState, event: UnitGoalEvent): UnitGoalState => {
  switch (event.type) {
    case 'UnitGoalRecorded': {
      const { unitGoalId, cycleId, scope, statement, measure } = event.data;
      return { ...initialUnitGoalState(), status: 'ACTIVE', unitGoalId, cycleId, scope, statement, measure, revision: 1 };
    }
    case 'UnitGoalRevised':
      return { ...state, statement: event.data.statement, measure: event.data.measure, revision: event.data.revision };
    case 'UnitGoalRetired':
      return { ...state, status: 'RETIRED', retiredReason: event.data.reason };
    default:
      return assertNever(event, 'unit goal event');
  }
};

export const unitGoalDecider: Decider<UnitGoalCommand, UnitGoalState, UnitGoalEvent> = { initialState: initialUnitGoalState, decide, evolve };
