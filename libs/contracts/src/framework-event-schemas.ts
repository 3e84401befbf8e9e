/*
 * The JSON Schema of each framework event's data, as docs/asyncapi.yaml must document them (contracts.spec.ts
 * compares the two, ignoring `description`s and how the document shares parts through `$ref`). Each schema is
 * checked at compile time against the TypeScript type it describes (framework-events.ts): a field added, removed,
 * made optional or retyped on one side only is a compile error here naming the field.
 */
import { dateTime, eventDataSchemas, schemaOf, string, strings, uuid } from './event-schemas';
import type { FrameworkCompetencyRef, FrameworkContentData, FrameworkDefinitionData, FrameworkIntegrationEvent } from './framework-events';

const frameworkKind = { type: 'string', enum: ['COMPETENCY_FRAMEWORK', 'BEHAVIOURAL_ATTRIBUTES', 'LEADERSHIP_FRAMEWORK'] } as const;
const frameworkName = { type: 'string', maxLength: 200 } as const;
const frameworkPurpose = { type: 'string', maxLength: 4000 } as const;

/** `components.schemas.CompetencyRef`. */
export const COMPETENCY_REF_SCHEMA = schemaOf<FrameworkCompetencyRef>()({
  type: 'object',
  required: ['frameworkId', 'competencyId'],
  properties: { frameworkId: uuid, competencyId: { type: 'string', maxLength: 100 } },
});

/** `components.schemas.AlignmentRelation`. */
export const ALIGNMENT_RELATION_SCHEMA = { type: 'string', enum: ['EQUIVALENT', 'BROADER', 'NARROWER', 'RELATED'] } as const;

/** `components.schemas.FrameworkContent`. */
export const FRAMEWORK_CONTENT_SCHEMA = schemaOf<FrameworkContentData>()({
  type: 'object',
  required: ['clusters'],
  properties: {
    clusterTerm: { type: 'string', enum: ['CLUSTER', 'THEME'] },
    sourceNote: string,
    ratingScale: {
      type: 'object',
      required: ['id', 'name', 'levels'],
      properties: {
        id: string,
        name: string,
        sourceNote: string,
        levels: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'label', 'definition', 'benchmark'],
            properties: { id: string, label: string, definition: string, benchmark: { type: 'boolean' }, sourceNote: string },
          },
        },
      },
    },
    responsibilityLevels: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'definition', 'appliesTo'],
        properties: {
          id: string,
          name: string,
          definition: string,
          appliesTo: { type: 'array', items: { type: 'string', enum: ['NONE', 'TEAM_MANAGER', 'MANAGER_OF_MANAGERS'] } },
          sourceNote: string,
        },
      },
    },
    clusters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'definition', 'competencies'],
        properties: {
          id: string,
          name: string,
          definition: string,
          sourceNote: string,
          expectations: { type: 'object', additionalProperties: strings },
          competencies: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'name', 'definition', 'indicators', 'descriptors'],
              properties: {
                id: string,
                name: string,
                definition: string,
                indicators: strings,
                descriptors: { type: 'object', additionalProperties: string },
                sourceNote: string,
              },
            },
          },
        },
      },
    },
    selectionRules: {
      type: 'object',
      required: ['atLeastOnePerCluster', 'clustersRequiredOnlyForSupervisors', 'positionSpecificCompetencies'],
      properties: {
        minCompetencies: { type: 'integer' },
        maxCompetencies: { type: 'integer' },
        atLeastOnePerCluster: { type: 'boolean' },
        clustersRequiredOnlyForSupervisors: strings,
        positionSpecificCompetencies: {
          type: 'array',
          items: { type: 'object', required: ['competencyId', 'jobClassifications'], properties: { competencyId: string, jobClassifications: strings } },
        },
      },
    },
  },
});

/** `components.schemas.FrameworkDefinition`. */
export const FRAMEWORK_DEFINITION_SCHEMA = schemaOf<FrameworkDefinitionData>()({
  allOf: [FRAMEWORK_CONTENT_SCHEMA, { type: 'object', required: ['kind', 'name', 'purpose'], properties: { kind: frameworkKind, name: frameworkName, purpose: frameworkPurpose } }],
});

