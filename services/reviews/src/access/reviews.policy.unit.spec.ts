import { ROLES } from '@growth/service-kit';
import { reviewsPolicy } from './reviews.policy';

describe('reviews policy', () => {
  it.each(ROLES.map((role) => [role, role !== 'platform_operator'] as const))('read framework catalogue as %s: %s', (role, allowed) => {
    expect(reviewsPolicy({ tenantId: 'lausd', actorId: 'p-1', roles: [role] }, 'read framework catalogue')).toBe(allowed);
  });
});
