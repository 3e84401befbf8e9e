import type { EntityManager } from 'typeorm';

export interface SiteRollUp {
  readonly siteId: string;
  readonly parentSiteId: string | null;
  readonly atSite: { status: string; count: number }[];
  readonly rolledUp: { status: string; count: number }[];
}

interface ScopeRow {
  unit_goal_id: string;
  site_id: string;
  parent_site_id: string | null;
}
interface CountRow {
  unit_goal_id: string;
  site_id: string;
  status: string;
  at_site: number;
  rolled_up: number;
}

// Every site with itself and each site below it, from the copy of the directory's site tree.
const CLOSURE = `closure(ancestor, descendant) AS (
    SELECT site_id, site_id FROM goal_sites WHERE tenant_id = $1
    UNION SELECT c.ancestor, s.site_id FROM closure c JOIN goal_sites s ON s.tenant_id = $1 AND s.parent_site_id = c.descendant
  ),
  scope AS (
    SELECT u.unit_goal_id, c.descendant AS site_id FROM unit_goal_list u
    JOIN closure c ON (u.site_id IS NULL AND c.ancestor = c.descendant) OR c.ancestor = u.site_id
    WHERE u.tenant_id = $1 AND u.unit_goal_id = ANY($2::uuid[])
  )`;

/** Parents before children, siblings by id, so a client can indent the list as the tree it is. */
const treeOrder = (rows: readonly ScopeRow[]): ScopeRow[] => {
  const ids = new Set(rows.map((r) => r.site_id));
  const children = new Map<string | null, ScopeRow[]>();
  for (const row of [...rows].sort((a, b) => a.site_id.localeCompare(b.site_id))) {
    const parent = row.parent_site_id !== null && ids.has(row.parent_site_id) ? row.parent_site_id : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const visit = (parent: string | null): ScopeRow[] => (children.get(parent) ?? []).flatMap((row) => [row, ...visit(row.site_id)]);
  return visit(null);
};

/**
 * For each unit goal, the goals aligned to it (not withdrawn) counted by status at each site of its scope and at
 * that site with all below it; a goal counts at its person's current site. Only the goals of `people` count (null:
 * everyone's): at a small site a count by status is one person's status. Two set-based queries for any number of
 * unit goals.
 */
export const unitGoalRollUps = async (manager: EntityManager, tenantId: string, unitGoalIds: readonly string[], people: readonly string[] | null): Promise<Map<string, SiteRollUp[]>> => {
  if (unitGoalIds.length === 0) return new Map();
  const scope: ScopeRow[] = await manager.query(
    `WITH RECURSIVE ${CLOSURE}
     SELECT sc.unit_goal_id, sc.site_id, s.parent_site_id FROM scope sc JOIN goal_sites s ON s.tenant_id = $1 AND s.site_id = sc.site_id`,
    [tenantId, unitGoalIds],
  );
  const counts: CountRow[] = await manager.query(
    `WITH RECURSIVE ${CLOSURE},
     aligned AS (
       SELECT g.unit_goal_id, g.status, p.site_id FROM goal_list g JOIN goal_people p ON p.tenant_id = g.tenant_id AND p.person_id = g.person_id
       WHERE g.tenant_id = $1 AND g.unit_goal_id = ANY($2::uuid[]) AND g.status <> 'WITHDRAWN' AND ($3::text[] IS NULL OR g.person_id::text = ANY($3::text[]))
     )
     SELECT sc.unit_goal_id, sc.site_id, a.status, (count(*) FILTER (WHERE a.site_id = sc.site_id))::int AS at_site, count(*)::int AS rolled_up
     FROM scope sc JOIN closure c ON c.ancestor = sc.site_id JOIN aligned a ON a.unit_goal_id = sc.unit_goal_id AND a.site_id = c.descendant
     GROUP BY sc.unit_goal_id, sc.site_id, a.status ORDER BY a.status`,
    [tenantId, unitGoalIds, people],
  );
  const result = new Map<string, SiteRollUp[]>();
  for (const id of unitGoalIds) {
    const mine = counts.filter((c) => c.unit_goal_id === id);
    result.set(
      id,
      treeOrder(scope.filter((s) => s.unit_goal_id === id)).map((s) => {
        const here = mine.filter((c) => c.site_id === s.site_id);
        return {
          siteId: s.site_id,
          parentSiteId: s.parent_site_id,
          atSite: here.filter((c) => c.at_site > 0).map((c) => ({ status: c.status, count: c.at_site })),
          rolledUp: here.map((c) => ({ status: c.status, count: c.rolled_up })),
        };
      }),
    );
  }
  return result;
};
