import type { Actor } from '@growth/es';
import type { ValidationIssue } from '@growth/es';
import type { LocalDate } from '@growth/calendar';

export const GOAL_KINDS = ['PERFORMANCE', 'DEVELOPMENT', 'OBJECTIVE'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

/** How progress is told: a number in `unit`, from `baseline` (null while not yet measured) to `target`. */
export interface Measure {
  readonly what: string;
  readonly baseline: number | null;
  /** Null only in a draft: a goal is not measurable without a target. */
  readonly target: number | null;
  readonly unit: string;
}

/** What a goal says, as the Goals and Feedback worksheet records it (seed 002). */
export interface GoalContent {
  readonly statement: string;
  readonly measure: Measure | null;
  readonly actions: readonly string[];
  readonly support: string;
  readonly alignment: { readonly unitGoalId: string | null; readonly competencyIds: readonly string[] };
  /** Empty while a draft has no due date yet. */
  readonly dueOn: LocalDate;
}

export interface CycleDates {
  readonly startsOn: LocalDate;
  readonly endsOn: LocalDate;
}

/** Who runs a command: a person of the tenant (with the HR role or not), or the platform reacting to an event. */
export type { Actor };

export type GoalRole = 'EMPLOYEE' | 'SUPERVISOR' | 'HR' | 'SYSTEM';
/** The two parties whose approvals together agree a goal. */
export type Party = 'EMPLOYEE' | 'SUPERVISOR';

export const PROGRESS_STATUSES = ['ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'ACHIEVED', 'NOT_ACHIEVED', 'DEFERRED'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
export type FinalStatus = Extract<ProgressStatus, 'ACHIEVED' | 'NOT_ACHIEVED' | 'DEFERRED'>;
export const isFinalStatus = (status: ProgressStatus): status is FinalStatus => status === 'ACHIEVED' || status === 'NOT_ACHIEVED' || status === 'DEFERRED';

/** The review meetings a check-in may reflect (seed 002): the mid-year reflection and the year-end conference. */
export const REFLECTION_PHASES = ['MID_YEAR_REFLECTION', 'YEAR_END_CONFERENCE'] as const;
export type ReflectionPhase = (typeof REFLECTION_PHASES)[number];

export interface WordingWarning {
  readonly code: 'VAGUE_WORDING';
  readonly word: string;
  readonly message: string;
}

export interface Approval {
  readonly by: string;
  readonly warningsOverridden: boolean;
}

export interface AgreedVersion {
  readonly version: number;
  readonly content: GoalContent;
  readonly agreedOn: LocalDate;
}

export interface ProgressEntry {
  readonly checkInId: string;
  readonly version: number;
  readonly value: number | null;
  readonly status: ProgressStatus;
  readonly notes: string;
  readonly recordedOn: LocalDate;
  readonly meetingId: string | null;
  /** The review meeting of the cycle this check-in is the goal's reflection at, if any. */
  readonly reflection: ReflectionPhase | null;
}

export type GoalStatus = 'NONE' | 'DRAFT' | 'SUBMITTED' | 'AGREED' | FinalStatus | 'WITHDRAWN';

export interface GoalState {
  readonly status: GoalStatus;
  readonly goalId: string;
  readonly cycleId: string;
  readonly personId: string;
  readonly supervisorId: string | null;
  readonly kind: GoalKind;
  /** The current version: 1 until an agreed goal is revised. */
  readonly version: number;
  readonly content: GoalContent;
  /** Wording warnings found when the current version was submitted. */
  readonly warnings: readonly WordingWarning[];
  readonly approvals: { readonly EMPLOYEE: Approval | null; readonly SUPERVISOR: Approval | null };
  /** Every version both parties agreed, oldest first: revising an agreed goal keeps what was agreed. */
  readonly versions: readonly AgreedVersion[];
  readonly progress: readonly ProgressEntry[];
}

export const EMPTY_CONTENT: GoalContent = { statement: '', measure: null, actions: [], support: '', alignment: { unitGoalId: null, competencyIds: [] }, dueOn: '' };

export const initialGoalState = (): GoalState => ({
  status: 'NONE',
  goalId: '',
  cycleId: '',
  personId: '',
  supervisorId: null,
  kind: 'PERFORMANCE',
  version: 0,
  content: EMPTY_CONTENT,
  warnings: [],
  approvals: { EMPLOYEE: null, SUPERVISOR: null },
  versions: [],
  progress: [],
});

/** The roles the actor holds on this goal, derived from the goal's person and supervisor. */
export const rolesOf = (goal: Pick<GoalState, 'personId' | 'supervisorId'>, actor: Actor): GoalRole[] => {
  if (actor.kind === 'SYSTEM') return ['SYSTEM'];
  const roles: GoalRole[] = [];
  if (actor.personId === goal.personId) roles.push('EMPLOYEE');
  if (goal.supervisorId !== null && actor.personId === goal.supervisorId) roles.push('SUPERVISOR');
  if (actor.hr && actor.personId !== goal.personId) roles.push('HR');
  return roles;
};

export const actorId = (actor: Actor): string => (actor.kind === 'PERSON' ? actor.personId : 'system');

/** Free text is kept to a size a form holds; longer input is refused rather than cut. */
export const MAX_TEXT = 10_000;

export const textIssues = (fields: Record<string, string>, { required }: { required: boolean }): ValidationIssue[] =>
  Object.entries(fields).flatMap(([path, text]) => {
    if (text.length > MAX_TEXT) return [{ path, message: `must be at most ${MAX_TEXT} characters` }];
    if (required && text.trim().length === 0) return [{ path, message: 'must not be empty' }];
    return [];
  });

const numberIssue = (path: string, value: number | null): ValidationIssue[] => (value !== null && !Number.isFinite(value) ? [{ path, message: 'must be a finite number' }] : []);

/** Shape only (sizes, numbers); whether a measure is complete enough is the Measurable criterion's question. */
export const measureShapeIssues = (measure: Measure | null, path = 'measure'): ValidationIssue[] =>
  measure === null
    ? []
    : [
        ...textIssues({ [`${path}.what`]: measure.what, [`${path}.unit`]: measure.unit }, { required: false }),
        ...numberIssue(`${path}.baseline`, measure.baseline),
        ...numberIssue(`${path}.target`, measure.target),
      ];

/** A plain copy in one key order, so events hold only known fields and two contents compare by their JSON. */
export const copyContent = (c: GoalContent): GoalContent => ({
  statement: c.statement,
  measure: c.measure === null ? null : { what: c.measure.what, baseline: c.measure.baseline, target: c.measure.target, unit: c.measure.unit },
  actions: [...c.actions],
  support: c.support,
  alignment: { unitGoalId: c.alignment.unitGoalId, competencyIds: [...c.alignment.competencyIds] },
  dueOn: c.dueOn,
});

export const sameContent = (a: GoalContent, b: GoalContent): boolean => JSON.stringify(copyContent(a)) === JSON.stringify(copyContent(b));
