import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { siteFacts } from '../site-facts';

export class MoveSiteCommand {
  constructor(
    readonly siteId: string,
    readonly parentSiteId: string | null,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {}
}

/** The descendant check sees the current tree; the tenant lock keeps a concurrent move from closing a loop with this one. */
@CommandHandler(MoveSiteCommand)
export class MoveSiteHandler extends DirectoryCommandHandler implements ICommandHandler<MoveSiteCommand, CommandResult> {
  execute({ siteId, parentSiteId, expectedVersion, context }: MoveSiteCommand): Promise<CommandResult> {
    return this.run(context, async (tx) => {
      const facts = await siteFacts(tx.manager, tx.tenantId, parentSiteId);
      return tx.site(siteId, { type: 'MoveSite', siteId, parentSiteId, facts }, expectedVersion);
    });
  }
}
