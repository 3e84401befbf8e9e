import type { EntityManager } from 'typeorm';
import type { FrameworkDefinitionData, GoalMeasure } from '@growth/contracts';
import type { CycleOpened } from '../../cycle/domain/cycle.events';
import type { ReviewState } from '../domain/review.model';
import type { YearEndSummary } from '../year-end-summary/year-end-summary.model';

const GOAL_KIND: Readonly<Record<string, string>> = { PERFORMANCE: 'Performance goal', DEVELOPMENT: 'Development goal', OBJECTIVE: 'Objective' };
const GOAL_STATUS: Readonly<Record<string, string>> = {
  AGREED: 'Agreed',
  ON_TRACK: 'On track',
  AT_RISK: 'At risk',
  OFF_TRACK: 'Off track',
  ACHIEVED: 'Achieved',
  NOT_ACHIEVED: 'Not achieved',
  DEFERRED: 'Deferred',
};

/** A goal as the summary lists it: its kind, measure and due date (the statement stays in the goals service). */
const goalLine = (kind: string, measure: GoalMeasure | null, dueOn: string): string => {
  const measured = measure ? `: ${measure.what}, ${measure.baseline === null ? '' : `from ${measure.baseline} `}to ${measure.target} ${measure.unit}` : '';
  return `${GOAL_KIND[kind] ?? kind}${measured}, due ${dueOn}`;
};

/** Form 5240F3's content for a review being filed: the review's state, resolved to names and labels. */
export const yearEndSummaryOf = async (
  manager: EntityManager,
  tenantId: string,
  state: ReviewState,
  cycle: CycleOpened['data'],
  framework: FrameworkDefinitionData | null,
  filedOn: string,
): Promise<YearEndSummary> => {
  const ids = [...new Set([state.personId, state.supervisorId, state.signatures.EMPLOYEE?.signedBy, state.signatures.SUPERVISOR?.signedBy, ...state.meetings.flatMap((m) => m.attendeeIds)].filter((id): id is string => !!id))];
  const rows: Array<{ person_id: string; name: string; staff_number: string; job_classification: string; site_name: string | null }> = await manager.query(
    `SELECT p.person_id, p.first_name || ' ' || p.last_name AS name, p.staff_number, p.job_classification, s.name AS site_name
     FROM review_people p LEFT JOIN review_sites s ON s.tenant_id = p.tenant_id AND s.site_id = p.site_id
     WHERE p.tenant_id = $1 AND p.person_id::text = ANY($2::text[])`,
    [tenantId, ids],
  );
  const people = new Map(rows.map((r) => [r.person_id, r]));
  const nameOf = (id: string | null | undefined): string => (id ? (people.get(id)?.name ?? 'Unknown person') : 'No supervisor');
  const [tenant]: Array<{ name: string }> = await manager.query(`SELECT name FROM review_tenants WHERE tenant_id = $1`, [tenantId]);
  const employee = people.get(state.personId);
  const levels = framework?.ratingScale?.levels ?? [];
  const label = (id: string | undefined): string | null => (id === undefined ? null : (levels.find((l) => l.id === id)?.label ?? id));
  const rated = state.process === 'LEADERSHIP' ? (framework?.clusters ?? []).map((c) => ({ id: c.id, name: c.name, cluster: c.name })) : (state.selection?.competencyIds ?? []).map((id) => {
    const cluster = framework?.clusters.find((c) => c.competencies.some((k) => k.id === id));
    return { id, name: cluster?.competencies.find((k) => k.id === id)?.name ?? id, cluster: cluster?.name ?? '' };
  });
  const responsibility = framework?.responsibilityLevels ?? [];
  const goals: Array<{ kind: string; measure: GoalMeasure | null; due_on: string; status: string }> = await manager.query(
    `SELECT kind, measure, to_char(due_on, 'YYYY-MM-DD') AS due_on, status FROM review_goals
     WHERE tenant_id = $1 AND person_id = $2 AND cycle_id = $3 AND NOT withdrawn ORDER BY kind, due_on, goal_id`,
    [tenantId, state.personId, state.cycleId],
  );
  return {
    tenantName: tenant?.name ?? tenantId,
    cycle: { name: cycle.name, startsOn: cycle.startsOn, endsOn: cycle.endsOn },
    employee: { name: nameOf(state.personId), staffNumber: employee?.staff_number ?? null, jobClassification: employee?.job_classification ?? '', siteName: employee?.site_name ?? null },
    reviewer: { name: nameOf(state.supervisorId) },
    process: state.process,
    framework: state.process === 'JOB_CHAT' || !framework || !state.framework ? null : { name: framework.name, version: state.framework.version },
    levels: state.levels.map((id) => responsibility.find((l) => l.id === id)?.name ?? id),
    competencies: state.process === 'JOB_CHAT' ? [] : rated.map((c) => ({
      cluster: c.cluster,
      name: c.name,
      selfRating: label(state.selfAssessment?.get(c.id)?.ratingLevelId),
      supervisorRating: label(state.supervisorRatings?.get(c.id)?.ratingLevelId),
      supervisorComment: state.supervisorRatings?.get(c.id)?.text || null,
      developing: levels.length > 0 && state.supervisorRatings?.get(c.id)?.ratingLevelId === levels[0].id,
    })),
    jobChat: state.jobChat ? { ...state.jobChat, trainingAgreed: state.jobChatOutcome?.trainingAgreed ?? null, suggestions: state.jobChatOutcome?.suggestions ?? null } : null,
    meetings: state.meetings.map((m) => ({ kind: m.kind, heldOn: m.heldOn, attendees: m.attendeeIds.map(nameOf) })),
    goals: goals.map((g) => ({ statement: goalLine(g.kind, g.measure, g.due_on), status: GOAL_STATUS[g.status] ?? g.status })),
    overallAssessment: state.overall ? { label: state.overall.label, eligibleForPayProgression: state.overall.eligibleForPayProgression, followUpReviewBy: state.overall.followUpReviewBy, formalProcedures: state.overall.formalProcedures } : null,
    employeeComments: state.employeeComments,
    signatures: {
      employee: state.signatures.EMPLOYEE ? { name: nameOf(state.signatures.EMPLOYEE.signedBy), signedOn: state.signatures.EMPLOYEE.signedOn, agreed: state.signatures.EMPLOYEE.agreed } : null,
      supervisor: state.signatures.SUPERVISOR ? { name: nameOf(state.signatures.SUPERVISOR.signedBy), signedOn: state.signatures.SUPERVISOR.signedOn } : null,
    },
    filedOn,
    filing: state.filings,
    reopenReason: state.filings > 1 ? state.reopenReason : null,
  };
};
