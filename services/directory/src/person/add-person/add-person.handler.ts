import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { AddPerson } from '../domain/person.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { findSite } from '../../site/site.queries';
import { personWithStaffNumber } from '../person.queries';
import { personAggregate } from '../person.stream';

export class AddPersonCommand extends Command<CommandResult> {
  constructor(
    readonly command: Omit<AddPerson, 'type' | 'facts'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(AddPersonCommand)
export class AddPersonHandler extends DirectoryCommandHandler implements ICommandHandler<AddPersonCommand, CommandResult> {
  execute({ command, context }: AddPersonCommand): Promise<CommandResult> {
    return this.run(context, async (unit) => {
      const facts = {
        siteKnown: Boolean(await findSite(unit.transaction, unit.tenantId, command.siteId)),
        staffNumberUsedBy: await personWithStaffNumber(unit.transaction, unit.tenantId, command.staffNumber),
      };
      return unit.decide(personAggregate, command.personId, { type: 'AddPerson', ...command, facts }, 'no_stream');
    });
  }
}
