import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { ChangeSiteDetails } from '../domain/site.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';

export class ChangeSiteDetailsCommand {
  constructor(
    readonly command: Omit<ChangeSiteDetails, 'type'>,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ChangeSiteDetailsCommand)
export class ChangeSiteDetailsHandler extends DirectoryCommandHandler implements ICommandHandler<ChangeSiteDetailsCommand, CommandResult> {
  execute({ command, expectedVersion, context }: ChangeSiteDetailsCommand): Promise<CommandResult> {
    return this.run(context, (tx) => tx.site(command.siteId, { type: 'ChangeSiteDetails', ...command }, expectedVersion));
  }
}
