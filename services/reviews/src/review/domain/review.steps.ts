import { ForbiddenError, InvalidStateError, NotFoundError } from '@growth/es';
import { hasRatings, needsOverallAssessment, rolesOf, type Actor, type ReviewerRole, type ReviewState } from './review.model';

/**
 * The review's state machine as one table: for each step, who may take it and what must happen first. The decider
 * checks every command against it, and `nextSteps` reads the same table to tell a client what can happen now, so
 * the two never disagree.
 */
export const REVIEW_STEPS = [
  'OPT_INTO_FULL_PROCESS',
  'SELECT_COMPETENCIES',
  'AGREE_COMPETENCY_SELECTION',
  'RECORD_MEETING',
  'SUBMIT_SELF_ASSESSMENT',
  'RECORD_SUPERVISOR_RATINGS',
  'RECORD_JOB_CHAT_ANSWERS',
  'RECORD_JOB_CHAT_OUTCOME',
  'RECORD_OVERALL_ASSESSMENT',
  'ADD_EMPLOYEE_COMMENTS',
  'SIGN_AS_EMPLOYEE',
  'SIGN_AS_SUPERVISOR',
  'SUBMIT_TO_HR',
  'REOPEN',
  'REASSIGN',
  'WITHDRAW',
] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];

interface StepRule {
  readonly who: readonly ReviewerRole[];
  readonly does: string;
  /** The first thing that must happen before this step, as a sentence; null when the step is allowed now. */
  readonly firstNeeded: (state: ReviewState) => string | null;
}

const inProgress = (state: ReviewState): string | null => {
  if (state.status === 'FILED') return 'the review is filed and read-only; HR can reopen it with a reason';
  if (state.status === 'WITHDRAWN') return 'the review was withdrawn';
  return null;
};

const unsigned = (state: ReviewState): string | null => {
  const signer = state.signatures.EMPLOYEE ? 'the employee' : state.signatures.SUPERVISOR ? 'the supervisor' : null;
  return inProgress(state) ?? (signer ? `the review is signed by ${signer}; its content can no longer change` : null);
};

const yearEndHeld = (state: ReviewState): string | null => (state.phasesCompleted.has('YEAR_END_CONFERENCE') ? null : 'the year-end conference must be recorded first');

const selectionAgreed = (state: ReviewState): string | null => {
  if (state.process !== 'FULL') return null;
  if (state.selection === null) return 'the employee must select competencies first';
  return state.selection.agreed ? null : 'the supervisor must agree the competency selection first';
};

const ratingsPossible = (state: ReviewState): string | null =>
  unsigned(state) ?? (hasRatings(state.process) ? selectionAgreed(state) : 'a job chat has no competency ratings; record the job chat answers instead');

const readyToSign = (state: ReviewState): string | null => {
  if (hasRatings(state.process) && state.supervisorRatings === null) return 'the supervisor must record ratings first';
  if (state.process === 'JOB_CHAT' && state.jobChat === null) return 'the job chat answers must be recorded first';
  if (needsOverallAssessment(state.process) && state.overall === null) return 'the overall assessment must be recorded first';
  return yearEndHeld(state);
};

/**
 * Whether the review is open for signatures: open (or reopened) with nothing left to record first. A reopening makes
 * a complete review ready again, as its correction is signed again; signing does not change it.
 */
export const readyForSignatures = (state: ReviewState): boolean => state.status !== 'NONE' && inProgress(state) === null && readyToSign(state) === null;

