import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { findSite } from '../../site/site.queries';

export class MovePersonToSiteCommand {
  constructor(
    readonly personId: string,
    readonly siteId: string,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(MovePersonToSiteCommand)
export class MovePersonToSiteHandler extends DirectoryCommandHandler implements ICommandHandler<MovePersonToSiteCommand, CommandResult> {
  execute({ personId, siteId, expectedVersion, context }: MovePersonToSiteCommand): Promise<CommandResult> {
    return this.run(context, async (tx) => {
      const siteKnown = Boolean(await findSite(tx.manager, tx.tenantId, siteId));
      return tx.person(personId, { type: 'MovePersonToSite', personId, siteId, facts: { siteKnown } }, expectedVersion);
    });
  }
}
