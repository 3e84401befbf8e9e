/*
 * The JSON Schema of each goals event's data, as docs/asyncapi.yaml must document them (contracts.spec.ts compares
 * the two), each checked at compile time against its TypeScript type (goal-events.ts).
 */
import { date, eventDataSchemas, schemaOf, strings, uuid } from './event-schemas';
import type { GoalMeasure, GoalsTopicEvent } from './goal-events';

const measureProperties = {
  what: { type: 'string', minLength: 1, maxLength: 200 },
  baseline: { type: ['number', 'null'] },
  target: { type: 'number' },
  unit: { type: 'string', minLength: 1, maxLength: 40 },
} as const;

/** `components.schemas.GoalMeasure`. */
export const GOAL_MEASURE_SCHEMA = schemaOf<GoalMeasure>()({ type: 'object', required: ['what', 'baseline', 'target', 'unit'], properties: measureProperties });

const costProperties = { amount: { type: 'integer', minimum: 0 }, currency: { type: 'string', minLength: 3, maxLength: 3 } } as const;

const progressStatus = { type: 'string', enum: ['ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'ACHIEVED', 'NOT_ACHIEVED', 'DEFERRED'] } as const;

const goalKind = { type: 'string', enum: ['PERFORMANCE', 'DEVELOPMENT', 'OBJECTIVE'] } as const;
const party = { type: 'string', enum: ['EMPLOYEE', 'SUPERVISOR'] } as const;
const parties = { type: 'array', items: party } as const;

/** The schema of each event's data on `goals.goal.v1`: goals', then development plans'. */
export const GOAL_EVENT_DATA_SCHEMAS = eventDataSchemas<GoalsTopicEvent>()({
  GoalSubmitted: {
    type: 'object',
    required: ['goalId', 'cycleId', 'personId', 'kind', 'contentVersion', 'by', 'awaiting'],
    properties: { goalId: uuid, cycleId: uuid, personId: uuid, kind: goalKind, contentVersion: { type: 'integer', minimum: 1 }, by: party, awaiting: parties },
  },
  GoalApprovalRecorded: {
    type: 'object',
    required: ['goalId', 'contentVersion', 'by', 'awaiting'],
    properties: { goalId: uuid, contentVersion: { type: 'integer', minimum: 1 }, by: party, awaiting: parties },
  },
  GoalApprovalDropped: {
    type: 'object',
    required: ['goalId', 'contentVersion', 'by', 'awaiting'],
    properties: { goalId: uuid, contentVersion: { type: 'integer', minimum: 1 }, by: party, awaiting: parties },
  },
  GoalAgreed: {
    type: 'object',
    required: ['goalId', 'cycleId', 'personId', 'kind', 'version', 'measure', 'dueOn', 'unitGoalId', 'competencyIds'],
    properties: {
      goalId: uuid,
      cycleId: uuid,
      personId: uuid,
      kind: goalKind,
      version: { type: 'integer', minimum: 1 },
      measure: { type: ['object', 'null'], required: ['what', 'baseline', 'target', 'unit'], properties: measureProperties },
      dueOn: date,
      unitGoalId: { type: ['string', 'null'], format: 'uuid' },
      competencyIds: strings,
    },
  },
  GoalProgressRecorded: {
    type: 'object',
    required: ['goalId', 'checkInId', 'value', 'status', 'recordedOn'],
    properties: { goalId: uuid, checkInId: uuid, value: { type: ['number', 'null'] }, status: progressStatus, recordedOn: date },
  },
  GoalClosed: {
    type: 'object',
    required: ['goalId', 'status', 'closedOn'],
    properties: { goalId: uuid, status: { type: 'string', enum: ['ACHIEVED', 'NOT_ACHIEVED', 'DEFERRED'] }, closedOn: date },
  },
  GoalWithdrawn: { type: 'object', required: ['goalId'], properties: { goalId: uuid } },
  TrainingNeedRecorded: {
    type: 'object',
    required: ['planId', 'needId', 'cycleId', 'personId', 'source', 'competencyIds', 'neededBy', 'estimatedCost'],
    properties: {
      planId: uuid,
      needId: uuid,
      cycleId: uuid,
      personId: uuid,
      source: { type: 'string', enum: ['DEVELOPMENT_PLAN', 'JOB_CHAT'] },
      competencyIds: strings,
      neededBy: date,
      estimatedCost: { type: ['object', 'null'], required: ['amount', 'currency'], properties: costProperties },
    },
  },
  DevelopmentActivityCompleted: {
    type: 'object',
    required: ['planId', 'activityId', 'cycleId', 'personId', 'kind', 'completedOn'],
    properties: {
      planId: uuid,
      activityId: uuid,
      cycleId: uuid,
      personId: uuid,
      kind: { type: 'string', enum: ['TRAINING_COURSE', 'PROJECT', 'WORK_ASSIGNMENT', 'WORKING_WITH_OTHERS'] },
      completedOn: date,
    },
  },
});

/** Every event type published on `goals.goal.v1`, in documentation order. */
export const GOAL_INTEGRATION_EVENT_TYPES = Object.keys(GOAL_EVENT_DATA_SCHEMAS) as GoalsTopicEvent['type'][];
