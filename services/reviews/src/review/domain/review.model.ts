import type { Actor } from '@growth/es';
import type { FrameworkRef, LocalDate, Phase, ReviewProcess } from '../../cycle/domain/cycle.model';

export const MEETING_KINDS = ['GOAL_SETTING', 'MID_YEAR_REFLECTION', 'ONE_TO_ONE', 'YEAR_END_CONFERENCE'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** The meeting that completes each phase. */
export const PHASE_OF_MEETING: Readonly<Partial<Record<MeetingKind, Phase>>> = {
  GOAL_SETTING: 'GOAL_SETTING',
  MID_YEAR_REFLECTION: 'MID_YEAR_REFLECTION',
  YEAR_END_CONFERENCE: 'YEAR_END_CONFERENCE',
};

/** Seed 003's job chat questions, answered in the employee's words. */
export interface JobChatAnswers {
  readonly likes: string;
  readonly dislikes: string;
  readonly needsToDoTheJob: string;
  readonly needsToGiveGoodService: string;
  readonly developmentNeeds: string;
  readonly improvements: string;
}

/** How the person acting relates to the review; decided from the verified identity and the review itself. */
export type ReviewerRole = 'EMPLOYEE' | 'SUPERVISOR' | 'HR' | 'SYSTEM';
export type SignerRole = 'EMPLOYEE' | 'SUPERVISOR';

/** Who runs a command: a person of the tenant (with the HR role or not), or the platform reacting to an event. */
export type { Actor };

export interface Rating {
  readonly ratingLevelId: string;
  readonly text: string;
}

export interface Signature {
  readonly signedBy: string;
  readonly signedOn: LocalDate;
  readonly agreed: boolean;
}

export interface Meeting {
  readonly meetingId: string;
  readonly kind: MeetingKind;
  readonly heldOn: LocalDate;
  readonly attendeeIds: readonly string[];
  readonly notes: string;
}

export interface OverallAssessment {
  readonly assessmentId: string;
  readonly label: string;
  readonly eligibleForPayProgression: boolean;
  readonly followUpReviewBy: LocalDate | null;
  readonly formalProcedures: boolean;
}

export type ReviewStatus = 'NONE' | 'OPEN' | 'FILED' | 'REOPENED' | 'WITHDRAWN';

export interface ReviewState {
  readonly status: ReviewStatus;
  readonly reviewId: string;
  readonly cycleId: string;
  readonly personId: string;
  readonly supervisorId: string | null;
  readonly process: ReviewProcess;
  readonly framework: FrameworkRef | null;
  readonly levels: readonly string[];
  readonly selection: { readonly competencyIds: readonly string[]; readonly agreed: boolean } | null;
  readonly selfAssessment: ReadonlyMap<string, Rating> | null;
  readonly supervisorRatings: ReadonlyMap<string, Rating> | null;
  readonly jobChat: JobChatAnswers | null;
  readonly jobChatOutcome: { readonly trainingAgreed: string; readonly suggestions: string } | null;
  readonly meetings: readonly Meeting[];
  readonly phasesCompleted: ReadonlySet<Phase>;
  readonly overall: OverallAssessment | null;
  readonly employeeComments: string | null;
  readonly signatures: { readonly EMPLOYEE: Signature | null; readonly SUPERVISOR: Signature | null };
  readonly filings: number;
  /** Why HR last reopened the review; printed on the corrected version. */
  readonly reopenReason: string | null;
}

export const initialReviewState = (): ReviewState => ({
  status: 'NONE',
  reviewId: '',
  cycleId: '',
  personId: '',
  supervisorId: null,
  process: 'FULL',
  framework: null,
  levels: [],
  selection: null,
  selfAssessment: null,
  supervisorRatings: null,
  jobChat: null,
  jobChatOutcome: null,
  meetings: [],
  phasesCompleted: new Set(),
  overall: null,
  employeeComments: null,
  signatures: { EMPLOYEE: null, SUPERVISOR: null },
  filings: 0,
  reopenReason: null,
});

/** The roles the actor holds on this review (an HR person reviewing their own team holds both). */
export const rolesOf = (state: Pick<ReviewState, 'personId' | 'supervisorId'>, actor: Actor): ReviewerRole[] => {
  if (actor.kind === 'SYSTEM') return ['SYSTEM'];
  const roles: ReviewerRole[] = [];
  if (actor.personId === state.personId) roles.push('EMPLOYEE');
  if (state.supervisorId !== null && actor.personId === state.supervisorId) roles.push('SUPERVISOR');
  if (actor.hr && actor.personId !== state.personId) roles.push('HR');
  return roles;
};

/** Ratings are of chosen competencies (full review) or of every theme (leadership review); a job chat has none. */
export const hasRatings = (process: ReviewProcess): boolean => process !== 'JOB_CHAT';
/** The reviewer's overall assessment is part of the full and leadership reviews; in a job chat it is optional. */
export const needsOverallAssessment = (process: ReviewProcess): boolean => process !== 'JOB_CHAT';
