import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { tenantToday } from '../../tenant/tenant.queries';
import { ancestriesOf, personStatus } from '../person.queries';
import { personAggregate } from '../person.stream';

export class AssignSupervisorCommand extends Command<CommandResult> {
  constructor(
    readonly personId: string,
    readonly supervisorId: string | null,
    readonly effectiveFrom: string,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The cycle check sees the current tree; the tenant lock (taken by run) keeps anyone else from changing it meanwhile. */
@CommandHandler(AssignSupervisorCommand)
export class AssignSupervisorHandler extends DirectoryCommandHandler implements ICommandHandler<AssignSupervisorCommand, CommandResult> {
  execute({ personId, supervisorId, effectiveFrom, expectedVersion, context }: AssignSupervisorCommand): Promise<CommandResult> {
    return this.run(context, async (unit) => {
      const facts = supervisorId
        ? { supervisorStatus: await personStatus(unit.transaction, unit.tenantId, supervisorId), supervisorAncestry: (await ancestriesOf(unit.transaction, unit.tenantId, [supervisorId])).get(supervisorId) ?? [] }
        : { supervisorStatus: null, supervisorAncestry: [] };
      const today = await tenantToday(unit.transaction, unit.tenantId, context.now);
      return unit.decide(personAggregate, personId, { type: 'AssignSupervisor', personId, supervisorId, effectiveFrom, today, facts }, expectedVersion);
    });
  }
}
