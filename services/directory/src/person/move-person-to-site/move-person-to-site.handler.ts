import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { findSite } from '../../site/site.queries';
import { personAggregate } from '../person.stream';

export class MovePersonToSiteCommand extends Command<CommandResult> {
  constructor(
    readonly personId: string,
    readonly siteId: string,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(MovePersonToSiteCommand)
export class MovePersonToSiteHandler extends DirectoryCommandHandler implements ICommandHandler<MovePersonToSiteCommand, CommandResult> {
  execute({ personId, siteId, expectedVersion, context }: MovePersonToSiteCommand): Promise<CommandResult> {
    return this.run(context, async (unit) => {
      const siteKnown = Boolean(await findSite(unit.transaction, unit.tenantId, siteId));
      return unit.decide(personAggregate, personId, { type: 'MovePersonToSite', personId, siteId, facts: { siteKnown } }, expectedVersion);
    });
  }
}
