/**
 * How much line management a person does, which decides the levels of responsibility that apply to them: any line
 * manager answers levels 1-2, a manager of managers 1-3.
 */
export type LineManagementSpan = 'NONE' | 'TEAM_MANAGER' | 'MANAGER_OF_MANAGERS';

/** From the person's direct reports and how many of those have reports of their own. */
export const lineManagementSpan = (directReports: number, directReportsWhoManage: number): LineManagementSpan => {
  if (directReportsWhoManage > 0) return 'MANAGER_OF_MANAGERS';
  return directReports > 0 ? 'TEAM_MANAGER' : 'NONE';
};