const STEPS: Readonly<Record<ReviewStep, StepRule>> = {
  OPT_INTO_FULL_PROCESS: {
    who: ['EMPLOYEE'],
    does: 'opt into the full review',
    firstNeeded: (s) =>
      unsigned(s) ?? (s.process !== 'JOB_CHAT' ? 'only a job chat can be changed to the full review' : s.jobChat !== null ? 'the job chat has already been held' : null),
  },
  SELECT_COMPETENCIES: {
    who: ['EMPLOYEE'],
    does: 'select competencies',
    firstNeeded: (s) =>
      unsigned(s) ??
      (s.process === 'JOB_CHAT'
        ? 'a job chat has no competency selection'
        : s.process === 'LEADERSHIP'
          ? 'a leadership review rates every theme; there is nothing to select'
          : s.selection?.agreed
            ? 'the selection is already agreed'
            : null),
  },
  AGREE_COMPETENCY_SELECTION: {
    who: ['SUPERVISOR'],
    does: 'agree the competency selection',
    firstNeeded: (s) => unsigned(s) ?? (s.process !== 'FULL' ? 'only a full review has a competency selection' : s.selection === null ? 'the employee must select competencies first' : s.selection.agreed ? 'the selection is already agreed' : null),
  },
  RECORD_MEETING: { who: ['EMPLOYEE', 'SUPERVISOR'], does: 'record a meeting', firstNeeded: unsigned },
  SUBMIT_SELF_ASSESSMENT: { who: ['EMPLOYEE'], does: 'submit the self-assessment', firstNeeded: ratingsPossible },
  RECORD_SUPERVISOR_RATINGS: { who: ['SUPERVISOR'], does: 'record supervisor ratings', firstNeeded: ratingsPossible },
  RECORD_JOB_CHAT_ANSWERS: {
    who: ['EMPLOYEE', 'SUPERVISOR'],
    does: 'record the job chat answers',
    firstNeeded: (s) => unsigned(s) ?? (s.process !== 'JOB_CHAT' ? 'only a job chat has job chat answers' : null),
  },
  RECORD_JOB_CHAT_OUTCOME: {
    who: ['SUPERVISOR'],
    does: 'record the training and suggestions that follow the job chat',
    firstNeeded: (s) => unsigned(s) ?? (s.process !== 'JOB_CHAT' ? 'only a job chat has a job chat outcome' : s.jobChat === null ? 'the job chat answers must be recorded first' : null),
  },
  RECORD_OVERALL_ASSESSMENT: {
    who: ['SUPERVISOR'],
    does: 'record the overall assessment',
    firstNeeded: (s) =>
      unsigned(s) ??
      (hasRatings(s.process) && s.supervisorRatings === null
        ? 'the supervisor must record ratings first'
        : s.process === 'JOB_CHAT' && s.jobChat === null
          ? 'the job chat answers must be recorded first'
          : yearEndHeld(s)),
  },
  ADD_EMPLOYEE_COMMENTS: {
    who: ['EMPLOYEE'],
    does: 'add employee comments',
    firstNeeded: (s) => inProgress(s) ?? (s.signatures.EMPLOYEE ? 'the employee has signed; comments can no longer change' : null),
  },
  SIGN_AS_EMPLOYEE: {
    who: ['EMPLOYEE'],
    does: 'sign as the employee',
    firstNeeded: (s) => inProgress(s) ?? (s.signatures.EMPLOYEE ? 'the employee has already signed' : readyToSign(s)),
  },
  SIGN_AS_SUPERVISOR: {
    who: ['SUPERVISOR'],
    does: 'sign as the supervisor',
    firstNeeded: (s) => inProgress(s) ?? (s.signatures.SUPERVISOR ? 'the supervisor has already signed' : readyToSign(s)),
  },
  SUBMIT_TO_HR: {
    who: ['SUPERVISOR'],
    does: 'submit the review to HR',
    firstNeeded: (s) =>
      inProgress(s) ??
      (s.signatures.EMPLOYEE === null ? 'the employee must sign first' : s.signatures.SUPERVISOR === null ? 'the supervisor must sign first' : null),
  },
  REOPEN: { who: ['HR'], does: 'reopen the review', firstNeeded: (s) => (s.status === 'FILED' ? null : 'only a filed review can be reopened') },
  REASSIGN: { who: ['SYSTEM'], does: 'reassign the review', firstNeeded: inProgress },
  WITHDRAW: { who: ['SYSTEM', 'HR'], does: 'withdraw the review', firstNeeded: inProgress },
};

const ROLE_NAMES: Readonly<Record<ReviewerRole, string>> = { EMPLOYEE: 'the employee', SUPERVISOR: 'their supervisor', HR: 'HR', SYSTEM: 'the platform' };

/**
 * Throws unless `actor` may take `step` now: NOT_FOUND for a review that does not exist, FORBIDDEN for someone whose
 * role on the review does not allow it, INVALID_STATE naming what must happen first.
 */
export const checkStep = (state: ReviewState, step: ReviewStep, actor: Actor): void => {
  if (state.status === 'NONE') throw new NotFoundError('no such review');
  const rule = STEPS[step];
  if (!rolesOf(state, actor).some((role) => rule.who.includes(role))) {
    throw new ForbiddenError(`Only ${rule.who.map((r) => ROLE_NAMES[r]).join(' or ')} may ${rule.does}`);
  }
  const needed = rule.firstNeeded(state);
  if (needed !== null) throw new InvalidStateError(`Cannot ${rule.does}: ${needed}`);
};

export interface NextStep {
  readonly step: ReviewStep;
  readonly by: readonly ReviewerRole[];
}

/** What can happen next, and by whom (the platform's own steps left out). */
export const nextSteps = (state: ReviewState): NextStep[] =>
  state.status === 'NONE'
    ? []
    : REVIEW_STEPS.flatMap((step) => {
        const rule = STEPS[step];
        const by = rule.who.filter((role) => role !== 'SYSTEM');
        return by.length > 0 && rule.firstNeeded(state) === null ? [{ step, by }] : [];
      });
