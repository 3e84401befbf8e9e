import type { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '@growth/es';
import { TENANT_SETTING } from '@growth/es-postgres';
import type { Identity } from '@growth/service-kit';
import { peopleVisibleTo } from '../access/goal-access';
import type { TrainingNeedSource, TrainingNeedStatus } from '../development-plan/domain/development-plan.model';
import type { Site, TrainingNeedRecord } from './site-training-plan';
import type { TrainingPlanRow } from './training-plan.csv';
import { EXPORT_LIMITS } from './training-plan.export-limits';

export interface TrainingPlanScope {
  readonly siteId: string;
  readonly cycleId: string | null;
  readonly includeSubSites: boolean;
  /** Whose needs the caller may see: null for the whole tenant (HR). */
  readonly people: readonly string[] | null;
}

interface NeedRow {
  need_id: string;
  person_id: string;
  person_name: string;
  staff_number: string | null;
  site_id: string;
  site_name: string;
  description: string;
  needed_by: string;
  cost_amount: string | null;
  cost_currency: string | null;
  source: TrainingNeedSource;
  status: TrainingNeedStatus;
  label: string;
  group_key: string;
}

/** The same people `accessToPersonsGoals` lets the caller see, as the list a plan's query filters by. */
export const trainingPlanScope = async (
  manager: EntityManager,
  identity: Identity,
  { siteId, cycleId, includeSubSites }: Omit<TrainingPlanScope, 'people'>,
): Promise<TrainingPlanScope> => {
  const [site]: unknown[] = await manager.query(`SELECT 1 FROM goal_sites WHERE tenant_id = $1 AND site_id = $2`, [identity.tenantId, siteId]);
  if (!site) throw new NotFoundError('no such site');
  const visible = await peopleVisibleTo(manager, identity);
  return { siteId, cycleId, includeSubSites, people: visible === 'ALL' ? null : [...visible] };
};

const SUBTREE = `WITH RECURSIVE subtree(site_id) AS (
    SELECT site_id FROM goal_sites WHERE tenant_id = $1 AND site_id = $2
    UNION SELECT s.site_id FROM goal_sites s JOIN subtree t ON s.parent_site_id = t.site_id WHERE s.tenant_id = $1 AND $3
  )`;

// The one definition of which training a need is, for the query and the download alike: every Unicode space (a
// no-break space pasted from a document too) collapsed, ends trimmed, case folded. pg_c_utf8 makes both follow
// Unicode whatever the database's locale; with the "C" locale, \s and lower() know only ASCII.
const LABEL = `btrim(regexp_replace(n.description COLLATE pg_c_utf8, '\\s+', ' ', 'g'))`;
const KEY = `lower(${LABEL})`;
// People copied before goal_people kept names have none: the plan shows their staff number, else their id, never a blank.
const PERSON_NAME = `COALESCE(NULLIF(btrim(concat_ws(' ', p.first_name, p.last_name)), ''), p.staff_number, p.person_id::text)`;

/** The open needs of people still employed at the site (and below it), as the caller may see them. */
const needsQuery = (orderForExport: boolean): string => `${SUBTREE}
  SELECT n.need_id, n.person_id, ${PERSON_NAME} AS person_name,
         p.staff_number, p.site_id, COALESCE(s.name, s.site_id::text) AS site_name, n.description, n.needed_by::text AS needed_by,
         n.cost_amount, n.cost_currency, n.source, n.status,
         -- A group is named by its first spelling in sorted order.
         min(${LABEL} COLLATE "C") OVER (PARTITION BY ${KEY}) AS label, ${KEY} AS group_key
  FROM training_need_list n
  JOIN goal_people p ON p.tenant_id = n.tenant_id AND p.person_id = n.person_id
  JOIN subtree t ON t.site_id = p.site_id
  JOIN goal_sites s ON s.tenant_id = p.tenant_id AND s.site_id = p.site_id
  WHERE n.tenant_id = $1 AND n.status = 'OPEN' AND p.employment_status <> 'LEFT'
    AND ($4::uuid IS NULL OR n.cycle_id = $4) AND ($5::uuid[] IS NULL OR n.person_id = ANY($5))
  ${
    orderForExport
      ? // The order of siteTrainingPlan: groups by their earliest date then name, people by date, name, id.
        `ORDER BY min(n.needed_by) OVER (PARTITION BY ${KEY}), ${KEY} COLLATE "C", n.needed_by, ${PERSON_NAME} COLLATE "C", n.person_id::text COLLATE "C", n.need_id COLLATE "C"`
      : ''
  }`;

const paramsOf = (tenantId: string, scope: TrainingPlanScope): unknown[] => [tenantId, scope.siteId, scope.includeSubSites, scope.cycleId, scope.people];

const costOf = (row: NeedRow) => (row.cost_amount === null || row.cost_currency === null ? null : { amount: Number(row.cost_amount), currency: row.cost_currency });

/** The needs and the sites of a training plan, for `siteTrainingPlan` to group. */
export const trainingPlanInputs = async (manager: EntityManager, tenantId: string, scope: TrainingPlanScope): Promise<{ needs: TrainingNeedRecord[]; sites: Site[] }> => {
  const sites: Array<{ site_id: string; name: string; parent_site_id: string | null }> = await manager.query(
    `${SUBTREE} SELECT s.site_id, COALESCE(s.name, s.site_id::text) AS name, s.parent_site_id FROM goal_sites s JOIN subtree t ON t.site_id = s.site_id WHERE s.tenant_id = $1`,
    [tenantId, scope.siteId, scope.includeSubSites],
  );
  const rows: NeedRow[] = await manager.query(needsQuery(false), paramsOf(tenantId, scope));
  return {
    // The site asked for roots the tree, whatever is above it.
    sites: sites.map((s) => ({ siteId: s.site_id, name: s.name, parentId: s.site_id === scope.siteId ? null : s.parent_site_id })),
    needs: rows.map((r) => ({
      needId: r.need_id,
      personId: r.person_id,
      personName: r.person_name,
      siteId: r.site_id,
      description: r.label,
      groupKey: r.group_key,
      neededBy: r.needed_by,
      estimatedCost: costOf(r),
      source: r.source,
      status: r.status,
    })),
  };
};

const BATCH = 500;

/**
 * The rows of a training plan's export in plan order, read through a cursor a batch at a time as the consumer
 * pulls, in one tenant transaction: the export is one snapshot and never sits in memory whole. Stopping early
 * (the client went away, or stalled) ends the transaction and gives the connection back.
 */
export async function* trainingPlanExportRows(dataSource: DataSource, tenantId: string, scope: TrainingPlanScope): AsyncGenerator<TrainingPlanRow> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    // Local to this transaction: a FETCH that hangs, or a transaction its reader abandoned, ends in the database too.
    await runner.query(`SELECT set_config($1, $2, true), set_config('statement_timeout', $3, true), set_config('idle_in_transaction_session_timeout', $4, true)`, [
      TENANT_SETTING,
      tenantId,
      `${EXPORT_LIMITS.statementTimeoutMs}ms`,
      `${EXPORT_LIMITS.idleInTransactionMs}ms`,
    ]);
    await runner.query(`DECLARE training_plan NO SCROLL CURSOR FOR ${needsQuery(true)}`, paramsOf(tenantId, scope));
    for (;;) {
      const rows: NeedRow[] = await runner.query(`FETCH ${BATCH} FROM training_plan`);
      for (const r of rows) {
        yield { siteName: r.site_name, description: r.label, personId: r.person_id, personName: r.person_name, staffNumber: r.staff_number ?? '', neededBy: r.needed_by, source: r.source, estimatedCost: costOf(r) };
      }
      if (rows.length < BATCH) break;
    }
    await runner.commitTransaction();
  } finally {
    try {
      // Closes the cursor with the transaction; a connection the database already ended fails here and is dropped.
      if (runner.isTransactionActive) await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  }
}
