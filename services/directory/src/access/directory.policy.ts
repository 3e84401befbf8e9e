import { ROLES, type Policy, type Role } from '@growth/service-kit';

/**
 * Who may do what in the directory: the one place the rules live. Pure: a function of the caller's token roles
 * and two facts the resolvers look up in the directory (does the caller have reports; where does the subject sit
 * relative to them). Resolvers pass it to service-kit's `authorize`, which throws FORBIDDEN.
 *
 * Refusals, consistently:
 * - an action none of the caller's roles grants fails with FORBIDDEN, for lists and single subjects alike (an
 *   analyst asking for `people` or `person` is refused, not shown an empty page);
 * - an action granted only within a scope (self, own reporting chain) FILTERS lists to that scope, and fails a named
 *   subject outside it with FORBIDDEN whether or not the subject exists, so the answer leaks nothing;
 * - within scope, a subject that does not exist (or belongs to another tenant: every query is tenant-bound) is null
 *   or an empty list.
 */

/** Where the subject sits relative to the caller in the current reporting tree. */
export type Relation = 'self' | 'direct_report' | 'indirect_report' | 'unrelated';

/** How far a grant reaches: the whole tenant, the caller and everyone below them, or the caller alone. */
export type Scope = 'tenant' | 'chain' | 'self';

/** Token roles plus the one the directory derives: a supervisor is an employee with reports. */
export type DirectoryRole = Role | 'supervisor';

export type DirectoryAction =
  | 'read person' // a person's record, their reporting line and span, their reports
  | 'read person history' // a person's audit trail
  | 'change people' // person commands
  | 'import people'
  | 'read sites'
  | 'change sites'
  | 'read site history'
  | 'read tenant' // settings and cycle calendar
  | 'configure tenant'
  | 'read tenant history'
  | 'read aggregates'; // counts such as headcountBySite, never individual records

/**
 * The policy table. A supervisor sees their reports and, as a manager of managers, everything below them (their
 * chain). Roles absent from a row get nothing; `platform_operator` is in no row: no tenant data by default.
 */
export const POLICY: Readonly<Record<DirectoryAction, Partial<Record<DirectoryRole, Scope>>>> = {
  'read person': { employee: 'self', supervisor: 'chain', hr: 'tenant', tenant_admin: 'tenant' },
  'read person history': { employee: 'self', hr: 'tenant', tenant_admin: 'tenant' },
  'change people': { hr: 'tenant', tenant_admin: 'tenant' },
  'import people': { hr: 'tenant', tenant_admin: 'tenant' },
  'read sites': { employee: 'tenant', hr: 'tenant', analyst: 'tenant', tenant_admin: 'tenant' },
  'change sites': { hr: 'tenant', tenant_admin: 'tenant' },
  'read site history': { hr: 'tenant', tenant_admin: 'tenant' },
  'read tenant': { employee: 'tenant', hr: 'tenant', analyst: 'tenant', tenant_admin: 'tenant' },
  'configure tenant': { tenant_admin: 'tenant' },
  'read tenant history': { hr: 'tenant', tenant_admin: 'tenant' },
  'read aggregates': { hr: 'tenant', analyst: 'tenant', tenant_admin: 'tenant' },
};

/** What the directory knows about the caller and the subject; both default to "nothing". */
export interface DirectoryFacts {
  /** The caller (identity.actorId as a person id) has at least one report. */
  readonly hasReports?: boolean;
  readonly relation?: Relation;
}

/** Known token roles, plus supervisor for an employee with reports. A token cannot claim to be a supervisor. */
export const effectiveRoles = (tokenRoles: readonly string[], hasReports = false): Set<DirectoryRole> => {
  const roles = new Set<DirectoryRole>(ROLES.filter((role) => tokenRoles.includes(role)));
  if (roles.has('employee') && hasReports) roles.add('supervisor');
  return roles;
};

const BREADTH: Record<Scope, number> = { self: 1, chain: 2, tenant: 3 };

/** The widest scope any of the caller's roles has for the action, or null when none grants it. */
export const scopeFor = (tokenRoles: readonly string[], hasReports: boolean, action: DirectoryAction): Scope | null => {
  let widest: Scope | null = null;
  for (const role of effectiveRoles(tokenRoles, hasReports)) {
    const scope = POLICY[action][role];
    if (scope && (widest === null || BREADTH[scope] > BREADTH[widest])) widest = scope;
  }
  return widest;
};

export const scopeCovers = (scope: Scope, relation: Relation): boolean => {
  switch (scope) {
    case 'tenant':
      return true;
    case 'chain':
      return relation !== 'unrelated';
    case 'self':
      return relation === 'self';
  }
};

/** The directory's policy for a caller and subject with these facts; `directoryPolicy()` for tenant-wide actions. */
export const directoryPolicy =
  ({ hasReports = false, relation = 'unrelated' }: DirectoryFacts = {}): Policy<DirectoryAction> =>
  (identity, action) => {
    const scope = scopeFor(identity.roles, hasReports, action);
    return scope !== null && scopeCovers(scope, relation);
  };
