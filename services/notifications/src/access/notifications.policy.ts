import { hasAnyRole, type Policy } from '@growth/service-kit';

export type NotificationsAction = 'read my inbox' | 'set my preferences' | 'configure notifications' | 'read the send log' | 'manage webhooks' | 'read webhooks';

/**
 * Who may do what, by role. Everyone's inbox is their own; HR also reads HR's shared inbox. Webhooks send a tenant's
 * events to systems outside the platform: only its tenant admins set them up or see them.
 */
export const notificationsPolicy: Policy<NotificationsAction> = (identity, action) => {
  switch (action) {
    case 'read my inbox':
    case 'set my preferences':
      return hasAnyRole(identity, 'employee', 'hr', 'tenant_admin');
    case 'configure notifications':
    case 'read the send log':
      return hasAnyRole(identity, 'hr', 'tenant_admin');
    case 'manage webhooks':
    case 'read webhooks':
      return hasAnyRole(identity, 'tenant_admin');
  }
};
