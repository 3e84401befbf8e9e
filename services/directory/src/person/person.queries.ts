import type { EntityManager } from 'typeorm';
import { isUuid } from '@growth/es';
import type { EmploymentStatus } from './domain/person.events';

/** A row of directory_people as the API shows it; dates as YYYY-MM-DD text (pg would turn them into local Dates). */
export interface PersonRow {
  person_id: string;
  staff_number: string;
  first_name: string;
  last_name: string;
  work_email: string | null;
  job_classification: string;
  site_id: string;
  employment_status: EmploymentStatus;
  start_date: string;
  left_on: string | null;
  supervisor_id: string | null;
  version: number;
}

const columnsOf = (t: string) => `${t}.person_id, ${t}.staff_number, ${t}.first_name, ${t}.last_name, ${t}.work_email,
  ${t}.job_classification, ${t}.site_id, ${t}.employment_status, ${t}.start_date::text, ${t}.left_on::text, ${t}.supervisor_id, ${t}.version`;

// Guards the recursive walks against a cycle that should never exist (every write is checked under the tenant lock).
const MAX_DEPTH = 1000;

/** Everyone below `rootSql` (a SQL expression for one person id) down to `maxDepth` levels: 1 = direct reports. */
const chainBelow = (rootSql: string, maxDepth = MAX_DEPTH) => `
  WITH RECURSIVE chain AS (
    SELECT person_id, 1 AS depth FROM directory_people WHERE tenant_id = $1 AND supervisor_id = ${rootSql}
    UNION ALL
    SELECT p.person_id, c.depth + 1 FROM directory_people p JOIN chain c ON p.supervisor_id = c.person_id
    WHERE p.tenant_id = $1 AND c.depth < ${Math.min(Math.max(1, Math.floor(maxDepth)), MAX_DEPTH)}
  )`;

export const findPerson = async (manager: EntityManager, tenantId: string, personId: string): Promise<PersonRow | undefined> => {
  if (!isUuid(personId)) return undefined;
  const rows: PersonRow[] = await manager.query(`SELECT ${columnsOf('p')} FROM directory_people p WHERE p.tenant_id = $1 AND p.person_id = $2`, [tenantId, personId]);
  return rows[0];
};

export const personStatus = async (manager: EntityManager, tenantId: string, personId: string): Promise<EmploymentStatus | null> =>
  (await findPerson(manager, tenantId, personId))?.employment_status ?? null;

export const personWithStaffNumber = async (manager: EntityManager, tenantId: string, staffNumber: string): Promise<string | null> => {
  const rows: Array<{ person_id: string }> = await manager.query(`SELECT person_id FROM directory_people WHERE tenant_id = $1 AND staff_number = $2`, [tenantId, staffNumber]);
  return rows[0]?.person_id ?? null;
};

/** For each person: their supervisor, that supervisor's supervisor, ... up to the top (the current tree). */
export const ancestriesOf = async (manager: EntityManager, tenantId: string, personIds: readonly string[]): Promise<Map<string, string[]>> => {
  const result = new Map(personIds.map((id) => [id, [] as string[]]));
  if (personIds.length === 0) return result;
  // The supervisor of everyone on the way up, each once however many chains pass through them (an import batch
  // asks for thousands of people who share a few managers), each an index lookup (OFFSET 0 keeps it one, whatever
  // the planner believes of the table's size); the chains are then followed here.
  const rows: Array<{ person_id: string; supervisor_id: string }> = await manager.query(
    `WITH RECURSIVE up (person_id, supervisor_id) AS (
       SELECT s.id, l.supervisor_id FROM unnest($2::uuid[]) AS s(id)
       CROSS JOIN LATERAL (SELECT p.supervisor_id FROM directory_people p WHERE p.tenant_id = $1 AND p.person_id = s.id OFFSET 0) l
       WHERE l.supervisor_id IS NOT NULL
       UNION
       SELECT up.supervisor_id, l.supervisor_id FROM up
       CROSS JOIN LATERAL (SELECT p.supervisor_id FROM directory_people p WHERE p.tenant_id = $1 AND p.person_id = up.supervisor_id OFFSET 0) l
       WHERE l.supervisor_id IS NOT NULL
     )
     SELECT person_id, supervisor_id FROM up`,
    [tenantId, personIds],
  );
  const supervisorOf = new Map(rows.map((r) => [r.person_id, r.supervisor_id]));
  for (const [id, chain] of result) {
    for (let above = supervisorOf.get(id); above !== undefined && chain.length < MAX_DEPTH; above = supervisorOf.get(above)) chain.push(above);
  }
  return result;
};

/** The subject's place relative to the actor: found by walking up from the subject (short: the tree is shallow). */
export const relationBetween = async (manager: EntityManager, tenantId: string, actorId: string, subjectId: string): Promise<'self' | 'direct_report' | 'indirect_report' | 'unrelated'> => {
  if (!isUuid(actorId) || !isUuid(subjectId)) return 'unrelated';
  if (actorId === subjectId) return 'self';
  const index = (await ancestriesOf(manager, tenantId, [subjectId])).get(subjectId)?.indexOf(actorId) ?? -1;
  if (index < 0) return 'unrelated';
  return index === 0 ? 'direct_report' : 'indirect_report';
};

