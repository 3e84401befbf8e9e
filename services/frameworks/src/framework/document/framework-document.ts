import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { parseDocument, stringify } from 'yaml';
import type { ValidationIssue } from '@growth/es';
import type { SelectionRules } from '@growth/contracts';
import type { CreateFrameworkDraft, ReplaceFrameworkDraftContent } from '../domain/framework.commands';
import { definitionOf, type FrameworkState } from '../domain/framework.decider';
import { present, type Cluster, type Competency, type FrameworkContent, type FrameworkDefinition, type RatingScale, type ResponsibilityLevel } from '../domain/framework.model';
import { child, contentIssues, MESSAGES, PATTERNS } from '../domain/framework.validation';
import { FRAMEWORK_DOCUMENT_FORMAT, FRAMEWORK_DOCUMENT_SCHEMA } from './framework-document.schema';

/**
 * The framework document: one framework version as JSON or YAML, for import and export. Its shape is
 * `docs/framework-document.schema.json` (JSON Schema draft 2020-12; built by `framework-document.schema.ts`), which is
 * what validates it here (ajv), followed by the
 * checks a schema cannot express (unique ids), shared with the decider. A document is a `FrameworkDefinition`
 * (exactly what `FrameworkPublished` carries) plus a `format` marker; it carries no framework id, version or status,
 * so the same document imports into any tenant as a new draft.
 */
export { FRAMEWORK_DOCUMENT_FORMAT, FRAMEWORK_DOCUMENT_SCHEMA };

export type FrameworkDocument = { readonly format: typeof FRAMEWORK_DOCUMENT_FORMAT } & FrameworkDefinition;
export type FrameworkDocumentSyntax = 'json' | 'yaml';

/** `path` locates the bad field (`clusters[1].competencies[3].name`); empty for the document as a whole. */
export type DocumentIssue = ValidationIssue;
export type ParseFrameworkDocumentResult = { readonly ok: true; readonly document: FrameworkDocument } | { readonly ok: false; readonly errors: readonly DocumentIssue[] };

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validateSchema = ajv.compile(FRAMEWORK_DOCUMENT_SCHEMA);

/** Validates a parsed value against the JSON Schema alone (no uniqueness checks), with issues in document paths. */
export const schemaIssues = (value: unknown): DocumentIssue[] => (validateSchema(value) ? [] : dedupe((validateSchema.errors ?? []).flatMap((e) => toIssue(e, value))));

/**
 * Parses and validates a document. Returns the typed document, or every problem found, each with the path of the
 * offending field: syntax errors first (path ""), else every schema violation, else every repeated id.
 */
export const parseFrameworkDocument = (text: string, syntax: FrameworkDocumentSyntax): ParseFrameworkDocumentResult => {
  const parsed = readSyntax(text, syntax);
  if (!parsed.ok) return parsed;
  const errors = schemaIssues(parsed.value);
  if (errors.length > 0) return { ok: false, errors };
  const document = parsed.value as FrameworkDocument;
  const issues = contentIssues(document);
  return issues.length > 0 ? { ok: false, errors: issues } : { ok: true, document };
};

