import { definitionOf } from './domain/framework.decider';
import type { Cluster, Competency, FrameworkDefinition } from './domain/framework.model';
import type { LoadedFramework } from './framework.reader';
import type { ClusterView, CompetencyView, FrameworkContentFields, FrameworkStatus, FrameworkView } from './framework.graphql';

/** Rating levels in the order of the scale (lowest first), whatever order a document stored them in. */
const inScaleOrder = <T>(entries: ReadonlyArray<readonly [string, T]>, levelIds: readonly string[]): Array<readonly [string, T]> =>
  [...entries].sort(([a], [b]) => rank(levelIds, a) - rank(levelIds, b));
const rank = (levelIds: readonly string[], id: string): number => (levelIds.includes(id) ? levelIds.indexOf(id) : levelIds.length);

/** GraphQL views of the domain's plain values (maps become lists: descriptors in the scale's order, the rest as stored). */
export const competencyView = (c: Competency, levelIds: readonly string[]): CompetencyView => ({
  id: c.id,
  name: c.name,
  definition: c.definition,
  indicators: [...c.indicators],
  descriptors: inScaleOrder(Object.entries(c.descriptors), levelIds).map(([levelId, text]) => ({ levelId, text })),
  sourceNote: c.sourceNote,
});

const clusterView = (c: Cluster, levelIds: readonly string[]): ClusterView => ({
  id: c.id,
  name: c.name,
  definition: c.definition,
  competencies: c.competencies.map((competency) => competencyView(competency, levelIds)),
  expectations: Object.entries(c.expectations ?? {}).map(([levelId, bullets]) => ({ levelId, bullets: [...bullets] })),
  sourceNote: c.sourceNote,
});

export const levelIdsOf = (d: FrameworkDefinition): string[] => d.ratingScale?.levels.map((l) => l.id) ?? [];

export const contentFields = (d: FrameworkDefinition): FrameworkContentFields => ({
  name: d.name,
  purpose: d.purpose,
  kind: d.kind,
  clusterTerm: d.clusterTerm,
  sourceNote: d.sourceNote,
  ratingScale: d.ratingScale && { ...d.ratingScale, levels: d.ratingScale.levels.map((l) => ({ ...l })) },
  responsibilityLevels: (d.responsibilityLevels ?? []).map((l) => ({ ...l, appliesTo: [...l.appliesTo] })),
  clusters: d.clusters.map((c) => clusterView(c, levelIdsOf(d))),
  selectionRules: d.selectionRules && {
    ...d.selectionRules,
    clustersRequiredOnlyForSupervisors: [...d.selectionRules.clustersRequiredOnlyForSupervisors],
    positionSpecificCompetencies: d.selectionRules.positionSpecificCompetencies.map((p) => ({ competencyId: p.competencyId, jobClassifications: [...p.jobClassifications] })),
  },
});

export const statusOf = (f: LoadedFramework): FrameworkStatus => {
  switch (f.state.status) {
    case 'draft':
      return 'DRAFT';
    case 'published':
      return 'PUBLISHED';
    case 'retired':
      return 'RETIRED';
  }
};

/** The current version shown: the open draft, else the latest published version (also once retired). */
export const currentDefinition = (f: LoadedFramework): FrameworkDefinition => f.versions.at(-1)?.definition ?? definitionOf(f.state);

export const frameworkView = (f: LoadedFramework): FrameworkView => {
  const published = f.versions.filter((v) => v.publishedAt !== null);
  const current = f.versions.at(-1);
  return {
    ...contentFields(f.state.status === 'retired' ? currentDefinition(f) : definitionOf(f.state)),
    id: f.frameworkId,
    status: statusOf(f),
    version: f.streamVersion,
    frameworkVersion: current?.version ?? f.state.version,
    draftVersion: f.state.status === 'draft' ? f.state.version : null,
    latestPublishedVersion: published.at(-1)?.version ?? null,
    publishedVersions: published.map((v) => ({ version: v.version, publishedAt: new Date(v.publishedAt as string) })),
    retiredAt: f.state.status === 'retired' ? new Date(f.state.retiredAt) : null,
  };
};
