import { evaluateSelection } from '@growth/contracts';
import { AlreadyExistsError, assertNever, InvalidStateError, ValidationFailedError, type Decider, type ValidationIssue } from '@growth/es';
import { compareLocalDates, isLocalDate } from '@growth/calendar';
import type {
  AddEmployeeComments,
  RecordJobChatAnswers,
  RecordJobChatOutcome,
  RecordMeeting,
  RecordOverallAssessment,
  RecordSupervisorRatings,
  ReviewCommand,
  SelectCompetencies,
  SignReview,
  StartReview,
  SubmitSelfAssessment,
  RatingFacts,
} from './review.commands';
import type { ReviewEvent } from './review.events';
import { initialReviewState, MEETING_KINDS, PHASE_OF_MEETING, type JobChatAnswers, type Rating, type ReviewState } from './review.model';
import { checkStep, readyForSignatures, type ReviewStep } from './review.steps';

/** Free text is kept to a size a form holds; longer input is refused rather than cut. */
export const MAX_TEXT = 10_000;

const textIssues = (fields: Record<string, string>, { required }: { required: boolean }): ValidationIssue[] =>
  Object.entries(fields).flatMap(([path, text]) => {
    if (text.length > MAX_TEXT) return [{ path, message: `must be at most ${MAX_TEXT} characters` }];
    if (required && text.trim().length === 0) return [{ path, message: 'must not be empty' }];
    return [];
  });

const refuse = (issues: ValidationIssue[]): void => {
  if (issues.length > 0) throw new ValidationFailedError(issues);
};

const actorId = (command: ReviewCommand): string => (command.actor.kind === 'PERSON' ? command.actor.personId : 'system');

const start = (command: StartReview, state: ReviewState): ReviewEvent[] => {
  if (state.status !== 'NONE') throw new AlreadyExistsError('this person already has a review in this cycle');
  const { reviewId, cycleId, personId, supervisorId, process, framework, levels } = command;
  return [{ type: 'ReviewStarted', data: { reviewId, cycleId, personId, supervisorId, process, framework, levels } }];
};

const select = (command: SelectCompetencies, state: ReviewState): ReviewEvent[] => {
  const { clusters, rules, person } = command.facts;
  const violations = evaluateSelection(rules, clusters, command.competencyIds, person);
  refuse(violations.map((v) => ({ path: 'competencyIds', message: v.message })));
  const same = state.selection !== null && state.selection.competencyIds.join() === command.competencyIds.join();
  return same ? [] : [{ type: 'CompetenciesSelected', data: { reviewId: state.reviewId, competencyIds: [...command.competencyIds] } }];
};

const recordMeeting = (command: RecordMeeting, state: ReviewState): ReviewEvent[] => {
  const issues: ValidationIssue[] = [];
  if (!MEETING_KINDS.includes(command.kind)) issues.push({ path: 'kind', message: `must be one of ${MEETING_KINDS.join(', ')}` });
  if (!isLocalDate(command.heldOn)) issues.push({ path: 'heldOn', message: 'must be a date, YYYY-MM-DD' });
  else if (compareLocalDates(command.heldOn, command.today) > 0) issues.push({ path: 'heldOn', message: 'a meeting is recorded once it has been held; this date is in the future' });
  if (command.attendeeIds.length === 0) issues.push({ path: 'attendeeIds', message: 'name at least one attendee' });
  issues.push(...textIssues({ notes: command.notes }, { required: false }));
  if (state.meetings.some((m) => m.meetingId === command.meetingId)) issues.push({ path: 'meetingId', message: 'this meeting is already recorded' });
  refuse(issues);
  const phase = PHASE_OF_MEETING[command.kind];
  if (state.process !== 'JOB_CHAT' && phase === 'MID_YEAR_REFLECTION' && !state.phasesCompleted.has('GOAL_SETTING')) {
    throw new InvalidStateError('Cannot record the mid-year reflection: the goal-setting meeting must be recorded first');
  }
  if (state.process !== 'JOB_CHAT' && phase === 'YEAR_END_CONFERENCE' && !state.phasesCompleted.has('MID_YEAR_REFLECTION')) {
    throw new InvalidStateError('Cannot record the year-end conference: the mid-year reflection must be recorded first');
  }
  const { reviewId } = state;
  const events: ReviewEvent[] = [
    {
      type: 'MeetingRecorded',
      data: { reviewId, meetingId: command.meetingId, kind: command.kind, heldOn: command.heldOn, attendeeIds: [...command.attendeeIds], notes: command.notes, recordedBy: actorId(command) },
    },
  ];
  if (phase !== undefined && !state.phasesCompleted.has(phase)) events.push({ type: 'PhaseCompleted', data: { reviewId, phase, completedOn: command.heldOn } });
  return events;
};

