import type { DomainEvent } from '@growth/es';
import type { FrameworkRef, LocalDate, Phase, ReviewProcess } from '../../cycle/domain/cycle.model';
import type { JobChatAnswers, MeetingKind, SignerRole } from './review.model';

export type ReviewStarted = DomainEvent<
  'ReviewStarted',
  {
    reviewId: string;
    cycleId: string;
    personId: string;
    supervisorId: string | null;
    process: ReviewProcess;
    /** The framework competencies are chosen from (full review), or whose themes are rated (leadership review). */
    framework: FrameworkRef;
    /** Responsibility levels considered in a leadership review (by line-management span); empty otherwise. */
    levels: readonly string[];
  }
>;
/** Someone in a job chat group opted into the full process (seed 003: anyone with career aspirations may). */
export type ReviewProcessChanged = DomainEvent<'ReviewProcessChanged', { reviewId: string; from: ReviewProcess; to: ReviewProcess; framework: FrameworkRef; levels: readonly string[] }>;
export type CompetenciesSelected = DomainEvent<'CompetenciesSelected', { reviewId: string; competencyIds: readonly string[] }>;
export type CompetencySelectionAgreed = DomainEvent<'CompetencySelectionAgreed', { reviewId: string; agreedBy: string }>;
export type MeetingRecorded = DomainEvent<
  'MeetingRecorded',
  { reviewId: string; meetingId: string; kind: MeetingKind; heldOn: LocalDate; attendeeIds: readonly string[]; notes: string; recordedBy: string }
>;
export type PhaseCompleted = DomainEvent<'PhaseCompleted', { reviewId: string; phase: Phase; completedOn: LocalDate }>;
export type SelfAssessmentSubmitted = DomainEvent<
  'SelfAssessmentSubmitted',
  { reviewId: string; ratings: readonly { competencyId: string; ratingLevelId: string; evidence: string }[] }
>;
export type SupervisorRatingsRecorded = DomainEvent<
  'SupervisorRatingsRecorded',
  { reviewId: string; ratedBy: string; ratings: readonly { competencyId: string; ratingLevelId: string; comment: string; developing: boolean }[] }
>;
export type JobChatAnswersRecorded = DomainEvent<'JobChatAnswersRecorded', { reviewId: string; answers: JobChatAnswers; recordedBy: string }>;
export type JobChatOutcomeRecorded = DomainEvent<'JobChatOutcomeRecorded', { reviewId: string; trainingAgreed: string; suggestions: string; recordedBy: string }>;
export type OverallAssessmentRecorded = DomainEvent<
  'OverallAssessmentRecorded',
  {
    reviewId: string;
    assessmentId: string;
    label: string;
    eligibleForPayProgression: boolean;
    followUpReviewBy: LocalDate | null;
    formalProcedures: boolean;
    assessedBy: string;
  }
>;
export type EmployeeCommentsAdded = DomainEvent<'EmployeeCommentsAdded', { reviewId: string; comments: string }>;
/** Derived from the others (see `readyForSignatures`): both parties may sign from here; changes nothing in the state. */
export type ReviewReadyForSignatures = DomainEvent<'ReviewReadyForSignatures', { reviewId: string; awaiting: readonly SignerRole[] }>;
export type ReviewSigned = DomainEvent<'ReviewSigned', { reviewId: string; role: SignerRole; signedBy: string; signedOn: LocalDate; signedAt: string; agreed: boolean }>;
export type ReviewFiled = DomainEvent<'ReviewFiled', { reviewId: string; filing: number; filedOn: LocalDate; filedAt: string; submittedBy: string }>;
export type ReviewReopened = DomainEvent<'ReviewReopened', { reviewId: string; reason: string; reopenedBy: string; filing: number }>;
export type ReviewReassigned = DomainEvent<'ReviewReassigned', { reviewId: string; fromSupervisorId: string | null; toSupervisorId: string | null; effectiveFrom: LocalDate }>;
export type ReviewWithdrawn = DomainEvent<'ReviewWithdrawn', { reviewId: string; reason: 'PERSON_LEFT' | 'WITHDRAWN_BY_HR'; withdrawnOn: LocalDate }>;

export type ReviewEvent =
  | ReviewStarted
  | ReviewProcessChanged
  | CompetenciesSelected
  | CompetencySelectionAgreed
  | MeetingRecorded
  | PhaseCompleted
  | SelfAssessmentSubmitted
  | SupervisorRatingsRecorded
  | JobChatAnswersRecorded
  | JobChatOutcomeRecorded
  | OverallAssessmentRecorded
  | EmployeeCommentsAdded
  | ReviewReadyForSignatures
  | ReviewSigned
  | ReviewFiled
  | ReviewReopened
  | ReviewReassigned
  | ReviewWithdrawn;
