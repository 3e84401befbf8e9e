import type { IntegrationEvent } from './integration-event';
import type { SelectionRules } from './selection-rules';

/** Kinds of catalogue a tenant keeps (seed 000: competency framework; 003: behavioural attributes; 004: leadership). */
export type FrameworkKind = 'COMPETENCY_FRAMEWORK' | 'BEHAVIOURAL_ATTRIBUTES' | 'LEADERSHIP_FRAMEWORK';
export const FRAMEWORK_KINDS: readonly FrameworkKind[] = ['COMPETENCY_FRAMEWORK', 'BEHAVIOURAL_ATTRIBUTES', 'LEADERSHIP_FRAMEWORK'];

/** Published on `frameworks.framework.v1` when a tenant starts a new competency framework as a draft. */
export type FrameworkDraftCreated = IntegrationEvent<
  'FrameworkDraftCreated',
  { readonly frameworkId: string; readonly name: string; readonly purpose: string; readonly kind: FrameworkKind }
>;

/** Published on `frameworks.framework.v1` when a draft framework is renamed. */
export type FrameworkDraftRenamed = IntegrationEvent<'FrameworkDraftRenamed', { readonly frameworkId: string; readonly name: string }>;

/*
 * The content of a framework version as it travels in events (the same shape as a framework document without its
 * `format` marker). Optional fields are absent rather than null.
 */
export type FrameworkLineManagementSpan = 'NONE' | 'TEAM_MANAGER' | 'MANAGER_OF_MANAGERS';

export interface FrameworkRatingLevel {
  readonly id: string;
  readonly label: string;
  readonly definition: string;
  readonly benchmark: boolean;
  readonly sourceNote?: string;
}

export interface FrameworkRatingScale {
  readonly id: string;
  readonly name: string;
  /** Lowest level first. */
  readonly levels: readonly FrameworkRatingLevel[];
  readonly sourceNote?: string;
}

export interface FrameworkResponsibilityLevel {
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  readonly appliesTo: readonly FrameworkLineManagementSpan[];
  readonly sourceNote?: string;
}

export interface FrameworkCompetency {
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  readonly indicators: readonly string[];
  /** Keyed by rating level id. */
  readonly descriptors: Readonly<Record<string, string>>;
  readonly sourceNote?: string;
}

export interface FrameworkCluster {
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  readonly competencies: readonly FrameworkCompetency[];
  /** Keyed by responsibility level id. */
  readonly expectations?: Readonly<Record<string, readonly string[]>>;
  readonly sourceNote?: string;
}

export interface FrameworkContentData {
  readonly clusterTerm?: 'CLUSTER' | 'THEME';
  readonly sourceNote?: string;
  readonly ratingScale?: FrameworkRatingScale;
  readonly responsibilityLevels?: readonly FrameworkResponsibilityLevel[];
  readonly clusters: readonly FrameworkCluster[];
  readonly selectionRules?: SelectionRules;
}

/** One whole framework version: identity plus content. */
export interface FrameworkDefinitionData extends FrameworkContentData {
  readonly kind: FrameworkKind;
  readonly name: string;
  readonly purpose: string;
}

export type FrameworkChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED' | 'MOVED' | 'REORDERED';
export type FrameworkChangedEntity =
  | 'framework'
  | 'ratingScale'
  | 'ratingLevel'
  | 'responsibilityLevel'
  | 'cluster'
  | 'competency'
  | 'descriptor'
  | 'expectations'
  | 'selectionRules';

/** One entity-level difference between two versions of a framework (the audit trail of a content replacement). */
export interface FrameworkChangeData {
  readonly change: FrameworkChangeKind;
  readonly entity: FrameworkChangedEntity;
  readonly clusterId?: string;
  readonly competencyId?: string;
  readonly levelId?: string;
  readonly field?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly summary: string;
}

/** Published when the open draft's purpose changes. */
export type FrameworkDraftPurposeChanged = IntegrationEvent<'FrameworkDraftPurposeChanged', { readonly frameworkId: string; readonly version: number; readonly purpose: string }>;

/** Published when the open draft's whole content is replaced; `changes` lists what differs from the previous content. */
export type FrameworkDraftContentReplaced = IntegrationEvent<
  'FrameworkDraftContentReplaced',
  { readonly frameworkId: string; readonly version: number; readonly content: FrameworkContentData; readonly changes: readonly FrameworkChangeData[] }
>;

/** Published when a draft becomes a published version, which never changes; carries the complete version. */
export type FrameworkPublished = IntegrationEvent<
  'FrameworkPublished',
  { readonly frameworkId: string; readonly version: number; readonly publishedAt: string; readonly framework: FrameworkDefinitionData }
>;

/** Published when draft version `version` is opened as a copy of published version `basedOnVersion`. */
export type FrameworkDraftVersionStarted = IntegrationEvent<
  'FrameworkDraftVersionStarted',
  { readonly frameworkId: string; readonly version: number; readonly basedOnVersion: number; readonly framework: FrameworkDefinitionData }
>;

/** Published when a framework is retired: no longer offered for new reviews; published versions stay readable. */
export type FrameworkRetired = IntegrationEvent<
  'FrameworkRetired',
  {
    readonly frameworkId: string;
    readonly retiredAt: string;
    readonly reason: string;
    readonly lastPublishedVersion: number | null;
    readonly abandonedDraftVersion: number | null;
  }
>;

export type FrameworkAlignmentRelation = 'EQUIVALENT' | 'BROADER' | 'NARROWER' | 'RELATED';

/** A competency by id within a framework (competency ids are stable across a framework's versions). */
export interface FrameworkCompetencyRef {
  readonly frameworkId: string;
  readonly competencyId: string;
}

/**
 * Published (keyed by the tenant's crosswalk stream `crosswalk-<tenantId>:<tenantId>`) when two competencies of
 * different frameworks are aligned: `from RELATION to`, e.g. from BROADER to (from includes to).
 */
export type CompetenciesAligned = IntegrationEvent<
  'CompetenciesAligned',
  { readonly from: FrameworkCompetencyRef; readonly to: FrameworkCompetencyRef; readonly relation: FrameworkAlignmentRelation; readonly note?: string }
>;

/** Published when an alignment is removed; `from`, `to` and `relation` as it was stated when aligned. */
export type CompetencyAlignmentRemoved = IntegrationEvent<
  'CompetencyAlignmentRemoved',
  { readonly from: FrameworkCompetencyRef; readonly to: FrameworkCompetencyRef; readonly relation: FrameworkAlignmentRelation }
>;

/** The public events of framework streams (`framework-<tenantId>:<frameworkId>`): the frameworks service's `FrameworkEvent`. */
export type FrameworkStreamEvent =
  | FrameworkDraftCreated
  | FrameworkDraftRenamed
  | FrameworkDraftPurposeChanged
  | FrameworkDraftContentReplaced
  | FrameworkPublished
  | FrameworkDraftVersionStarted
  | FrameworkRetired;

/** The public events of each tenant's crosswalk stream (`crosswalk-<tenantId>:<tenantId>`): the frameworks service's `CrosswalkEvent`. */
export type CrosswalkStreamEvent = CompetenciesAligned | CompetencyAlignmentRemoved;

/**
 * Every event published on `frameworks.framework.v1`. Its runtime list, `FRAMEWORK_INTEGRATION_EVENT_TYPES`, and
 * the schema of each event's data are in framework-event-schemas.ts, checked against these types.
 */
export type FrameworkIntegrationEvent = FrameworkStreamEvent | CrosswalkStreamEvent;
