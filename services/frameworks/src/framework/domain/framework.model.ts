import type { FrameworkKind, SelectionRules } from '@growth/contracts';

/**
 * The content of one framework version, as plain JSON-shaped values: it travels unchanged in events
 * (`FrameworkDraftContentReplaced`, `FrameworkPublished`) and in the import/export document. Optional fields are
 * either present or absent (never `undefined`-valued keys), so a document exported from an import equals the original.
 */

/** Line-management span of a person (seed 004): none, manages a team, or manages people managers. */
export type LineManagementSpan = 'NONE' | 'TEAM_MANAGER' | 'MANAGER_OF_MANAGERS';
export const LINE_MANAGEMENT_SPANS: readonly LineManagementSpan[] = ['NONE', 'TEAM_MANAGER', 'MANAGER_OF_MANAGERS'];

/** What the groups of competencies are called in this framework: clusters (seed 000) or themes (seed 004). */
export type ClusterTerm = 'CLUSTER' | 'THEME';
export const CLUSTER_TERMS: readonly ClusterTerm[] = ['CLUSTER', 'THEME'];

/** One step of a rating scale. `sourceNote` records where the text comes from or what the source lacks. */
export interface RatingLevel {
  /** Upper-case code, stable across versions, the key of every competency's `descriptors`: e.g. `EFFECTIVE_PLUS`. */
  readonly id: string;
  readonly label: string;
  readonly definition: string;
  /** The expected standard (seed 000: "Effective ... the benchmark"); exactly one level per published scale. */
  readonly benchmark: boolean;
  readonly sourceNote?: string;
}

/**
 * An ordered scale, lowest level first. Embedded by value: a tenant may keep several scales and a framework copies
 * one in (its `id` names the scale it was copied from), so later edits to the tenant's scale never alter a
 * published framework.
 */
export interface RatingScale {
  readonly id: string;
  readonly name: string;
  readonly levels: readonly RatingLevel[];
  readonly sourceNote?: string;
}

/** A level of responsibility (seed 004: self-management, team management, managing people managers). */
export interface ResponsibilityLevel {
  /** Upper-case code, the key of every cluster's `expectations`. */
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  /** The line-management spans of the people this level applies to. */
  readonly appliesTo: readonly LineManagementSpan[];
  readonly sourceNote?: string;
}

export interface Competency {
  /** Stable across versions: diffs, selections and crosswalks match competencies by id. Unique in the framework. */
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  /** Indicator bullets, e.g. "honesty", "doing what is right when no one is watching". */
  readonly indicators: readonly string[];
  /** What the competency looks like at each rating level, keyed by level id. */
  readonly descriptors: Readonly<Record<string, string>>;
  readonly sourceNote?: string;
}

export interface Cluster {
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  readonly competencies: readonly Competency[];
  /** Expectation bullets per level of responsibility, keyed by responsibility level id (seed 004). */
  readonly expectations?: Readonly<Record<string, readonly string[]>>;
  readonly sourceNote?: string;
}

export interface FrameworkContent {
  readonly clusterTerm?: ClusterTerm;
  readonly sourceNote?: string;
  readonly ratingScale?: RatingScale;
  readonly responsibilityLevels?: readonly ResponsibilityLevel[];
  readonly clusters: readonly Cluster[];
  /** Absent: no selection step, every competency applies to everyone. */
  readonly selectionRules?: SelectionRules;
}

/** A whole framework version: what `FrameworkPublished` carries and what a document holds. */
export interface FrameworkDefinition extends FrameworkContent {
  readonly kind: FrameworkKind;
  readonly name: string;
  readonly purpose: string;
}

export const EMPTY_CONTENT: FrameworkContent = { clusters: [] };

/** Splits a definition into its identity (kind, name, purpose) and its content, dropping absent optional fields. */
export const contentOf = (definition: FrameworkContent): FrameworkContent => {
  const { clusterTerm, sourceNote, ratingScale, responsibilityLevels, clusters, selectionRules } = definition;
  return present({ clusterTerm, sourceNote, ratingScale, responsibilityLevels, clusters, selectionRules }) as FrameworkContent;
};

/** Removes keys whose value is `undefined`, so values compare and serialise the same as their JSON. */
export const present = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/** The responsibility levels that apply to a person with this line-management span, in framework order. */
export const applicableResponsibilityLevels = (levels: readonly ResponsibilityLevel[] | undefined, span: LineManagementSpan): ResponsibilityLevel[] =>
  (levels ?? []).filter((level) => level.appliesTo.includes(span));

/** The rating scale's benchmark level, if exactly one is marked. */
export const benchmarkLevel = (scale: RatingScale | undefined): RatingLevel | undefined => {
  const marked = scale?.levels.filter((l) => l.benchmark) ?? [];
  return marked.length === 1 ? marked[0] : undefined;
};

/** Deep equality of JSON values, ignoring key order. */
export const jsonEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
};
