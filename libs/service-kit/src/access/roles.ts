import { ForbiddenError, type Actor } from '@growth/es';
import type { Identity } from '../identity/identity';

/**
 * Roles a verified token can grant. Being someone's supervisor is not granted: each service derives it from the
 * reporting lines the directory publishes, so it is always as current as the org chart.
 */
export const ROLES = ['employee', 'hr', 'analyst', 'tenant_admin', 'platform_operator'] as const;
export type Role = (typeof ROLES)[number];

export const hasAnyRole = (identity: Pick<Identity, 'roles'>, ...roles: readonly Role[]): boolean => roles.some((role) => identity.roles.includes(role));

/** A service's authorization rules: one pure function from who is asking and what they want to a yes or no. */
export type Policy<Action extends string> = (identity: Pick<Identity, 'roles' | 'actorId' | 'tenantId'>, action: Action) => boolean;

/** Throws FORBIDDEN unless the policy allows the action; names the action, never the data. */
export const authorize = <Action extends string>(policy: Policy<Action>, identity: Pick<Identity, 'roles' | 'actorId' | 'tenantId'>, action: Action): void => {
  if (!policy(identity, action)) throw new ForbiddenError(`Not allowed to ${action}`);
};

/** The verified caller as the actor of a command. */
export const actorOf = (identity: Pick<Identity, 'actorId' | 'roles'>): Actor => ({ kind: 'PERSON', personId: identity.actorId, hr: identity.roles.includes('hr') });
