import type { EntityManager } from 'typeorm';

/**
 * Checks a staged file as a whole, in SQL, against the directory as it is: what no single row can tell. Each check
 * selects (row_number, field, message) among the rows still accepted; the rows it names are rejected and the
 * messages recorded. Rejections cascade (a rejected person cannot supervise, a rejected site definition cannot be
 * a parent), so the checks repeat until a round rejects nothing. Finally every accepted row that changes the
 * directory gets its depth in the resulting trees, the order in which rows are applied (parents before children, so
 * no intermediate state of the directory ever holds a cycle, even when the file reorganises a hierarchy); a row
 * identical to what the directory holds keeps depth NULL and is not applied at all (see `planApply`).
 *
 * The graph checks work on the merged graph: the file's edges for the people and sites it lists, the directory's
 * current edges for everyone else. A cycle there is reported against the rows whose edge the file changes: the rows
 * that would close it (the directory's own edges form no cycle).
 */

// $1 tenant, $2 import.
const ACCEPTED = `acc AS NOT MATERIALIZED (SELECT * FROM directory_import_rows WHERE tenant_id = $1 AND import_id = $2 AND NOT rejected)`;

/** The directory's current parent of each site and supervisor of each person, by their HRIS keys. */
const DIRECTORY_SITES = `db_sites AS (
  SELECT s.code, p.code AS parent_code FROM directory_sites s
  LEFT JOIN directory_sites p ON p.tenant_id = s.tenant_id AND p.site_id = s.parent_site_id
  WHERE s.tenant_id = $1)`;
const DIRECTORY_PEOPLE = `db_people AS (
  SELECT p.staff_number, s.staff_number AS supervisor_number, p.employment_status FROM directory_people p
  LEFT JOIN directory_people s ON s.tenant_id = p.tenant_id AND s.person_id = p.supervisor_id
  WHERE p.tenant_id = $1)`;

/** One definition per site code: the first accepted row that names it (found by hashing, not by sorting the file). */
const SITE_DEFINITIONS = `defs AS (
  SELECT a.site_code, a.site_name, a.parent_site_code, a.row_number AS def_row
  FROM acc a JOIN (SELECT min(row_number) AS def_row FROM acc GROUP BY site_code) f ON f.def_row = a.row_number)`;

/** graph(id, up) over a forest: `reached(id, depth)` walks down from the roots; ids never reached hang in or below a loop. */
const forest = (graph: string) => `
  graph AS (${graph}),
  reached AS (
    SELECT id, 0 AS depth FROM graph WHERE up IS NULL
    UNION ALL
    SELECT g.id, r.depth + 1 FROM graph g JOIN reached r ON g.up = r.id
  )`;

/** `cycles(start, path)`: the unreached `candidates` that lie on a loop, with the loop from them (path ends before returning). */
const loops = (candidates: string) => `
  unreached AS (SELECT c.id FROM (${candidates}) c(id) WHERE NOT EXISTS (SELECT 1 FROM reached r WHERE r.id = c.id)),
  walk AS (
    SELECT u.id AS start, g.up AS cur, ARRAY[u.id] AS path FROM unreached u JOIN graph g ON g.id = u.id
    UNION ALL
    SELECT w.start, g.up, w.path || w.cur FROM walk w JOIN graph g ON g.id = w.cur
    WHERE w.cur <> w.start AND NOT (w.cur = ANY (w.path))
  ),
  cycles AS (SELECT start, path FROM walk WHERE cur = start)`;

const SITE_GRAPH = forest(`
  SELECT site_code AS id, parent_site_code AS up FROM defs
  UNION ALL
  SELECT code, parent_code FROM db_sites WHERE NOT EXISTS (SELECT 1 FROM defs d WHERE d.site_code = db_sites.code)`);

// People who leave report to no one; everyone else to the supervisor the file names.
const PEOPLE_GRAPH = forest(`
  SELECT staff_number AS id, CASE WHEN employment_status = 'LEFT' THEN NULL ELSE supervisor_staff_number END AS up FROM acc
  UNION ALL
  SELECT staff_number, supervisor_number FROM db_people WHERE NOT EXISTS (SELECT 1 FROM acc a WHERE a.staff_number = db_people.staff_number)`);

interface Check {
  readonly ctes: readonly string[];
  readonly problems: string;
}

const duplicateStaffNumbers: Check = {
  ctes: [],
  problems: `
    SELECT row_number, 'staff_number' AS field, format('staff number %s already appears on line %s', staff_number, first_row) AS message
    FROM (SELECT row_number, staff_number, min(row_number) OVER (PARTITION BY staff_number) AS first_row FROM acc) d
    WHERE row_number > first_row`,
};

