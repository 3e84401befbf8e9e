import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { tenantToday } from '../../tenant/tenant.queries';
import { unassignReportsOf } from './record-leaving';
import { personAggregate } from '../person.stream';

export class RecordPersonLeftCommand extends Command<CommandResult> {
  constructor(
    readonly personId: string,
    readonly leftOn: string,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RecordPersonLeftCommand)
export class RecordPersonLeftHandler extends DirectoryCommandHandler implements ICommandHandler<RecordPersonLeftCommand, CommandResult> {
  execute({ personId, leftOn, expectedVersion, context }: RecordPersonLeftCommand): Promise<CommandResult> {
    return this.run(context, async (unit) => {
      const today = await tenantToday(unit.transaction, unit.tenantId, context.now);
      const { version } = await unit.decide(personAggregate, personId, { type: 'RecordPersonLeft', personId, leftOn, today }, expectedVersion);
      await unassignReportsOf(unit, personId, leftOn, today);
      return { version };
    });
  }
}
