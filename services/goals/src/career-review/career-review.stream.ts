import { streamId, type Aggregate } from '@growth/es';
import { latestStateProjection } from '@growth/es-postgres';
import type { CareerReviewCommand } from './domain/career-review.commands';
import { careerReviewDecider } from './domain/career-review.decider';
import type { CareerReviewEvent } from './domain/career-review.events';
import type { CareerReviewState } from './domain/career-review.model';

/** One stream per person, not per cycle: a career plan is kept across cycles. */
export const careerReviewStreamId = (tenantId: string, personId: string): string => streamId('career-review', tenantId, personId);

export const careerReviewAggregate: Aggregate<CareerReviewCommand, CareerReviewState, CareerReviewEvent> = {
  name: 'Career development review',
  decider: careerReviewDecider,
  streamId: careerReviewStreamId,
};

/** `career_review_list`, inline: each person's career development review with every cycle's entry. */
export const careerReviewListProjection = latestStateProjection<CareerReviewState, CareerReviewEvent>({
  name: 'goals.career-review-list',
  category: 'career-review',
  decider: careerReviewDecider,
  async save(manager, tenantId, states) {
    await manager.query(
      `INSERT INTO career_review_list (tenant_id, person_id, state, version)
       SELECT $1, r.person_id, r.state, r.version FROM unnest($2::uuid[], $3::jsonb[], $4::int[]) AS r(person_id, state, version)
       ON CONFLICT (tenant_id, person_id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version`,
      [tenantId, states.map((s) => s.state.personId), states.map((s) => JSON.stringify(s.state)), states.map((s) => s.version)],
    );
  },
});
