import { v5 } from 'uuid';
import { streamId, type Aggregate, type EventEnvelope, type OutboxMessage } from '@growth/es';
import { Topics, integrationEventMapper, integrationMessage, type ReviewStreamEvent } from '@growth/contracts';
import type { ReviewCommand } from './domain/review.commands';
import { reviewDecider } from './domain/review.decider';
import type { ReviewEvent } from './domain/review.events';
import type { ReviewState } from './domain/review.model';

export const reviewStreamId = (tenantId: string, reviewId: string): string => streamId('review', tenantId, reviewId);

const REVIEW_ID_NAMESPACE = '6f1d3b6e-93a4-4d0e-9c39-3d1f0b7c2a51';

/**
 * One review per person per cycle, by construction: its id is derived from the two, so an opening that is resumed,
 * or a joiner seen twice, finds the review already there instead of creating another.
 */
export const reviewIdOf = (cycleId: string, personId: string): string => v5(`${cycleId}:${personId}`, REVIEW_ID_NAMESPACE);

type PublicReviewEvent = Extract<ReviewEvent, { type: ReviewStreamEvent['type'] }>;
const PUBLIC_TYPES: ReadonlySet<string> = new Set<ReviewStreamEvent['type']>([
  'ReviewStarted',
  'ReviewProcessChanged',
  'PhaseCompleted',
  'SelfAssessmentSubmitted',
  'OverallAssessmentRecorded',
  'ReviewReadyForSignatures',
  'ReviewSigned',
  'ReviewFiled',
  'ReviewReopened',
  'ReviewReassigned',
  'ReviewWithdrawn',
]);

/**
 * The public part of a review: its milestones with ids, statuses, dates and ratings. Whatever someone wrote (evidence,
 * comments, notes, answers, a reopening's reason) and steps that matter only inside the review stay private. This
 * does not compile unless what it produces is exactly the contract's `ReviewStreamEvent`.
 */
const toPublicReviewEvent = integrationEventMapper<PublicReviewEvent, ReviewStreamEvent>()({
  SelfAssessmentSubmitted: ({ reviewId, ratings }) => ({ reviewId, ratings: ratings.map(({ competencyId, ratingLevelId }) => ({ competencyId, ratingLevelId })) }),
  OverallAssessmentRecorded: ({ reviewId, assessmentId, eligibleForPayProgression, followUpReviewBy, formalProcedures }) => ({ reviewId, assessmentId, eligibleForPayProgression, followUpReviewBy, formalProcedures }),
  ReviewSigned: ({ reviewId, role, signedBy, signedOn, agreed }) => ({ reviewId, role, signedBy, signedOn, agreed }),
  ReviewFiled: ({ reviewId, filing, filedOn }) => ({ reviewId, filing, filedOn }),
  ReviewReopened: ({ reviewId, filing }) => ({ reviewId, filing }),
});

export const publishReviewEvent = (envelope: EventEnvelope<ReviewEvent>): OutboxMessage[] => {
  if (!PUBLIC_TYPES.has(envelope.type)) return [];
  const payload = toPublicReviewEvent(envelope as EventEnvelope<PublicReviewEvent>);
  return [integrationMessage(Topics.reviewEvents.name, payload)];
};

export const reviewAggregate: Aggregate<ReviewCommand, ReviewState, ReviewEvent> = {
  name: 'Review',
  decider: reviewDecider,
  streamId: reviewStreamId,
  publish: publishReviewEvent,
};
