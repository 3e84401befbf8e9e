import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { ChangePersonDetails } from '../domain/person.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';

export class ChangePersonDetailsCommand {
  constructor(
    readonly command: Omit<ChangePersonDetails, 'type'>,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ChangePersonDetailsCommand)
export class ChangePersonDetailsHandler extends DirectoryCommandHandler implements ICommandHandler<ChangePersonDetailsCommand, CommandResult> {
  execute({ command, expectedVersion, context }: ChangePersonDetailsCommand): Promise<CommandResult> {
    return this.run(context, (tx) => tx.person(command.personId, { type: 'ChangePersonDetails', ...command }, expectedVersion));
  }
}
