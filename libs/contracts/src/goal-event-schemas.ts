/*
 * The JSON Schema of each goals event's data, as docs/asyncapi.yaml must document them (contracts.spec.ts compares
 * the two), each checked at compile time against its TypeScript type (goal-events.ts).
 */
import { date, eventDataSchemas, schemaOf, strings, uuid } from './event-schemas';
import type { GoalMeasure, GoalStreamEvent } from './goal-events';

const measureProperties = {
  what: { type: 'string', minLength: 1, maxLength: 200 },
  baseline: { type: ['number', 'null'] },
  target: { type: 'number' },
  unit: { type: 'string', minLength: 1, maxLength: 40 },
} as const;

/** `components.schemas.GoalMeasure`. */
export const GOAL_MEASURE_SCHEMA = schemaOf<GoalMeasure>()({ type: 'object', required: ['what', 'baseline', 'target', 'unit'], properties: measureProperties });

const progressStatus = { type: 'string', enum: ['ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'ACHIEVED', 'NOT_ACHIEVED', 'DEFERRED'] } as const;

/** The schema of each goal event's data (`goals.goal.v1`). */
export const GOAL_EVENT_DATA_SCHEMAS = eventDataSchemas<GoalStreamEvent>()({
  GoalAgreed: {
    type: 'object',
    required: ['goalId', 'cycleId', 'personId', 'kind', 'version', 'measure', 'dueOn', 'unitGoalId', 'competencyIds'],
    properties: {
      goalId: uuid,
      cycleId: uuid,
      personId: uuid,
      kind: { type: 'string', enum: ['PERFORMANCE', 'DEVELOPMENT', 'OBJECTIVE'] },
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
});

/** Every event type published on `goals.goal.v1`, in documentation order. */
export const GOAL_INTEGRATION_EVENT_TYPES = Object.keys(GOAL_EVENT_DATA_SCHEMAS) as GoalStreamEvent['type'][];
