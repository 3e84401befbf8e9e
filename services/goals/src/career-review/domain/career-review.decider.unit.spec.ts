import { DeciderSpecification, fold, ForbiddenError, InvalidStateError, NotFoundError, ValidationFailedError } from '@growth/es';
import type { CareerReviewCommand, RecordCareerReview } from './career-review.commands';
import { careerReviewDecider, openCareerActions } from './career-review.decider';
import type { CareerReviewEvent } from './career-review.events';
import type { Actor } from './career-review.model';

const spec = DeciderSpecification.for(careerReviewDecider);
const personId = 'p-emp';
const employee: Actor = { kind: 'PERSON', personId, hr: false };
const supervisor: Actor = { kind: 'PERSON', personId: 'p-sup', hr: false };
const newSupervisor: Actor = { kind: 'PERSON', personId: 'p-sup-2', hr: false };
const hr: Actor = { kind: 'PERSON', personId: 'p-hr', hr: true };
const today = '2027-06-20';
const base = { personId, today, facts: { supervisorId: 'p-sup' } };
/** After the reporting line changed: the same person now supervised by p-sup-2. */
const reassigned = { facts: { supervisorId: 'p-sup-2' } };

const record = (overrides: Partial<RecordCareerReview> = {}): CareerReviewCommand => ({
  ...base,
  type: 'RecordCareerReview',
  actor: employee,
  cycleId: 'c-2026',
  whereNow: ' Kitchen assistant, two years ',
  in5Years: 'Cook in charge',
  in10Years: '',
  options: ['NVQ level 3 in catering', 'Shadow the cook'],
  agreedActions: [{ actionId: 'x-1', description: 'Enrol on NVQ', dueOn: '2026-12-01' }],
  ...overrides,
});
const recorded: CareerReviewEvent = {
  type: 'CareerReviewRecorded',
  data: {
    personId,
    cycleId: 'c-2026',
    supervisorId: 'p-sup',
    whereNow: 'Kitchen assistant, two years',
    in5Years: 'Cook in charge',
    in10Years: '',
    options: ['NVQ level 3 in catering', 'Shadow the cook'],
    agreedActions: [{ actionId: 'x-1', description: 'Enrol on NVQ', dueOn: '2026-12-01' }],
    recordedBy: personId,
  },
};
const agreed: CareerReviewEvent = { type: 'CareerReviewAgreed', data: { personId, cycleId: 'c-2026', agreedBy: 'p-sup', agreedOn: today } };
const nextCycle: CareerReviewEvent = { ...recorded, data: { ...recorded.data, cycleId: 'c-2027', supervisorId: 'p-sup-2', agreedActions: [{ actionId: 'x-1', description: 'Finish NVQ', dueOn: null }] } } as CareerReviewEvent;

