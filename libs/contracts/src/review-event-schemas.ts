/*
 * The JSON Schema of each reviews event's data, as docs/asyncapi.yaml must document them (contracts.spec.ts compares
 * the two), each checked at compile time against its TypeScript type (review-events.ts).
 */
import { date, eventDataSchemas, schemaOf, strings, uuid } from './event-schemas';
import type { CycleStreamEvent, ReviewCycleDeadlines, ReviewFrameworkRef, ReviewStreamEvent } from './review-events';

const process = { type: 'string', enum: ['FULL', 'JOB_CHAT', 'LEADERSHIP'] } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
const text = { type: 'string', minLength: 1 } as const;
const signer = { type: 'string', enum: ['EMPLOYEE', 'SUPERVISOR'] } as const;

const frameworkRefProperties = { frameworkId: uuid, version: { type: 'integer', minimum: 1 } } as const;

/** `components.schemas.FrameworkRef`. */
export const REVIEW_FRAMEWORK_REF_SCHEMA = schemaOf<ReviewFrameworkRef>()({ type: 'object', required: ['frameworkId', 'version'], properties: frameworkRefProperties });

/** `components.schemas.CycleDeadlines`. */
export const CYCLE_DEADLINES_SCHEMA = schemaOf<ReviewCycleDeadlines>()({
  type: 'object',
  required: ['goalSetting', 'midYearReflection', 'yearEndConference'],
  properties: { goalSetting: date, midYearReflection: date, yearEndConference: date },
});

/** The schema of each cycle event's data (`reviews.cycle.v1`). */
export const CYCLE_EVENT_DATA_SCHEMAS = eventDataSchemas<CycleStreamEvent>()({
  CycleOpened: {
    type: 'object',
    required: ['cycleId', 'name', 'startsOn', 'endsOn', 'timeZone', 'deadlines', 'framework', 'leadershipFramework'],
    properties: {
      cycleId: uuid,
      name: { type: 'string', minLength: 1, maxLength: 40 },
      startsOn: date,
      endsOn: date,
      timeZone: text,
      deadlines: CYCLE_DEADLINES_SCHEMA,
      framework: REVIEW_FRAMEWORK_REF_SCHEMA,
      leadershipFramework: { type: ['object', 'null'], required: ['frameworkId', 'version'], properties: frameworkRefProperties },
    },
  },
  CycleReviewsCreated: { type: 'object', required: ['cycleId', 'reviews'], properties: { cycleId: uuid, reviews: { type: 'integer', minimum: 0 } } },
  CycleDeadlinesChanged: { type: 'object', required: ['cycleId', 'from', 'to'], properties: { cycleId: uuid, from: CYCLE_DEADLINES_SCHEMA, to: CYCLE_DEADLINES_SCHEMA } },
  CycleClosed: { type: 'object', required: ['cycleId', 'closedOn'], properties: { cycleId: uuid, closedOn: date } },
});

/** The schema of each review event's data (`reviews.review.v1`). */
export const REVIEW_EVENT_DATA_SCHEMAS = eventDataSchemas<ReviewStreamEvent>()({
  ReviewStarted: {
    type: 'object',
    required: ['reviewId', 'cycleId', 'personId', 'supervisorId', 'process', 'framework', 'levels'],
    properties: { reviewId: uuid, cycleId: uuid, personId: uuid, supervisorId: nullableUuid, process, framework: REVIEW_FRAMEWORK_REF_SCHEMA, levels: strings },
  },
  ReviewProcessChanged: {
    type: 'object',
    required: ['reviewId', 'from', 'to', 'framework', 'levels'],
    properties: { reviewId: uuid, from: process, to: process, framework: REVIEW_FRAMEWORK_REF_SCHEMA, levels: strings },
  },
  PhaseCompleted: {
    type: 'object',
    required: ['reviewId', 'phase', 'completedOn'],
    properties: { reviewId: uuid, phase: { type: 'string', enum: ['GOAL_SETTING', 'MID_YEAR_REFLECTION', 'YEAR_END_CONFERENCE'] }, completedOn: date },
  },
  SelfAssessmentSubmitted: {
    type: 'object',
    required: ['reviewId', 'ratings'],
    properties: {
      reviewId: uuid,
      ratings: { type: 'array', items: { type: 'object', required: ['competencyId', 'ratingLevelId'], properties: { competencyId: text, ratingLevelId: text } } },
    },
  },
  OverallAssessmentRecorded: {
    type: 'object',
    required: ['reviewId', 'assessmentId', 'eligibleForPayProgression', 'followUpReviewBy', 'formalProcedures'],
    properties: { reviewId: uuid, assessmentId: text, eligibleForPayProgression: { type: 'boolean' }, followUpReviewBy: { type: ['string', 'null'], format: 'date' }, formalProcedures: { type: 'boolean' } },
  },
  ReviewReadyForSignatures: {
    type: 'object',
    required: ['reviewId', 'awaiting'],
    properties: { reviewId: uuid, awaiting: { type: 'array', items: signer } },
  },
  ReviewSigned: {
    type: 'object',
    required: ['reviewId', 'role', 'signedBy', 'signedOn', 'agreed'],
    properties: { reviewId: uuid, role: signer, signedBy: uuid, signedOn: date, agreed: { type: 'boolean' } },
  },
  ReviewFiled: { type: 'object', required: ['reviewId', 'filing', 'filedOn'], properties: { reviewId: uuid, filing: { type: 'integer', minimum: 1 }, filedOn: date } },
  ReviewReopened: { type: 'object', required: ['reviewId', 'filing'], properties: { reviewId: uuid, filing: { type: 'integer', minimum: 1 } } },
  ReviewReassigned: {
    type: 'object',
    required: ['reviewId', 'fromSupervisorId', 'toSupervisorId', 'effectiveFrom'],
    properties: { reviewId: uuid, fromSupervisorId: nullableUuid, toSupervisorId: nullableUuid, effectiveFrom: date },
  },
  ReviewWithdrawn: {
    type: 'object',
    required: ['reviewId', 'reason', 'withdrawnOn'],
    properties: { reviewId: uuid, reason: { type: 'string', enum: ['PERSON_LEFT', 'WITHDRAWN_BY_HR'] }, withdrawnOn: date },
  },
});

/** Every event type published on `reviews.cycle.v1`, in documentation order. */
export const CYCLE_INTEGRATION_EVENT_TYPES = Object.keys(CYCLE_EVENT_DATA_SCHEMAS) as CycleStreamEvent['type'][];
/** Every event type published on `reviews.review.v1`. */
export const REVIEW_INTEGRATION_EVENT_TYPES = Object.keys(REVIEW_EVENT_DATA_SCHEMAS) as ReviewStreamEvent['type'][];
