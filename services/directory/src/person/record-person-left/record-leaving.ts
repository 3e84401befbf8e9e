import { laterOf } from '../../shared/domain/dates';
import type { DirectoryUnit } from '../../shared/directory-command-handler';
import { personAggregate } from '../person.stream';

/**
 * After a person left: their remaining reports are left without a supervisor (until HR assigns one), since a line
 * to someone who has gone would make them look supervised when no one is. Shared by the command and the HRIS
 * import (which reassigns everyone the file names before it processes leavers, so only the others remain here).
 */
export const unassignReportsOf = (unit: DirectoryUnit, leaverId: string, leftOn: string, today: string): Promise<number> =>
  unassignReportsOfAll(unit, [leaverId], leftOn, today);

/** The same for many people who left on the same day (an import batch): their reports found and loaded in one query each. */
export const unassignReportsOfAll = async (unit: DirectoryUnit, leaverIds: readonly string[], leftOn: string, today: string): Promise<number> => {
  if (leaverIds.length === 0) return 0;
  await unit.flush(); // the read model now shows everything decided in this transaction, so the query below is current
  const reports: Array<{ person_id: string; supervisor_id: string }> = await unit.transaction.query(
    `SELECT person_id, supervisor_id FROM directory_people WHERE tenant_id = $1 AND supervisor_id = ANY($2::uuid[])`,
    [unit.tenantId, leaverIds],
  );
  await unit.preload(reports.map((r) => personAggregate.streamId(unit.tenantId, r.person_id)));
  let unassigned = 0;
  for (const { person_id: reportId, supervisor_id: leaverId } of reports) {
    const report = (await unit.load(personAggregate, reportId)).state;
    if (report.status !== 'present' || report.supervisorId !== leaverId) continue;
    await unit.decide(personAggregate, reportId, {
      type: 'AssignSupervisor',
      personId: reportId,
      supervisorId: null,
      effectiveFrom: laterOf(leftOn, report.supervisorSince as string), // a line ends no earlier than it began
      today,
      reason: 'SUPERVISOR_LEFT',
      facts: { supervisorStatus: null, supervisorAncestry: [] },
    });
    unassigned += 1;
  }
  return unassigned;
};
