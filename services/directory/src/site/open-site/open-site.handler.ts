import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { OpenSite } from '../domain/site.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { siteFacts } from '../site-facts';

export class OpenSiteCommand {
  constructor(
    readonly command: Omit<OpenSite, 'type' | 'facts'>,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(OpenSiteCommand)
export class OpenSiteHandler extends DirectoryCommandHandler implements ICommandHandler<OpenSiteCommand, CommandResult> {
  execute({ command, context }: OpenSiteCommand): Promise<CommandResult> {
    return this.run(context, async (tx) => {
      const facts = await siteFacts(tx.manager, tx.tenantId, command.parentSiteId, command.code);
      return tx.site(command.siteId, { type: 'OpenSite', ...command, facts }, 'no_stream');
    });
  }
}
