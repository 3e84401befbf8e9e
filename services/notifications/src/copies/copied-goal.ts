import type { EntityManager } from 'typeorm';

/** A goal as notifications copied it, with the parties it concerns now: its person and their current supervisor. */
export interface CopiedGoal {
  readonly personId: string;
  readonly supervisorId: string | null;
  readonly cycleName: string | null;
  readonly status: string;
  readonly dueOn: string | null;
}

export const copiedGoal = async (manager: EntityManager, tenantId: string, goalId: string): Promise<CopiedGoal | undefined> => {
  const [row]: Array<{ person_id: string; supervisor_id: string | null; cycle_name: string | null; status: string; due_on: string | null }> = await manager.query(
    `SELECT g.person_id, p.supervisor_id, c.name AS cycle_name, g.status, to_char(g.due_on, 'YYYY-MM-DD') AS due_on FROM notif_goals g
     LEFT JOIN notif_people p ON p.tenant_id = g.tenant_id AND p.person_id = g.person_id
     LEFT JOIN notif_cycles c ON c.tenant_id = g.tenant_id AND c.cycle_id = g.cycle_id
     WHERE g.tenant_id = $1 AND g.goal_id = $2`,
    [tenantId, goalId],
  );
  return row && { personId: row.person_id, supervisorId: row.supervisor_id, cycleName: row.cycle_name, status: row.status, dueOn: row.due_on };
};
