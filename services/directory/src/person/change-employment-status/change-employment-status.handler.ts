import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { EmployedStatus } from '../domain/person.events';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { personAggregate } from '../person.stream';

export class ChangeEmploymentStatusCommand extends Command<CommandResult> {
  constructor(
    readonly personId: string,
    readonly employmentStatus: EmployedStatus,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeEmploymentStatusCommand)
export class ChangeEmploymentStatusHandler extends DirectoryCommandHandler implements ICommandHandler<ChangeEmploymentStatusCommand, CommandResult> {
  execute({ personId, employmentStatus, expectedVersion, context }: ChangeEmploymentStatusCommand): Promise<CommandResult> {
    return this.run(context, (unit) => unit.decide(personAggregate, personId, { type: 'ChangeEmploymentStatus', personId, employmentStatus }, expectedVersion));
  }
}
