import { hasAnyRole, type Policy } from '@growth/service-kit';

export type FrameworksAction = 'read frameworks' | 'edit frameworks';

/**
 * Frameworks are a tenant's published expectations, not personal data: every member of the tenant may read them
 * (analysts included). Only HR and tenant administrators shape them. A platform operator runs the platform and
 * sees no tenant's content.
 */
export const frameworksPolicy: Policy<FrameworksAction> = (identity, action) => {
  switch (action) {
    case 'read frameworks':
      return hasAnyRole(identity, 'employee', 'hr', 'analyst', 'tenant_admin');
    case 'edit frameworks':
      return hasAnyRole(identity, 'hr', 'tenant_admin');
  }
};
