import type { EntityManager } from 'typeorm';
import { ForbiddenError, isUuid } from '@growth/es';
import { authorize, type Identity } from '@growth/service-kit';
import { hasReports, relationBetween, type PeopleFilter } from '../person/person.queries';
import { directoryPolicy, scopeFor, type DirectoryAction } from './directory.policy';

/**
 * The directory facts the policy needs, looked up only when a decision depends on them (HR never pays for a
 * reporting-chain walk). identity.actorId is the caller's person id; callers who are not people (a service
 * account, an HR user without a record) simply have no reports and no relations.
 */
const callerHasReports = async (manager: EntityManager, identity: Identity): Promise<boolean> =>
  identity.roles.includes('employee') && hasReports(manager, identity.tenantId, identity.actorId);

/** Tenant-wide actions: the token's roles decide. */
export const authorizeTenantWide = (identity: Identity, action: DirectoryAction): void => authorize(directoryPolicy(), identity, action);

/** FORBIDDEN unless the caller may perform `action` on person `subjectId` (whether or not that person exists). */
export const authorizeOnPerson = async (manager: EntityManager, identity: Identity, action: DirectoryAction, subjectId: string): Promise<void> => {
  const reports = await callerHasReports(manager, identity);
  const scope = scopeFor(identity.roles, reports, action);
  const relation = scope === null || scope === 'tenant' ? 'unrelated' : await relationBetween(manager, identity.tenantId, identity.actorId, subjectId);
  authorize(directoryPolicy({ hasReports: reports, relation }), identity, action);
};

/** Which people a list may show the caller: FORBIDDEN if no role grants the action; `null` for a scope that covers nobody. */
export const peopleFilterFor = async (manager: EntityManager, identity: Identity, action: DirectoryAction): Promise<PeopleFilter | null> => {
  const scope = scopeFor(identity.roles, await callerHasReports(manager, identity), action);
  if (scope === null) throw new ForbiddenError(`Not allowed to ${action}`);
  if (scope === 'tenant') return { kind: 'tenant' };
  if (!isUuid(identity.actorId)) return null;
  return scope === 'chain' ? { kind: 'chain', rootId: identity.actorId, includeRoot: true } : { kind: 'self', personId: identity.actorId };
};
