import type { Money, TrainingNeedSource, TrainingNeedStatus } from '../development-plan/domain/development-plan.model';
import { compareLocalDates, type LocalDate } from '@growth/calendar';

/** One training need as the School Training Plan reads it: the need, whose it is and where they work. */
export interface TrainingNeedRecord {
  readonly needId: string;
  readonly personId: string;
  readonly personName: string;
  readonly siteId: string;
  /** The training as the plan prints it: the first spelling of its group, spaces collapsed (the query's `label`). */
  readonly description: string;
  /**
   * Which training it is, from the query (`training-plan.queries.ts`): the description with its spaces collapsed and
   * its case folded in PostgreSQL, so that this plan and the CSV download group and order needs by the same key.
   */
  readonly groupKey: string;
  readonly neededBy: LocalDate;
  readonly estimatedCost: Money | null;
  readonly source: TrainingNeedSource;
  readonly status: TrainingNeedStatus;
}

export interface Site {
  readonly siteId: string;
  readonly name: string;
  readonly parentId: string | null;
}

export interface NeedingPerson {
  readonly needId: string;
  readonly personId: string;
  readonly personName: string;
  readonly siteId: string;
  readonly neededBy: LocalDate;
  readonly estimatedCost: Money | null;
  readonly source: TrainingNeedSource;
}

/** Everyone at the site who needs the same training: what to arrange, for whom, by when, at what cost. */
export interface TrainingGroup {
  readonly description: string;
  readonly people: readonly NeedingPerson[];
  readonly earliestNeededBy: LocalDate;
  /** Summed per currency over the needs that give a cost; `needsWithoutCost` says how partial the sum is. */
  readonly estimatedCost: readonly Money[];
  readonly needsWithoutCost: number;
}

export interface SiteTrainingPlan {
  readonly siteId: string;
  readonly siteName: string;
  readonly groups: readonly TrainingGroup[];
  readonly totals: { readonly needs: number; readonly people: number; readonly estimatedCost: readonly Money[]; readonly needsWithoutCost: number };
}

/**
 * Code point order, which is how PostgreSQL's "C" collation orders UTF-8 and so how the download is sorted: plain
 * UTF-16 comparison would put characters beyond U+FFFF before U+E000-U+FFFF.
 */
const byText = (a: string, b: string): number => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x += x >= 0xe000 ? -0x800 : 0x2000;
    if (y >= 0xd800) y += y >= 0xe000 ? -0x800 : 0x2000;
    return x - y;
  }
  return a.length - b.length;
};

const push = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};


const sumCosts = (costs: readonly (Money | null)[]): Money[] => {
  const sums = new Map<string, number>();
  for (const cost of costs) if (cost !== null) sums.set(cost.currency, (sums.get(cost.currency) ?? 0) + cost.amount);
  return [...sums].sort(([a], [b]) => byText(a, b)).map(([currency, amount]) => ({ currency, amount }));
};

/** Sites in tree order (a parent before its children, siblings by name then id), each with the ids of its subtree. */
const walkSites = (sites: readonly Site[]): { site: Site; subtree: ReadonlySet<string> }[] => {
  const known = new Set(sites.map((s) => s.siteId));
  const children = new Map<string | null, Site[]>();
  for (const site of sites) {
    // A site whose parent is not in the list starts a tree of its own.
    const parent = site.parentId !== null && known.has(site.parentId) ? site.parentId : null;
    push(children, parent, site);
  }
  for (const list of children.values()) list.sort((a, b) => byText(a.name, b.name) || byText(a.siteId, b.siteId));
  const out: { site: Site; subtree: Set<string> }[] = [];
  const visited = new Set<string>();
  const visit = (site: Site, ancestors: Set<string>[]): void => {
    if (visited.has(site.siteId)) return;
    visited.add(site.siteId);
    const subtree = new Set([site.siteId]);
    for (const set of ancestors) set.add(site.siteId);
    out.push({ site, subtree });
    for (const child of children.get(site.siteId) ?? []) visit(child, [...ancestors, subtree]);
  };
  for (const root of children.get(null) ?? []) visit(root, []);
  // Sites in a parent cycle are reached from no root; they still get a plan of their own.
  for (const site of [...sites].sort((a, b) => byText(a.siteId, b.siteId))) visit(site, []);
  return out;
};

const groupsOf = (needs: readonly TrainingNeedRecord[]): TrainingGroup[] => {
  const byKey = new Map<string, TrainingNeedRecord[]>();
  for (const need of needs) push(byKey, need.groupKey, need);
  const groups = [...byKey].map(([key, members]) => {
    const people = members
      .map(({ needId, personId, personName, siteId, neededBy, estimatedCost, source }) => ({ needId, personId, personName, siteId, neededBy, estimatedCost, source }))
      .sort((a, b) => compareLocalDates(a.neededBy, b.neededBy) || byText(a.personName, b.personName) || byText(a.personId, b.personId) || byText(a.needId, b.needId));
    // The first spelling in sorted order names the group, so the label does not depend on input order.
    const description = members.map((m) => m.description).sort(byText)[0];
    return { key, group: { description, people, earliestNeededBy: people[0].neededBy, estimatedCost: sumCosts(people.map((p) => p.estimatedCost)), needsWithoutCost: people.filter((p) => p.estimatedCost === null).length } };
  });
  return groups.sort((a, b) => compareLocalDates(a.group.earliestNeededBy, b.group.earliestNeededBy) || byText(a.key, b.key)).map((g) => g.group);
};

/**
 * The School Training Plan of every site (seed 003): the open training needs of the site's own people and, with
 * `includeSitesBelow`, of every site under it, grouped by the training needed. Needs at unknown sites are left out.
 */
export const siteTrainingPlan = (needs: readonly TrainingNeedRecord[], sites: readonly Site[], { includeSitesBelow = true }: { includeSitesBelow?: boolean } = {}): SiteTrainingPlan[] => {
  // Bucketed by site once, so a large tenant's plan costs the sum of its subtrees, not sites x needs.
  const bySite = new Map<string, TrainingNeedRecord[]>();
  for (const need of needs) if (need.status === 'OPEN') push(bySite, need.siteId, need);
  return walkSites(sites).map(({ site, subtree }) => {
    const mine = (includeSitesBelow ? [...subtree] : [site.siteId]).flatMap((id) => bySite.get(id) ?? []);
    return {
      siteId: site.siteId,
      siteName: site.name,
      groups: groupsOf(mine),
      totals: {
        needs: mine.length,
        people: new Set(mine.map((n) => n.personId)).size,
        estimatedCost: sumCosts(mine.map((n) => n.estimatedCost)),
        needsWithoutCost: mine.filter((n) => n.estimatedCost === null).length,
      },
    };
  });
};
