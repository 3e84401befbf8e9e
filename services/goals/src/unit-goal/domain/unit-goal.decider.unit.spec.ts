import { AlreadyExistsError, DeciderSpecification, fold, ForbiddenError, InvalidStateError, NotFoundError, ValidationFailedError } from '@growth/es';
import type { Actor, Measure } from '../../goal/domain/goal.model';
import type { RecordUnitGoal, UnitGoalCommand } from './unit-goal.commands';
import { unitGoalDecider } from './unit-goal.decider';
import type { UnitGoalEvent } from './unit-goal.events';

const spec = DeciderSpecification.for(unitGoalDecider);
const unitGoalId = 'ug-1';
const hr: Actor = { kind: 'PERSON', personId: 'p-hr', hr: true };
const employee: Actor = { kind: 'PERSON', personId: 'p-emp', hr: false };
const measure: Measure = { what: 'pupils attending', baseline: 91, target: 95, unit: 'percent' };
const statement = 'Raise attendance across the school';

const recordGoal = (overrides: Partial<RecordUnitGoal> = {}): UnitGoalCommand => ({
  type: 'RecordUnitGoal',
  unitGoalId,
  actor: hr,
  cycleId: 'c-1',
  scope: { kind: 'SITE', siteId: 's-1' },
  statement,
  measure,
  facts: { siteKnown: true, cycleKnown: true },
  ...overrides,
});
const recorded: UnitGoalEvent = { type: 'UnitGoalRecorded', data: { unitGoalId, cycleId: 'c-1', scope: { kind: 'SITE', siteId: 's-1' }, statement, measure, recordedBy: 'p-hr' } };
const revise = (text: string, m: Measure | null = measure, actor: Actor = hr): UnitGoalCommand => ({ type: 'ReviseUnitGoal', unitGoalId, actor, statement: text, measure: m });
const retire = (actor: Actor = hr): UnitGoalCommand => ({ type: 'RetireUnitGoal', unitGoalId, actor, reason: 'Replaced by the new school plan' });
const retired: UnitGoalEvent = { type: 'UnitGoalRetired', data: { unitGoalId, reason: 'Replaced by the new school plan', retiredBy: 'p-hr' } };

describe('unit goal decider', () => {
  it("records a site's goal for a cycle, and a tenant's without a measure", () => {
    spec.given([]).when(recordGoal()).then([recorded]);
    spec.given([]).when(recordGoal({ scope: { kind: 'TENANT' }, measure: null })).then([
      { type: 'UnitGoalRecorded', data: { unitGoalId, cycleId: 'c-1', scope: { kind: 'TENANT' }, statement, measure: null, recordedBy: 'p-hr' } },
    ]);
  });
  it('refuses a second record under the same id', () => {
    spec.given([recorded]).when(recordGoal()).thenThrows(AlreadyExistsError);
  });
  it('reports every issue by path', () => {
    const error = spec
      .given([])
      .when(recordGoal({ statement: ' ', measure: { what: '', baseline: null, target: null, unit: '' }, facts: { siteKnown: false, cycleKnown: false } }))
      .thenThrows<ValidationFailedError>(ValidationFailedError);
    expect(error.issues.map((i) => i.path)).toEqual(['statement', 'measure.what', 'measure.target', 'measure.unit', 'cycleId', 'scope.siteId']);
  });
  it('needs the site only for a site goal', () => {
    spec.given([]).when(recordGoal({ scope: { kind: 'TENANT' }, facts: { siteKnown: false, cycleKnown: true } })).then([{ ...recorded, data: { ...recorded.data, scope: { kind: 'TENANT' } } }]);
  });
  it('is revised with a new revision number, and not when nothing changed', () => {
    spec.given([recorded]).when(revise('Raise attendance across the whole school')).then([
      { type: 'UnitGoalRevised', data: { unitGoalId, revision: 2, statement: 'Raise attendance across the whole school', measure, revisedBy: 'p-hr' } },
    ]);
    spec.given([recorded]).when(revise(statement)).thenNothingHappens();
    spec.given([recorded]).when(revise('')).thenThrows(ValidationFailedError, (e) => e.message.includes('statement: must not be empty'));
  });
  it('is retired once with a reason, and cannot be revised after', () => {
    spec.given([recorded]).when(retire()).then([retired]);
    spec.given([recorded, retired]).when(retire()).thenNothingHappens();
    spec.given([recorded, retired]).when(revise('Anything at all here')).thenThrows(InvalidStateError, (e) => e.message.includes('it is retired'));
    expect(fold(unitGoalDecider, [recorded, retired])).toMatchObject({ status: 'RETIRED', retiredReason: 'Replaced by the new school plan' });
  });
  it('answers NOT_FOUND for a unit goal that does not exist', () => {
    spec.given([]).when(retire()).thenThrows(NotFoundError);
  });
  it('is set by HR only', () => {
    spec.given([]).when(recordGoal({ actor: employee })).thenThrows(ForbiddenError, (e) => e.message.includes('Only HR may record a unit goal'));
    spec.given([recorded]).when(revise('Raise attendance across the whole school', measure, employee)).thenThrows(ForbiddenError);
    spec.given([recorded]).when(retire({ kind: 'SYSTEM' })).thenThrows(ForbiddenError);
  });
});
