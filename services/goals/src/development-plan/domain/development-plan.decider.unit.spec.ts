import { AlreadyExistsError, DeciderSpecification, ForbiddenError, fold, InvalidStateError, NotFoundError, ValidationFailedError } from '@growth/es';
import type { AddDevelopmentActivity, DevelopmentPlanCommand, RecordTrainingNeed } from './development-plan.commands';
import { developmentPlanDecider } from './development-plan.decider';
import type { DevelopmentPlanEvent } from './development-plan.events';
import type { Actor } from './development-plan.model';
import { openActions } from './development-plan.open-actions';
import { isLocalDate } from '@growth/calendar';

const spec = DeciderSpecification.for(developmentPlanDecider);
const planId = 'pdp-1';
const employee: Actor = { kind: 'PERSON', personId: 'p-emp', hr: false };
const supervisor: Actor = { kind: 'PERSON', personId: 'p-sup', hr: false };
const trainer: Actor = { kind: 'PERSON', personId: 'p-trainer', hr: false };
const stranger: Actor = { kind: 'PERSON', personId: 'p-other', hr: false };
const hr: Actor = { kind: 'PERSON', personId: 'p-hr', hr: true };
const system: Actor = { kind: 'SYSTEM' };
const today = '2027-03-10';
const base = { planId, today };

const started: DevelopmentPlanEvent = { type: 'DevelopmentPlanStarted', data: { planId, cycleId: 'c-1', personId: 'p-emp', supervisorId: 'p-sup' } };
const details = {
  kind: 'TRAINING_COURSE' as const,
  description: 'Food hygiene level 2',
  startsOn: '2027-03-01',
  endsOn: '2027-04-30',
  arrangedBy: 'p-sup',
  competencyIds: ['safety'],
  estimatedCost: { amount: 12_500, currency: 'GBP' },
};
const addCourse = (overrides: Partial<AddDevelopmentActivity> = {}): DevelopmentPlanCommand => ({ ...base, type: 'AddDevelopmentActivity', actor: employee, activityId: 'a-1', ...details, ...overrides });
const courseAdded: DevelopmentPlanEvent = { type: 'DevelopmentActivityAdded', data: { planId, activityId: 'a-1', ...details, addedBy: 'p-emp' } };
const completed: DevelopmentPlanEvent = {
  type: 'DevelopmentActivityCompleted',
  data: { planId, personId: 'p-emp', cycleId: 'c-1', activityId: 'a-1', kind: 'TRAINING_COURSE', completedOn: '2027-03-09', outcome: 'Passed', completedBy: 'p-sup' },
};
const cancelled: DevelopmentPlanEvent = { type: 'DevelopmentActivityCancelled', data: { planId, activityId: 'a-1', reason: 'Course withdrawn', cancelledBy: 'p-sup', cancelledOn: today } };
const complete = (actor: Actor, overrides: object = {}): DevelopmentPlanCommand => ({ ...base, type: 'CompleteDevelopmentActivity', actor, activityId: 'a-1', completedOn: '2027-03-09', outcome: ' Passed ', ...overrides });
const recordNeed = (overrides: Partial<RecordTrainingNeed> = {}): DevelopmentPlanCommand => ({
  ...base,
  type: 'RecordTrainingNeed',
  actor: supervisor,
  needId: 'n-1',
  description: 'First aid at work',
  neededBy: '2027-09-01',
  estimatedCost: null,
  source: 'JOB_CHAT',
  competencyIds: [],
  ...overrides,
});
const needRecorded: DevelopmentPlanEvent = {
  type: 'TrainingNeedRecorded',
  data: { planId, personId: 'p-emp', cycleId: 'c-1', needId: 'n-1', description: 'First aid at work', neededBy: '2027-09-01', estimatedCost: null, source: 'JOB_CHAT', competencyIds: [], recordedBy: 'p-sup' },
};
const messageHas = (text: string) => (e: Error) => e.message.includes(text);

