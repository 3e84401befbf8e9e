import type { EntityManager } from 'typeorm';
import type { Identity } from '@growth/service-kit';

export type GoalAccess = 'EMPLOYEE' | 'SUPERVISOR' | 'MANAGER' | 'HR';

/**
 * The same rule as for reviews: the person, their current supervisor, HR of the tenant, and the managers above the
 * supervisor (read-only) see a person's goals and plans; to anyone else they do not exist.
 */
export const accessToPersonsGoals = async (
  manager: EntityManager,
  identity: Pick<Identity, 'tenantId' | 'actorId' | 'roles'>,
  subject: { readonly personId: string; readonly supervisorId: string | null },
): Promise<GoalAccess | null> => {
  if (subject.personId === identity.actorId) return 'EMPLOYEE';
  if (subject.supervisorId !== null && subject.supervisorId === identity.actorId) return 'SUPERVISOR';
  if (identity.roles.includes('hr')) return 'HR';
  if (subject.supervisorId === null) return null;
  const rows: unknown[] = await manager.query(
    `WITH RECURSIVE chain(person_id) AS (
       SELECT supervisor_id FROM goal_people WHERE tenant_id = $1 AND person_id = $2
       UNION SELECT p.supervisor_id FROM goal_people p JOIN chain c ON p.person_id = c.person_id WHERE p.tenant_id = $1 AND p.supervisor_id IS NOT NULL
     ) SELECT 1 FROM chain WHERE person_id::text = $3 LIMIT 1`,
    [identity.tenantId, subject.supervisorId, identity.actorId],
  );
  return rows.length > 0 ? 'MANAGER' : null;
};

/**
 * Everyone whose goals the caller may see, in one query, for lists: all of the tenant for HR, else the caller and
 * everyone below them in the reporting lines (the same people `accessToPersonsGoals` allows one at a time).
 */
export const peopleVisibleTo = async (manager: EntityManager, identity: Pick<Identity, 'tenantId' | 'actorId' | 'roles'>): Promise<'ALL' | ReadonlySet<string>> => {
  if (identity.roles.includes('hr')) return 'ALL';
  const rows: Array<{ person_id: string }> = await manager.query(
    `WITH RECURSIVE below(person_id) AS (
       SELECT person_id FROM goal_people WHERE tenant_id = $1 AND supervisor_id::text = $2
       UNION SELECT p.person_id FROM goal_people p JOIN below b ON p.supervisor_id = b.person_id WHERE p.tenant_id = $1
     ) SELECT person_id FROM below`,
    [identity.tenantId, identity.actorId],
  );
  return new Set([identity.actorId, ...rows.map((r) => r.person_id)]);
};