const conflictingSites: Check = {
  ctes: [SITE_DEFINITIONS],
  problems: `
    SELECT a.row_number, 'site_name', format('site %s is named "%s" on line %s', a.site_code, d.site_name, d.def_row)
    FROM acc a JOIN defs d USING (site_code) WHERE a.site_name <> d.site_name
    UNION ALL
    SELECT a.row_number, 'parent_site_code', format('site %s has parent %s on line %s', a.site_code, coalesce(d.parent_site_code, '(none)'), d.def_row)
    FROM acc a JOIN defs d USING (site_code) WHERE a.parent_site_code IS DISTINCT FROM d.parent_site_code`,
};

const unknownParentSites: Check = {
  ctes: [],
  problems: `
    SELECT a.row_number, 'parent_site_code', format('no site with code %s in this file or the directory', a.parent_site_code)
    FROM acc a WHERE a.parent_site_code IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM acc b WHERE b.site_code = a.parent_site_code)
      AND NOT EXISTS (SELECT 1 FROM directory_sites s WHERE s.tenant_id = $1 AND s.code = a.parent_site_code)`,
};

const siteCycles: Check = {
  ctes: [SITE_DEFINITIONS, DIRECTORY_SITES, SITE_GRAPH, loops('SELECT site_code FROM defs')],
  problems: `
    SELECT a.row_number, 'parent_site_code',
           format('would put site %s below itself (each under the next): %s', a.site_code, array_to_string(c.path || a.site_code, ' → '))
    FROM acc a JOIN cycles c ON c.start = a.site_code LEFT JOIN db_sites ON db_sites.code = a.site_code
    WHERE db_sites.code IS NULL OR a.parent_site_code IS DISTINCT FROM db_sites.parent_code`,
};

const unknownSupervisors: Check = {
  ctes: [],
  problems: `
    SELECT a.row_number, 'supervisor_staff_number', format('no person with staff number %s among the accepted rows of this file or in the directory', a.supervisor_staff_number)
    FROM acc a WHERE a.supervisor_staff_number IS NOT NULL AND a.employment_status <> 'LEFT'
      AND NOT EXISTS (SELECT 1 FROM acc b WHERE b.staff_number = a.supervisor_staff_number)
      AND NOT EXISTS (SELECT 1 FROM directory_people p WHERE p.tenant_id = $1 AND p.staff_number = a.supervisor_staff_number)`,
};

const departedSupervisors: Check = {
  ctes: [],
  problems: `
    SELECT a.row_number, 'supervisor_staff_number', format('supervisor %s has left and cannot supervise anyone', a.supervisor_staff_number)
    FROM acc a
    LEFT JOIN acc s ON s.staff_number = a.supervisor_staff_number
    LEFT JOIN directory_people d ON d.tenant_id = $1 AND d.staff_number = a.supervisor_staff_number
    WHERE a.supervisor_staff_number IS NOT NULL AND a.employment_status <> 'LEFT'
      AND coalesce(s.employment_status, d.employment_status) = 'LEFT'`,
};

const reportingCycles: Check = {
  ctes: [DIRECTORY_PEOPLE, PEOPLE_GRAPH, loops('SELECT staff_number FROM acc')],
  problems: `
    SELECT a.row_number, 'supervisor_staff_number',
           format('would close a reporting cycle (each reports to the next): %s', array_to_string(c.path || a.staff_number, ' → '))
    FROM acc a JOIN cycles c ON c.start = a.staff_number LEFT JOIN db_people ON db_people.staff_number = a.staff_number
    WHERE db_people.staff_number IS NULL OR a.supervisor_staff_number IS DISTINCT FROM db_people.supervisor_number`,
};

/** Rejects the rows a check names; returns how many were newly rejected. */
const apply = async (manager: EntityManager, tenantId: string, importId: string, check: Check): Promise<number> => {
  const [{ rejected }] = await manager.query(
    `WITH RECURSIVE ${[ACCEPTED, ...check.ctes].join(',\n')},
     problems (row_number, field, message) AS (${check.problems}),
     recorded AS (
       INSERT INTO directory_import_errors (tenant_id, import_id, row_number, field, message)
       SELECT $1, $2, row_number, field, message FROM problems ON CONFLICT DO NOTHING
     ),
     marked AS (
       UPDATE directory_import_rows r SET rejected = true FROM (SELECT DISTINCT row_number FROM problems) p
       WHERE r.tenant_id = $1 AND r.import_id = $2 AND r.row_number = p.row_number AND NOT r.rejected
       RETURNING 1
     )
     SELECT count(*)::int AS rejected FROM marked`,
    [tenantId, importId],
  );
  return rejected;
};