/** What the ratings must cover: the chosen competencies (full review) or every theme (leadership review). */
const ratingIssues = (state: ReviewState, ratings: readonly { competencyId: string; ratingLevelId: string }[], facts: RatingFacts): ValidationIssue[] => {
  const expected = state.process === 'LEADERSHIP' ? facts.themeIds : (state.selection?.competencyIds ?? []);
  const what = state.process === 'LEADERSHIP' ? 'theme' : 'competency';
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  ratings.forEach((rating, i) => {
    if (!expected.includes(rating.competencyId)) {
      issues.push({ path: `ratings.${i}.competencyId`, message: state.process === 'LEADERSHIP' ? `"${rating.competencyId}" is not a theme of this framework` : `"${rating.competencyId}" was not chosen for this review` });
    } else if (seen.has(rating.competencyId)) {
      issues.push({ path: `ratings.${i}.competencyId`, message: `"${rating.competencyId}" is rated more than once` });
    }
    seen.add(rating.competencyId);
    if (!facts.ratingLevelIds.includes(rating.ratingLevelId)) {
      issues.push({ path: `ratings.${i}.ratingLevelId`, message: `must be a level of the framework's scale: ${facts.ratingLevelIds.join(', ')}` });
    }
  });
  for (const id of expected) if (!seen.has(id)) issues.push({ path: 'ratings', message: `no rating for ${what} "${id}"` });
  return issues;
};

const sameRatings = (before: ReadonlyMap<string, Rating> | null, after: readonly { competencyId: string; ratingLevelId: string; text: string }[]): boolean =>
  before !== null && before.size === after.length && after.every((r) => before.get(r.competencyId)?.ratingLevelId === r.ratingLevelId && before.get(r.competencyId)?.text === r.text);

const selfAssess = (command: SubmitSelfAssessment, state: ReviewState): ReviewEvent[] => {
  refuse([
    ...ratingIssues(state, command.ratings, command.facts),
    ...command.ratings.flatMap((r, i) => textIssues({ [`ratings.${i}.evidence`]: r.evidence }, { required: false })),
  ]);
  if (sameRatings(state.selfAssessment, command.ratings.map((r) => ({ ...r, text: r.evidence })))) return [];
  return [{ type: 'SelfAssessmentSubmitted', data: { reviewId: state.reviewId, ratings: command.ratings.map(({ competencyId, ratingLevelId, evidence }) => ({ competencyId, ratingLevelId, evidence })) } }];
};

const supervisorRate = (command: RecordSupervisorRatings, state: ReviewState): ReviewEvent[] => {
  refuse([
    ...ratingIssues(state, command.ratings, command.facts),
    ...command.ratings.flatMap((r, i) => textIssues({ [`ratings.${i}.comment`]: r.comment }, { required: false })),
  ]);
  if (sameRatings(state.supervisorRatings, command.ratings.map((r) => ({ ...r, text: r.comment })))) return [];
  // "Developing" (the lowest level of the scale, seed 000) marks a candidate for growth planning.
  const developing = command.facts.ratingLevelIds[0];
  return [
    {
      type: 'SupervisorRatingsRecorded',
      data: {
        reviewId: state.reviewId,
        ratedBy: actorId(command),
        ratings: command.ratings.map(({ competencyId, ratingLevelId, comment }) => ({ competencyId, ratingLevelId, comment, developing: ratingLevelId === developing })),
      },
    },
  ];
};

