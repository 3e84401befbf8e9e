import type { EntityManager } from 'typeorm';
import type { Identity } from '@growth/service-kit';

/** How the caller relates to a review; null: not at all, and for them the review does not exist. */
export type ReviewAccess = 'EMPLOYEE' | 'SUPERVISOR' | 'MANAGER' | 'HR';

/**
 * The one answer to "may this caller see this review": the employee, their current supervisor, HR of the tenant,
 * and the managers above the supervisor (read-only; what each may do is the review's own step table). The chain is
 * walked up the reporting lines the directory published; UNION stops at a loop.
 */
export const accessToReview = async (
  manager: EntityManager,
  identity: Pick<Identity, 'tenantId' | 'actorId' | 'roles'>,
  review: { readonly personId: string; readonly supervisorId: string | null },
): Promise<ReviewAccess | null> => {
  if (review.personId === identity.actorId) return 'EMPLOYEE';
  if (review.supervisorId !== null && review.supervisorId === identity.actorId) return 'SUPERVISOR';
  if (identity.roles.includes('hr')) return 'HR';
  if (review.supervisorId === null) return null;
  const rows: unknown[] = await manager.query(
    `WITH RECURSIVE chain(person_id) AS (
       SELECT supervisor_id FROM review_people WHERE tenant_id = $1 AND person_id = $2
       UNION SELECT p.supervisor_id FROM review_people p JOIN chain c ON p.person_id = c.person_id WHERE p.tenant_id = $1 AND p.supervisor_id IS NOT NULL
     ) SELECT 1 FROM chain WHERE person_id::text = $3 LIMIT 1`,
    [identity.tenantId, review.supervisorId, identity.actorId],
  );
  return rows.length > 0 ? 'MANAGER' : null;
};
