import type { EntityManager } from 'typeorm';
import type { FrameworkDefinitionData, FrameworkLineManagementSpan } from '@growth/contracts';
import type { CycleOpened } from './domain/cycle.events';
import { processFor, type EligiblePerson, type FrameworkRef } from './domain/cycle.model';
import type { StartReview } from '../review/domain/review.commands';
import { reviewIdOf } from '../review/review.stream';

export interface PersonForReview extends EligiblePerson {
  readonly supervisorId: string | null;
}

interface PersonRow {
  person_id: string;
  job_classification: string;
  site_id: string;
  supervisor_id: string | null;
  span: FrameworkLineManagementSpan;
}

/** Everyone still employed reports to; a report who has reports of their own makes a manager of managers. */
const SELECT_PEOPLE = `
  SELECT p.person_id, p.job_classification, p.site_id, p.supervisor_id,
    CASE
      WHEN EXISTS (SELECT 1 FROM review_people r JOIN review_people rr ON rr.tenant_id = r.tenant_id AND rr.supervisor_id = r.person_id AND rr.employment_status <> 'LEFT'
                   WHERE r.tenant_id = p.tenant_id AND r.supervisor_id = p.person_id AND r.employment_status <> 'LEFT') THEN 'MANAGER_OF_MANAGERS'
      WHEN EXISTS (SELECT 1 FROM review_people r WHERE r.tenant_id = p.tenant_id AND r.supervisor_id = p.person_id AND r.employment_status <> 'LEFT') THEN 'TEAM_MANAGER'
      ELSE 'NONE'
    END AS span
  FROM review_people p`;

/** Each site's parent, for the whole tenant: a district has hundreds of sites, not hundreds of thousands. */
export const siteParents = async (manager: EntityManager, tenantId: string): Promise<ReadonlyMap<string, string | null>> => {
  const rows: Array<{ site_id: string; parent_site_id: string | null }> = await manager.query(`SELECT site_id, parent_site_id FROM review_sites WHERE tenant_id = $1`, [tenantId]);
  return new Map(rows.map((r) => [r.site_id, r.parent_site_id]));
};

const ancestry = (parents: ReadonlyMap<string, string | null>, siteId: string): string[] => {
  const chain: string[] = [];
  for (let at: string | null | undefined = siteId; at && !chain.includes(at); at = parents.get(at)) chain.push(at);
  return chain;
};

const toPerson = (parents: ReadonlyMap<string, string | null>) => (row: PersonRow): PersonForReview => ({
  personId: row.person_id,
  jobClassification: row.job_classification,
  siteAncestry: ancestry(parents, row.site_id),
  span: row.span,
  supervisorId: row.supervisor_id,
});

/** A page of the people a cycle reviews (everyone not LEFT), by person id. */
export const eligiblePeoplePage = async (manager: EntityManager, tenantId: string, parents: ReadonlyMap<string, string | null>, after: string | null, limit: number): Promise<PersonForReview[]> => {
  const rows: PersonRow[] = await manager.query(
    `${SELECT_PEOPLE} WHERE p.tenant_id = $1 AND p.employment_status <> 'LEFT' AND ($2::uuid IS NULL OR p.person_id > $2::uuid) ORDER BY p.person_id LIMIT $3`,
    [tenantId, after, limit],
  );
  return rows.map(toPerson(parents));
};

export const eligiblePeople = async (manager: EntityManager, tenantId: string, personIds: readonly string[]): Promise<PersonForReview[]> => {
  if (personIds.length === 0) return [];
  const rows: PersonRow[] = await manager.query(`${SELECT_PEOPLE} WHERE p.tenant_id = $1 AND p.employment_status <> 'LEFT' AND p.person_id = ANY($2::uuid[])`, [tenantId, personIds]);
  return rows.map(toPerson(await siteParents(manager, tenantId)));
};

/** A published framework version as the reviews service copied it, or null. */
export const frameworkVersion = async (manager: EntityManager, tenantId: string, ref: FrameworkRef): Promise<FrameworkDefinitionData | null> => {
  const rows: Array<{ definition: FrameworkDefinitionData }> = await manager.query(`SELECT definition FROM framework_versions WHERE tenant_id = $1 AND framework_id = $2 AND version = $3`, [
    tenantId,
    ref.frameworkId,
    ref.version,
  ]);
  return rows[0]?.definition ?? null;
};

/** The responsibility levels a line-management span requires (seed 004: any line manager 1-2, a manager of managers 1-3). */
export const levelsForSpan = (leadership: FrameworkDefinitionData | null, span: FrameworkLineManagementSpan): string[] =>
  (leadership?.responsibilityLevels ?? []).filter((level) => level.appliesTo.includes(span)).map((level) => level.id);

/** The StartReview a cycle issues for a person: process by the cycle's rules, framework and levels by the process. */
export const startReviewCommand = (cycle: CycleOpened['data'], leadership: FrameworkDefinitionData | null, person: PersonForReview, today: string): StartReview => {
  const process = processFor(cycle.processRules, person);
  const leads = process === 'LEADERSHIP' && cycle.leadershipFramework !== null;
  return {
    type: 'StartReview',
    reviewId: reviewIdOf(cycle.cycleId, person.personId),
    actor: { kind: 'SYSTEM' },
    today,
    cycleId: cycle.cycleId,
    personId: person.personId,
    supervisorId: person.supervisorId,
    process: leads ? 'LEADERSHIP' : process === 'LEADERSHIP' ? 'FULL' : process,
    framework: leads && cycle.leadershipFramework ? cycle.leadershipFramework : cycle.framework,
    levels: leads ? levelsForSpan(leadership, person.span) : [],
  };
};
