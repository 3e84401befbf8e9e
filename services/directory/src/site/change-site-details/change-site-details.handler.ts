import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { ChangeSiteDetails } from '../domain/site.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { siteAggregate } from '../site.stream';

export class ChangeSiteDetailsCommand extends Command<CommandResult> {
  constructor(
    readonly command: Omit<ChangeSiteDetails, 'type'>,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeSiteDetailsCommand)
export class ChangeSiteDetailsHandler extends DirectoryCommandHandler implements ICommandHandler<ChangeSiteDetailsCommand, CommandResult> {
  execute({ command, expectedVersion, context }: ChangeSiteDetailsCommand): Promise<CommandResult> {
    return this.run(context, (unit) => unit.decide(siteAggregate, command.siteId, { type: 'ChangeSiteDetails', ...command }, expectedVersion));
  }
}