/** The schema of each framework event's `data` (the `data` of its message payload in docs/asyncapi.yaml). */
export const FRAMEWORK_EVENT_DATA_SCHEMAS = eventDataSchemas<FrameworkIntegrationEvent>()({
  FrameworkDraftCreated: {
    type: 'object',
    required: ['frameworkId', 'name', 'purpose', 'kind'],
    properties: { frameworkId: uuid, name: frameworkName, purpose: frameworkPurpose, kind: frameworkKind },
  },
  FrameworkDraftRenamed: { type: 'object', required: ['frameworkId', 'name'], properties: { frameworkId: uuid, name: frameworkName } },
  FrameworkDraftPurposeChanged: {
    type: 'object',
    required: ['frameworkId', 'version', 'purpose'],
    properties: { frameworkId: uuid, version: { type: 'integer', minimum: 1 }, purpose: frameworkPurpose },
  },
  FrameworkDraftContentReplaced: {
    type: 'object',
    required: ['frameworkId', 'version', 'content', 'changes'],
    properties: {
      frameworkId: uuid,
      version: { type: 'integer', minimum: 1 },
      content: FRAMEWORK_CONTENT_SCHEMA,
      changes: {
        type: 'array',
        items: {
          type: 'object',
          required: ['change', 'entity', 'summary'],
          properties: {
            change: { type: 'string', enum: ['ADDED', 'REMOVED', 'CHANGED', 'MOVED', 'REORDERED'] },
            entity: {
              type: 'string',
              enum: ['framework', 'ratingScale', 'ratingLevel', 'responsibilityLevel', 'cluster', 'competency', 'descriptor', 'expectations', 'selectionRules'],
            },
            clusterId: string,
            competencyId: string,
            levelId: string,
            field: string,
            before: {},
            after: {},
            summary: string,
          },
        },
      },
    },
  },
  FrameworkPublished: {
    type: 'object',
    required: ['frameworkId', 'version', 'publishedAt', 'framework'],
    properties: { frameworkId: uuid, version: { type: 'integer', minimum: 1 }, publishedAt: dateTime, framework: FRAMEWORK_DEFINITION_SCHEMA },
  },
  FrameworkDraftVersionStarted: {
    type: 'object',
    required: ['frameworkId', 'version', 'basedOnVersion', 'framework'],
    properties: { frameworkId: uuid, version: { type: 'integer', minimum: 2 }, basedOnVersion: { type: 'integer', minimum: 1 }, framework: FRAMEWORK_DEFINITION_SCHEMA },
  },
  FrameworkRetired: {
    type: 'object',
    required: ['frameworkId', 'retiredAt', 'reason', 'lastPublishedVersion', 'abandonedDraftVersion'],
    properties: {
      frameworkId: uuid,
      retiredAt: dateTime,
      reason: { type: 'string', maxLength: 2000 },
      lastPublishedVersion: { type: ['integer', 'null'] },
      abandonedDraftVersion: { type: ['integer', 'null'] },
    },
  },
  CompetenciesAligned: {
    type: 'object',
    required: ['from', 'to', 'relation'],
    properties: { from: COMPETENCY_REF_SCHEMA, to: COMPETENCY_REF_SCHEMA, relation: ALIGNMENT_RELATION_SCHEMA, note: { type: 'string', minLength: 1, maxLength: 2000 } },
  },
  CompetencyAlignmentRemoved: {
    type: 'object',
    required: ['from', 'to', 'relation'],
    properties: { from: COMPETENCY_REF_SCHEMA, to: COMPETENCY_REF_SCHEMA, relation: ALIGNMENT_RELATION_SCHEMA },
  },
});

/** Every event type published on `frameworks.framework.v1`, in documentation order (complete: one per data schema). */
export const FRAMEWORK_INTEGRATION_EVENT_TYPES: readonly FrameworkIntegrationEvent['type'][] = Object.keys(FRAMEWORK_EVENT_DATA_SCHEMAS) as FrameworkIntegrationEvent['type'][];

