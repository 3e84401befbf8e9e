import { selectionRulesProblems } from '@growth/contracts';
import type { ValidationIssue } from '@growth/es';
import { LINE_MANAGEMENT_SPANS, CLUSTER_TERMS, type FrameworkContent, type FrameworkDefinition } from './framework.model';

/**
 * Two levels of checking, each listing every problem with the path of the offending field
 * (`clusters[2].competencies[0].descriptors.EFFECTIVE_PLUS`):
 *
 * - `contentIssues`: what any draft must satisfy (well-formed ids, bounded sizes, unique ids). The limits and
 *   patterns here are the ones `docs/framework-document.schema.json` declares; a spec keeps the two in step.
 * - `publicationIssues`: what a version must satisfy to be published (complete descriptors, one benchmark, unique
 *   names, expectations for every level of responsibility, satisfiable selection rules).
 */

export const LIMITS = {
  idMax: 100,
  codeMax: 50,
  nameMax: 200,
  purposeMax: 4000,
  textMax: 4000,
  itemMax: 500,
  noteMax: 2000,
  clustersMax: 50,
  competenciesPerClusterMax: 100,
  ratingLevelsMax: 10,
  indicatorsMax: 50,
  responsibilityLevelsMax: 10,
  expectationsPerLevelMax: 50,
  positionSpecificMax: 500,
  jobClassificationsMax: 200,
  ruleCountMax: 1000,
} as const;

export const PATTERNS = {
  /** Ids of scales, clusters and competencies: slugs or UUIDs. */
  id: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
  /** Ids of rating and responsibility levels, used as keys in paths such as `descriptors.EFFECTIVE_PLUS`. */
  code: /^[A-Z][A-Z0-9_]*$/,
  /** Names and labels: one line, not empty, no surrounding spaces. */
  name: /^\S(.*\S)?$/u,
  /** Free text that must not have surrounding whitespace (the framework's purpose), possibly empty. */
  trimmed: /^(\S([\s\S]*\S)?)?$/u,
} as const;

export const MESSAGES = {
  required: 'required',
  unknownField: 'unknown field',
  notEmpty: 'must not be empty',
  id: 'must be an id: letters, digits, ".", "_" or "-", starting with a letter or digit',
  code: 'must be an upper-case code such as EFFECTIVE_PLUS',
  name: 'must not be empty, start or end with spaces, or span several lines',
  trimmed: 'must not start or end with spaces',
  repeated: 'repeats an earlier item',
  maxLength: (max: number, given: number) => `must be at most ${max} characters; ${given} given`,
  maxItems: (max: number, given: number) => `must have at most ${max} items; ${given} given`,
  minItems: (min: number) => `must have at least ${min} item${min === 1 ? '' : 's'}`,
  maxEntries: (max: number) => `must have at most ${max} entries`,
  oneOf: (values: readonly string[]) => `must be one of ${values.join(', ')}`,
  integer: 'must be an integer',
  minimum: (min: number) => `must be at least ${min}`,
  maximum: (max: number) => `must be at most ${max}`,
} as const;

/** Appends a property to a path: `a.b`, or `a["odd key"]` when the key is not a plain identifier. */
export const child = (path: string, key: string | number): string => {
  if (typeof key === 'number') return `${path}[${key}]`;
  const segment = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (segment.startsWith('[') || path === '') return `${path}${segment}`;
  return `${path}.${segment}`;
};

type Issues = ValidationIssue[];

