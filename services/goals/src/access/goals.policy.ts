import { hasAnyRole, type Policy } from '@growth/service-kit';

export type GoalsAction = 'take part in goals' | 'read unit goals' | 'manage unit goals' | 'manage goal policy';

/**
 * Who may do what, by role. Whose goals a person may see or act on is decided per person (goal-access.ts) and per
 * step (goal.steps.ts); unit goals are tenant-wide, recorded by HR; the goal policy is set by HR or a tenant admin.
 */
export const goalsPolicy: Policy<GoalsAction> = (identity, action) => {
  switch (action) {
    case 'take part in goals':
      return hasAnyRole(identity, 'employee', 'hr');
    case 'read unit goals':
      return hasAnyRole(identity, 'employee', 'hr', 'analyst', 'tenant_admin');
    case 'manage unit goals':
      return hasAnyRole(identity, 'hr');
    case 'manage goal policy':
      return hasAnyRole(identity, 'hr', 'tenant_admin');
  }
};
