import { DeciderSpecification, ForbiddenError, InvalidStateError, NotFoundError, ValidationFailedError, AlreadyExistsError, fold } from '@growth/es';
import type { SelectionRules } from '@growth/contracts';
import { DEFAULT_ASSESSMENT_SCALE } from '../../cycle/domain/cycle.model';
import type { RecordMeeting, ReviewCommand, SelectionFacts } from './review.commands';
import { reviewDecider } from './review.decider';
import type { ReviewEvent } from './review.events';
import type { Actor } from './review.model';
import { nextSteps } from './review.steps';

const spec = DeciderSpecification.for(reviewDecider);
const reviewId = 'r-1';
const employee: Actor = { kind: 'PERSON', personId: 'p-emp', hr: false };
const supervisor: Actor = { kind: 'PERSON', personId: 'p-sup', hr: false };
const stranger: Actor = { kind: 'PERSON', personId: 'p-other', hr: false };
const hr: Actor = { kind: 'PERSON', personId: 'p-hr', hr: true };
const system: Actor = { kind: 'SYSTEM' };
const today = '2027-06-20';
const at = '2027-06-20T15:00:00.000Z';
const framework = { frameworkId: 'f-1', version: 1 };

// Seed 000's rules on a small framework: 2-3 competencies, one per cluster, Leadership only for supervisors.
const rules: SelectionRules = { minCompetencies: 2, maxCompetencies: 3, atLeastOnePerCluster: true, clustersRequiredOnlyForSupervisors: ['lead'], positionSpecificCompetencies: [{ competencyId: 'boiler', jobClassifications: ['Building Engineer'] }] };
const clusters = [
  { id: 'service', name: 'Service', competencies: [{ id: 'customer', name: 'Customer focus' }, { id: 'quality', name: 'Quality' }] },
  { id: 'work', name: 'Work', competencies: [{ id: 'safety', name: 'Safety' }, { id: 'boiler', name: 'Boiler operation' }] },
  { id: 'lead', name: 'Leadership', competencies: [{ id: 'coach', name: 'Coaching' }] },
];
const selectionFacts = (supervises = false, jobClassification = 'Custodian'): SelectionFacts => ({ clusters, rules, person: { supervises, jobClassification } });
const ratingFacts = { ratingLevelIds: ['DEVELOPING', 'EFFECTIVE', 'EFFECTIVE_PLUS'], themeIds: ['t-1', 't-2'] };

const base = { reviewId, today };
const started = (process: 'FULL' | 'JOB_CHAT' | 'LEADERSHIP' = 'FULL', levels: string[] = []): ReviewEvent => ({
  type: 'ReviewStarted',
  data: { reviewId, cycleId: 'c-1', personId: 'p-emp', supervisorId: 'p-sup', process, framework, levels },
});
const selected: ReviewEvent = { type: 'CompetenciesSelected', data: { reviewId, competencyIds: ['customer', 'safety'] } };
const agreed: ReviewEvent = { type: 'CompetencySelectionAgreed', data: { reviewId, agreedBy: 'p-sup' } };
const meeting = (kind: 'GOAL_SETTING' | 'MID_YEAR_REFLECTION' | 'YEAR_END_CONFERENCE', heldOn: string): ReviewEvent[] => [
  { type: 'MeetingRecorded', data: { reviewId, meetingId: `m-${kind}`, kind, heldOn, attendeeIds: ['p-emp', 'p-sup'], notes: '', recordedBy: 'p-sup' } },
  { type: 'PhaseCompleted', data: { reviewId, phase: kind, completedOn: heldOn } },
];
const supervisorRated: ReviewEvent = {
  type: 'SupervisorRatingsRecorded',
  data: { reviewId, ratedBy: 'p-sup', ratings: [ { competencyId: 'customer', ratingLevelId: 'EFFECTIVE', comment: 'Good', developing: false }, { competencyId: 'safety', ratingLevelId: 'DEVELOPING', comment: 'New', developing: true } ] },
};
const assessed: ReviewEvent = {
  type: 'OverallAssessmentRecorded',
  data: { reviewId, assessmentId: 'ACHIEVED', label: 'Achieved', eligibleForPayProgression: true, followUpReviewBy: null, formalProcedures: false, assessedBy: 'p-sup' },
};
const readyForSignatures: ReviewEvent = { type: 'ReviewReadyForSignatures', data: { reviewId, awaiting: ['EMPLOYEE', 'SUPERVISOR'] } };
const throughYearEnd = [started(), selected, agreed, ...meeting('GOAL_SETTING', '2026-10-01'), ...meeting('MID_YEAR_REFLECTION', '2027-02-01'), supervisorRated, ...meeting('YEAR_END_CONFERENCE', '2027-06-15')];
const readyToSign = [...throughYearEnd, assessed, readyForSignatures];
const signedBy = (role: 'EMPLOYEE' | 'SUPERVISOR', agreedToo = true): ReviewEvent => ({
  type: 'ReviewSigned',
  data: { reviewId, role, signedBy: role === 'EMPLOYEE' ? 'p-emp' : 'p-sup', signedOn: today, signedAt: at, agreed: agreedToo },
});
const bothSigned = [...readyToSign, signedBy('EMPLOYEE'), signedBy('SUPERVISOR')];
const filed: ReviewEvent = { type: 'ReviewFiled', data: { reviewId, filing: 1, filedOn: today, filedAt: at, submittedBy: 'p-sup' } };

