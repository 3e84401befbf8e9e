import { hasAnyRole, type Policy } from '@growth/service-kit';

export type ReviewsAction = 'read framework catalogue' | 'read cycles' | 'manage cycles' | 'take part in reviews' | 'list reviews across the tenant';

/**
 * Who may do what, by role. Which review a person may see or act on is decided per review (reviews.reader.ts,
 * review.steps.ts): their own, their reports', their reports' reports' (read-only), or any for HR. Analysts see
 * cycles but never an individual review.
 */
export const reviewsPolicy: Policy<ReviewsAction> = (identity, action) => {
  switch (action) {
    case 'read framework catalogue':
    case 'read cycles':
      return hasAnyRole(identity, 'employee', 'hr', 'analyst', 'tenant_admin');
    case 'manage cycles':
      return hasAnyRole(identity, 'hr', 'tenant_admin');
    case 'take part in reviews':
      return hasAnyRole(identity, 'employee', 'hr');
    case 'list reviews across the tenant':
      return hasAnyRole(identity, 'hr');
  }
};
