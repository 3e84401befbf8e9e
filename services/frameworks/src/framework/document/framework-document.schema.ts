import { FRAMEWORK_KINDS } from '@growth/contracts';
import { CLUSTER_TERMS, LINE_MANAGEMENT_SPANS } from '../domain/framework.model';
import { LIMITS, PATTERNS } from '../domain/framework.validation';

/**
 * The JSON Schema (draft 2020-12) of the framework document, built from the limits and patterns the domain
 * validation uses, so the two cannot drift. `docs/framework-document.schema.json` is its published copy: a spec fails
 * when the file differs (rewrite it with `UPDATE_FRAMEWORK_DOCUMENT_SCHEMA=1 npx jest framework-document`). The
 * build copies only compiled TypeScript, which is why the runtime validator uses this module and not the file.
 */
export const FRAMEWORK_DOCUMENT_FORMAT = 'growth.framework/v1';

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });

export const FRAMEWORK_DOCUMENT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:growth:frameworks:framework-document:v1',
  title: 'Framework document',
  description:
    'One version of a competency framework, for import and export (JSON or YAML). Beyond this schema, a document is refused when ids repeat: cluster ids, competency ids (across the whole framework), rating level ids and responsibility level ids must each be unique. Publishing additionally needs a rating scale of at least two levels with exactly one benchmark, a descriptor for every rating level on every competency, names unique within their parent, expectations for every level of responsibility on every cluster, and satisfiable selection rules.',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'kind', 'name', 'purpose', 'clusters'],
  properties: {
    format: { const: FRAMEWORK_DOCUMENT_FORMAT, description: 'Format and its major version.' },
    kind: { enum: [...FRAMEWORK_KINDS] },
    name: ref('name'),
    purpose: { type: 'string', maxLength: LIMITS.purposeMax, pattern: PATTERNS.trimmed.source, description: 'Why the framework exists and whom it is for; no surrounding whitespace.' },
    clusterTerm: { enum: [...CLUSTER_TERMS], description: 'What the groups are called: clusters (LAUSD) or themes (Leicestershire).' },
    sourceNote: ref('note'),
    ratingScale: ref('ratingScale'),
    responsibilityLevels: { type: 'array', maxItems: LIMITS.responsibilityLevelsMax, items: ref('responsibilityLevel') },
    clusters: { type: 'array', maxItems: LIMITS.clustersMax, items: ref('cluster') },
    selectionRules: ref('selectionRules'),
  },
  $defs: {
    id: { type: 'string', maxLength: LIMITS.idMax, pattern: PATTERNS.id.source, description: 'Stable across versions: slugs or UUIDs.' },
    code: { type: 'string', maxLength: LIMITS.codeMax, pattern: PATTERNS.code.source, description: 'Upper-case id of a rating or responsibility level, e.g. EFFECTIVE_PLUS.' },
    name: { type: 'string', maxLength: LIMITS.nameMax, pattern: PATTERNS.name.source, description: 'One line, not empty, no surrounding whitespace.' },
    text: { type: 'string', maxLength: LIMITS.textMax },
    item: { type: 'string', minLength: 1, maxLength: LIMITS.itemMax },
    note: {
      type: 'string',
      minLength: 1,
      maxLength: LIMITS.noteMax,
      description: 'Where the content comes from, or what the source lacks (e.g. a name missing from the source document).',
    },
    ratingLevel: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'label', 'definition', 'benchmark'],
      properties: {
        id: ref('code'),
        label: ref('name'),
        definition: ref('text'),
        benchmark: { type: 'boolean', description: 'The expected standard; exactly one level of a published scale.' },
        sourceNote: ref('note'),
      },
    },
    ratingScale: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'levels'],
      description: "Ordered lowest level first. Copied by value from the tenant's scale named by id.",
      properties: {
        id: ref('id'),
        name: ref('name'),
        levels: { type: 'array', maxItems: LIMITS.ratingLevelsMax, items: ref('ratingLevel') },
        sourceNote: ref('note'),
      },
    },
    responsibilityLevel: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'definition', 'appliesTo'],
      properties: {
        id: ref('code'),
        name: ref('name'),
        definition: ref('text'),
        appliesTo: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { enum: [...LINE_MANAGEMENT_SPANS] },
          description: 'Line-management spans of the people this level applies to.',
        },
        sourceNote: ref('note'),
      },
    },
    competency: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'definition', 'indicators', 'descriptors'],
      properties: {
        id: ref('id'),
        name: ref('name'),
        definition: ref('text'),
        indicators: { type: 'array', maxItems: LIMITS.indicatorsMax, items: ref('item') },
        descriptors: {
          type: 'object',
          maxProperties: LIMITS.ratingLevelsMax,
          propertyNames: ref('code'),
          additionalProperties: ref('text'),
          description: 'What the competency looks like at each rating level, keyed by level id.',
        },
        sourceNote: ref('note'),
      },
    },
    cluster: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'definition', 'competencies'],
      properties: {
        id: ref('id'),
        name: ref('name'),
        definition: ref('text'),
        competencies: { type: 'array', maxItems: LIMITS.competenciesPerClusterMax, items: ref('competency') },
        expectations: {
          type: 'object',
          maxProperties: LIMITS.responsibilityLevelsMax,
          propertyNames: ref('code'),
          additionalProperties: { type: 'array', maxItems: LIMITS.expectationsPerLevelMax, items: ref('item') },
          description: 'Expectation bullets per level of responsibility, keyed by responsibility level id.',
        },
        sourceNote: ref('note'),
      },
    },
    selectionRules: {
      type: 'object',
      additionalProperties: false,
      required: ['atLeastOnePerCluster', 'clustersRequiredOnlyForSupervisors', 'positionSpecificCompetencies'],
      description: 'See SelectionRules in @growth/contracts (selection-rules.ts).',
      properties: {
        minCompetencies: { type: 'integer', minimum: 0, maximum: LIMITS.ruleCountMax },
        maxCompetencies: { type: 'integer', minimum: 0, maximum: LIMITS.ruleCountMax },
        atLeastOnePerCluster: { type: 'boolean' },
        clustersRequiredOnlyForSupervisors: { type: 'array', maxItems: LIMITS.clustersMax, items: ref('id') },
        positionSpecificCompetencies: {
          type: 'array',
          maxItems: LIMITS.positionSpecificMax,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['competencyId', 'jobClassifications'],
            properties: {
              competencyId: ref('id'),
              jobClassifications: { type: 'array', minItems: 1, maxItems: LIMITS.jobClassificationsMax, uniqueItems: true, items: ref('name') },
            },
          },
        },
      },
    },
  },
} as const;