/** `path: message` lines, e.g. `clusters[1].competencies[3].name: required`. */
export const formatDocumentIssues = (issues: readonly DocumentIssue[]): string[] => issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`));

/** The document of a framework version, keys in a canonical order, optional fields only when present. */
export const documentOf = (definition: FrameworkDefinition): FrameworkDocument => {
  const scale = definition.ratingScale;
  const levelOrder = (scale?.levels ?? []).map((l) => l.id);
  const responsibilityOrder = (definition.responsibilityLevels ?? []).map((l) => l.id);
  return present({
    format: FRAMEWORK_DOCUMENT_FORMAT,
    kind: definition.kind,
    name: definition.name,
    purpose: definition.purpose,
    clusterTerm: definition.clusterTerm,
    sourceNote: definition.sourceNote,
    ratingScale: scale && ratingScaleOf(scale),
    responsibilityLevels: definition.responsibilityLevels?.map(responsibilityLevelOf),
    clusters: definition.clusters.map((c) => clusterOf(c, levelOrder, responsibilityOrder)),
    selectionRules: definition.selectionRules && selectionRulesOf(definition.selectionRules),
  });
};

/** Exports the framework's current version: the open draft, or the latest published version. */
export const exportFrameworkDocument = (state: FrameworkState): FrameworkDocument => {
  if (state.status === 'none') throw new Error('There is no framework to export');
  return documentOf(definitionOf(state));
};

export const serializeFrameworkDocument = (document: FrameworkDocument, syntax: FrameworkDocumentSyntax): string =>
  syntax === 'json' ? `${JSON.stringify(document, null, 2)}\n` : stringify(document, { lineWidth: 0 });

/** The content part of a document, as ReplaceFrameworkDraftContent takes it. */
export const contentOfDocument = (document: FrameworkDocument): FrameworkContent => {
  const { format: _format, kind: _kind, name: _name, purpose: _purpose, ...content } = document;
  return content;
};

/** The commands that import a document as a new framework: create the draft, then fill it. */
export const importCommands = (document: FrameworkDocument, frameworkId: string): [CreateFrameworkDraft, ReplaceFrameworkDraftContent] => [
  { type: 'CreateFrameworkDraft', frameworkId, name: document.name, purpose: document.purpose, kind: document.kind },
  { type: 'ReplaceFrameworkDraftContent', frameworkId, content: contentOfDocument(document) },
];

// ---------------------------------------------------------------------------------------------------------------

const ratingScaleOf = (scale: RatingScale): RatingScale =>
  present({
    id: scale.id,
    name: scale.name,
    levels: scale.levels.map((l) => present({ id: l.id, label: l.label, definition: l.definition, benchmark: l.benchmark, sourceNote: l.sourceNote })),
    sourceNote: scale.sourceNote,
  });

const responsibilityLevelOf = (level: ResponsibilityLevel): ResponsibilityLevel =>
  present({ id: level.id, name: level.name, definition: level.definition, appliesTo: level.appliesTo, sourceNote: level.sourceNote });

/** A record with the known keys first, in the given order, then any others as they came. */
const ordered = <V>(record: Readonly<Record<string, V>>, order: readonly string[]): Record<string, V> => {
  const keys = [...order.filter((k) => Object.hasOwn(record, k)), ...Object.keys(record).filter((k) => !order.includes(k))];
  return Object.fromEntries(keys.map((k) => [k, record[k]]));
};

const competencyOf = (c: Competency, levelOrder: readonly string[]): Competency =>
  present({ id: c.id, name: c.name, definition: c.definition, indicators: c.indicators, descriptors: ordered(c.descriptors, levelOrder), sourceNote: c.sourceNote });

const clusterOf = (c: Cluster, levelOrder: readonly string[], responsibilityOrder: readonly string[]): Cluster =>
  present({
    id: c.id,
    name: c.name,
    definition: c.definition,
    competencies: c.competencies.map((k) => competencyOf(k, levelOrder)),
    expectations: c.expectations && ordered(c.expectations, responsibilityOrder),
    sourceNote: c.sourceNote,
  });

const selectionRulesOf = (r: SelectionRules): SelectionRules =>
  present({
    minCompetencies: r.minCompetencies,
    maxCompetencies: r.maxCompetencies,
    atLeastOnePerCluster: r.atLeastOnePerCluster,
    clustersRequiredOnlyForSupervisors: r.clustersRequiredOnlyForSupervisors,
    positionSpecificCompetencies: r.positionSpecificCompetencies.map((p) => ({ competencyId: p.competencyId, jobClassifications: p.jobClassifications })),
  });

type Syntax = { ok: true; value: unknown } | { ok: false; errors: DocumentIssue[] };

const readSyntax = (text: string, syntax: FrameworkDocumentSyntax): Syntax => {
  if (syntax === 'json') {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
    }
  }
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) return { ok: false, errors: document.errors.map((e) => ({ path: '', message: `not valid YAML: ${e.message}` })) };
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }) as unknown };
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `not valid YAML: ${(error as Error).message}` }] };
  }
};

/** Turns a JSON Pointer into a document path, looking at the data to tell array indexes from keys. */
const pathOf = (pointer: string, data: unknown): string => {
  let path = '';
  let current: unknown = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      path = child(path, Number(segment));
      current = current[Number(segment)];
    } else {
      path = child(path, segment);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
};

const valueAt = (pointer: string, data: unknown): unknown =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((v, s) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[s] : undefined), data);

const TYPE_NAMES: Record<string, string> = { string: 'a string', number: 'a number', integer: 'an integer', boolean: 'true or false', array: 'a list', object: 'an object', null: 'null' };
const PATTERN_MESSAGES = new Map<string, string>([
  [PATTERNS.id.source, MESSAGES.id],
  [PATTERNS.code.source, MESSAGES.code],
  [PATTERNS.name.source, MESSAGES.name],
  [PATTERNS.trimmed.source, MESSAGES.trimmed],
]);

const toIssue = (error: ErrorObject, data: unknown): DocumentIssue[] => {
  const base = pathOf(error.instancePath, data);
  const params = error.params as Record<string, unknown>;
  // Errors inside `propertyNames` concern a key of the object at instancePath.
  if (error.propertyName !== undefined) return [{ path: child(base, error.propertyName), message: MESSAGES.code }];
  const value = valueAt(error.instancePath, data);
  const length = typeof value === 'string' || Array.isArray(value) ? value.length : 0;
  switch (error.keyword) {
    case 'propertyNames':
      return []; // reported by the inner error
    case 'required':
      return [{ path: child(base, String(params.missingProperty)), message: MESSAGES.required }];
    case 'additionalProperties':
      return [{ path: child(base, String(params.additionalProperty)), message: MESSAGES.unknownField }];
    case 'type':
      return [{ path: base, message: `must be ${TYPE_NAMES[String(params.type)] ?? String(params.type)}` }];
    case 'const':
      return [{ path: base, message: `must be ${JSON.stringify(params.allowedValue)}` }];
    case 'enum':
      return [{ path: base, message: MESSAGES.oneOf((params.allowedValues as unknown[]).map(String)) }];
    case 'pattern':
      return [{ path: base, message: PATTERN_MESSAGES.get(String(params.pattern)) ?? `must match ${String(params.pattern)}` }];
    case 'minLength':
      return [{ path: base, message: MESSAGES.notEmpty }];
    case 'maxLength':
      return [{ path: base, message: MESSAGES.maxLength(Number(params.limit), length) }];
    case 'minItems':
      return [{ path: base, message: MESSAGES.minItems(Number(params.limit)) }];
    case 'maxItems':
      return [{ path: base, message: MESSAGES.maxItems(Number(params.limit), length) }];
    case 'maxProperties':
      return [{ path: base, message: MESSAGES.maxEntries(Number(params.limit)) }];
    case 'uniqueItems':
      return [{ path: child(base, Number(params.i)), message: MESSAGES.repeated }];
    case 'minimum':
      return [{ path: base, message: MESSAGES.minimum(Number(params.limit)) }];
    case 'maximum':
      return [{ path: base, message: MESSAGES.maximum(Number(params.limit)) }];
    default:
      return [{ path: base, message: error.message ?? error.keyword }];
  }
};

const dedupe = (issues: DocumentIssue[]): DocumentIssue[] => {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