const text = (issues: Issues, path: string, value: string, max: number): void => {
  if (value.length > max) issues.push({ path, message: MESSAGES.maxLength(max, value.length) });
};
const patterned = (issues: Issues, path: string, value: string, pattern: RegExp, message: string, max: number): void => {
  if (!pattern.test(value)) issues.push({ path, message });
  text(issues, path, value, max);
};
const id = (issues: Issues, path: string, value: string): void => patterned(issues, path, value, PATTERNS.id, MESSAGES.id, LIMITS.idMax);
const code = (issues: Issues, path: string, value: string): void => patterned(issues, path, value, PATTERNS.code, MESSAGES.code, LIMITS.codeMax);
const name = (issues: Issues, path: string, value: string): void => patterned(issues, path, value, PATTERNS.name, MESSAGES.name, LIMITS.nameMax);
const item = (issues: Issues, path: string, value: string, max: number = LIMITS.itemMax): void => {
  if (value.length === 0) issues.push({ path, message: MESSAGES.notEmpty });
  text(issues, path, value, max);
};
const note = (issues: Issues, path: string, value: string | undefined): void => {
  if (value !== undefined) item(issues, child(path, 'sourceNote'), value, LIMITS.noteMax);
};
const count = (issues: Issues, path: string, values: readonly unknown[], max: number): void => {
  if (values.length > max) issues.push({ path, message: MESSAGES.maxItems(max, values.length) });
};
const ruleCount = (issues: Issues, path: string, value: number | undefined): void => {
  if (value === undefined) return;
  if (!Number.isInteger(value)) issues.push({ path, message: MESSAGES.integer });
  if (value < 0) issues.push({ path, message: MESSAGES.minimum(0) });
  if (value > LIMITS.ruleCountMax) issues.push({ path, message: MESSAGES.maximum(LIMITS.ruleCountMax) });
};
const codeKeys = (issues: Issues, path: string, record: Readonly<Record<string, unknown>>): void => {
  for (const key of Object.keys(record)) if (!PATTERNS.code.test(key) || key.length > LIMITS.codeMax) issues.push({ path: child(path, key), message: MESSAGES.code });
};
const unique = (issues: Issues, entries: readonly { path: string; key: string }[], what: string): void => {
  const first = new Map<string, string>();
  for (const { path, key } of entries) {
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, path);
    else issues.push({ path, message: `${what} "${key}" is already used by ${earlier}` });
  }
};

