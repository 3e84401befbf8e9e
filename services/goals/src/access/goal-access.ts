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
