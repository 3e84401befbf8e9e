import { fold, type EventEnvelope } from '@growth/es';
import { PHASES, phaseDeadline, type CycleDeadlines, type Phase } from '../cycle/domain/cycle.model';
import { isOverdue } from '@growth/calendar';
import { reviewDecider } from './domain/review.decider';
import type { ReviewEvent } from './domain/review.events';
import type { Rating } from './domain/review.model';
import { nextSteps } from './domain/review.steps';
import type { CompetencyRating, PhaseStatus, ReviewSummary, ReviewView, SignatureView } from './review.graphql';

export interface CycleTimes {
  readonly deadlines: CycleDeadlines;
  readonly timeZone: string;
}

/** Each phase's due date, completion and overdue flag at `now`, in the cycle's time zone. */
export const phaseStatuses = (cycle: CycleTimes, completed: ReadonlyMap<Phase, string | null> | readonly Phase[], now: Date, status: string): PhaseStatus[] =>
  PHASES.map((phase) => {
    const done = Array.isArray(completed) ? completed.includes(phase) : (completed as ReadonlyMap<Phase, string | null>).has(phase);
    const completedOn = Array.isArray(completed) ? null : ((completed as ReadonlyMap<Phase, string | null>).get(phase) ?? null);
    const dueOn = phaseDeadline(cycle.deadlines, phase);
    // A filed or withdrawn review owes nothing more.
    const open = status === 'OPEN' || status === 'REOPENED';
    return { phase, dueOn, completedOn, overdue: open && !done && isOverdue(dueOn, now, cycle.timeZone) };
  });

export interface ReviewListRow {
  review_id: string;
  cycle_id: string;
  person_id: string;
  supervisor_id: string | null;
  process: ReviewSummary['process'];
  status: string;
  phases_completed: Phase[];
  overall_assessment_id: string | null;
  eligible_for_pay_progression: boolean | null;
  version: number;
}

const person = (id: string) => ({ id });

export const reviewSummaryOf = (row: ReviewListRow, cycle: CycleTimes, now: Date): ReviewSummary => {
  const phases = phaseStatuses(cycle, row.phases_completed, now, row.status);
  return {
    id: row.review_id,
    cycleId: row.cycle_id,
    employee: person(row.person_id),
    reviewer: row.supervisor_id ? person(row.supervisor_id) : null,
    process: row.process,
    status: row.status,
    phases,
    overdue: phases.some((p) => p.overdue),
    overallAssessmentId: row.overall_assessment_id,
    eligibleForPayProgression: row.eligible_for_pay_progression,
    version: row.version,
  };
};

const ratings = (map: ReadonlyMap<string, Rating> | null, developing: ReadonlySet<string>): CompetencyRating[] | null =>
  map === null ? null : [...map].map(([competencyId, r]) => ({ competencyId, ratingLevelId: r.ratingLevelId, text: r.text, developing: developing.has(competencyId) }));

/** The whole review from its stream: state, phase dates, next steps and timeline. */
export const reviewViewOf = (envelopes: readonly EventEnvelope<ReviewEvent>[], cycle: CycleTimes, now: Date): ReviewView => {
  const events = envelopes.map((e) => ({ type: e.type, data: e.data }) as ReviewEvent);
  const state = fold(reviewDecider, events);
  const completed = new Map<Phase, string | null>();
  const developing = new Set<string>();
  for (const event of events) {
    if (event.type === 'PhaseCompleted') completed.set(event.data.phase, event.data.completedOn);
    if (event.type === 'SupervisorRatingsRecorded') {
      developing.clear();
      for (const r of event.data.ratings) if (r.developing) developing.add(r.competencyId);
    }
  }
  const phases = phaseStatuses(cycle, completed, now, state.status);
  const signature = (s: typeof state.signatures.EMPLOYEE): SignatureView | null => (s ? { signedBy: person(s.signedBy), signedOn: s.signedOn, agreed: s.agreed } : null);
  return {
    id: state.reviewId,
    cycleId: state.cycleId,
    employee: person(state.personId),
    reviewer: state.supervisorId ? person(state.supervisorId) : null,
    process: state.process,
    status: state.status,
    phases,
    overdue: phases.some((p) => p.overdue),
    overallAssessmentId: state.overall?.assessmentId ?? null,
    eligibleForPayProgression: state.overall?.eligibleForPayProgression ?? null,
    version: envelopes.at(-1)?.streamVersion ?? -1,
    frameworkId: state.framework?.frameworkId ?? '',
    frameworkVersion: state.framework?.version ?? 0,
    levels: [...state.levels],
    selectedCompetencyIds: state.selection ? [...state.selection.competencyIds] : null,
    selectionAgreed: state.selection?.agreed ?? false,
    selfAssessment: ratings(state.selfAssessment, new Set()),
    supervisorRatings: ratings(state.supervisorRatings, developing),
    jobChat: state.jobChat ? { ...state.jobChat, trainingAgreed: state.jobChatOutcome?.trainingAgreed ?? null, suggestions: state.jobChatOutcome?.suggestions ?? null } : null,
    meetings: state.meetings.map((m) => ({ meetingId: m.meetingId, kind: m.kind, heldOn: m.heldOn, attendees: m.attendeeIds.map(person), notes: m.notes })),
    overallAssessment: state.overall ? { ...state.overall } : null,
    employeeComments: state.employeeComments,
    employeeSignature: signature(state.signatures.EMPLOYEE),
    supervisorSignature: signature(state.signatures.SUPERVISOR),
    filings: state.filings,
    nextSteps: nextSteps(state).map((s) => ({ step: s.step, by: [...s.by] })),
    timeline: envelopes.map((e) => ({ version: e.streamVersion, type: e.type, occurredAt: e.occurredAt, actorId: e.actorId })),
  };
};
