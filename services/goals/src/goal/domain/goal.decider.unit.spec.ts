import { AlreadyExistsError, DeciderSpecification, fold, ForbiddenError, InvalidStateError, NotFoundError, ValidationFailedError } from '@growth/es';
import type { DraftFacts, GoalCommand, RecordProgress } from './goal.commands';
import { goalDecider } from './goal.decider';
import type { GoalEvent } from './goal.events';
import type { Actor, GoalContent, GoalKind, Party, WordingWarning } from './goal.model';
import { smartIssues, vagueWording, type SmartFacts } from './goal.smart';
import { goalNextSteps } from './goal.steps';

const spec = DeciderSpecification.for(goalDecider);
const goalId = 'g-1';
const employee: Actor = { kind: 'PERSON', personId: 'p-emp', hr: false };
const supervisor: Actor = { kind: 'PERSON', personId: 'p-sup', hr: false };
const stranger: Actor = { kind: 'PERSON', personId: 'p-other', hr: false };
const hr: Actor = { kind: 'PERSON', personId: 'p-hr', hr: true };
const system: Actor = { kind: 'SYSTEM' };
const today = '2026-11-02';
const cycle = { startsOn: '2026-08-01', endsOn: '2027-07-31' };
const base = { goalId, today };

const content: GoalContent = {
  statement: 'Answer parent calls to the front office within two rings',
  measure: { what: 'calls answered within two rings', baseline: 60, target: 90, unit: 'percent' },
  actions: ['Cover the phone during lunch on a rota'],
  support: 'A second handset',
  alignment: { unitGoalId: 'ug-1', competencyIds: [] },
  dueOn: '2027-06-30',
};
const development: GoalContent = { ...content, alignment: { unitGoalId: null, competencyIds: ['customer'] } };
const smartFacts: SmartFacts = { cycle, unitGoalKnown: true, competencyIds: ['customer', 'safety'] };
const draftFacts = (existing: Partial<Record<GoalKind, number>> = {}, supervises = false, policy = {}): DraftFacts => ({
  cycle,
  policy,
  existing: { PERFORMANCE: 0, DEVELOPMENT: 0, OBJECTIVE: 0, ...existing },
  supervises,
});

const draftGoal = (kind: GoalKind = 'PERFORMANCE', facts = draftFacts(), actor = employee, c = content): GoalCommand => ({
  ...base,
  type: 'DraftGoal',
  actor,
  cycleId: 'c-1',
  personId: 'p-emp',
  supervisorId: 'p-sup',
  kind,
  content: c,
  facts,
});
const drafted = (kind: GoalKind = 'PERFORMANCE', c = content): GoalEvent => ({
  type: 'GoalDrafted',
  data: { goalId, cycleId: 'c-1', personId: 'p-emp', supervisorId: 'p-sup', kind, version: 1, content: c, draftedBy: 'p-emp' },
});
const submitted = (version = 1, role: Party = 'EMPLOYEE', warnings: readonly WordingWarning[] = []): GoalEvent => ({
  type: 'GoalSubmitted',
  data: { goalId, version, warnings, submittedBy: role === 'EMPLOYEE' ? 'p-emp' : 'p-sup', cycleId: 'c-1', personId: 'p-emp', kind: 'PERFORMANCE', role, awaiting: ['EMPLOYEE', 'SUPERVISOR'] },
});
/** An approval awaiting the other party by default: the first of the two. */
const approvedBy = (role: Party, version = 1, warningsOverridden = false, awaiting: Party[] = [role === 'EMPLOYEE' ? 'SUPERVISOR' : 'EMPLOYEE']): GoalEvent => ({
  type: 'GoalApproved',
  data: { goalId, version, role, by: role === 'EMPLOYEE' ? 'p-emp' : 'p-sup', warningsOverridden, awaiting },
});
const agreeingBy = (role: Party, version = 1, warningsOverridden = false): GoalEvent => approvedBy(role, version, warningsOverridden, []);
const agreedEvent = (version = 1, c: GoalContent = content, kind: GoalKind = 'PERFORMANCE'): GoalEvent => ({
  type: 'GoalAgreed',
  data: { goalId, version, agreedOn: today, cycleId: 'c-1', personId: 'p-emp', kind, content: c },
});
const agreed = [drafted(), submitted(), approvedBy('EMPLOYEE'), agreeingBy('SUPERVISOR'), agreedEvent()];

