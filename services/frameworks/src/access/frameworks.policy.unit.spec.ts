import { ROLES, type Role } from '@growth/service-kit';
import { frameworksPolicy, type FrameworksAction } from './frameworks.policy';

const as = (...roles: Role[]) => ({ tenantId: 'lausd', actorId: 'p-1', roles });

describe('frameworks policy', () => {
  const table: Record<FrameworksAction, Role[]> = {
    'read frameworks': ['employee', 'hr', 'analyst', 'tenant_admin'],
    'edit frameworks': ['hr', 'tenant_admin'],
  };

  it.each(Object.entries(table).flatMap(([action, allowed]) => ROLES.map((role) => [action as FrameworksAction, role, allowed.includes(role)] as const)))(
    '%s as %s: %s',
    (action, role, allowed) => {
      expect(frameworksPolicy(as(role), action)).toBe(allowed);
    },
  );

  it('refuses an identity with no role at all', () => {
    expect(frameworksPolicy(as(), 'read frameworks')).toBe(false);
  });
});
