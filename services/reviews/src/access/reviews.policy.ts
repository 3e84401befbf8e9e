import { hasAnyRole, type Policy } from '@growth/service-kit';

export type ReviewsAction = 'read framework catalogue';

/** The catalogue of frameworks reviews can use is tenant-wide reference data: any member of the tenant may read it. */
export const reviewsPolicy: Policy<ReviewsAction> = (identity, action) => {
  switch (action) {
    case 'read framework catalogue':
      return hasAnyRole(identity, 'employee', 'hr', 'analyst', 'tenant_admin');
  }
};