describe('career review decider', () => {
  it('is written by the employee (or HR), not by the supervisor', () => {
    spec.given([]).when(record()).then([recorded]);
    spec.given([]).when(record({ actor: hr })).then([{ ...recorded, data: { ...recorded.data, recordedBy: 'p-hr' } } as CareerReviewEvent]);
    spec.given([]).when(record({ actor: supervisor })).thenThrows(ForbiddenError);
    spec.given([]).when(record({ actor: { kind: 'PERSON', personId, hr: true } })).then([recorded]);
  });
  it('reports every issue by path', () => {
    const error = spec
      .given([])
      .when(record({ whereNow: '', in5Years: ' ', options: ['ok', ''], agreedActions: [{ actionId: 'x-1', description: '', dueOn: '2026-02-30' }, { actionId: 'x-1', description: 'Again', dueOn: null }] }))
      .thenThrows<ValidationFailedError>(ValidationFailedError);
    expect(error.issues).toEqual([
      { path: 'whereNow', message: 'must not be empty' },
      { path: 'in5Years', message: 'say where you want to be in 5 or in 10 years' },
      { path: 'options.1', message: 'must not be empty' },
      { path: 'agreedActions.1.actionId', message: '"x-1" is listed more than once' },
      { path: 'agreedActions.0.description', message: 'must not be empty' },
      { path: 'agreedActions.0.dueOn', message: 'must be a date, YYYY-MM-DD' },
    ]);
  });
  it('may be rewritten until agreed, then is fixed; the same text again changes nothing', () => {
    spec.given([recorded]).when(record()).thenNothingHappens();
    spec.given([recorded]).when(record({ in10Years: 'Catering manager' })).then([{ ...recorded, data: { ...recorded.data, in10Years: 'Catering manager' } } as CareerReviewEvent]);
    spec.given([recorded, agreed]).when(record({ in10Years: 'Catering manager' })).thenThrows(InvalidStateError, (e) => e.message.includes('already agreed'));
  });
  it("is agreed by the person's current supervisor or HR, once", () => {
    const agree: CareerReviewCommand = { ...base, type: 'AgreeCareerReview', actor: supervisor, cycleId: 'c-2026' };
    spec.given([recorded]).when(agree).then([agreed]);
    spec.given([recorded]).when({ ...agree, actor: employee }).thenThrows(ForbiddenError);
    spec.given([recorded]).when({ ...agree, actor: newSupervisor }).thenThrows(ForbiddenError);
    spec.given([recorded, nextCycle]).when({ ...agree, ...reassigned, actor: newSupervisor, cycleId: 'c-2027' }).then([{ type: 'CareerReviewAgreed', data: { personId, cycleId: 'c-2027', agreedBy: 'p-sup-2', agreedOn: today } }]);
    // Recorded under the previous supervisor, who left before agreeing it: the new one agrees it, the old one cannot.
    spec.given([recorded]).when({ ...agree, ...reassigned, actor: newSupervisor }).then([{ type: 'CareerReviewAgreed', data: { personId, cycleId: 'c-2026', agreedBy: 'p-sup-2', agreedOn: today } }]);
    spec.given([recorded]).when({ ...agree, ...reassigned }).thenThrows(ForbiddenError);
    spec.given([recorded, agreed]).when(agree).thenNothingHappens();
    spec.given([]).when(agree).thenThrows(NotFoundError);
  });
  it('completes agreed actions only', () => {
    const done: CareerReviewCommand = { ...base, type: 'CompleteCareerAction', actor: employee, cycleId: 'c-2026', actionId: 'x-1', completedOn: '2026-11-20' };
    const completed: CareerReviewEvent = { type: 'CareerActionCompleted', data: { personId, cycleId: 'c-2026', actionId: 'x-1', completedOn: '2026-11-20', completedBy: personId } };
    spec.given([recorded]).when(done).thenThrows(InvalidStateError, (e) => e.message.includes('not agreed'));
    spec.given([recorded, agreed]).when(done).then([completed]);
    spec.given([recorded, agreed]).when({ ...done, actionId: 'x-9' }).thenThrows(NotFoundError);
    spec.given([recorded, agreed]).when({ ...done, completedOn: '2027-06-21' }).thenThrows(ValidationFailedError);
    spec.given([recorded, agreed]).when({ ...done, actor: newSupervisor }).thenThrows(ForbiddenError);
    spec.given([recorded, agreed]).when({ ...done, ...reassigned, actor: newSupervisor }).then([{ ...completed, data: { ...completed.data, completedBy: 'p-sup-2' } } as CareerReviewEvent]);
    spec.given([recorded, agreed]).when({ ...done, ...reassigned, actor: supervisor }).thenThrows(ForbiddenError);
    spec.given([recorded, agreed, completed]).when(done).thenNothingHappens();
  });
  it('keeps every cycle: a new cycle adds an entry, earlier ones stay as agreed', () => {
    const state = fold(careerReviewDecider, [recorded, agreed, nextCycle, { type: 'CareerReviewAgreed', data: { personId, cycleId: 'c-2027', agreedBy: 'p-sup-2', agreedOn: today } }]);
    expect(state.entries.map((e) => [e.cycleId, e.supervisorId, e.agreedBy, e.agreedActions[0].description])).toEqual([
      ['c-2026', 'p-sup', 'p-sup', 'Enrol on NVQ'],
      ['c-2027', 'p-sup-2', 'p-sup-2', 'Finish NVQ'],
    ]);
    expect(openCareerActions(state)).toEqual([
      { cycleId: 'c-2026', actionId: 'x-1', description: 'Enrol on NVQ', dueOn: '2026-12-01' },
      { cycleId: 'c-2027', actionId: 'x-1', description: 'Finish NVQ', dueOn: null },
    ]);
  });
});