export const checkStagedImport = async (manager: EntityManager, tenantId: string, importId: string): Promise<void> => {
  // The staging rows were just written and have no statistics yet (the application role may not ANALYZE a table
  // it does not own), so the planner would pick nested loops over whole-file scans: quadratic in the file's size
  // (or merge joins, sorting the whole file for each). Every check here joins the whole file with itself or the
  // directory; hash joins are right for all of them, and with room for their tables in memory they do not spill.
  await manager.query(`SET LOCAL enable_nestloop = off`);
  await manager.query(`SET LOCAL enable_mergejoin = off`);
  await manager.query(`SET LOCAL work_mem = '64MB'`);
  await apply(manager, tenantId, importId, duplicateStaffNumbers);
  if (!(await changesAnything(manager, tenantId, importId))) return;
  const rounds = [conflictingSites, unknownParentSites, siteCycles, unknownSupervisors, departedSupervisors, reportingCycles];
  for (;;) {
    let rejected = 0;
    for (const check of rounds) rejected += await apply(manager, tenantId, importId, check);
    if (rejected === 0) break;
  }
  await planApply(manager, tenantId, importId);
};

/**
 * Each accepted person as the file has them and as the directory has them, as rows of one shape: the details, the
 * site's code, the supervisor's staff number (none for a leaver: their line is not the file's to set; none in the
 * directory for a supervisor who has left, so such a line always counts as a change), the status and start date.
 * A person whose two rows are the same is not applied: their decide could emit nothing. Anyone else goes to the
 * decider. One set difference, hashed, rather than a join per column.
 */
const CHANGED_PEOPLE = `changed_people AS (
  SELECT staff_number FROM (
    SELECT staff_number, first_name, last_name, work_email, job_classification, site_code,
           CASE WHEN employment_status = 'LEFT' THEN NULL ELSE supervisor_staff_number END, employment_status, start_date
    FROM acc
    EXCEPT ALL
    SELECT p.staff_number, p.first_name, p.last_name, p.work_email, p.job_classification, s.code, b.staff_number, p.employment_status, p.start_date::text
    FROM directory_people p JOIN directory_sites s ON s.tenant_id = p.tenant_id AND s.site_id = p.site_id
    LEFT JOIN directory_people b ON b.tenant_id = p.tenant_id AND b.person_id = p.supervisor_id AND b.employment_status <> 'LEFT'
    WHERE p.tenant_id = $1
  ) AS changed)`;

/** Site definitions of the file (code, name, parent's code) the directory does not hold so. */
const CHANGED_SITES = `changed_sites AS (
  SELECT site_code, site_name, parent_site_code FROM acc
  EXCEPT
  SELECT d.code, d.name, dp.code FROM directory_sites d LEFT JOIN directory_sites dp ON dp.tenant_id = d.tenant_id AND dp.site_id = d.parent_site_id
  WHERE d.tenant_id = $1)`;

/**
 * Whether any accepted row differs from the directory, in its person or in its site's definition. A file that
 * matches it row for row (the nightly feed on a day nothing changed) can break none of the rules of the rounds:
 * every site and reporting line it names is the directory's own, and those form trees of people still employed,
 * under sites that exist. Only its duplicates are looked for, and nothing is applied.
 */
const changesAnything = async (manager: EntityManager, tenantId: string, importId: string): Promise<boolean> => {
  const [{ changes }]: Array<{ changes: boolean }> = await manager.query(
    `WITH ${[ACCEPTED, CHANGED_PEOPLE, CHANGED_SITES].join(',\n')}
     SELECT EXISTS (SELECT 1 FROM changed_people) OR EXISTS (SELECT 1 FROM changed_sites) AS changes`,
    [tenantId, importId],
  );
  return changes;
};

/**
 * The apply order, for what changes only. A site definition the directory does not already hold gets its depth in
 * the site forest (`site_depth`, on its defining row); a person row that changes anything gets its depth in the
 * merged reporting forest (`depth`). Every accepted row is reached from a root by now (the cycle checks passed).
 */
const planApply = async (manager: EntityManager, tenantId: string, importId: string): Promise<void> => {
  await manager.query(
    `WITH RECURSIVE ${[ACCEPTED, SITE_DEFINITIONS, DIRECTORY_SITES, SITE_GRAPH, CHANGED_SITES].join(',\n')}
     UPDATE directory_import_rows r SET site_depth = reached.depth FROM defs JOIN reached ON reached.id = defs.site_code
     WHERE r.tenant_id = $1 AND r.import_id = $2 AND r.row_number = defs.def_row
       AND defs.site_code IN (SELECT site_code FROM changed_sites)`,
    [tenantId, importId],
  );
  await manager.query(
    `WITH RECURSIVE ${[ACCEPTED, CHANGED_PEOPLE, DIRECTORY_PEOPLE, PEOPLE_GRAPH].join(',\n')}
     UPDATE directory_import_rows r SET depth = reached.depth FROM reached
     WHERE r.tenant_id = $1 AND r.import_id = $2 AND NOT r.rejected AND r.staff_number = reached.id
       AND r.staff_number IN (SELECT staff_number FROM changed_people)`,
    [tenantId, importId],
  );
};