const messageHas = (text: string) => (e: Error) => e.message.includes(text);

describe('review decider', () => {
  describe('starting', () => {
    it('starts a review for a person in a cycle', () => {
      spec.given([]).when({ ...base, type: 'StartReview', actor: system, cycleId: 'c-1', personId: 'p-emp', supervisorId: 'p-sup', process: 'FULL', framework, levels: [] }).then([started()]);
    });
    it('refuses a second review for the same person and cycle', () => {
      spec.given([started()]).when({ ...base, type: 'StartReview', actor: system, cycleId: 'c-1', personId: 'p-emp', supervisorId: 'p-sup', process: 'FULL', framework, levels: [] }).thenThrows(AlreadyExistsError);
    });
    it('answers NOT_FOUND for any step of a review that does not exist', () => {
      spec.given([]).when({ ...base, type: 'AgreeCompetencySelection', actor: supervisor }).thenThrows(NotFoundError);
    });
  });

  describe('competency selection', () => {
    const select = (competencyIds: string[], facts = selectionFacts(), actor = employee): ReviewCommand => ({ ...base, type: 'SelectCompetencies', actor, competencyIds, facts });
    it('records a selection that keeps every rule', () => {
      spec.given([started()]).when(select(['customer', 'safety'])).then([selected]);
    });
    it.each([
      ['too few', ['customer'], 'choose at least 2'],
      ['too many', ['customer', 'quality', 'safety', 'coach'], 'choose at most 3'],
      ['a cluster left out', ['customer', 'quality'], 'choose at least one competency from "Work"'],
      ['an unknown competency', ['customer', 'safety', 'juggling'], '"juggling" is not a competency'],
      ['a repeated competency', ['customer', 'safety', 'safety'], 'more than once'],
      ['a competency of another position', ['customer', 'boiler'], 'only for job classification'],
    ])('reports %s', (_, ids, text) => {
      spec.given([started()]).when(select(ids)).thenThrows(ValidationFailedError, messageHas(text));
    });
    it('reports every violated rule at once', () => {
      const error = spec.given([started()]).when(select(['juggling'])).thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues.map((i) => i.message)).toEqual([
        '"juggling" is not a competency of this framework',
        'choose at least 2 competencies; 0 chosen',
        'choose at least one competency from "Service"; none chosen',
        'choose at least one competency from "Work"; none chosen',
      ]);
    });
    it('requires the Leadership cluster of those who supervise staff, and only of them', () => {
      spec.given([started()]).when(select(['customer', 'safety'], selectionFacts(true))).thenThrows(ValidationFailedError, messageHas('"Leadership" (required for people who manage or supervise staff)'));
      spec.given([started()]).when(select(['customer', 'safety', 'coach'], selectionFacts(true))).then([{ type: 'CompetenciesSelected', data: { reviewId, competencyIds: ['customer', 'safety', 'coach'] } }]);
      spec.given([started()]).when(select(['customer', 'safety', 'coach'])).then([{ type: 'CompetenciesSelected', data: { reviewId, competencyIds: ['customer', 'safety', 'coach'] } }]);
    });
    it('lets only the employee select, not their supervisor or anyone else', () => {
      spec.given([started()]).when(select(['customer', 'safety'], selectionFacts(), supervisor)).thenThrows(ForbiddenError, messageHas('Only the employee may select competencies'));
      spec.given([started()]).when(select(['customer', 'safety'], selectionFacts(), stranger)).thenThrows(ForbiddenError);
      spec.given([started()]).when(select(['customer', 'safety'], selectionFacts(), hr)).thenThrows(ForbiddenError);
    });
    it('changes nothing when the same selection is submitted again', () => {
      spec.given([started(), selected]).when(select(['customer', 'safety'])).thenNothingHappens();
    });
    it('is agreed by the supervisor, once submitted, and is fixed after', () => {
      spec.given([started()]).when({ ...base, type: 'AgreeCompetencySelection', actor: supervisor }).thenThrows(InvalidStateError, messageHas('the employee must select competencies first'));
      spec.given([started(), selected]).when({ ...base, type: 'AgreeCompetencySelection', actor: employee }).thenThrows(ForbiddenError, messageHas('Only their supervisor'));
      spec.given([started(), selected]).when({ ...base, type: 'AgreeCompetencySelection', actor: supervisor }).then([agreed]);
      spec.given([started(), selected, agreed]).when(select(['customer', 'quality', 'safety'])).thenThrows(InvalidStateError, messageHas('already agreed'));
    });
    it('has no selection in a job chat or a leadership review', () => {
      spec.given([started('JOB_CHAT')]).when(select(['customer', 'safety'])).thenThrows(InvalidStateError, messageHas('a job chat has no competency selection'));
      spec.given([started('LEADERSHIP', ['L1', 'L2'])]).when(select(['customer', 'safety'])).thenThrows(InvalidStateError, messageHas('rates every theme'));
    });
  });

  describe('meetings and phases', () => {
    const record = (kind: 'GOAL_SETTING' | 'MID_YEAR_REFLECTION' | 'ONE_TO_ONE' | 'YEAR_END_CONFERENCE', heldOn = '2026-10-01', actor = supervisor): RecordMeeting => ({
      ...base,
      type: 'RecordMeeting',
      actor,
      meetingId: `m-${kind}`,
      kind,
      heldOn,
      attendeeIds: ['p-emp', 'p-sup'],
      notes: '',
    });
    it('completes a phase when its meeting is recorded', () => {
      spec.given([started()]).when(record('GOAL_SETTING')).then(meeting('GOAL_SETTING', '2026-10-01'));
    });
    it('keeps extra one-to-ones without completing a phase', () => {
      const events = reviewDecider.decide(record('ONE_TO_ONE'), fold(reviewDecider, [started()]));
      expect(events.map((e) => e.type)).toEqual(['MeetingRecorded']);
    });
    it('holds the phases in order', () => {
      spec.given([started()]).when(record('MID_YEAR_REFLECTION')).thenThrows(InvalidStateError, messageHas('the goal-setting meeting must be recorded first'));
      spec.given([started(), ...meeting('GOAL_SETTING', '2026-10-01')]).when(record('YEAR_END_CONFERENCE')).thenThrows(InvalidStateError, messageHas('the mid-year reflection must be recorded first'));
    });
    it('refuses a meeting dated in the future, without attendees, or recorded twice', () => {
      spec.given([started()]).when(record('GOAL_SETTING', '2027-06-21')).thenThrows(ValidationFailedError, messageHas('heldOn'));
      spec.given([started()]).when({ ...record('GOAL_SETTING'), attendeeIds: [] }).thenThrows(ValidationFailedError, messageHas('attendeeIds'));
      spec.given([started(), ...meeting('GOAL_SETTING', '2026-10-01')]).when(record('GOAL_SETTING')).thenThrows(ValidationFailedError, messageHas('already recorded'));
    });
    it('is recorded by the employee or the supervisor only', () => {
      spec.given([started()]).when(record('GOAL_SETTING', '2026-10-01', stranger)).thenThrows(ForbiddenError);
    });
  });

  describe('ratings', () => {
    const selfAssess = (ratings: { competencyId: string; ratingLevelId: string }[], actor = employee): ReviewCommand => ({
      ...base,
      type: 'SubmitSelfAssessment',
      actor,
      ratings: ratings.map((r) => ({ ...r, evidence: 'I did it' })),
      facts: ratingFacts,
    });
    const rate = (ratings: { competencyId: string; ratingLevelId: string; comment: string }[]): ReviewCommand => ({ ...base, type: 'RecordSupervisorRatings', actor: supervisor, ratings, facts: ratingFacts });
    it('takes a self-assessment of every chosen competency once the selection is agreed', () => {
      spec.given([started(), selected]).when(selfAssess([{ competencyId: 'customer', ratingLevelId: 'EFFECTIVE' }, { competencyId: 'safety', ratingLevelId: 'DEVELOPING' }])).thenThrows(InvalidStateError, messageHas('the supervisor must agree the competency selection first'));
      spec
        .given([started(), selected, agreed])
        .when(selfAssess([{ competencyId: 'customer', ratingLevelId: 'EFFECTIVE' }, { competencyId: 'safety', ratingLevelId: 'DEVELOPING' }]))
        .then([{ type: 'SelfAssessmentSubmitted', data: { reviewId, ratings: [{ competencyId: 'customer', ratingLevelId: 'EFFECTIVE', evidence: 'I did it' }, { competencyId: 'safety', ratingLevelId: 'DEVELOPING', evidence: 'I did it' }] } }]);
    });
    it('refuses rating a competency that was not chosen, a level off the scale, and a chosen competency left unrated', () => {
      const error = spec
        .given([started(), selected, agreed])
        .when(selfAssess([{ competencyId: 'quality', ratingLevelId: 'EFFECTIVE' }, { competencyId: 'customer', ratingLevelId: 'SUPERB' }]))
        .thenThrows<ValidationFailedError>(ValidationFailedError);
      expect(error.issues).toEqual([
        { path: 'ratings.0.competencyId', message: '"quality" was not chosen for this review' },
        { path: 'ratings.1.ratingLevelId', message: "must be a level of the framework's scale: DEVELOPING, EFFECTIVE, EFFECTIVE_PLUS" },
        { path: 'ratings', message: 'no rating for competency "safety"' },
      ]);
    });
    it('marks a supervisor rating of Developing as a candidate for growth planning', () => {
      spec
        .given([started(), selected, agreed])
        .when(rate([{ competencyId: 'customer', ratingLevelId: 'EFFECTIVE', comment: 'Good' }, { competencyId: 'safety', ratingLevelId: 'DEVELOPING', comment: 'New' }]))
        .then([supervisorRated]);
    });
    it('refuses competency ratings in a job chat', () => {
      spec.given([started('JOB_CHAT')]).when(selfAssess([{ competencyId: 'customer', ratingLevelId: 'EFFECTIVE' }])).thenThrows(InvalidStateError, messageHas('a job chat has no competency ratings'));
      spec.given([started('JOB_CHAT')]).when(rate([{ competencyId: 'customer', ratingLevelId: 'EFFECTIVE', comment: '' }])).thenThrows(InvalidStateError, messageHas('a job chat has no competency ratings'));
    });
    it('rates every theme in a leadership review', () => {
      spec.given([started('LEADERSHIP', ['L1', 'L2'])]).when(selfAssess([{ competencyId: 't-1', ratingLevelId: 'EFFECTIVE' }])).thenThrows(ValidationFailedError, messageHas('no rating for theme "t-2"'));
      const events = reviewDecider.decide(selfAssess([{ competencyId: 't-1', ratingLevelId: 'EFFECTIVE' }, { competencyId: 't-2', ratingLevelId: 'DEVELOPING' }]), fold(reviewDecider, [started('LEADERSHIP', ['L1', 'L2'])]));
      expect(events.map((e) => e.type)).toEqual(['SelfAssessmentSubmitted']);
    });
    it('lets an employee act on their own review only', () => {
      spec.given([started(), selected, agreed]).when(selfAssess([{ competencyId: 'customer', ratingLevelId: 'EFFECTIVE' }, { competencyId: 'safety', ratingLevelId: 'EFFECTIVE' }], stranger)).thenThrows(ForbiddenError, messageHas('Only the employee'));
    });
  });

  describe('job chat', () => {
    const answers = { likes: 'The team', dislikes: 'Early starts', needsToDoTheJob: 'A new mop', needsToGiveGoodService: 'More time', developmentNeeds: 'Food hygiene course', improvements: 'Rota' };
    it('records the answers, then the training and suggestions that follow', () => {
      spec.given([started('JOB_CHAT')]).when({ ...base, type: 'RecordJobChatAnswers', actor: supervisor, answers }).then([{ type: 'JobChatAnswersRecorded', data: { reviewId, answers, recordedBy: 'p-sup' } }]);
      spec.given([started('JOB_CHAT')]).when({ ...base, type: 'RecordJobChatOutcome', actor: supervisor, trainingAgreed: 'Course', suggestions: '' }).thenThrows(InvalidStateError, messageHas('the job chat answers must be recorded first'));
    });
    it('is signed after the job chat meeting without an overall assessment', () => {
      const held = [started('JOB_CHAT'), { type: 'JobChatAnswersRecorded', data: { reviewId, answers, recordedBy: 'p-sup' } } as ReviewEvent, ...meeting('YEAR_END_CONFERENCE', '2027-06-15')];
      spec.given(held).when({ ...base, type: 'SignReview', actor: employee, role: 'EMPLOYEE', agreed: true, at }).then([signedBy('EMPLOYEE')]);
    });
    it('can be swapped for the full review by the employee before it is held', () => {
      spec.given([started('JOB_CHAT')]).when({ ...base, type: 'OptIntoFullProcess', actor: employee, framework }).then([{ type: 'ReviewProcessChanged', data: { reviewId, from: 'JOB_CHAT', to: 'FULL', framework, levels: [] } }]);
      spec.given([started()]).when({ ...base, type: 'OptIntoFullProcess', actor: employee, framework }).thenThrows(InvalidStateError, messageHas('only a job chat'));
    });
  });

  describe('overall assessment', () => {
    const assess = (assessmentId: string, followUpReviewBy: string | null = null): ReviewCommand => ({ ...base, type: 'RecordOverallAssessment', actor: supervisor, assessmentId, followUpReviewBy, facts: { scale: DEFAULT_ASSESSMENT_SCALE } });
    it('comes after the year-end conference', () => {
      spec.given([started(), selected, agreed, supervisorRated]).when(assess('ACHIEVED')).thenThrows(InvalidStateError, messageHas('the year-end conference must be recorded first'));
    });
    it('derives pay-progression eligibility from the tenant scale', () => {
      spec.given(throughYearEnd).when(assess('ACHIEVED')).then([assessed, readyForSignatures]);
    });
    it('schedules a follow-up review for Progressing and records formal procedures for Underperformed', () => {
      spec.given(throughYearEnd).when(assess('PROGRESSING')).thenThrows(ValidationFailedError, messageHas('followUpReviewBy'));
      const [progressing] = reviewDecider.decide(assess('PROGRESSING', '2027-09-30'), fold(reviewDecider, throughYearEnd));
      expect(progressing.data).toMatchObject({ eligibleForPayProgression: false, followUpReviewBy: '2027-09-30', formalProcedures: false });
      const [under] = reviewDecider.decide(assess('UNDERPERFORMED'), fold(reviewDecider, throughYearEnd));
      expect(under.data).toMatchObject({ eligibleForPayProgression: false, formalProcedures: true });
    });
    it('refuses a level not on the scale', () => {
      spec.given(throughYearEnd).when(assess('SUPERB')).thenThrows(ValidationFailedError, messageHas('EXCEEDED, ACHIEVED, PROGRESSING, UNDERPERFORMED'));
    });
  });

  describe('signing and filing', () => {
    const sign = (actor: Actor, role: 'EMPLOYEE' | 'SUPERVISOR', agreedToo = true): ReviewCommand => ({ ...base, type: 'SignReview', actor, role, agreed: agreedToo, at });
    it('refuses signing before the year-end conference', () => {
      spec.given([started(), selected, agreed, supervisorRated]).when(sign(employee, 'EMPLOYEE')).thenThrows(InvalidStateError, messageHas('the overall assessment must be recorded first'));
      spec.given([started(), selected, agreed, supervisorRated, assessed]).when(sign(employee, 'EMPLOYEE')).thenThrows(InvalidStateError, messageHas('the year-end conference must be recorded first'));
    });
    it('takes both signatures, each once, from the right person', () => {
      spec.given(readyToSign).when(sign(employee, 'EMPLOYEE')).then([signedBy('EMPLOYEE')]);
      spec.given(readyToSign).when(sign(supervisor, 'SUPERVISOR')).then([signedBy('SUPERVISOR')]);
      spec.given(readyToSign).when(sign(supervisor, 'EMPLOYEE')).thenThrows(ForbiddenError);
      spec.given([...readyToSign, signedBy('EMPLOYEE')]).when(sign(employee, 'EMPLOYEE')).thenThrows(InvalidStateError, messageHas('already signed'));
    });
    it('lets the employee sign "seen, with comments" once they have commented', () => {
      spec.given(readyToSign).when(sign(employee, 'EMPLOYEE', false)).thenThrows(InvalidStateError, messageHas('must add comments first'));
      const commented: ReviewEvent = { type: 'EmployeeCommentsAdded', data: { reviewId, comments: 'I disagree on safety' } };
      spec.given([...readyToSign, commented]).when(sign(employee, 'EMPLOYEE', false)).then([signedBy('EMPLOYEE', false)]);
    });
    it('locks the content once signed', () => {
      spec.given([...readyToSign, signedBy('SUPERVISOR')]).when({ ...base, type: 'RecordOverallAssessment', actor: supervisor, assessmentId: 'EXCEEDED', followUpReviewBy: null, facts: { scale: DEFAULT_ASSESSMENT_SCALE } }).thenThrows(InvalidStateError, messageHas('signed by the supervisor'));
    });
    it('refuses filing without both signatures', () => {
      spec.given(readyToSign).when({ ...base, type: 'SubmitReviewToHr', actor: supervisor, at }).thenThrows(InvalidStateError, messageHas('the employee must sign first'));
      spec.given([...readyToSign, signedBy('EMPLOYEE')]).when({ ...base, type: 'SubmitReviewToHr', actor: supervisor, at }).thenThrows(InvalidStateError, messageHas('the supervisor must sign first'));
      spec.given(bothSigned).when({ ...base, type: 'SubmitReviewToHr', actor: supervisor, at }).then([filed]);
    });
    it('refuses editing after filing', () => {
      spec.given([...bothSigned, filed]).when({ ...base, type: 'AddEmployeeComments', actor: employee, comments: 'late thought' }).thenThrows(InvalidStateError, messageHas('filed and read-only'));
      spec.given([...bothSigned, filed]).when({ ...base, type: 'RecordMeeting', actor: supervisor, meetingId: 'm-x', kind: 'ONE_TO_ONE', heldOn: today, attendeeIds: ['p-emp'], notes: '' }).thenThrows(InvalidStateError, messageHas('filed and read-only'));
    });
  });

  describe('reopening by HR', () => {
    const reopen = (reason: string, actor = hr): ReviewCommand => ({ ...base, type: 'ReopenReview', actor, reason });
    it('needs a reason', () => {
      spec.given([...bothSigned, filed]).when(reopen('  ')).thenThrows(ValidationFailedError, messageHas('reason'));
    });
    it('reopens with a reason, after which corrections are signed and filed again as filing 2', () => {
      const reopened: ReviewEvent = { type: 'ReviewReopened', data: { reviewId, reason: 'Wrong rating on safety', reopenedBy: 'p-hr', filing: 1 } };
      spec.given([...bothSigned, filed]).when(reopen('Wrong rating on safety')).then([reopened, readyForSignatures]);
      const again = [...bothSigned, filed, reopened, signedBy('EMPLOYEE'), signedBy('SUPERVISOR')];
      spec.given([...bothSigned, filed, reopened]).when({ ...base, type: 'SubmitReviewToHr', actor: supervisor, at }).thenThrows(InvalidStateError, messageHas('the employee must sign first'));
      spec.given(again).when({ ...base, type: 'SubmitReviewToHr', actor: supervisor, at }).then([{ ...filed, data: { ...filed.data, filing: 2 } } as ReviewEvent]);
    });
    it('is HR only, and only of a filed review', () => {
      spec.given([...bothSigned, filed]).when(reopen('typo', supervisor)).thenThrows(ForbiddenError, messageHas('Only HR'));
      spec.given(bothSigned).when(reopen('typo')).thenThrows(InvalidStateError, messageHas('only a filed review'));
    });
  });

  describe('ready for signatures', () => {
    const answers = { likes: 'The team', dislikes: '', needsToDoTheJob: '', needsToGiveGoodService: '', developmentNeeds: '', improvements: '' };
    const answered: ReviewEvent = { type: 'JobChatAnswersRecorded', data: { reviewId, answers, recordedBy: 'p-sup' } };
    const yearEnd: RecordMeeting = { ...base, type: 'RecordMeeting', actor: supervisor, meetingId: 'm-YEAR_END_CONFERENCE', kind: 'YEAR_END_CONFERENCE', heldOn: '2027-06-15', attendeeIds: ['p-emp', 'p-sup'], notes: '' };
    const assess: ReviewCommand = { ...base, type: 'RecordOverallAssessment', actor: supervisor, assessmentId: 'ACHIEVED', followUpReviewBy: null, facts: { scale: DEFAULT_ASSESSMENT_SCALE } };
    const readinessOf = (history: readonly ReviewEvent[], command: ReviewCommand): number =>
      reviewDecider.decide(command, fold(reviewDecider, history)).filter((e) => e.type === 'ReviewReadyForSignatures').length;

    it('follows the overall assessment of a full review, the last thing it needs, and no step before', () => {
      spec.given(throughYearEnd).when(assess).then([assessed, readyForSignatures]);
      const history = [started(), selected, agreed, ...meeting('GOAL_SETTING', '2026-10-01'), ...meeting('MID_YEAR_REFLECTION', '2027-02-01')];
      expect(readinessOf(history, yearEnd)).toBe(0);
      expect(readinessOf(history, { ...base, type: 'RecordSupervisorRatings', actor: supervisor, ratings: [{ competencyId: 'customer', ratingLevelId: 'EFFECTIVE', comment: '' }, { competencyId: 'safety', ratingLevelId: 'EFFECTIVE', comment: '' }], facts: ratingFacts })).toBe(0);
    });
    it('follows whichever of the job chat answers and the year-end meeting comes last', () => {
      spec.given([started('JOB_CHAT'), answered]).when(yearEnd).then([...meeting('YEAR_END_CONFERENCE', '2027-06-15'), readyForSignatures]);
      spec.given([started('JOB_CHAT'), ...meeting('YEAR_END_CONFERENCE', '2027-06-15')]).when({ ...base, type: 'RecordJobChatAnswers', actor: supervisor, answers }).then([answered, readyForSignatures]);
      expect(readinessOf([started('JOB_CHAT')], yearEnd)).toBe(0);
      expect(readinessOf([started('JOB_CHAT')], { ...base, type: 'RecordJobChatAnswers', actor: supervisor, answers })).toBe(0);
    });
    it('is not said again by later commands, a changed assessment or a signature', () => {
      expect(readinessOf(readyToSign, { ...base, type: 'AddEmployeeComments', actor: employee, comments: 'Thanks' })).toBe(0);
      expect(readinessOf(readyToSign, { ...assess, assessmentId: 'EXCEEDED' })).toBe(0);
      expect(readinessOf(readyToSign, { ...base, type: 'RecordMeeting', actor: supervisor, meetingId: 'm-extra', kind: 'ONE_TO_ONE', heldOn: today, attendeeIds: ['p-emp'], notes: '' })).toBe(0);
      spec.given(readyToSign).when({ ...base, type: 'SignReview', actor: employee, role: 'EMPLOYEE', agreed: true, at }).then([signedBy('EMPLOYEE')]);
    });
    it('changes nothing in the review', () => {
      expect(fold(reviewDecider, [...throughYearEnd, assessed, readyForSignatures])).toEqual(fold(reviewDecider, [...throughYearEnd, assessed]));
    });
  });

  describe('reassignment and withdrawal', () => {
    it('moves an open review to the new supervisor, who may then act while the old one may not', () => {
      const moved: ReviewEvent = { type: 'ReviewReassigned', data: { reviewId, fromSupervisorId: 'p-sup', toSupervisorId: 'p-new', effectiveFrom: today } };
      spec.given([started(), selected]).when({ ...base, type: 'ReassignReview', actor: system, supervisorId: 'p-new' }).then([moved]);
      spec.given([started(), selected, moved]).when({ ...base, type: 'AgreeCompetencySelection', actor: supervisor }).thenThrows(ForbiddenError);
      spec.given([started(), selected, moved]).when({ ...base, type: 'AgreeCompetencySelection', actor: { kind: 'PERSON', personId: 'p-new', hr: false } }).then([{ type: 'CompetencySelectionAgreed', data: { reviewId, agreedBy: 'p-new' } }]);
      spec.given([started(), selected, moved]).when({ ...base, type: 'ReassignReview', actor: system, supervisorId: 'p-new' }).thenNothingHappens();
    });
    it('withdraws the review of a person who left, once, and keeps a filed review', () => {
      const withdrawn: ReviewEvent = { type: 'ReviewWithdrawn', data: { reviewId, reason: 'PERSON_LEFT', withdrawnOn: today } };
      spec.given([started()]).when({ ...base, type: 'WithdrawReview', actor: system, reason: 'PERSON_LEFT' }).then([withdrawn]);
      spec.given([started(), withdrawn]).when({ ...base, type: 'WithdrawReview', actor: system, reason: 'PERSON_LEFT' }).thenNothingHappens();
      spec.given([...bothSigned, filed]).when({ ...base, type: 'WithdrawReview', actor: system, reason: 'PERSON_LEFT' }).thenThrows(InvalidStateError, messageHas('filed'));
      spec.given([started(), withdrawn]).when({ ...base, type: 'AddEmployeeComments', actor: employee, comments: 'hi' }).thenThrows(InvalidStateError, messageHas('withdrawn'));
    });
    it('is reassigned by the platform only', () => {
      spec.given([started()]).when({ ...base, type: 'ReassignReview', actor: hr, supervisorId: 'p-new' }).thenThrows(ForbiddenError);
    });
  });

  describe('next steps', () => {
    it('names what can happen now and by whom', () => {
      expect(nextSteps(fold(reviewDecider, [started()])).map((s) => s.step)).toEqual(['SELECT_COMPETENCIES', 'RECORD_MEETING', 'ADD_EMPLOYEE_COMMENTS', 'WITHDRAW']);
      expect(nextSteps(fold(reviewDecider, [started(), selected]))).toContainEqual({ step: 'AGREE_COMPETENCY_SELECTION', by: ['SUPERVISOR'] });
      expect(nextSteps(fold(reviewDecider, bothSigned)).map((s) => s.step)).toEqual(['SUBMIT_TO_HR', 'WITHDRAW']);
      expect(nextSteps(fold(reviewDecider, [...bothSigned, filed])).map((s) => s.step)).toEqual(['REOPEN']);
    });
  });
});
