import { compareLocalDates, isOverdue, localDateAt } from '@growth/calendar';
import type { ReviewPhase } from '../../delivery/notification';
import { deadlineOf, PHASES, type CycleDeadlines } from '../../reminder/domain/reminder-schedule';

/** Something the person must do now, and by when. */
export interface OpenAction {
  readonly kind: 'COMPLETE_PHASE' | 'RATE_SELF_ASSESSMENT' | 'SIGN_REVIEW' | 'AGREE_GOAL';
  readonly subjectType: 'REVIEW' | 'GOAL';
  readonly subjectId: string;
  /** Whose review or goal it is. */
  readonly personId: string;
  readonly phase: ReviewPhase | null;
  readonly dueOn: string | null;
  readonly overdue: boolean;
}

export interface ReviewFacts {
  readonly reviewId: string;
  readonly personId: string;
  readonly supervisorId: string | null;
  readonly status: string;
  readonly phasesCompleted: readonly string[];
  readonly awaitingSignatures: readonly string[];
  readonly selfAssessmentSubmitted: boolean;
  readonly overallRecorded: boolean;
  readonly deadlines: CycleDeadlines;
  readonly timeZone: string;
}

export interface GoalFacts {
  readonly goalId: string;
  readonly personId: string;
  readonly supervisorId: string | null;
  readonly awaiting: readonly string[];
}

/**
 * A person's open actions from the reviews and goals they take part in: every open phase (the earliest first is
 * what is due), a self-assessment to follow with ratings, a signature, a goal to agree. Pure; `now` is given.
 */
export const openActionsOf = (personId: string, reviews: readonly ReviewFacts[], goals: readonly GoalFacts[], now: Date): OpenAction[] => {
  const actions: OpenAction[] = [];
  for (const r of reviews) {
    if (r.status !== 'OPEN') continue;
    const role = r.personId === personId ? 'EMPLOYEE' : r.supervisorId === personId ? 'SUPERVISOR' : null;
    if (!role) continue;
    const base = { subjectType: 'REVIEW' as const, subjectId: r.reviewId, personId: r.personId };
    const phase = PHASES.find((p) => !r.phasesCompleted.includes(p));
    if (phase) {
      const dueOn = deadlineOf(r.deadlines, phase);
      actions.push({ ...base, kind: 'COMPLETE_PHASE', phase, dueOn, overdue: isOverdue(dueOn, now, r.timeZone) });
    }
    if (role === 'SUPERVISOR' && r.selfAssessmentSubmitted && !r.overallRecorded) actions.push({ ...base, kind: 'RATE_SELF_ASSESSMENT', phase: null, dueOn: null, overdue: false });
    if (r.awaitingSignatures.includes(role)) actions.push({ ...base, kind: 'SIGN_REVIEW', phase: null, dueOn: null, overdue: false });
  }
  for (const g of goals) {
    const role = g.personId === personId ? 'EMPLOYEE' : g.supervisorId === personId ? 'SUPERVISOR' : null;
    if (role && g.awaiting.includes(role)) actions.push({ kind: 'AGREE_GOAL', subjectType: 'GOAL', subjectId: g.goalId, personId: g.personId, phase: null, dueOn: null, overdue: false });
  }
  // Overdue first, then by due date; undated last.
  return actions.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn && b.dueOn ? compareLocalDates(a.dueOn, b.dueOn) : a.dueOn ? -1 : b.dueOn ? 1 : 0));
};

/** Today on the tenant's calendar, for clients that show "due in N days". */
export const todayIn = (timeZone: string, now: Date): string => localDateAt(now, timeZone);
