import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { AddPerson } from '../domain/person.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { findSite } from '../../site/site.queries';
import { personWithStaffNumber } from '../person.queries';

export class AddPersonCommand {
  constructor(
    readonly command: Omit<AddPerson, 'type' | 'facts'>,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AddPersonCommand)
export class AddPersonHandler extends DirectoryCommandHandler implements ICommandHandler<AddPersonCommand, CommandResult> {
  execute({ command, context }: AddPersonCommand): Promise<CommandResult> {
    return this.run(context, async (tx) => {
      const facts = {
        siteKnown: Boolean(await findSite(tx.manager, tx.tenantId, command.siteId)),
        staffNumberUsedBy: await personWithStaffNumber(tx.manager, tx.tenantId, command.staffNumber),
      };
      return tx.person(command.personId, { type: 'AddPerson', ...command, facts }, 'no_stream');
    });
  }
}
