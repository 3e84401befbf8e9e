/**
 * Which competencies a person picks from a framework for their review (seed 000: "select the 8 to 12 that are most
 * related to your current position ... at least one from each of the Clusters ... if you do not manage or supervise
 * employees, you do not need to select any Competencies from Cluster 7 Leadership"; seed 001: competencies "more
 * specific to some positions"). Rules are data a tenant edits, carried inside every published framework version, so
 * the reviews service evaluates a selection with the rules of the version it points at. Everything here is pure.
 */

/** A competency offered only to people in the listed job classifications (matched trimmed, case-insensitively). */
export interface PositionSpecificCompetency {
  readonly competencyId: string;
  readonly jobClassifications: readonly string[];
}

export interface SelectionRules {
  /** Fewest competencies a person must choose; absent: no lower bound. */
  readonly minCompetencies?: number;
  /** Most competencies a person may choose; absent: no upper bound. */
  readonly maxCompetencies?: number;
  /** Every cluster not listed in `clustersRequiredOnlyForSupervisors` needs at least one chosen competency. */
  readonly atLeastOnePerCluster: boolean;
  /**
   * Clusters a person who supervises must choose from (whether or not `atLeastOnePerCluster` is set) and anyone else
   * need not. Non-supervisors may still choose from them.
   */
  readonly clustersRequiredOnlyForSupervisors: readonly string[];
  readonly positionSpecificCompetencies: readonly PositionSpecificCompetency[];
}

/** The part of a framework the rules look at; a framework's clusters satisfy it structurally. */
export interface SelectableCluster {
  readonly id: string;
  readonly name: string;
  readonly competencies: readonly { readonly id: string; readonly name: string }[];
}

export interface SelectingPerson {
  /** Manages or supervises staff (line management of any span). */
  readonly supervises: boolean;
  readonly jobClassification: string;
}

export type SelectionRuleCode = 'UNKNOWN_COMPETENCY' | 'DUPLICATE_COMPETENCY' | 'MIN_COMPETENCIES' | 'MAX_COMPETENCIES' | 'CLUSTER_REQUIRED' | 'POSITION_SPECIFIC';

export interface SelectionViolation {
  readonly rule: SelectionRuleCode;
  /** A sentence a person can act on, e.g. "choose at least 8 competencies; 7 chosen". */
  readonly message: string;
  readonly competencyId?: string;
  readonly clusterId?: string;
}

/** A defect of the rules themselves; `path` is relative to the rules object, e.g. `minCompetencies`. */
export interface SelectionRuleProblem {
  readonly path: string;
  readonly message: string;
}

/** Rules that ask nothing: any selection of known competencies, including none, is valid. */
export const NO_SELECTION_RULES: SelectionRules = { atLeastOnePerCluster: false, clustersRequiredOnlyForSupervisors: [], positionSpecificCompetencies: [] };

const normalise = (classification: string): string => classification.trim().toLowerCase();
const competencies = (n: number): string => `${n} ${n === 1 ? 'competency' : 'competencies'}`;
const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');

/** Whether `person` may choose `competencyId` (false only for a position-specific competency of other classifications). */
export const competencyIsAvailable = (rules: SelectionRules, competencyId: string, person: Pick<SelectingPerson, 'jobClassification'>): boolean => {
  const restriction = rules.positionSpecificCompetencies.find((p) => p.competencyId === competencyId);
  return restriction === undefined || restriction.jobClassifications.some((c) => normalise(c) === normalise(person.jobClassification));
};

/** The competencies `person` may choose, cluster by cluster, in framework order. */
export const availableCompetencies = (rules: SelectionRules, clusters: readonly SelectableCluster[], person: SelectingPerson): { clusterId: string; competencyIds: string[] }[] =>
  clusters.map((cluster) => ({ clusterId: cluster.id, competencyIds: cluster.competencies.filter((c) => competencyIsAvailable(rules, c.id, person)).map((c) => c.id) }));