const JOB_CHAT_QUESTIONS: readonly (keyof JobChatAnswers)[] = ['likes', 'dislikes', 'needsToDoTheJob', 'needsToGiveGoodService', 'developmentNeeds', 'improvements'];

const answerJobChat = (command: RecordJobChatAnswers, state: ReviewState): ReviewEvent[] => {
  refuse(textIssues(Object.fromEntries(JOB_CHAT_QUESTIONS.map((q) => [`answers.${q}`, command.answers[q]])), { required: false }));
  if (JOB_CHAT_QUESTIONS.every((q) => command.answers[q].trim().length === 0)) refuse([{ path: 'answers', message: 'answer at least one question' }]);
  if (state.jobChat !== null && JOB_CHAT_QUESTIONS.every((q) => state.jobChat?.[q] === command.answers[q])) return [];
  const answers = Object.fromEntries(JOB_CHAT_QUESTIONS.map((q) => [q, command.answers[q]])) as unknown as JobChatAnswers;
  return [{ type: 'JobChatAnswersRecorded', data: { reviewId: state.reviewId, answers, recordedBy: actorId(command) } }];
};

const jobChatOutcome = (command: RecordJobChatOutcome, state: ReviewState): ReviewEvent[] => {
  refuse(textIssues({ trainingAgreed: command.trainingAgreed, suggestions: command.suggestions }, { required: false }));
  if (state.jobChatOutcome?.trainingAgreed === command.trainingAgreed && state.jobChatOutcome.suggestions === command.suggestions) return [];
  return [{ type: 'JobChatOutcomeRecorded', data: { reviewId: state.reviewId, trainingAgreed: command.trainingAgreed, suggestions: command.suggestions, recordedBy: actorId(command) } }];
};

const assessOverall = (command: RecordOverallAssessment, state: ReviewState): ReviewEvent[] => {
  const level = command.facts.scale.find((l) => l.id === command.assessmentId);
  if (!level) throw new ValidationFailedError([{ path: 'assessmentId', message: `must be one of ${command.facts.scale.map((l) => l.id).join(', ')}` }]);
  const followUp = level.consequence === 'FOLLOW_UP_REVIEW';
  if (followUp && command.followUpReviewBy === null) refuse([{ path: 'followUpReviewBy', message: `${level.label} schedules a follow-up review: give its date` }]);
  if (!followUp && command.followUpReviewBy !== null) refuse([{ path: 'followUpReviewBy', message: `${level.label} schedules no follow-up review; leave it out` }]);
  if (command.followUpReviewBy !== null && (!isLocalDate(command.followUpReviewBy) || compareLocalDates(command.followUpReviewBy, command.today) <= 0)) {
    refuse([{ path: 'followUpReviewBy', message: 'must be a date after today, YYYY-MM-DD' }]);
  }
  const data = {
    reviewId: state.reviewId,
    assessmentId: level.id,
    label: level.label,
    eligibleForPayProgression: level.eligibleForPayProgression,
    followUpReviewBy: command.followUpReviewBy,
    formalProcedures: level.consequence === 'FORMAL_PROCEDURES',
    assessedBy: actorId(command),
  };
  const before = state.overall;
  if (before && before.assessmentId === data.assessmentId && before.followUpReviewBy === data.followUpReviewBy) return [];
  return [{ type: 'OverallAssessmentRecorded', data }];
};

const comment = (command: AddEmployeeComments, state: ReviewState): ReviewEvent[] => {
  refuse(textIssues({ comments: command.comments }, { required: true }));
  return state.employeeComments === command.comments ? [] : [{ type: 'EmployeeCommentsAdded', data: { reviewId: state.reviewId, comments: command.comments } }];
};

