import type { IntegrationEvent } from './integration-event';

/*
 * The reviews service's public events, for payroll, HRIS and learning platforms and the platform's own services:
 * ids, statuses, dates and ratings only. Nothing anyone wrote travels (evidence, comments, meeting notes, job chat
 * answers, the reason a review was reopened): that stays in the review, readable through the API by those allowed.
 */

export type ReviewProcessKind = 'FULL' | 'JOB_CHAT' | 'LEADERSHIP';
export type ReviewPhase = 'GOAL_SETTING' | 'MID_YEAR_REFLECTION' | 'YEAR_END_CONFERENCE';

export interface ReviewFrameworkRef {
  readonly frameworkId: string;
  readonly version: number;
}

/** Due dates, each ending at the end of that day in the cycle's time zone. */
export interface ReviewCycleDeadlines {
  readonly goalSetting: string;
  readonly midYearReflection: string;
  readonly yearEndConference: string;
}

/** Published on `reviews.cycle.v1` (key `cycle-<tenantId>:<cycleId>`) when HR opens a cycle; its reviews follow on `reviews.review.v1`. */
export type CycleOpened = IntegrationEvent<
  'CycleOpened',
  {
    readonly cycleId: string;
    /** E.g. "2026-27". */
    readonly name: string;
    readonly startsOn: string;
    readonly endsOn: string;
    readonly timeZone: string;
    readonly deadlines: ReviewCycleDeadlines;
    readonly framework: ReviewFrameworkRef;
    readonly leadershipFramework: ReviewFrameworkRef | null;
  }
>;

/** Published when every person employed at opening has their review (people who join later get theirs as they join). */
export type CycleReviewsCreated = IntegrationEvent<'CycleReviewsCreated', { readonly cycleId: string; readonly reviews: number }>;

/** Published when HR moves the cycle's due dates: reminders move with them. */
export type CycleDeadlinesChanged = IntegrationEvent<'CycleDeadlinesChanged', { readonly cycleId: string; readonly from: ReviewCycleDeadlines; readonly to: ReviewCycleDeadlines }>;

export type CycleClosed = IntegrationEvent<'CycleClosed', { readonly cycleId: string; readonly closedOn: string }>;

export type CycleStreamEvent = CycleOpened | CycleReviewsCreated | CycleDeadlinesChanged | CycleClosed;

/** Published on `reviews.review.v1` (key `review-<tenantId>:<reviewId>`) when a person's review in a cycle starts. */
export type ReviewStarted = IntegrationEvent<
  'ReviewStarted',
  {
    readonly reviewId: string;
    readonly cycleId: string;
    readonly personId: string;
    readonly supervisorId: string | null;
    readonly process: ReviewProcessKind;
    readonly framework: ReviewFrameworkRef;
    /** Responsibility level ids of a leadership review; empty otherwise. */
    readonly levels: readonly string[];
  }
>;

/** Published when a job chat becomes a full review at the employee's request. */
export type ReviewProcessChanged = IntegrationEvent<
  'ReviewProcessChanged',
  { readonly reviewId: string; readonly from: ReviewProcessKind; readonly to: ReviewProcessKind; readonly framework: ReviewFrameworkRef; readonly levels: readonly string[] }
>;

/** Published when a phase's meeting is recorded, dated the day it was held. */
export type ReviewPhaseCompleted = IntegrationEvent<'PhaseCompleted', { readonly reviewId: string; readonly phase: ReviewPhase; readonly completedOn: string }>;

/** Published when the employee submits (or resubmits) their self-assessment: the rating of each competency or theme, without the evidence. */
export type SelfAssessmentSubmitted = IntegrationEvent<
  'SelfAssessmentSubmitted',
  { readonly reviewId: string; readonly ratings: readonly { readonly competencyId: string; readonly ratingLevelId: string }[] }
>;

/** Published when the reviewer records the overall assessment; eligibility for the pay-progression point follows tenant policy. */
export type OverallAssessmentRecorded = IntegrationEvent<
  'OverallAssessmentRecorded',
  {
    readonly reviewId: string;
    readonly assessmentId: string;
    readonly eligibleForPayProgression: boolean;
    readonly followUpReviewBy: string | null;
    readonly formalProcedures: boolean;
  }
>;

/** Published for each signature; `agreed` false: the employee signed "seen, with comments". */
export type ReviewSigned = IntegrationEvent<
  'ReviewSigned',
  { readonly reviewId: string; readonly role: 'EMPLOYEE' | 'SUPERVISOR'; readonly signedBy: string; readonly signedOn: string; readonly agreed: boolean }
>;

/**
 * Published when both parties may sign: the review's content is complete (the year-end conference held, and the
 * supervisor ratings and overall assessment, or the job chat answers, recorded), and again when HR reopens a filed
 * review for a correction, which is signed again. Once per time it becomes ready; `awaiting` names who must sign.
 */
export type ReviewReadyForSignatures = IntegrationEvent<'ReviewReadyForSignatures', { readonly reviewId: string; readonly awaiting: readonly ('EMPLOYEE' | 'SUPERVISOR')[] }>;

/** Published when the signed review is submitted to HR and filed (read-only); `filing` counts corrected versions from 1. */
export type ReviewFiled = IntegrationEvent<'ReviewFiled', { readonly reviewId: string; readonly filing: number; readonly filedOn: string }>;

/** Published when HR reopens a filed review for a correction (the reason stays in the review). */
export type ReviewReopened = IntegrationEvent<'ReviewReopened', { readonly reviewId: string; readonly filing: number }>;

/** Published when an open review moves to the person's new supervisor. */
export type ReviewReassigned = IntegrationEvent<
  'ReviewReassigned',
  { readonly reviewId: string; readonly fromSupervisorId: string | null; readonly toSupervisorId: string | null; readonly effectiveFrom: string }
>;

/** Published when a review is withdrawn: the person left, or HR withdrew it. */
export type ReviewWithdrawn = IntegrationEvent<'ReviewWithdrawn', { readonly reviewId: string; readonly reason: 'PERSON_LEFT' | 'WITHDRAWN_BY_HR'; readonly withdrawnOn: string }>;

export type ReviewStreamEvent =
  | ReviewStarted
  | ReviewProcessChanged
  | ReviewPhaseCompleted
  | SelfAssessmentSubmitted
  | OverallAssessmentRecorded
  | ReviewReadyForSignatures
  | ReviewSigned
  | ReviewFiled
  | ReviewReopened
  | ReviewReassigned
  | ReviewWithdrawn;

export type ReviewIntegrationEvent = CycleStreamEvent | ReviewStreamEvent;
