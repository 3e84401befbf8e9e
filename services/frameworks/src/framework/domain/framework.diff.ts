import type { FrameworkChangedEntity, FrameworkChangeKind } from '@growth/contracts';
import { jsonEqual, type Cluster, type Competency, type FrameworkDefinition } from './framework.model';

// The audit trail's vocabulary is the public contract's: one list of kinds and entities.
export type ChangeKind = FrameworkChangeKind;
export type ChangedEntity = FrameworkChangedEntity;

/**
 * One difference between two framework versions. Entities are matched by id (a renamed competency is CHANGED, not
 * removed and added); `before`/`after` are JSON values, `null` where the field or entity is absent; a field left out
 * of the change means it does not apply. REORDERED lists the ids common to both versions in their old and new order.
 */
export interface FrameworkChange {
  readonly change: ChangeKind;
  readonly entity: ChangedEntity;
  readonly clusterId?: string;
  readonly competencyId?: string;
  /** A rating level id (ratingLevel, descriptor) or a responsibility level id (responsibilityLevel, expectations). */
  readonly levelId?: string;
  readonly field?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** One line for people, e.g. `competency "Attendance" (attendance): name changed`. */
  readonly summary: string;
}

type Ref = Pick<FrameworkChange, 'clusterId' | 'competencyId' | 'levelId'>;
const orNull = (value: unknown): unknown => (value === undefined ? null : value);

const fieldChanges = <T extends object>(entity: ChangedEntity, ref: Ref, label: string, a: T, b: T, fields: readonly (keyof T & string)[]): FrameworkChange[] =>
  fields
    .filter((field) => !jsonEqual(a[field], b[field]))
    .map((field) => ({ change: 'CHANGED', entity, ...ref, field, before: orNull(a[field]), after: orNull(b[field]), summary: `${label}: ${field} changed` }));

const reorder = (entity: ChangedEntity, ref: Ref, label: string, a: readonly string[], b: readonly string[]): FrameworkChange[] => {
  const common = new Set(a.filter((x) => b.includes(x)));
  const before = a.filter((x) => common.has(x));
  const after = b.filter((x) => common.has(x));
  return jsonEqual(before, after) ? [] : [{ change: 'REORDERED', entity, ...ref, before, after, summary: `${label} reordered` }];
};

interface Identified {
  readonly id: string;
}
/** Added, removed and changed members of two id-keyed lists, then a reorder of the common ones. */
const listChanges = <T extends Identified>(
  entity: ChangedEntity,
  a: readonly T[],
  b: readonly T[],
  label: (item: T) => string,
  ref: (item: T) => Ref,
  changed: (x: T, y: T) => FrameworkChange[],
  reorderLabel: string,
  reorderRef: Ref = {},
): FrameworkChange[] => {
  const changes: FrameworkChange[] = [];
  for (const x of a) if (!b.some((y) => y.id === x.id)) changes.push({ change: 'REMOVED', entity, ...ref(x), before: x, after: null, summary: `${label(x)} removed` });
  for (const y of b) {
    const x = a.find((candidate) => candidate.id === y.id);
    if (x === undefined) changes.push({ change: 'ADDED', entity, ...ref(y), before: null, after: y, summary: `${label(y)} added` });
    else changes.push(...changed(x, y));
  }
  changes.push(...reorder(entity, reorderRef, reorderLabel, a.map((x) => x.id), b.map((y) => y.id)));
  return changes;
};

const recordChanges = (
  entity: ChangedEntity,
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
  ref: (key: string) => Ref,
  label: (key: string) => string,
): FrameworkChange[] => {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((key): FrameworkChange[] => {
    const [x, y] = [a[key], b[key]];
    if (x === undefined) return [{ change: 'ADDED', entity, ...ref(key), before: null, after: y, summary: `${label(key)} added` }];
    if (y === undefined) return [{ change: 'REMOVED', entity, ...ref(key), before: x, after: null, summary: `${label(key)} removed` }];
    return jsonEqual(x, y) ? [] : [{ change: 'CHANGED', entity, ...ref(key), before: x, after: y, summary: `${label(key)} changed` }];
  });
};

const clusterLabel = (c: Pick<Cluster, 'id' | 'name'>): string => `cluster "${c.name}" (${c.id})`;
const competencyLabel = (c: Competency): string => `competency "${c.name}" (${c.id})`;

/**
 * What changed from version `a` to version `b`: the framework's own fields, the rating scale and its levels,
 * levels of responsibility, clusters, competencies (matched by id across clusters, so a move is MOVED), their
 * descriptors per level, theme expectations per level, and each selection rule. Pure; empty when nothing changed.
 */