const sign = (command: SignReview, state: ReviewState): ReviewEvent[] => {
  if (command.role === 'SUPERVISOR' && !command.agreed) refuse([{ path: 'agreed', message: "a supervisor's signature agrees the review" }]);
  if (command.role === 'EMPLOYEE' && !command.agreed && !state.employeeComments) {
    throw new InvalidStateError('Cannot sign "seen, with comments": the employee must add comments first');
  }
  return [{ type: 'ReviewSigned', data: { reviewId: state.reviewId, role: command.role, signedBy: actorId(command), signedOn: command.today, signedAt: command.at, agreed: command.agreed } }];
};

const STEP_OF: Readonly<Record<Exclude<ReviewCommand['type'], 'StartReview' | 'SignReview'>, ReviewStep>> = {
  OptIntoFullProcess: 'OPT_INTO_FULL_PROCESS',
  SelectCompetencies: 'SELECT_COMPETENCIES',
  AgreeCompetencySelection: 'AGREE_COMPETENCY_SELECTION',
  RecordMeeting: 'RECORD_MEETING',
  SubmitSelfAssessment: 'SUBMIT_SELF_ASSESSMENT',
  RecordSupervisorRatings: 'RECORD_SUPERVISOR_RATINGS',
  RecordJobChatAnswers: 'RECORD_JOB_CHAT_ANSWERS',
  RecordJobChatOutcome: 'RECORD_JOB_CHAT_OUTCOME',
  RecordOverallAssessment: 'RECORD_OVERALL_ASSESSMENT',
  AddEmployeeComments: 'ADD_EMPLOYEE_COMMENTS',
  SubmitReviewToHr: 'SUBMIT_TO_HR',
  ReopenReview: 'REOPEN',
  ReassignReview: 'REASSIGN',
  WithdrawReview: 'WITHDRAW',
};

const decideCommand = (command: ReviewCommand, state: ReviewState): ReviewEvent[] => {
  if (command.type === 'StartReview') return start(command, state);
  // A reaction replayed after the review was withdrawn or reassigned changes nothing.
  if (command.type === 'WithdrawReview' && state.status === 'WITHDRAWN') return [];
  if (command.type === 'ReassignReview' && state.status !== 'NONE' && state.supervisorId === command.supervisorId) return [];
  checkStep(state, command.type === 'SignReview' ? (command.role === 'EMPLOYEE' ? 'SIGN_AS_EMPLOYEE' : 'SIGN_AS_SUPERVISOR') : STEP_OF[command.type], command.actor);
  const { reviewId } = state;
  switch (command.type) {
    case 'OptIntoFullProcess':
      return [{ type: 'ReviewProcessChanged', data: { reviewId, from: state.process, to: 'FULL', framework: command.framework, levels: [] } }];
    case 'SelectCompetencies':
      return select(command, state);
    case 'AgreeCompetencySelection':
      return [{ type: 'CompetencySelectionAgreed', data: { reviewId, agreedBy: actorId(command) } }];
    case 'RecordMeeting':
      return recordMeeting(command, state);
    case 'SubmitSelfAssessment':
      return selfAssess(command, state);
    case 'RecordSupervisorRatings':
      return supervisorRate(command, state);
    case 'RecordJobChatAnswers':
      return answerJobChat(command, state);
    case 'RecordJobChatOutcome':
      return jobChatOutcome(command, state);
    case 'RecordOverallAssessment':
      return assessOverall(command, state);
    case 'AddEmployeeComments':
      return comment(command, state);
    case 'SignReview':
      return sign(command, state);
    case 'SubmitReviewToHr':
      return [{ type: 'ReviewFiled', data: { reviewId, filing: state.filings + 1, filedOn: command.today, filedAt: command.at, submittedBy: actorId(command) } }];
    case 'ReopenReview': {
      refuse(textIssues({ reason: command.reason }, { required: true }));
      return [{ type: 'ReviewReopened', data: { reviewId, reason: command.reason.trim(), reopenedBy: actorId(command), filing: state.filings } }];
    }
    case 'ReassignReview':
      return [{ type: 'ReviewReassigned', data: { reviewId, fromSupervisorId: state.supervisorId, toSupervisorId: command.supervisorId, effectiveFrom: command.today } }];
    case 'WithdrawReview':
      return [{ type: 'ReviewWithdrawn', data: { reviewId, reason: command.reason, withdrawnOn: command.today } }];
    default:
      return assertNever(command, 'review command');
  }
};

