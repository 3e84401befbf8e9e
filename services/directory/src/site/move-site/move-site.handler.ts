import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { siteFacts } from '../site-facts';
import { siteAggregate } from '../site.stream';

export class MoveSiteCommand extends Command<CommandResult> {
  constructor(
    readonly siteId: string,
    readonly parentSiteId: string | null,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The descendant check sees the current tree; the tenant lock keeps a concurrent move from closing a loop with this one. */
@CommandHandler(MoveSiteCommand)
export class MoveSiteHandler extends DirectoryCommandHandler implements ICommandHandler<MoveSiteCommand, CommandResult> {
  execute({ siteId, parentSiteId, expectedVersion, context }: MoveSiteCommand): Promise<CommandResult> {
    return this.run(context, async (unit) => {
      const facts = await siteFacts(unit.transaction, unit.tenantId, parentSiteId);
      return unit.decide(siteAggregate, siteId, { type: 'MoveSite', siteId, parentSiteId, facts }, expectedVersion);
    });
  }
}
