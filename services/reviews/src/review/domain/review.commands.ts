import type { SelectableCluster, SelectionRules } from '@growth/contracts';
import type { AssessmentLevel, FrameworkRef, LocalDate, ReviewProcess } from '../../cycle/domain/cycle.model';
import type { Actor, JobChatAnswers, MeetingKind, SignerRole } from './review.model';

/*
 * Every command names its actor; the decider checks the actor's role on the review. `today` is the tenant's local
 * date and `at` the instant, both from the command's context: deciders read no clock.
 */
interface ReviewCommandBase {
  readonly reviewId: string;
  readonly actor: Actor;
  readonly today: LocalDate;
}

export interface StartReview extends ReviewCommandBase {
  readonly type: 'StartReview';
  readonly cycleId: string;
  readonly personId: string;
  readonly supervisorId: string | null;
  readonly process: ReviewProcess;
  readonly framework: FrameworkRef;
  readonly levels: readonly string[];
}

export interface OptIntoFullProcess extends ReviewCommandBase {
  readonly type: 'OptIntoFullProcess';
  readonly framework: FrameworkRef;
}

/** The pinned framework version's clusters and rules, and whether the person supervises staff now. */
export interface SelectionFacts {
  readonly clusters: readonly SelectableCluster[];
  readonly rules: SelectionRules;
  readonly person: { readonly supervises: boolean; readonly jobClassification: string };
}

export interface SelectCompetencies extends ReviewCommandBase {
  readonly type: 'SelectCompetencies';
  readonly competencyIds: readonly string[];
  readonly facts: SelectionFacts;
}

export interface AgreeCompetencySelection extends ReviewCommandBase {
  readonly type: 'AgreeCompetencySelection';
}

export interface RecordMeeting extends ReviewCommandBase {
  readonly type: 'RecordMeeting';
  readonly meetingId: string;
  readonly kind: MeetingKind;
  readonly heldOn: LocalDate;
  readonly attendeeIds: readonly string[];
  readonly notes: string;
}

/** The rating scale of the framework the review uses, lowest first, and what may be rated (competency or theme ids). */
export interface RatingFacts {
  readonly ratingLevelIds: readonly string[];
  /** Leadership review: every theme of the framework, all of which are rated. */
  readonly themeIds: readonly string[];
}

export interface SubmitSelfAssessment extends ReviewCommandBase {
  readonly type: 'SubmitSelfAssessment';
  readonly ratings: readonly { readonly competencyId: string; readonly ratingLevelId: string; readonly evidence: string }[];
  readonly facts: RatingFacts;
}

export interface RecordSupervisorRatings extends ReviewCommandBase {
  readonly type: 'RecordSupervisorRatings';
  readonly ratings: readonly { readonly competencyId: string; readonly ratingLevelId: string; readonly comment: string }[];
  readonly facts: RatingFacts;
}

export interface RecordJobChatAnswers extends ReviewCommandBase {
  readonly type: 'RecordJobChatAnswers';
  readonly answers: JobChatAnswers;
}

export interface RecordJobChatOutcome extends ReviewCommandBase {
  readonly type: 'RecordJobChatOutcome';
  readonly trainingAgreed: string;
  readonly suggestions: string;
}

export interface RecordOverallAssessment extends ReviewCommandBase {
  readonly type: 'RecordOverallAssessment';
  readonly assessmentId: string;
  readonly followUpReviewBy: LocalDate | null;
  /** The cycle's assessment scale (tenant policy). */
  readonly facts: { readonly scale: readonly AssessmentLevel[] };
}

export interface AddEmployeeComments extends ReviewCommandBase {
  readonly type: 'AddEmployeeComments';
  readonly comments: string;
}

export interface SignReview extends ReviewCommandBase {
  readonly type: 'SignReview';
  readonly role: SignerRole;
  /** The employee may sign "seen, with comments" without agreeing; a supervisor's signature always agrees. */
  readonly agreed: boolean;
  readonly at: string;
}

export interface SubmitReviewToHr extends ReviewCommandBase {
  readonly type: 'SubmitReviewToHr';
  readonly at: string;
}

export interface ReopenReview extends ReviewCommandBase {
  readonly type: 'ReopenReview';
  readonly reason: string;
}

export interface ReassignReview extends ReviewCommandBase {
  readonly type: 'ReassignReview';
  readonly supervisorId: string | null;
}

export interface WithdrawReview extends ReviewCommandBase {
  readonly type: 'WithdrawReview';
  readonly reason: 'PERSON_LEFT' | 'WITHDRAWN_BY_HR';
}

export type ReviewCommand =
  | StartReview
  | OptIntoFullProcess
  | SelectCompetencies
  | AgreeCompetencySelection
  | RecordMeeting
  | SubmitSelfAssessment
  | RecordSupervisorRatings
  | RecordJobChatAnswers
  | RecordJobChatOutcome
  | RecordOverallAssessment
  | AddEmployeeComments
  | SignReview
  | SubmitReviewToHr
  | ReopenReview
  | ReassignReview
  | WithdrawReview;