export const countReports = async (manager: EntityManager, tenantId: string, personId: string): Promise<{ direct: number; managing: number }> => {
  if (!isUuid(personId)) return { direct: 0, managing: 0 };
  const [row] = await manager.query(
    `SELECT count(*)::int AS direct,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM directory_people r WHERE r.tenant_id = $1 AND r.supervisor_id = p.person_id))::int AS managing
     FROM directory_people p WHERE p.tenant_id = $1 AND p.supervisor_id = $2`,
    [tenantId, personId],
  );
  return row as { direct: number; managing: number };
};

export const hasReports = async (manager: EntityManager, tenantId: string, personId: string): Promise<boolean> => {
  if (!isUuid(personId)) return false;
  const rows: unknown[] = await manager.query(`SELECT 1 FROM directory_people WHERE tenant_id = $1 AND supervisor_id = $2 LIMIT 1`, [tenantId, personId]);
  return rows.length > 0;
};

/** Whose supervisor was whom on a date: the period containing it ([valid_from, valid_to)). */
export const reportingLineOn = async (
  manager: EntityManager,
  tenantId: string,
  personId: string,
  on: string,
): Promise<{ supervisor_id: string; valid_from: string; valid_to: string | null } | undefined> => {
  if (!isUuid(personId)) return undefined;
  const rows = await manager.query(
    `SELECT supervisor_id, valid_from::text, valid_to::text FROM directory_reporting_lines
     WHERE tenant_id = $1 AND person_id = $2 AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to > $3::date)
     ORDER BY started_version DESC LIMIT 1`,
    [tenantId, personId, on],
  );
  return rows[0];
};

// ---- pages of people ----

/** Stable order for paging: family name, given name, then id to break ties. The cursor is the last row's key. */
export interface PageRequest {
  readonly first: number;
  readonly after?: string | null;
}

export interface Page<T> {
  readonly items: T[];
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

export type PeopleFilter =
  | { readonly kind: 'tenant' }
  | { readonly kind: 'chain'; readonly rootId: string; readonly includeRoot: boolean; readonly maxDepth?: number }
  | { readonly kind: 'self'; readonly personId: string };

export const encodeCursor = (row: Pick<PersonRow, 'last_name' | 'first_name' | 'person_id'>): string =>
  Buffer.from(JSON.stringify([row.last_name, row.first_name, row.person_id])).toString('base64url');

export const decodeCursor = (cursor: string): [string, string, string] | undefined => {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 3 && key.every((k) => typeof k === 'string') && isUuid(key[2])) return key as [string, string, string];
  } catch {
    // fall through: not one of ours
  }
  return undefined;
};

/**
 * A page of people visible through `filter`, optionally at one site. For the chain filter the recursive walk runs
 * once per page; keyset paging keeps every page an index range scan in name order.
 */
export const pageOfPeople = async (
  manager: EntityManager,
  tenantId: string,
  filter: PeopleFilter,
  { siteId, first, after }: PageRequest & { siteId?: string | null },
): Promise<Page<PersonRow>> => {
  const params: unknown[] = [tenantId];
  const where: string[] = ['p.tenant_id = $1'];
  let prefix = '';
  if (filter.kind === 'self') {
    params.push(filter.personId);
    where.push(`p.person_id = $${params.length}`);
  } else if (filter.kind === 'chain') {
    params.push(filter.rootId);
    prefix = chainBelow(`$${params.length}::uuid`, filter.maxDepth);
    where.push(`(p.person_id IN (SELECT person_id FROM chain)${filter.includeRoot ? ` OR p.person_id = $${params.length}::uuid` : ''})`);
  }
  if (siteId) {
    params.push(siteId);
    where.push(`p.site_id = $${params.length}`);
  }
  if (after) {
    const key = decodeCursor(after);
    if (!key) return { items: [], endCursor: null, hasNextPage: false };
    params.push(...key);
    where.push(`(p.last_name, p.first_name, p.person_id) > ($${params.length - 2}, $${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(first + 1);
  const rows: PersonRow[] = await manager.query(
    `${prefix} SELECT ${columnsOf('p')} FROM directory_people p
     WHERE ${where.join(' AND ')} ORDER BY p.last_name, p.first_name, p.person_id LIMIT $${params.length}`,
    params,
  );
  const items = rows.slice(0, first);
  return { items, endCursor: items.length ? encodeCursor(items[items.length - 1]) : null, hasNextPage: rows.length > first };
};

export const headcountBySite = async (manager: EntityManager, tenantId: string): Promise<Array<{ site_id: string; site_name: string; active: number; on_leave: number }>> =>
  manager.query(
    `SELECT s.site_id, s.name AS site_name,
            count(p.person_id) FILTER (WHERE p.employment_status = 'ACTIVE')::int AS active,
            count(p.person_id) FILTER (WHERE p.employment_status = 'ON_LEAVE')::int AS on_leave
     FROM directory_sites s LEFT JOIN directory_people p ON p.tenant_id = s.tenant_id AND p.site_id = s.site_id
     WHERE s.tenant_id = $1 GROUP BY s.site_id, s.name ORDER BY s.name, s.site_id`,
    [tenantId],
  );