/**
 * The clusters `person` must choose at least one competency from. A cluster offering this person nothing (every
 * competency in it is specific to other positions, or it has none) is never required: nobody can be asked for the
 * impossible.
 */
export const requiredClusterIds = (rules: SelectionRules, clusters: readonly SelectableCluster[], person: SelectingPerson): string[] => {
  const supervisorOnly = new Set(rules.clustersRequiredOnlyForSupervisors);
  return clusters
    .filter((cluster) => (supervisorOnly.has(cluster.id) ? person.supervises : rules.atLeastOnePerCluster))
    .filter((cluster) => cluster.competencies.some((c) => competencyIsAvailable(rules, c.id, person)))
    .map((cluster) => cluster.id);
};

/**
 * Every rule the selection breaks (not just the first), in a stable order: unknown and repeated ids, the count,
 * each cluster left out, each competency meant for other positions. An empty list means the selection is valid.
 */
export const evaluateSelection = (
  rules: SelectionRules,
  clusters: readonly SelectableCluster[],
  selection: readonly string[],
  person: SelectingPerson,
): SelectionViolation[] => {
  const violations: SelectionViolation[] = [];
  const where = new Map<string, { clusterId: string; name: string }>();
  for (const cluster of clusters) for (const c of cluster.competencies) where.set(c.id, { clusterId: cluster.id, name: c.name });

  const chosen: string[] = [];
  const reported = new Set<string>();
  for (const id of selection) {
    const competency = where.get(id);
    if (competency === undefined) {
      if (!reported.has(id)) violations.push({ rule: 'UNKNOWN_COMPETENCY', message: `"${id}" is not a competency of this framework`, competencyId: id });
      reported.add(id);
    } else if (chosen.includes(id)) {
      if (!reported.has(id)) violations.push({ rule: 'DUPLICATE_COMPETENCY', message: `"${competency.name}" is chosen more than once; count it once`, competencyId: id });
      reported.add(id);
    } else {
      chosen.push(id);
    }
  }

  const count = chosen.length;
  if (rules.minCompetencies !== undefined && count < rules.minCompetencies) {
    violations.push({ rule: 'MIN_COMPETENCIES', message: `choose at least ${competencies(rules.minCompetencies)}; ${count} chosen` });
  }
  if (rules.maxCompetencies !== undefined && count > rules.maxCompetencies) {
    violations.push({ rule: 'MAX_COMPETENCIES', message: `choose at most ${competencies(rules.maxCompetencies)}; ${count} chosen` });
  }

  const chosenClusters = new Set(chosen.map((id) => where.get(id)?.clusterId));
  for (const clusterId of requiredClusterIds(rules, clusters, person)) {
    if (chosenClusters.has(clusterId)) continue;
    const cluster = clusters.find((c) => c.id === clusterId);
    const why = rules.clustersRequiredOnlyForSupervisors.includes(clusterId) ? ' (required for people who manage or supervise staff)' : '';
    violations.push({ rule: 'CLUSTER_REQUIRED', message: `choose at least one competency from "${cluster?.name ?? clusterId}"${why}; none chosen`, clusterId });
  }

  for (const id of chosen) {
    if (competencyIsAvailable(rules, id, person)) continue;
    const restriction = rules.positionSpecificCompetencies.find((p) => p.competencyId === id);
    violations.push({
      rule: 'POSITION_SPECIFIC',
      message: `"${where.get(id)?.name ?? id}" is only for job classification${restriction?.jobClassifications.length === 1 ? '' : 's'} ${quoted(restriction?.jobClassifications ?? [])}; "${person.jobClassification}" is not one of them`,
      competencyId: id,
      clusterId: where.get(id)?.clusterId,
    });
  }
  return violations;
};

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;

/**
 * Everything wrong with the rules given these clusters: malformed bounds, references to clusters or competencies
 * that do not exist, and every kind of person (supervising or not, in each listed job classification or any other)
 * for whom no valid selection exists. Empty when the rules are satisfiable for everyone.
 */