describe('local dates', () => {
  it.each([['2027-02-28', true], ['2028-02-29', true], ['2027-02-29', false], ['2027-13-01', false], ['2027-1-01', false], ['+002027-01-01', false], ['2027-01-01T00:00', false]])('%s is a date: %s', (text, ok) => {
    expect(isLocalDate(text)).toBe(ok);
  });
});

describe('development plan decider', () => {
  describe('starting', () => {
    it('is started once per person and cycle', () => {
      const start: DevelopmentPlanCommand = { ...base, type: 'StartDevelopmentPlan', actor: system, cycleId: 'c-1', personId: 'p-emp', supervisorId: 'p-sup' };
      spec.given([]).when(start).then([started]);
      spec.given([started]).when(start).thenThrows(AlreadyExistsError);
      spec.given([]).when({ ...start, actor: stranger }).thenThrows(ForbiddenError);
    });
    it('answers NOT_FOUND for a plan that does not exist', () => {
      spec.given([]).when(addCourse()).thenThrows(NotFoundError);
    });
  });

  describe('adding and changing activities', () => {
    it('lets the employee, their supervisor and HR add activities, and no one else', () => {
      spec.given([started]).when(addCourse()).then([courseAdded]);
      spec.given([started]).when(addCourse({ actor: supervisor })).then([{ ...courseAdded, data: { ...courseAdded.data, addedBy: 'p-sup' } } as DevelopmentPlanEvent]);
      spec.given([started]).when(addCourse({ actor: hr })).then([{ ...courseAdded, data: { ...courseAdded.data, addedBy: 'p-hr' } } as DevelopmentPlanEvent]);
      spec.given([started]).when(addCourse({ actor: stranger })).thenThrows(ForbiddenError);
      spec.given([started]).when(addCourse({ actor: system })).thenThrows(ForbiddenError);
    });
    it('reports every issue at once, each by its path', () => {
      const error = spec
        .given([started, courseAdded])
        .when(addCourse({ kind: 'JUGGLING' as never, description: '  ', startsOn: '2027-05-01', endsOn: '2027-04-31', arrangedBy: '', competencyIds: ['safety', 'safety'], estimatedCost: { amount: -5, currency: 'pounds' } }))
        .thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues).toEqual([
        { path: 'activityId', message: 'is already used by another activity of this plan' },
        { path: 'kind', message: 'must be one of TRAINING_COURSE, PROJECT, WORK_ASSIGNMENT, WORKING_WITH_OTHERS' },
        { path: 'description', message: 'must not be empty' },
        { path: 'endsOn', message: 'must be a date, YYYY-MM-DD' },
        { path: 'arrangedBy', message: 'must not be empty' },
        { path: 'competencyIds.1', message: '"safety" is listed more than once' },
        { path: 'estimatedCost.amount', message: 'must not be negative' },
        { path: 'estimatedCost.currency', message: 'must be an ISO 4217 code such as GBP' },
      ]);
    });
    it('refuses an end before the start, and fractional minor units', () => {
      const error = spec.given([started]).when(addCourse({ startsOn: '2027-05-01', endsOn: '2027-04-30', estimatedCost: { amount: 10.5, currency: 'GBP' } })).thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues.map((i) => i.path)).toEqual(['endsOn', 'estimatedCost.amount']);
      spec.given([started]).when(addCourse({ startsOn: '2027-05-01', endsOn: '2027-05-01', estimatedCost: null })).then([{ ...courseAdded, data: { ...courseAdded.data, startsOn: '2027-05-01', endsOn: '2027-05-01', estimatedCost: null } } as DevelopmentPlanEvent]);
    });
    it('changes a planned activity, and nothing when the details are the same', () => {
      const change: DevelopmentPlanCommand = { ...base, type: 'ChangeDevelopmentActivity', actor: supervisor, activityId: 'a-1', ...details, endsOn: '2027-05-31' };
      spec.given([started, courseAdded]).when(change).then([{ type: 'DevelopmentActivityChanged', data: { planId, activityId: 'a-1', ...details, endsOn: '2027-05-31', changedBy: 'p-sup' } }]);
      spec.given([started, courseAdded]).when({ ...change, endsOn: details.endsOn }).thenNothingHappens();
      spec.given([started, courseAdded]).when({ ...change, activityId: 'a-9' }).thenThrows(NotFoundError);
      spec.given([started, courseAdded]).when({ ...change, actor: trainer }).thenThrows(ForbiddenError);
      spec.given([started, courseAdded, completed]).when(change).thenThrows(InvalidStateError, messageHas('it is completed'));
    });
  });

  describe('completing and cancelling', () => {
    it('is completed by the arranger, the supervisor or HR, not by the employee or others', () => {
      spec.given([started, courseAdded]).when(complete(supervisor)).then([completed]);
      spec.given([started, courseAdded]).when(complete(hr)).then([{ ...completed, data: { ...completed.data, completedBy: 'p-hr' } } as DevelopmentPlanEvent]);
      const arrangedByTrainer = { ...courseAdded, data: { ...courseAdded.data, arrangedBy: 'p-trainer' } } as DevelopmentPlanEvent;
      spec.given([started, arrangedByTrainer]).when(complete(trainer)).then([{ ...completed, data: { ...completed.data, completedBy: 'p-trainer' } } as DevelopmentPlanEvent]);
      spec.given([started, courseAdded]).when(complete(trainer)).thenThrows(ForbiddenError, messageHas('whoever arranges the activity'));
      spec.given([started, courseAdded]).when(complete(employee)).thenThrows(ForbiddenError);
    });
    it('validates the completion date and outcome', () => {
      const error = spec.given([started, courseAdded]).when(complete(supervisor, { completedOn: '2027-03-11', outcome: '' })).thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues).toEqual([
        { path: 'outcome', message: 'must not be empty' },
        { path: 'completedOn', message: 'must not be after today' },
      ]);
    });
    it('completes once; a repeat with the same outcome changes nothing', () => {
      spec.given([started, courseAdded, completed]).when(complete(supervisor)).thenNothingHappens();
      spec.given([started, courseAdded, completed]).when(complete(supervisor, { outcome: 'Merit' })).thenThrows(InvalidStateError, messageHas('already completed'));
      spec.given([started, courseAdded, cancelled]).when(complete(supervisor)).thenThrows(InvalidStateError, messageHas('cancelled'));
    });
    it('folds a completion stored before it carried the person, cycle and kind', () => {
      const oldShaped: DevelopmentPlanEvent = { type: 'DevelopmentActivityCompleted', data: { planId, activityId: 'a-1', completedOn: '2027-03-09', outcome: 'Passed', completedBy: 'p-sup' } };
      expect(fold(developmentPlanDecider, [started, courseAdded, oldShaped]).activities).toEqual([
        expect.objectContaining({ activityId: 'a-1', status: 'COMPLETED', completedOn: '2027-03-09', outcome: 'Passed' }),
      ]);
      spec.given([started, courseAdded, oldShaped]).when(complete(supervisor)).thenNothingHappens();
    });
    it('is cancelled with a reason, once, and not after completion', () => {
      const cancel: DevelopmentPlanCommand = { ...base, type: 'CancelDevelopmentActivity', actor: supervisor, activityId: 'a-1', reason: ' Course withdrawn ' };
      spec.given([started, courseAdded]).when(cancel).then([cancelled]);
      spec.given([started, courseAdded]).when({ ...cancel, reason: '' }).thenThrows(ValidationFailedError, messageHas('reason: must not be empty'));
      spec.given([started, courseAdded]).when({ ...cancel, actor: stranger }).thenThrows(ForbiddenError);
      spec.given([started, courseAdded, cancelled]).when(cancel).thenNothingHappens();
      spec.given([started, courseAdded, completed]).when(cancel).thenThrows(InvalidStateError);
    });
  });

  describe('training needs', () => {
    it('records a need for the School Training Plan, with the person it is for', () => {
      spec.given([started]).when(recordNeed()).then([needRecorded]);
      spec.given([started]).when(recordNeed({ actor: stranger })).thenThrows(ForbiddenError);
    });
    it('reports every issue of a need by path', () => {
      const error = spec
        .given([started, needRecorded])
        .when(recordNeed({ description: '', neededBy: '2027-9-1', estimatedCost: { amount: -1, currency: 'GBP' }, source: 'GUESS' as never, competencyIds: [''] }))
        .thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues.map((i) => i.path)).toEqual(['needId', 'description', 'neededBy', 'estimatedCost.amount', 'source', 'competencyIds.0']);
    });
    it('is met or dropped by the supervisor or HR, once', () => {
      const meet: DevelopmentPlanCommand = { ...base, type: 'MeetTrainingNeed', actor: supervisor, needId: 'n-1', metOn: '2027-03-01' };
      const met: DevelopmentPlanEvent = { type: 'TrainingNeedMet', data: { planId, personId: 'p-emp', needId: 'n-1', metOn: '2027-03-01', recordedBy: 'p-sup' } };
      const drop: DevelopmentPlanCommand = { ...base, type: 'DropTrainingNeed', actor: hr, needId: 'n-1', reason: 'Left the kitchen team' };
      const dropped: DevelopmentPlanEvent = { type: 'TrainingNeedDropped', data: { planId, personId: 'p-emp', needId: 'n-1', reason: 'Left the kitchen team', droppedBy: 'p-hr', droppedOn: today } };
      spec.given([started, needRecorded]).when(meet).then([met]);
      spec.given([started, needRecorded]).when({ ...meet, metOn: '2027-04-01' }).thenThrows(ValidationFailedError, messageHas('metOn: must not be after today'));
      spec.given([started, needRecorded]).when({ ...meet, actor: employee }).thenThrows(ForbiddenError);
      spec.given([started, needRecorded]).when({ ...meet, needId: 'n-9' }).thenThrows(NotFoundError);
      spec.given([started, needRecorded, met]).when(meet).thenNothingHappens();
      spec.given([started, needRecorded]).when(drop).then([dropped]);
      spec.given([started, needRecorded, met]).when(drop).thenThrows(InvalidStateError);
      spec.given([started, needRecorded, dropped]).when(meet).thenThrows(InvalidStateError);
    });
  });

  describe('reassigning', () => {
    const reassign = (supervisorId: string | null, actor: Actor = system): DevelopmentPlanCommand => ({ ...base, type: 'ReassignDevelopmentPlan', actor, supervisorId });
    const arrangedByTrainer = { ...courseAdded, data: { ...courseAdded.data, activityId: 'a-2', arrangedBy: 'p-trainer' } } as DevelopmentPlanEvent;
    const doneCourse = { ...courseAdded, data: { ...courseAdded.data, activityId: 'a-3' } } as DevelopmentPlanEvent;
    const doneCompleted = { ...completed, data: { ...completed.data, activityId: 'a-3' } } as DevelopmentPlanEvent;
    const reassigned: DevelopmentPlanEvent = {
      type: 'DevelopmentPlanReassigned',
      data: { planId, personId: 'p-emp', fromSupervisorId: 'p-sup', toSupervisorId: 'p-new', movedActivityIds: ['a-1'], effectiveFrom: today },
    };
    it("moves the reviewer's duties to the new supervisor: the plan, and the planned activities the old one arranged", () => {
      spec.given([started, courseAdded, arrangedByTrainer, doneCourse, doneCompleted]).when(reassign('p-new')).then([reassigned]);
      const state = fold(developmentPlanDecider, [started, courseAdded, arrangedByTrainer, doneCourse, doneCompleted, reassigned, needRecorded]);
      expect(state.supervisorId).toBe('p-new');
      expect(state.activities.map((a) => [a.activityId, a.arrangedBy])).toEqual([['a-1', 'p-new'], ['a-2', 'p-trainer'], ['a-3', 'p-sup']]);
      expect(openActions(state, today).map((a) => a.owner)).toEqual(['p-new', 'p-trainer', 'p-new']);
    });
    it('takes the old supervisor\'s part away: they may no longer plan or close, the new one may', () => {
      spec.given([started, courseAdded, reassigned]).when(complete(supervisor)).thenThrows(ForbiddenError);
      spec.given([started, courseAdded, reassigned]).when(complete({ kind: 'PERSON', personId: 'p-new', hr: false })).then([{ ...completed, data: { ...completed.data, completedBy: 'p-new' } } as DevelopmentPlanEvent]);
    });
    it('changes nothing when the plan already has that supervisor, so a redelivered reaction is harmless', () => {
      spec.given([started, courseAdded, reassigned]).when(reassign('p-new')).thenNothingHappens();
      spec.given([started]).when(reassign('p-sup')).thenNothingHappens();
    });
    it('leaves activities with their arranger while the person has no supervisor', () => {
      spec.given([started, courseAdded]).when(reassign(null)).then([{ ...reassigned, data: { ...reassigned.data, toSupervisorId: null, movedActivityIds: [] } } as DevelopmentPlanEvent]);
    });
    it('is for the platform only, and never makes a person their own supervisor', () => {
      spec.given([started]).when(reassign('p-new', hr)).thenThrows(ForbiddenError);
      spec.given([started]).when(reassign('p-emp')).thenThrows(ValidationFailedError, messageHas('own supervisor'));
    });
  });

  describe('open actions', () => {
    const activity = (activityId: string, endsOn: string, arrangedBy = 'p-sup'): DevelopmentPlanEvent => ({ ...courseAdded, data: { ...courseAdded.data, activityId, endsOn, arrangedBy, description: `Activity ${activityId}` } }) as DevelopmentPlanEvent;
    it("lists what the reviewer still has to make happen, earliest first, flagging what is overdue", () => {
      const state = fold(developmentPlanDecider, [
        started,
        activity('a-late', '2027-03-09'),
        activity('a-today', '2027-03-10', 'p-trainer'),
        activity('a-done', '2027-03-01'),
        { ...completed, data: { ...completed.data, activityId: 'a-done', completedOn: '2027-03-01', outcome: 'Done' } } as DevelopmentPlanEvent,
        activity('a-off', '2027-03-01'),
        { type: 'DevelopmentActivityCancelled', data: { planId, activityId: 'a-off', reason: 'No budget', cancelledBy: 'p-sup', cancelledOn: today } },
        needRecorded,
        { ...needRecorded, data: { ...needRecorded.data, needId: 'n-late', description: 'Manual handling', neededBy: '2027-01-31' } } as DevelopmentPlanEvent,
        { ...needRecorded, data: { ...needRecorded.data, needId: 'n-met', neededBy: '2027-01-01' } } as DevelopmentPlanEvent,
        { type: 'TrainingNeedMet', data: { planId, personId: 'p-emp', needId: 'n-met', metOn: '2027-01-01', recordedBy: 'p-sup' } },
      ]);
      expect(openActions(state, today)).toEqual([
        { what: 'TRAINING_NEED', needId: 'n-late', description: 'Manual handling', owner: 'p-sup', dueOn: '2027-01-31', overdue: true },
        { what: 'ACTIVITY', activityId: 'a-late', kind: 'TRAINING_COURSE', description: 'Activity a-late', owner: 'p-sup', dueOn: '2027-03-09', overdue: true },
        { what: 'ACTIVITY', activityId: 'a-today', kind: 'TRAINING_COURSE', description: 'Activity a-today', owner: 'p-trainer', dueOn: '2027-03-10', overdue: false },
        { what: 'TRAINING_NEED', needId: 'n-1', description: 'First aid at work', owner: 'p-sup', dueOn: '2027-09-01', overdue: false },
      ]);
    });
    it('is empty once everything has happened', () => {
      expect(openActions(fold(developmentPlanDecider, [started, courseAdded, completed]), today)).toEqual([]);
    });
  });
});
