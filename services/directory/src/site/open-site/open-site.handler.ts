import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '@growth/es';
import type { OpenSite } from '../domain/site.commands';
import { DirectoryCommandHandler, type CommandResult } from '../../shared/directory-command-handler';
import { siteFacts } from '../site-facts';
import { siteAggregate } from '../site.stream';

export class OpenSiteCommand extends Command<CommandResult> {
  constructor(
    readonly command: Omit<OpenSite, 'type' | 'facts'>,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(OpenSiteCommand)
export class OpenSiteHandler extends DirectoryCommandHandler implements ICommandHandler<OpenSiteCommand, CommandResult> {
  execute({ command, context }: OpenSiteCommand): Promise<CommandResult> {
    return this.run(context, async (unit) => {
      const facts = await siteFacts(unit.transaction, unit.tenantId, command.parentSiteId, command.code);
      return unit.decide(siteAggregate, command.siteId, { type: 'OpenSite', ...command, facts }, 'no_stream');
    });
  }
}
