import { ForbiddenError } from '@growth/es';
import { authorize } from '@growth/service-kit';
import { directoryPolicy, effectiveRoles, POLICY, scopeFor, type DirectoryAction, type DirectoryFacts, type Relation } from './directory.policy';

const RELATIONS: Relation[] = ['self', 'direct_report', 'indirect_report', 'unrelated'];
const ACTIONS = Object.keys(POLICY) as DirectoryAction[];

interface Caller {
  readonly roles: string[];
  readonly hasReports?: boolean;
}
const allowed = ({ roles, hasReports }: Caller, action: DirectoryAction, relation: Relation): boolean =>
  directoryPolicy({ hasReports, relation })({ tenantId: 'lausd', actorId: 'p-1', roles }, action);

const yes = (...relations: Relation[]) => RELATIONS.map((r) => relations.includes(r));
const all = yes(...RELATIONS);
const none = yes();
const nothing = Object.fromEntries(ACTIONS.map((a) => [a, none])) as Record<DirectoryAction, boolean[]>;

/**
 * The whole table, spelled out: for each caller and action, allowed or not for a subject that is the caller,
 * a direct report, an indirect report, or anyone else. Changing the policy means changing this table on purpose.
 */
const EXPECTED: Array<[string, Caller, Record<DirectoryAction, boolean[]>]> = [
  [
    'employee',
    { roles: ['employee'] },
    {
      'read person': yes('self'),
      'read person history': yes('self'),
      'change people': none,
      'import people': none,
      'read sites': all,
      'change sites': none,
      'read site history': none,
      'read tenant': all,
      'configure tenant': none,
      'read tenant history': none,
      'read aggregates': none,
    },
  ],
  [
    'supervisor (an employee with reports)',
    { roles: ['employee'], hasReports: true },
    {
      'read person': yes('self', 'direct_report', 'indirect_report'),
      'read person history': yes('self'),
      'change people': none,
      'import people': none,
      'read sites': all,
      'change sites': none,
      'read site history': none,
      'read tenant': all,
      'configure tenant': none,
      'read tenant history': none,
      'read aggregates': none,
    },
  ],
  [
    'hr',
    { roles: ['hr'] },
    {
      'read person': all,
      'read person history': all,
      'change people': all,
      'import people': all,
      'read sites': all,
      'change sites': all,
      'read site history': all,
      'read tenant': all,
      'configure tenant': none,
      'read tenant history': all,
      'read aggregates': all,
    },
  ],
  [
    'analyst',
    { roles: ['analyst'] },
    { ...nothing, 'read sites': all, 'read tenant': all, 'read aggregates': all },
  ],
  [
    'tenant_admin',
    { roles: ['tenant_admin'] },
    Object.fromEntries(ACTIONS.map((a) => [a, all])) as Record<DirectoryAction, boolean[]>,
  ],
  ['platform_operator', { roles: ['platform_operator'] }, nothing],
  ['no roles', { roles: [] }, nothing],
];

describe('directory policy', () => {
  describe.each(EXPECTED)('%s', (_name, caller, expected) => {
    it.each(ACTIONS)('%s', (action) => {
      expect(RELATIONS.map((relation) => allowed(caller, action, relation))).toEqual(expected[action]);
    });
  });

  it('derives the supervisor role from reports, never from the token', () => {
    expect([...effectiveRoles(['supervisor'])]).toEqual([]);
    expect(allowed({ roles: ['supervisor'], hasReports: true }, 'read person', 'direct_report')).toBe(false);
    expect([...effectiveRoles(['employee'], true)]).toEqual(['employee', 'supervisor']);
    // Reports make a supervisor only of an employee: an analyst who manages people still sees no records.
    expect(allowed({ roles: ['analyst'], hasReports: true }, 'read person', 'direct_report')).toBe(false);
  });

  it('combines roles by taking the widest grant', () => {
    expect(allowed({ roles: ['employee', 'hr'] }, 'read person', 'unrelated')).toBe(true);
    expect(allowed({ roles: ['analyst', 'employee'] }, 'read person', 'self')).toBe(true);
    expect(allowed({ roles: ['analyst', 'employee'] }, 'read person', 'unrelated')).toBe(false);
    expect(scopeFor(['employee', 'hr'], true, 'read person')).toBe('tenant');
  });

  it('ignores unknown and differently spelled roles', () => {
    expect(allowed({ roles: ['admin', 'root', 'HR', 'Employee'] }, 'read person', 'self')).toBe(false);
  });

  it('gives lists their scope: the tenant, the chain, oneself, or nothing', () => {
    expect(scopeFor(['hr'], false, 'read person')).toBe('tenant');
    expect(scopeFor(['employee'], true, 'read person')).toBe('chain');
    expect(scopeFor(['employee'], false, 'read person')).toBe('self');
    expect(scopeFor(['analyst'], false, 'read person')).toBeNull();
  });

  it('refuses with FORBIDDEN through service-kit authorize, naming the action', () => {
    const identity = { tenantId: 'lausd', actorId: 'p-1', roles: ['analyst'] };
    const facts: DirectoryFacts = { relation: 'self' };
    expect(() => authorize(directoryPolicy(facts), identity, 'read person')).toThrow(new ForbiddenError('Not allowed to read person'));
    expect(() => authorize(directoryPolicy(), { ...identity, roles: ['hr'] }, 'configure tenant')).toThrow(ForbiddenError);
    expect(() => authorize(directoryPolicy(), { ...identity, roles: ['tenant_admin'] }, 'configure tenant')).not.toThrow();
  });
});
