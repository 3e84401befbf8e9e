import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { EmployedStatus } from '../domain/person.events';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';

export class ChangeEmploymentStatusCommand {
  constructor(
    readonly personId: string,
    readonly employmentStatus: EmployedStatus,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ChangeEmploymentStatusCommand)
export class ChangeEmploymentStatusHandler extends DirectoryCommandHandler implements ICommandHandler<ChangeEmploymentStatusCommand, CommandResult> {
  execute({ personId, employmentStatus, expectedVersion, context }: ChangeEmploymentStatusCommand): Promise<CommandResult> {
    return this.run(context, (tx) => tx.person(personId, { type: 'ChangeEmploymentStatus', personId, employmentStatus }, expectedVersion));
  }
}
