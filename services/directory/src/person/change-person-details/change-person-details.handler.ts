import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { ChangePersonDetails } from '../domain/person.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { personAggregate } from '../person.stream';

export class ChangePersonDetailsCommand extends Command<CommandResult> {
  constructor(
    readonly command: Omit<ChangePersonDetails, 'type'>,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangePersonDetailsCommand)
export class ChangePersonDetailsHandler extends DirectoryCommandHandler implements ICommandHandler<ChangePersonDetailsCommand, CommandResult> {
  execute({ command, expectedVersion, context }: ChangePersonDetailsCommand): Promise<CommandResult> {
    return this.run(context, (unit) => unit.decide(personAggregate, command.personId, { type: 'ChangePersonDetails', ...command }, expectedVersion));
  }
}