/** Issues any draft's content must be free of. Well-typed input is assumed (the compiler or the JSON Schema saw to it). */
export const contentIssues = (content: FrameworkContent): ValidationIssue[] => {
  const issues: Issues = [];
  if (content.clusterTerm !== undefined && !CLUSTER_TERMS.includes(content.clusterTerm)) issues.push({ path: 'clusterTerm', message: MESSAGES.oneOf(CLUSTER_TERMS) });
  note(issues, '', content.sourceNote);

  const scale = content.ratingScale;
  if (scale !== undefined) {
    id(issues, 'ratingScale.id', scale.id);
    name(issues, 'ratingScale.name', scale.name);
    count(issues, 'ratingScale.levels', scale.levels, LIMITS.ratingLevelsMax);
    scale.levels.forEach((level, i) => {
      const at = `ratingScale.levels[${i}]`;
      code(issues, `${at}.id`, level.id);
      name(issues, `${at}.label`, level.label);
      text(issues, `${at}.definition`, level.definition, LIMITS.textMax);
      note(issues, at, level.sourceNote);
    });
    note(issues, 'ratingScale', scale.sourceNote);
    unique(issues, scale.levels.map((l, i) => ({ path: `ratingScale.levels[${i}].id`, key: l.id })), 'level id');
  }

  const responsibility = content.responsibilityLevels ?? [];
  count(issues, 'responsibilityLevels', responsibility, LIMITS.responsibilityLevelsMax);
  responsibility.forEach((level, i) => {
    const at = `responsibilityLevels[${i}]`;
    code(issues, `${at}.id`, level.id);
    name(issues, `${at}.name`, level.name);
    text(issues, `${at}.definition`, level.definition, LIMITS.textMax);
    if (level.appliesTo.length === 0) issues.push({ path: `${at}.appliesTo`, message: MESSAGES.minItems(1) });
    level.appliesTo.forEach((span, j) => {
      if (!LINE_MANAGEMENT_SPANS.includes(span)) issues.push({ path: `${at}.appliesTo[${j}]`, message: MESSAGES.oneOf(LINE_MANAGEMENT_SPANS) });
      else if (level.appliesTo.indexOf(span) !== j) issues.push({ path: `${at}.appliesTo[${j}]`, message: MESSAGES.repeated });
    });
    note(issues, at, level.sourceNote);
  });
  unique(issues, responsibility.map((l, i) => ({ path: `responsibilityLevels[${i}].id`, key: l.id })), 'level id');

  count(issues, 'clusters', content.clusters, LIMITS.clustersMax);
  content.clusters.forEach((cluster, i) => {
    const at = `clusters[${i}]`;
    id(issues, `${at}.id`, cluster.id);
    name(issues, `${at}.name`, cluster.name);
    text(issues, `${at}.definition`, cluster.definition, LIMITS.textMax);
    count(issues, `${at}.competencies`, cluster.competencies, LIMITS.competenciesPerClusterMax);
    cluster.competencies.forEach((competency, j) => {
      const cat = `${at}.competencies[${j}]`;
      id(issues, `${cat}.id`, competency.id);
      name(issues, `${cat}.name`, competency.name);
      text(issues, `${cat}.definition`, competency.definition, LIMITS.textMax);
      count(issues, `${cat}.indicators`, competency.indicators, LIMITS.indicatorsMax);
      competency.indicators.forEach((indicator, k) => item(issues, `${cat}.indicators[${k}]`, indicator));
      codeKeys(issues, `${cat}.descriptors`, competency.descriptors);
      if (Object.keys(competency.descriptors).length > LIMITS.ratingLevelsMax) issues.push({ path: `${cat}.descriptors`, message: MESSAGES.maxEntries(LIMITS.ratingLevelsMax) });
      for (const [level, descriptor] of Object.entries(competency.descriptors)) text(issues, child(`${cat}.descriptors`, level), descriptor, LIMITS.textMax);
      note(issues, cat, competency.sourceNote);
    });
    if (cluster.expectations !== undefined) {
      codeKeys(issues, `${at}.expectations`, cluster.expectations);
      if (Object.keys(cluster.expectations).length > LIMITS.responsibilityLevelsMax) issues.push({ path: `${at}.expectations`, message: MESSAGES.maxEntries(LIMITS.responsibilityLevelsMax) });
      for (const [level, bullets] of Object.entries(cluster.expectations)) {
        const lat = child(`${at}.expectations`, level);
        count(issues, lat, bullets, LIMITS.expectationsPerLevelMax);
        bullets.forEach((bullet, k) => item(issues, `${lat}[${k}]`, bullet));
      }
    }
    note(issues, at, cluster.sourceNote);
  });
  unique(issues, content.clusters.map((c, i) => ({ path: `clusters[${i}].id`, key: c.id })), 'cluster id');
  unique(issues, content.clusters.flatMap((c, i) => c.competencies.map((k, j) => ({ path: `clusters[${i}].competencies[${j}].id`, key: k.id }))), 'competency id');

  const rules = content.selectionRules;
  if (rules !== undefined) {
    ruleCount(issues, 'selectionRules.minCompetencies', rules.minCompetencies);
    ruleCount(issues, 'selectionRules.maxCompetencies', rules.maxCompetencies);
    count(issues, 'selectionRules.clustersRequiredOnlyForSupervisors', rules.clustersRequiredOnlyForSupervisors, LIMITS.clustersMax);
    rules.clustersRequiredOnlyForSupervisors.forEach((c, i) => id(issues, `selectionRules.clustersRequiredOnlyForSupervisors[${i}]`, c));
    count(issues, 'selectionRules.positionSpecificCompetencies', rules.positionSpecificCompetencies, LIMITS.positionSpecificMax);
    rules.positionSpecificCompetencies.forEach((p, i) => {
      const at = `selectionRules.positionSpecificCompetencies[${i}]`;
      id(issues, `${at}.competencyId`, p.competencyId);
      if (p.jobClassifications.length === 0) issues.push({ path: `${at}.jobClassifications`, message: MESSAGES.minItems(1) });
      count(issues, `${at}.jobClassifications`, p.jobClassifications, LIMITS.jobClassificationsMax);
      p.jobClassifications.forEach((c, j) => {
        name(issues, `${at}.jobClassifications[${j}]`, c);
        if (p.jobClassifications.indexOf(c) !== j) issues.push({ path: `${at}.jobClassifications[${j}]`, message: MESSAGES.repeated });
      });
    });
  }
  return issues;
};

