import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { tenantToday } from '../../tenant/tenant.queries';
import { unassignReportsOf } from './record-leaving';

export class RecordPersonLeftCommand {
  constructor(
    readonly personId: string,
    readonly leftOn: string,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordPersonLeftCommand)
export class RecordPersonLeftHandler extends DirectoryCommandHandler implements ICommandHandler<RecordPersonLeftCommand, CommandResult> {
  execute({ personId, leftOn, expectedVersion, context }: RecordPersonLeftCommand): Promise<CommandResult> {
    return this.run(context, async (tx) => {
      const today = await tenantToday(tx.manager, tx.tenantId, context.now);
      const { version } = await tx.person(personId, { type: 'RecordPersonLeft', personId, leftOn, today }, expectedVersion);
      await unassignReportsOf(tx, personId, leftOn, today);
      return { version };
    });
  }
}
