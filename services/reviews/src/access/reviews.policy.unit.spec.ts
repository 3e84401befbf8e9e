import { ROLES, type Role } from '@growth/service-kit';
import { reviewsPolicy, type ReviewsAction } from './reviews.policy';

const allowed: Record<ReviewsAction, readonly Role[]> = {
  'read framework catalogue': ['employee', 'hr', 'analyst', 'tenant_admin'],
  'read cycles': ['employee', 'hr', 'analyst', 'tenant_admin'],
  'manage cycles': ['hr', 'tenant_admin'],
  'take part in reviews': ['employee', 'hr'],
  'list reviews across the tenant': ['hr'],
};

describe('reviews policy', () => {
  const cases = (Object.keys(allowed) as ReviewsAction[]).flatMap((action) => ROLES.map((role) => [action, role, allowed[action].includes(role)] as const));
  it.each(cases)('%s as %s: %s', (action, role, expected) => {
    expect(reviewsPolicy({ tenantId: 'lausd', actorId: 'p-1', roles: [role] }, action)).toBe(expected);
  });
});