const submit = (facts = smartFacts, actor = employee): GoalCommand => ({ ...base, type: 'SubmitGoal', actor, facts });
const approve = (actor: Actor, overrideWarnings?: boolean): GoalCommand => ({ ...base, type: 'ApproveGoal', actor, overrideWarnings });
const revise = (c: GoalContent, actor = supervisor): GoalCommand => ({ ...base, type: 'ReviseGoal', actor, content: c, facts: { cycle } });
const progress = (status: 'ON_TRACK' | 'ACHIEVED' | 'NOT_ACHIEVED' | 'DEFERRED', checkInId = 'ci-1', actor = supervisor): RecordProgress => ({
  ...base,
  today: '2027-02-10',
  type: 'RecordProgress',
  actor,
  checkInId,
  value: 75,
  status,
  notes: 'Mid-year reflection',
  recordedOn: '2027-02-01',
  meetingId: 'm-mid',
  reflection: null,
  facts: { reviewKnown: true },
});
const progressed = (status: 'ON_TRACK' | 'ACHIEVED' | 'NOT_ACHIEVED' | 'DEFERRED', checkInId = 'ci-1', version = 1): GoalEvent => ({
  type: 'ProgressRecorded',
  data: { goalId, version, checkInId, value: 75, status, notes: 'Mid-year reflection', recordedOn: '2027-02-01', meetingId: 'm-mid', reflection: null, recordedBy: 'p-sup' },
});

const messageHas = (text: string) => (e: Error) => e.message.includes(text);
const criteriaOf = (c: GoalContent, kind: GoalKind = 'PERFORMANCE', facts = smartFacts) => smartIssues(c, kind, facts).map((i) => i.criterion);

