import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { runCommand, type CommandContext, type EventStore, type ExpectedVersion } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import type { FrameworkCommand } from '../domain/framework.commands';
import { frameworkAggregate } from '../framework.stream';

/**
 * One or more commands to one framework, decided in order against the state each leaves and appended together in
 * one transaction: all their events are stored, or none (a document import is CreateFrameworkDraft +
 * ReplaceFrameworkDraftContent; a stale expected version or any refused command writes nothing).
 */
export class ApplyFrameworkCommands extends Command<{ version: number }> {
  constructor(
    readonly frameworkId: string,
    readonly commands: readonly FrameworkCommand[],
    readonly expectedVersion: ExpectedVersion,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ApplyFrameworkCommands)
export class ApplyFrameworkCommandsHandler implements ICommandHandler<ApplyFrameworkCommands, { version: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  async execute({ frameworkId, commands, expectedVersion, context }: ApplyFrameworkCommands): Promise<{ version: number }> {
    const { version } = await runCommand(this.store, context, (unit) => unit.decide(frameworkAggregate, frameworkId, commands, expectedVersion));
    return { version };
  }
}