export const selectionRulesProblems = (rules: SelectionRules, clusters: readonly SelectableCluster[]): SelectionRuleProblem[] => {
  const problems: SelectionRuleProblem[] = [];
  const { minCompetencies: min, maxCompetencies: max } = rules;
  if (min !== undefined && !isCount(min)) problems.push({ path: 'minCompetencies', message: 'must be a whole number, 0 or more' });
  if (max !== undefined && !isCount(max)) problems.push({ path: 'maxCompetencies', message: 'must be a whole number, 0 or more' });
  if (min !== undefined && max !== undefined && isCount(min) && isCount(max) && min > max) {
    problems.push({ path: 'minCompetencies', message: `must not exceed maxCompetencies; ${min} > ${max}` });
  }

  const clusterIds = new Set(clusters.map((c) => c.id));
  rules.clustersRequiredOnlyForSupervisors.forEach((id, i) => {
    if (!clusterIds.has(id)) problems.push({ path: `clustersRequiredOnlyForSupervisors[${i}]`, message: `no cluster "${id}" in this framework` });
    else if (rules.clustersRequiredOnlyForSupervisors.indexOf(id) !== i) problems.push({ path: `clustersRequiredOnlyForSupervisors[${i}]`, message: `"${id}" is listed twice` });
  });
  const competencyIds = new Set(clusters.flatMap((c) => c.competencies.map((k) => k.id)));
  rules.positionSpecificCompetencies.forEach((p, i) => {
    if (!competencyIds.has(p.competencyId)) problems.push({ path: `positionSpecificCompetencies[${i}].competencyId`, message: `no competency "${p.competencyId}" in this framework` });
    else if (rules.positionSpecificCompetencies.findIndex((q) => q.competencyId === p.competencyId) !== i) {
      problems.push({ path: `positionSpecificCompetencies[${i}].competencyId`, message: `"${p.competencyId}" is listed twice` });
    }
    if (p.jobClassifications.length === 0) problems.push({ path: `positionSpecificCompetencies[${i}].jobClassifications`, message: 'must list at least one job classification' });
  });
  if (problems.length > 0) return problems;

  // Satisfiable for a person iff they must choose no more clusters than the maximum allows and can reach the minimum:
  // one from each required cluster, topped up from the rest, is then a valid selection.
  const listed = [...new Map(rules.positionSpecificCompetencies.flatMap((p) => p.jobClassifications).map((c) => [normalise(c), c.trim()])).values()];
  const classifications: (string | undefined)[] = [...listed, undefined];
  for (const supervises of [false, true]) {
    for (const classification of classifications) {
      // A classification no position-specific competency lists stands for every such classification.
      const person: SelectingPerson = { supervises, jobClassification: classification ?? '\u0000other' };
      const who = `a person who ${supervises ? 'supervises staff' : 'does not supervise staff'}${
        listed.length === 0 ? '' : classification === undefined ? ' in a job classification without position-specific competencies' : ` in job classification "${classification}"`
      }`;
      const available = availableCompetencies(rules, clusters, person).reduce((n, c) => n + c.competencyIds.length, 0);
      const required = requiredClusterIds(rules, clusters, person).length;
      if (min !== undefined && available < min) {
        problems.push({ path: 'minCompetencies', message: `no valid selection for ${who}: at least ${min} must be chosen but only ${available} are offered` });
      }
      if (max !== undefined && required > max) {
        problems.push({ path: 'maxCompetencies', message: `no valid selection for ${who}: ${required} clusters each need a competency but at most ${max} may be chosen` });
      }
    }
  }
  return problems;
};

/** True when every person can make at least one selection that breaks no rule. */
export const rulesAreSatisfiable = (rules: SelectionRules, clusters: readonly SelectableCluster[]): boolean => selectionRulesProblems(rules, clusters).length === 0;