export const diffFrameworkVersions = (a: FrameworkDefinition, b: FrameworkDefinition): FrameworkChange[] => {
  const changes: FrameworkChange[] = [...fieldChanges('framework', {}, 'framework', a, b, ['kind', 'name', 'purpose', 'clusterTerm', 'sourceNote'])];

  // Rating scale.
  const [sa, sb] = [a.ratingScale, b.ratingScale];
  if (sa === undefined && sb !== undefined) changes.push({ change: 'ADDED', entity: 'ratingScale', before: null, after: sb, summary: `rating scale "${sb.name}" added` });
  if (sa !== undefined && sb === undefined) changes.push({ change: 'REMOVED', entity: 'ratingScale', before: sa, after: null, summary: `rating scale "${sa.name}" removed` });
  if (sa !== undefined && sb !== undefined) {
    changes.push(...fieldChanges('ratingScale', {}, 'rating scale', sa, sb, ['id', 'name', 'sourceNote']));
    changes.push(
      ...listChanges(
        'ratingLevel',
        sa.levels,
        sb.levels,
        (l) => `rating level "${l.label}" (${l.id})`,
        (l) => ({ levelId: l.id }),
        (x, y) => fieldChanges('ratingLevel', { levelId: y.id }, `rating level "${y.label}" (${y.id})`, x, y, ['label', 'definition', 'benchmark', 'sourceNote']),
        'rating levels',
      ),
    );
  }

  // Levels of responsibility.
  changes.push(
    ...listChanges(
      'responsibilityLevel',
      a.responsibilityLevels ?? [],
      b.responsibilityLevels ?? [],
      (l) => `level of responsibility "${l.name}" (${l.id})`,
      (l) => ({ levelId: l.id }),
      (x, y) => fieldChanges('responsibilityLevel', { levelId: y.id }, `level of responsibility "${y.name}" (${y.id})`, x, y, ['name', 'definition', 'appliesTo', 'sourceNote']),
      'levels of responsibility',
    ),
  );

  // Clusters, without their competencies (compared below, across clusters).
  const shallow = ({ competencies: _competencies, ...rest }: Cluster) => rest;
  changes.push(
    ...listChanges(
      'cluster',
      a.clusters.map(shallow),
      b.clusters.map(shallow),
      clusterLabel,
      (c) => ({ clusterId: c.id }),
      (x, y) => [
        ...fieldChanges('cluster', { clusterId: y.id }, clusterLabel(y), x, y, ['name', 'definition', 'sourceNote']),
        ...recordChanges('expectations', x.expectations ?? {}, y.expectations ?? {}, (level) => ({ clusterId: y.id, levelId: level }), (level) => `${clusterLabel(y)}: expectations at ${level}`),
      ],
      'clusters',
    ),
  );

  // Competencies, matched by id wherever they sit.
  const place = (clusters: readonly Cluster[]) => new Map(clusters.flatMap((cluster) => cluster.competencies.map((competency) => [competency.id, { cluster, competency }] as const)));
  const [pa, pb] = [place(a.clusters), place(b.clusters)];
  for (const [id, { cluster, competency }] of pa) {
    if (!pb.has(id)) changes.push({ change: 'REMOVED', entity: 'competency', clusterId: cluster.id, competencyId: id, before: competency, after: null, summary: `${competencyLabel(competency)} removed` });
  }
  for (const [id, { cluster, competency: y }] of pb) {
    const old = pa.get(id);
    if (old === undefined) {
      changes.push({ change: 'ADDED', entity: 'competency', clusterId: cluster.id, competencyId: id, before: null, after: y, summary: `${competencyLabel(y)} added to ${clusterLabel(cluster)}` });
      continue;
    }
    const ref = { clusterId: cluster.id, competencyId: id };
    if (old.cluster.id !== cluster.id) {
      changes.push({ change: 'MOVED', entity: 'competency', ...ref, before: old.cluster.id, after: cluster.id, summary: `${competencyLabel(y)} moved from ${clusterLabel(old.cluster)} to ${clusterLabel(cluster)}` });
    }
    changes.push(...fieldChanges('competency', ref, competencyLabel(y), old.competency, y, ['name', 'definition', 'indicators', 'sourceNote']));
    changes.push(...recordChanges('descriptor', old.competency.descriptors, y.descriptors, (level) => ({ ...ref, levelId: level }), (level) => `${competencyLabel(y)}: descriptor at ${level}`));
  }
  for (const cluster of b.clusters) {
    const before = a.clusters.find((c) => c.id === cluster.id);
    if (before === undefined) continue;
    const stayed = (c: Competency) => pa.get(c.id)?.cluster.id === cluster.id && pb.get(c.id)?.cluster.id === cluster.id;
    changes.push(
      ...reorder('competency', { clusterId: cluster.id }, `competencies of ${clusterLabel(cluster)}`, before.competencies.filter(stayed).map((c) => c.id), cluster.competencies.filter(stayed).map((c) => c.id)),
    );
  }

  // Selection rules.
  const [ra, rb] = [a.selectionRules, b.selectionRules];
  if (ra === undefined && rb !== undefined) changes.push({ change: 'ADDED', entity: 'selectionRules', before: null, after: rb, summary: 'selection rules added' });
  if (ra !== undefined && rb === undefined) changes.push({ change: 'REMOVED', entity: 'selectionRules', before: ra, after: null, summary: 'selection rules removed' });
  if (ra !== undefined && rb !== undefined) {
    changes.push(
      ...fieldChanges('selectionRules', {}, 'selection rules', ra, rb, [
        'minCompetencies',
        'maxCompetencies',
        'atLeastOnePerCluster',
        'clustersRequiredOnlyForSupervisors',
        'positionSpecificCompetencies',
      ]),
    );
  }
  return changes;
};
