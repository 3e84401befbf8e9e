import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@growth/es';
import type { Projection } from '@growth/es-postgres';
import type { ReviewEvent, ReviewStarted } from './domain/review.events';

const REVIEW_STREAM = /^review-/;

/** One statement for many reviews: opening a cycle starts tens of thousands in a few hundred transactions. */
const insertStarted = async (manager: EntityManager, tenantId: string, started: readonly EventEnvelope<ReviewStarted>[]): Promise<void> => {
  if (started.length === 0) return;
  const column = <T>(pick: (e: EventEnvelope<ReviewStarted>) => T) => started.map(pick);
  await manager.query(
    `INSERT INTO review_list (tenant_id, review_id, cycle_id, person_id, supervisor_id, process, status, version, updated_at)
     SELECT $1, r.review_id, r.cycle_id, r.person_id, r.supervisor_id, r.process, 'OPEN', r.version, r.updated_at
     FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::int[], $8::timestamptz[])
       AS r(review_id, cycle_id, person_id, supervisor_id, process, version, updated_at)`,
    [
      tenantId,
      column((e) => e.data.reviewId),
      column((e) => e.data.cycleId),
      column((e) => e.data.personId),
      column((e) => e.data.supervisorId),
      column((e) => e.data.process),
      column((e) => e.streamVersion),
      column((e) => e.occurredAt),
    ],
  );
};

/** The columns each later event changes. */
const changesOf = (event: ReviewEvent): Record<string, unknown> | null => {
  switch (event.type) {
    case 'ReviewStarted':
    case 'MeetingRecorded':
    case 'JobChatAnswersRecorded':
    case 'JobChatOutcomeRecorded':
    case 'EmployeeCommentsAdded':
    case 'ReviewReadyForSignatures':
      return null;
    case 'ReviewProcessChanged':
      return { process: event.data.to, selection_agreed: false };
    case 'CompetenciesSelected':
      return { selection_agreed: false };
    case 'CompetencySelectionAgreed':
      return { selection_agreed: true };
    case 'PhaseCompleted':
      return { phases_completed: { append: event.data.phase } };
    case 'SelfAssessmentSubmitted':
      return { self_assessed: true };
    case 'SupervisorRatingsRecorded':
      return { supervisor_rated: true };
    case 'OverallAssessmentRecorded':
      return { overall_assessment_id: event.data.assessmentId, eligible_for_pay_progression: event.data.eligibleForPayProgression };
    case 'ReviewSigned':
      return event.data.role === 'EMPLOYEE' ? { employee_signed_on: event.data.signedOn } : { supervisor_signed_on: event.data.signedOn };
    case 'ReviewFiled':
      return { status: 'FILED', filings: event.data.filing };
    case 'ReviewReopened':
      return { status: 'REOPENED', employee_signed_on: null, supervisor_signed_on: null };
    case 'ReviewReassigned':
      return { supervisor_id: event.data.toSupervisorId };
    case 'ReviewWithdrawn':
      return { status: 'WITHDRAWN' };
  }
};

/**
 * `review_list`, inline: a row per review with its phase and status columns, what the team, site and HR lists and
 * the overdue flags read. Free text is not copied: it stays in the review's stream.
 */
export const reviewListProjection: Projection<EventEnvelope> = {
  name: 'reviews.review-list',
  async apply(manager, events) {
    const mine = (events as readonly EventEnvelope<ReviewEvent>[]).filter((e) => REVIEW_STREAM.test(e.streamId));
    if (mine.length === 0) return;
    const tenantId = mine[0].tenantId;
    await insertStarted(manager, tenantId, mine.filter((e): e is EventEnvelope<ReviewStarted> => e.type === 'ReviewStarted'));
    for (const envelope of mine) {
      const reviewId = (envelope.data as { reviewId: string }).reviewId;
      const changes = changesOf({ type: envelope.type, data: envelope.data } as ReviewEvent) ?? {};
      const sets: string[] = ['version = $3', 'updated_at = $4'];
      const values: unknown[] = [tenantId, reviewId, envelope.streamVersion, envelope.occurredAt];
      for (const [column, value] of Object.entries(changes)) {
        if (value !== null && typeof value === 'object' && 'append' in value) {
          values.push(value.append);
          sets.push(`${column} = array_append(array_remove(${column}, $${values.length}::text), $${values.length}::text)`);
        } else {
          values.push(value);
          sets.push(`${column} = $${values.length}`);
        }
      }
      if (envelope.type === 'ReviewStarted') continue;
      await manager.query(`UPDATE review_list SET ${sets.join(', ')} WHERE tenant_id = $1 AND review_id = $2`, values);
    }
  },
};