describe('goal decider', () => {
  describe('drafting', () => {
    it('drafts a goal for the employee or by their supervisor', () => {
      spec.given([]).when(draftGoal()).then([drafted()]);
      const events = goalDecider.decide(draftGoal('PERFORMANCE', draftFacts(), supervisor), goalDecider.initialState());
      expect(events.map((e) => e.type)).toEqual(['GoalDrafted']);
    });
    it('refuses a second goal under the same id, and anyone but the two parties', () => {
      spec.given([drafted()]).when(draftGoal()).thenThrows(AlreadyExistsError);
      spec.given([]).when(draftGoal('PERFORMANCE', draftFacts(), stranger)).thenThrows(ForbiddenError);
      spec.given([]).when(draftGoal('PERFORMANCE', draftFacts(), hr)).thenThrows(ForbiddenError);
    });
    it('keeps to one performance goal and one development goal per cycle by default, or the tenant policy', () => {
      spec.given([]).when(draftGoal('PERFORMANCE', draftFacts({ PERFORMANCE: 1 }))).thenThrows(InvalidStateError, messageHas('the policy allows 1 performance goal per person per cycle'));
      spec.given([]).when(draftGoal('DEVELOPMENT', draftFacts({ DEVELOPMENT: 1 }), employee, development)).thenThrows(InvalidStateError, messageHas('1 development goal'));
      spec.given([]).when(draftGoal('DEVELOPMENT', draftFacts({ PERFORMANCE: 1 }), employee, development)).then([drafted('DEVELOPMENT', development)]);
      spec.given([]).when(draftGoal('PERFORMANCE', draftFacts({ PERFORMANCE: 1 }, false, { performanceGoals: 2 }))).then([drafted()]);
    });
    it('refuses a due date outside the cycle even in a draft, and accepts a draft without one', () => {
      spec.given([]).when(draftGoal('PERFORMANCE', draftFacts(), employee, { ...content, dueOn: '2027-08-15' })).thenThrows(ValidationFailedError, messageHas('dueOn: Time-bound: due on 2027-08-15, outside the cycle (2026-08-01 to 2027-07-31)'));
      spec.given([]).when(draftGoal('PERFORMANCE', draftFacts(), employee, { ...content, dueOn: '' })).then([drafted('PERFORMANCE', { ...content, dueOn: '' })]);
    });
  });

  describe('objectives (supervisors only, up to the cap)', () => {
    const objective = (others: number, supervises = true, policy = {}) => draftGoal('OBJECTIVE', draftFacts({ OBJECTIVE: others }, supervises, policy));
    it('accepts a fifth objective and fewer', () => {
      spec.given([]).when(objective(4)).then([drafted('OBJECTIVE')]);
      spec.given([]).when(objective(0)).then([drafted('OBJECTIVE')]);
    });
    it('refuses a sixth, naming the cap', () => {
      spec.given([]).when(objective(5)).thenThrows(InvalidStateError, messageHas('Cannot draft another objective: the cap is 5 objectives per person per cycle, and 5 are set'));
    });
    it("follows the tenant's cap", () => {
      spec.given([]).when(objective(3, true, { objectivesCap: 3 })).thenThrows(InvalidStateError, messageHas('the cap is 3'));
    });
    it('has objectives only for people who supervise staff', () => {
      const error = spec.given([]).when(objective(0, false)).thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues).toEqual([{ path: 'kind', message: 'only people who supervise staff have objectives' }]);
    });
  });

  describe('SMART at submission', () => {
    it('submits a SMART goal', () => {
      spec.given([drafted()]).when(submit()).then([submitted()]);
    });
    it.each([
      ['SPECIFIC', 'a statement of a few words', { ...content, statement: 'Be better' }, 'statement', 'Specific: say precisely what will change, in at least 5 words'],
      ['MEASURABLE', 'no measure', { ...content, measure: null }, 'measure', 'Measurable: no measure given'],
      ['ATTAINABLE', 'no action', { ...content, actions: [' '] }, 'actions', 'Attainable: name at least one action or strategy'],
      ['RELEVANT', 'no unit goal', { ...content, alignment: { unitGoalId: null, competencyIds: [] } }, 'alignment.unitGoalId', 'Relevant: align the goal with a goal of the tenant, site or department'],
      ['TIME_BOUND', 'no due date', { ...content, dueOn: '' }, 'dueOn', 'Time-bound: no due date given'],
    ])('refuses a goal that is not %s (%s)', (criterion, _, c, path, message) => {
      expect(criteriaOf(c)).toEqual([criterion]);
      const error = spec.given([drafted('PERFORMANCE', c)]).when(submit()).thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues).toEqual([{ path, message }]);
    });
    it('names each missing part of a measure', () => {
      const issues = smartIssues({ ...content, measure: { what: '', baseline: null, target: null, unit: '' } }, 'PERFORMANCE', smartFacts);
      expect(issues.map((i) => i.path)).toEqual(['measure.what', 'measure.target', 'measure.unit']);
    });
    it('needs the unit goal to exist for performance goals and objectives', () => {
      expect(smartIssues(content, 'OBJECTIVE', { ...smartFacts, unitGoalKnown: false })).toEqual([
        { criterion: 'RELEVANT', path: 'alignment.unitGoalId', message: 'Relevant: unit goal "ug-1" does not exist in this cycle' },
      ]);
    });
    it("links a development goal to competencies of the review's framework", () => {
      expect(criteriaOf(development, 'DEVELOPMENT')).toEqual([]);
      expect(smartIssues({ ...development, alignment: { unitGoalId: null, competencyIds: [] } }, 'DEVELOPMENT', smartFacts)[0].path).toBe('alignment.competencyIds');
      expect(smartIssues({ ...development, alignment: { unitGoalId: null, competencyIds: ['juggling'] } }, 'DEVELOPMENT', smartFacts)).toEqual([
        { criterion: 'RELEVANT', path: 'alignment.competencyIds.0', message: 'Relevant: "juggling" is not a competency of the framework this review uses' },
      ]);
    });
    it('needs the due date within the cycle', () => {
      expect(smartIssues({ ...content, dueOn: '2026-07-31' }, 'PERFORMANCE', smartFacts)).toEqual([
        { criterion: 'TIME_BOUND', path: 'dueOn', message: 'Time-bound: due on 2026-07-31, outside the cycle (2026-08-01 to 2027-07-31)' },
      ]);
      spec.given([drafted()]).when(submit({ ...smartFacts, cycle: { startsOn: '2026-08-01', endsOn: '2027-05-31' } })).thenThrows(ValidationFailedError, messageHas('outside the cycle'));
      expect(criteriaOf({ ...content, dueOn: '2027-07-31' })).toEqual([]);
    });
    it('lists every missing criterion at once', () => {
      const empty: GoalContent = { statement: '', measure: null, actions: [], support: '', alignment: { unitGoalId: null, competencyIds: [] }, dueOn: '' };
      expect(criteriaOf(empty)).toEqual(['SPECIFIC', 'MEASURABLE', 'ATTAINABLE', 'RELEVANT', 'TIME_BOUND']);
      const error = spec.given([drafted('PERFORMANCE', empty)]).when(submit()).thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues.map((i) => i.path)).toEqual(['statement', 'measure', 'actions', 'alignment.unitGoalId', 'dueOn']);
    });
    it('is submitted by the two parties only, once per version', () => {
      spec.given([drafted()]).when(submit(smartFacts, stranger)).thenThrows(ForbiddenError, messageHas('Only the employee or their supervisor may submit the goal'));
      spec.given([drafted(), submitted()]).when(submit()).thenThrows(InvalidStateError, messageHas('version 1 is already submitted'));
      spec.given([]).when(submit()).thenThrows(NotFoundError);
    });
  });

  describe('wording lint', () => {
    it('flags directional words without a measure, or without a baseline', () => {
      expect(vagueWording({ ...content, statement: 'Improve the front office and answer more calls', measure: null }).map((w) => w.word)).toEqual(['improve', 'more']);
      expect(vagueWording({ ...content, statement: 'Reduce late invoices each month', measure: { ...content.measure!, baseline: null } })[0]).toEqual({
        code: 'VAGUE_WORDING',
        word: 'reduce',
        message: '"reduce" needs a baseline to count from: give the measure\'s baseline',
      });
      expect(vagueWording({ ...content, statement: 'Increase calls answered within two rings' })).toEqual([]);
    });
    it('flags generalities whatever the measure', () => {
      expect(vagueWording({ ...content, statement: 'Try to answer calls within two rings where possible' }).map((w) => w.word)).toEqual(['try', 'where possible']);
    });
  });

  describe('agreement', () => {
    const vague: GoalContent = { ...content, statement: 'Try to answer parent calls within two rings' };
    const warnings = vagueWording(vague);
    const submittedVague = submitted(1, 'EMPLOYEE', warnings);
    it('records lint warnings on submission', () => {
      spec.given([drafted('PERFORMANCE', vague)]).when(submit()).then([submittedVague]);
    });
    it('awaits both parties on submission, whoever submits: submitting is not approving', () => {
      spec.given([drafted()]).when(submit(smartFacts, supervisor)).then([submitted(1, 'SUPERVISOR')]);
      spec.given([...agreed, { type: 'GoalRevised', data: { goalId, version: 2, content: { ...content, support: 'Two handsets' }, revisedBy: 'p-sup' } }])
        .when(submit())
        .then([submitted(2)]);
    });
    it('names, with each approval, the party whose approval is still awaited, and none with the one that agrees', () => {
      const [first] = goalDecider.decide(approve(supervisor), fold(goalDecider, [drafted(), submitted()]));
      expect(first).toMatchObject({ type: 'GoalApproved', data: { role: 'SUPERVISOR', awaiting: ['EMPLOYEE'] } });
      const [last, agreement] = goalDecider.decide(approve(employee), fold(goalDecider, [drafted(), submitted(), first]));
      expect([last, agreement]).toMatchObject([{ type: 'GoalApproved', data: { role: 'EMPLOYEE', awaiting: [] } }, { type: 'GoalAgreed' }]);
      // A new supervisor's approval is awaited again even though the previous one had approved.
      const reassigned: GoalEvent = { type: 'GoalReassigned', data: { goalId, fromSupervisorId: 'p-sup', toSupervisorId: 'p-new', effectiveFrom: today } };
      spec.given([drafted(), submitted(), approvedBy('SUPERVISOR'), reassigned]).when(approve(employee)).then([approvedBy('EMPLOYEE', 1, false, ['SUPERVISOR'])]);
    });
    it('folds submissions and approvals stored before they named the goal and whom they await', () => {
      const before: GoalEvent[] = [
        drafted(),
        { type: 'GoalSubmitted', data: { goalId, version: 1, warnings: [], submittedBy: 'p-emp' } },
        { type: 'GoalApproved', data: { goalId, version: 1, role: 'EMPLOYEE', by: 'p-emp', warningsOverridden: false } },
      ];
      expect(fold(goalDecider, before)).toMatchObject({ status: 'SUBMITTED', cycleId: 'c-1', personId: 'p-emp', approvals: { EMPLOYEE: { by: 'p-emp' }, SUPERVISOR: null } });
      spec.given(before).when(approve(supervisor)).then([agreeingBy('SUPERVISOR'), agreedEvent()]);
    });
    it('is not agreed when only one party has approved', () => {
      spec.given([drafted(), submitted()]).when(approve(employee)).then([approvedBy('EMPLOYEE')]);
      spec.given([drafted(), submitted()]).when(approve(supervisor)).then([approvedBy('SUPERVISOR')]);
      const state = fold(goalDecider, [drafted(), submitted(), approvedBy('SUPERVISOR')]);
      expect(state.status).toBe('SUBMITTED');
      spec.given([drafted(), submitted(), approvedBy('SUPERVISOR')]).when(progress('ON_TRACK')).thenThrows(InvalidStateError, messageHas('must be agreed by the employee and the supervisor first'));
    });
    it('is agreed when both parties have approved the current version', () => {
      spec.given([drafted(), submitted(), approvedBy('EMPLOYEE')]).when(approve(supervisor)).then([agreeingBy('SUPERVISOR'), agreedEvent()]);
      const state = fold(goalDecider, agreed);
      expect(state.status).toBe('AGREED');
      expect(state.versions).toEqual([{ version: 1, content, agreedOn: today }]);
    });
    it('needs submission first and one approval per party', () => {
      spec.given([drafted()]).when(approve(employee)).thenThrows(InvalidStateError, messageHas('version 1 must be submitted first'));
      spec.given([drafted(), submitted(), approvedBy('EMPLOYEE')]).when(approve(employee)).thenThrows(InvalidStateError, messageHas('the employee has already approved version 1'));
    });
    it('is approved by the employee or their supervisor only', () => {
      spec.given([drafted(), submitted()]).when(approve(stranger)).thenThrows(ForbiddenError, messageHas('Only the employee or their supervisor may approve the goal'));
      spec.given([drafted(), submitted()]).when(approve(hr)).thenThrows(ForbiddenError);
      spec.given([drafted(), submitted()]).when(approve(system)).thenThrows(ForbiddenError);
    });
    it("needs the supervisor's override of wording warnings, and not the employee's", () => {
      spec.given([drafted('PERFORMANCE', vague), submittedVague]).when(approve(supervisor)).thenThrows(InvalidStateError, messageHas('its wording has warnings ("try")'));
      spec.given([drafted('PERFORMANCE', vague), submittedVague]).when(approve(employee)).then([approvedBy('EMPLOYEE')]);
      spec.given([drafted('PERFORMANCE', vague), submittedVague, approvedBy('EMPLOYEE')]).when(approve(supervisor, true)).then([agreeingBy('SUPERVISOR', 1, true), agreedEvent(1, vague)]);
    });
    it('drops a pending supervisor approval when the supervisor changes', () => {
      const reassigned: GoalEvent = { type: 'GoalReassigned', data: { goalId, fromSupervisorId: 'p-sup', toSupervisorId: 'p-new', effectiveFrom: today } };
      const dropping: GoalEvent = { ...reassigned, data: { ...reassigned.data, approvalDropped: { version: 1, awaiting: ['EMPLOYEE', 'SUPERVISOR'] } } } as GoalEvent;
      const reassign: GoalCommand = { ...base, type: 'ReassignGoal', actor: system, supervisorId: 'p-new' };
      spec.given([drafted(), submitted(), approvedBy('SUPERVISOR')]).when(reassign).then([dropping]);
      // Only an approval that stops counting is told: the employee's stands, and nothing was pending in an agreed goal.
      spec.given([drafted(), submitted(), approvedBy('EMPLOYEE')]).when(reassign).then([reassigned]);
      spec.given(agreed).when(reassign).then([reassigned]);
      const state = fold(goalDecider, [drafted(), submitted(), approvedBy('SUPERVISOR'), reassigned]);
      expect(state.approvals.SUPERVISOR).toBeNull();
      spec.given([drafted(), submitted(), approvedBy('SUPERVISOR'), reassigned]).when(approve(supervisor)).thenThrows(ForbiddenError);
      spec.given([drafted(), reassigned]).when({ ...base, type: 'ReassignGoal', actor: system, supervisorId: 'p-new' }).thenNothingHappens();
      spec.given([drafted()]).when({ ...base, type: 'ReassignGoal', actor: supervisor, supervisorId: 'p-new' }).thenThrows(ForbiddenError);
    });
  });

  describe('revision', () => {
    const changed: GoalContent = { ...content, measure: { ...content.measure!, target: 95 } };
    it('updates a draft in place, and sends a submitted one back to draft', () => {
      spec.given([drafted()]).when(revise(changed)).then([{ type: 'GoalRevised', data: { goalId, version: 1, content: changed, revisedBy: 'p-sup' } }]);
      const state = fold(goalDecider, [drafted(), submitted(), approvedBy('EMPLOYEE'), { type: 'GoalRevised', data: { goalId, version: 1, content: changed, revisedBy: 'p-sup' } }]);
      expect(state).toMatchObject({ status: 'DRAFT', version: 1, approvals: { EMPLOYEE: null, SUPERVISOR: null }, versions: [] });
    });
    it('changes nothing when the content is the same', () => {
      spec.given(agreed).when(revise({ ...content })).thenNothingHappens();
    });
    it('starts a new version of an agreed goal that needs agreement again, keeping the agreed one', () => {
      const revised: GoalEvent = { type: 'GoalRevised', data: { goalId, version: 2, content: changed, revisedBy: 'p-sup' } };
      spec.given(agreed).when(revise(changed)).then([revised]);
      const state = fold(goalDecider, [...agreed, revised]);
      expect(state).toMatchObject({ status: 'DRAFT', version: 2, content: changed, versions: [{ version: 1, content }] });
      spec.given([...agreed, revised]).when(progress('ON_TRACK')).thenThrows(InvalidStateError, messageHas('version 2 must be agreed'));
      spec.given([...agreed, revised, submitted(2), approvedBy('EMPLOYEE', 2)]).when(approve(supervisor)).then([agreeingBy('SUPERVISOR', 2), agreedEvent(2, changed)]);
      const again = fold(goalDecider, [...agreed, revised, submitted(2), approvedBy('EMPLOYEE', 2), agreeingBy('SUPERVISOR', 2), agreedEvent(2, changed)]);
      expect(again.versions.map((v) => [v.version, v.content.measure?.target])).toEqual([[1, 90], [2, 95]]);
    });
    it('is for the two parties only', () => {
      spec.given([drafted()]).when(revise(changed, stranger)).thenThrows(ForbiddenError);
      spec.given([drafted()]).when(revise(changed, hr)).thenThrows(ForbiddenError);
    });
  });

  describe('progress and final statuses', () => {
    it('records progress on an agreed goal only', () => {
      spec.given([drafted()]).when(progress('ON_TRACK')).thenThrows(InvalidStateError, messageHas('version 1 must be agreed'));
      spec.given(agreed).when(progress('ON_TRACK')).then([progressed('ON_TRACK')]);
      spec.given([...agreed, progressed('ON_TRACK')]).when(progress('ON_TRACK')).thenThrows(ValidationFailedError, messageHas('this check-in is already recorded'));
      spec.given(agreed).when({ ...progress('ON_TRACK'), recordedOn: '2027-03-01' }).thenThrows(ValidationFailedError, messageHas('in the future'));
      spec.given(agreed).when(progress('ON_TRACK', 'ci-1', stranger)).thenThrows(ForbiddenError);
    });
    it("links a check-in to the review's mid-year or year-end meeting, once per goal each", () => {
      const midYear: RecordProgress = { ...progress('ON_TRACK'), reflection: 'MID_YEAR_REFLECTION' };
      const reflected = (checkInId: string, reflection: 'MID_YEAR_REFLECTION' | 'YEAR_END_CONFERENCE' | null): GoalEvent =>
        ({ ...progressed('ON_TRACK', checkInId), data: { ...progressed('ON_TRACK', checkInId).data, reflection } }) as GoalEvent;
      spec.given(agreed).when(midYear).then([reflected('ci-1', 'MID_YEAR_REFLECTION')]);
      spec.given([...agreed, reflected('ci-1', 'MID_YEAR_REFLECTION')]).when({ ...midYear, checkInId: 'ci-2' }).thenThrows(InvalidStateError, messageHas('this goal already has one'));
      spec.given([...agreed, reflected('ci-1', 'MID_YEAR_REFLECTION')]).when({ ...midYear, checkInId: 'ci-2', reflection: 'YEAR_END_CONFERENCE' }).then([reflected('ci-2', 'YEAR_END_CONFERENCE')]);
      spec.given([...agreed, reflected('ci-1', 'MID_YEAR_REFLECTION')]).when({ ...midYear, checkInId: 'ci-2', reflection: null }).then([reflected('ci-2', null)]);
      spec.given(agreed).when({ ...midYear, facts: { reviewKnown: false } }).thenThrows(ValidationFailedError, messageHas('reflection: the person has no review in this cycle'));
      spec.given(agreed).when({ ...midYear, reflection: 'GOAL_SETTING' as 'MID_YEAR_REFLECTION' }).thenThrows(ValidationFailedError, messageHas('reflection: must be one of MID_YEAR_REFLECTION, YEAR_END_CONFERENCE'));
      // Check-ins stored before they could name a meeting reflect none.
      const { reflection: _dropped, ...before } = (progressed('ON_TRACK') as Extract<GoalEvent, { type: 'ProgressRecorded' }>).data;
      expect(fold(goalDecider, [...agreed, { type: 'ProgressRecorded', data: before }]).progress[0].reflection).toBeNull();
    });
    it.each([
      ['ACHIEVED', 'GoalAchieved'],
      ['NOT_ACHIEVED', 'GoalNotAchieved'],
      ['DEFERRED', 'GoalDeferred'],
    ] as const)('closes the goal as %s', (status, type) => {
      spec.given(agreed).when(progress(status)).then([progressed(status), { type, data: { goalId, version: 1, on: '2027-02-01' } } as GoalEvent]);
      spec.given([...agreed, progressed(status), { type, data: { goalId, version: 1, on: '2027-02-01' } } as GoalEvent]).when(progress('ON_TRACK', 'ci-2')).thenThrows(InvalidStateError, messageHas('Cannot record progress'));
    });
    it('lets a deferred goal be revised into a new version, but not an achieved one', () => {
      const deferred = [...agreed, progressed('DEFERRED'), { type: 'GoalDeferred', data: { goalId, version: 1, on: '2027-02-01' } } as GoalEvent];
      const later = { ...content, dueOn: '2027-07-15' };
      spec.given(deferred).when(revise(later)).then([{ type: 'GoalRevised', data: { goalId, version: 2, content: later, revisedBy: 'p-sup' } }]);
      const achieved = [...agreed, progressed('ACHIEVED'), { type: 'GoalAchieved', data: { goalId, version: 1, on: '2027-02-01' } } as GoalEvent];
      spec.given(achieved).when(revise(later)).thenThrows(InvalidStateError, messageHas('the goal is closed as achieved'));
    });
  });

  describe('withdrawal', () => {
    const withdraw = (actor: Actor): GoalCommand => ({ ...base, type: 'WithdrawGoal', actor, reason: 'Role changed' });
    const withdrawn = (by: string): GoalEvent => ({ type: 'GoalWithdrawn', data: { goalId, reason: 'Role changed', withdrawnBy: by, withdrawnOn: today } });
    it('is done by the supervisor or HR, not the employee', () => {
      spec.given(agreed).when(withdraw(supervisor)).then([withdrawn('p-sup')]);
      spec.given(agreed).when(withdraw(hr)).then([withdrawn('p-hr')]);
      spec.given(agreed).when(withdraw(employee)).thenThrows(ForbiddenError, messageHas('Only their supervisor or HR may withdraw the goal'));
    });
    it('closes the goal to every other step, and changes nothing when repeated', () => {
      spec.given([...agreed, withdrawn('p-sup')]).when(withdraw(hr)).thenNothingHappens();
      spec.given([...agreed, withdrawn('p-sup')]).when(revise(content)).thenThrows(InvalidStateError, messageHas('withdrawn'));
    });
  });

  describe('next steps', () => {
    it('tells who can do what now', () => {
      expect(goalNextSteps(fold(goalDecider, [drafted()])).map((s) => s.step)).toEqual(['REVISE', 'SUBMIT', 'WITHDRAW']);
      expect(goalNextSteps(fold(goalDecider, [drafted(), submitted(), approvedBy('EMPLOYEE')]))).toEqual([
        { step: 'REVISE', by: ['EMPLOYEE', 'SUPERVISOR'] },
        { step: 'APPROVE_AS_SUPERVISOR', by: ['SUPERVISOR'] },
        { step: 'WITHDRAW', by: ['SUPERVISOR', 'HR'] },
      ]);
      expect(goalNextSteps(fold(goalDecider, agreed)).map((s) => s.step)).toEqual(['REVISE', 'RECORD_PROGRESS', 'WITHDRAW']);
      expect(goalNextSteps(goalDecider.initialState())).toEqual([]);
    });
  });
});
