import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand, type CommandContext } from '@growth/es';
import { PostgresEventStore } from '@growth/es-postgres';
import { frameworkDecider } from '../domain/framework.decider';
import type { RenameFrameworkDraft } from '../domain/framework.commands';
import { frameworkStreamId, publishFrameworkEvent } from '../framework.stream';

export class RenameFrameworkDraftCommand {
  constructor(
    readonly command: RenameFrameworkDraft,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RenameFrameworkDraftCommand)
export class RenameFrameworkDraftHandler implements ICommandHandler<RenameFrameworkDraftCommand, { version: number }> {
  constructor(private readonly store: PostgresEventStore) {}

  async execute({ command, expectedVersion, context }: RenameFrameworkDraftCommand): Promise<{ version: number }> {
    const result = await handleCommand(this.store, frameworkDecider, frameworkStreamId(context.tenantId, command.frameworkId), command, {
      expectedVersion,
      context,
      publish: publishFrameworkEvent,
    });
    return { version: result.nextExpectedVersion };
  }
}