const fold = (value: string): string => value.trim().toLowerCase();
const uniqueNames = (issues: Issues, entries: readonly { path: string; name: string }[]): void => {
  const first = new Map<string, string>();
  for (const { path, name: n } of entries) {
    const earlier = first.get(fold(n));
    if (earlier === undefined) first.set(fold(n), path);
    else issues.push({ path, message: `"${n}" is already used by ${earlier}; names must be unique` });
  }
};

/** Everything that keeps a draft from being published. Empty when it may be published as it is. */
export const publicationIssues = (definition: FrameworkDefinition): ValidationIssue[] => {
  const issues: Issues = [...contentIssues(definition)];
  if (definition.name.trim() === '') issues.push({ path: 'name', message: MESSAGES.notEmpty });

  const scale = definition.ratingScale;
  if (scale === undefined) {
    issues.push({ path: 'ratingScale', message: 'required: a framework is published with the rating scale its competencies are rated on' });
  } else {
    if (scale.levels.length < 2) issues.push({ path: 'ratingScale.levels', message: `must have at least 2 levels; ${scale.levels.length} given` });
    const benchmarks = scale.levels.filter((l) => l.benchmark).length;
    if (benchmarks !== 1) issues.push({ path: 'ratingScale.levels', message: `exactly one level must be the benchmark; ${benchmarks} marked` });
    uniqueNames(issues, scale.levels.map((l, i) => ({ path: `ratingScale.levels[${i}].label`, name: l.label })));
  }

  const levels = definition.responsibilityLevels ?? [];
  uniqueNames(issues, levels.map((l, i) => ({ path: `responsibilityLevels[${i}].name`, name: l.name })));

  if (definition.clusters.length === 0) issues.push({ path: 'clusters', message: 'must have at least one cluster' });
  uniqueNames(issues, definition.clusters.map((c, i) => ({ path: `clusters[${i}].name`, name: c.name })));
  definition.clusters.forEach((cluster, i) => {
    const at = `clusters[${i}]`;
    if (cluster.competencies.length === 0 && levels.length === 0) issues.push({ path: `${at}.competencies`, message: 'must have at least one competency' });
    uniqueNames(issues, cluster.competencies.map((c, j) => ({ path: `${at}.competencies[${j}].name`, name: c.name })));
    cluster.competencies.forEach((competency, j) => {
      const dat = `${at}.competencies[${j}].descriptors`;
      for (const level of scale?.levels ?? []) {
        const descriptor = competency.descriptors[level.id];
        if (descriptor === undefined) issues.push({ path: child(dat, level.id), message: `required: what "${competency.name}" looks like at "${level.label}"` });
        else if (descriptor.trim() === '') issues.push({ path: child(dat, level.id), message: MESSAGES.notEmpty });
      }
      for (const key of Object.keys(competency.descriptors)) {
        if (scale !== undefined && !scale.levels.some((l) => l.id === key)) issues.push({ path: child(dat, key), message: `no level "${key}" in the rating scale` });
      }
    });

    const expectations = cluster.expectations ?? {};
    if (levels.length === 0 && Object.keys(expectations).length > 0) {
      issues.push({ path: `${at}.expectations`, message: 'the framework defines no levels of responsibility' });
    }
    for (const level of levels) {
      const bullets = expectations[level.id];
      if (bullets === undefined) issues.push({ path: child(`${at}.expectations`, level.id), message: `required: what "${cluster.name}" expects at "${level.name}"` });
      else if (bullets.length === 0) issues.push({ path: child(`${at}.expectations`, level.id), message: MESSAGES.minItems(1) });
    }
    if (levels.length > 0) {
      for (const key of Object.keys(expectations)) {
        if (!levels.some((l) => l.id === key)) issues.push({ path: child(`${at}.expectations`, key), message: `no level of responsibility "${key}"` });
      }
    }
  });

  if (definition.selectionRules !== undefined) {
    for (const problem of selectionRulesProblems(definition.selectionRules, definition.clusters)) {
      issues.push({ path: `selectionRules.${problem.path}`, message: problem.message });
    }
  }
  return dedupe(issues);
};

const dedupe = (issues: Issues): Issues => {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
