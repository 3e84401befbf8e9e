import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand, type CommandContext } from '@growth/es';
import { PostgresEventStore } from '@growth/es-postgres';
import { frameworkDecider } from '../domain/framework.decider';
import type { CreateFrameworkDraft } from '../domain/framework.commands';
import { frameworkStreamId, publishFrameworkEvent } from '../framework.stream';

export class CreateFrameworkDraftCommand {
  constructor(
    readonly command: CreateFrameworkDraft,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CreateFrameworkDraftCommand)
export class CreateFrameworkDraftHandler implements ICommandHandler<CreateFrameworkDraftCommand, { version: number }> {
  constructor(private readonly store: PostgresEventStore) {}

  async execute({ command, context }: CreateFrameworkDraftCommand): Promise<{ version: number }> {
    const result = await handleCommand(this.store, frameworkDecider, frameworkStreamId(context.tenantId, command.frameworkId), command, {
      expectedVersion: 'no_stream',
      context,
      publish: publishFrameworkEvent,
    });
    return { version: result.nextExpectedVersion };
  }
}