const ratingsOf = (ratings: readonly { competencyId: string; ratingLevelId: string }[], text: (i: number) => string): ReadonlyMap<string, Rating> =>
  new Map(ratings.map((r, i) => [r.competencyId, { ratingLevelId: r.ratingLevelId, text: text(i) }]));

const evolve = (state: ReviewState, event: ReviewEvent): ReviewState => {
  switch (event.type) {
    case 'ReviewStarted': {
      const { reviewId, cycleId, personId, supervisorId, process, framework, levels } = event.data;
      return { ...initialReviewState(), status: 'OPEN', reviewId, cycleId, personId, supervisorId, process, framework, levels };
    }
    case 'ReviewProcessChanged':
      return { ...state, process: event.data.to, framework: event.data.framework, levels: event.data.levels };
    case 'CompetenciesSelected':
      return { ...state, selection: { competencyIds: event.data.competencyIds, agreed: false } };
    case 'CompetencySelectionAgreed':
      return state.selection ? { ...state, selection: { ...state.selection, agreed: true } } : state;
    case 'MeetingRecorded': {
      const { meetingId, kind, heldOn, attendeeIds, notes } = event.data;
      return { ...state, meetings: [...state.meetings, { meetingId, kind, heldOn, attendeeIds, notes }] };
    }
    case 'PhaseCompleted':
      return { ...state, phasesCompleted: new Set([...state.phasesCompleted, event.data.phase]) };
    case 'SelfAssessmentSubmitted':
      return { ...state, selfAssessment: ratingsOf(event.data.ratings, (i) => event.data.ratings[i].evidence) };
    case 'SupervisorRatingsRecorded':
      return { ...state, supervisorRatings: ratingsOf(event.data.ratings, (i) => event.data.ratings[i].comment) };
    case 'JobChatAnswersRecorded':
      return { ...state, jobChat: event.data.answers };
    case 'JobChatOutcomeRecorded':
      return { ...state, jobChatOutcome: { trainingAgreed: event.data.trainingAgreed, suggestions: event.data.suggestions } };
    case 'OverallAssessmentRecorded': {
      const { assessmentId, label, eligibleForPayProgression, followUpReviewBy, formalProcedures } = event.data;
      return { ...state, overall: { assessmentId, label, eligibleForPayProgression, followUpReviewBy, formalProcedures } };
    }
    case 'EmployeeCommentsAdded':
      return { ...state, employeeComments: event.data.comments };
    case 'ReviewReadyForSignatures':
      return state;
    case 'ReviewSigned': {
      const { role, signedBy, signedOn, agreed } = event.data;
      return { ...state, signatures: { ...state.signatures, [role]: { signedBy, signedOn, agreed } } };
    }
    case 'ReviewFiled':
      return { ...state, status: 'FILED', filings: event.data.filing };
    case 'ReviewReopened':
      // A correction is signed again: the filed version keeps its signatures in the history.
      return { ...state, status: 'REOPENED', signatures: { EMPLOYEE: null, SUPERVISOR: null }, reopenReason: event.data.reason };
    case 'ReviewReassigned':
      return { ...state, supervisorId: event.data.toSupervisorId };
    case 'ReviewWithdrawn':
      return { ...state, status: 'WITHDRAWN' };
    default:
      return assertNever(event, 'review event');
  }
};

/** Adds ReviewReadyForSignatures to the events of the command that makes the review ready, whichever step came last. */
const decide = (command: ReviewCommand, state: ReviewState): ReviewEvent[] => {
  const events = decideCommand(command, state);
  if (events.length === 0 || readyForSignatures(state) || !readyForSignatures(events.reduce(evolve, state))) return events;
  return [...events, { type: 'ReviewReadyForSignatures', data: { reviewId: state.reviewId, awaiting: ['EMPLOYEE', 'SUPERVISOR'] } }];
};

export const reviewDecider: Decider<ReviewCommand, ReviewState, ReviewEvent> = { initialState: initialReviewState, decide, evolve };
