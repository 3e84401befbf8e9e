import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand, type CommandContext, type Decider, type ExpectedVersion } from '@growth/es';
import { PostgresEventStore } from '@growth/es-postgres';
import { frameworkDecider, type FrameworkState } from '../domain/framework.decider';
import type { FrameworkCommand } from '../domain/framework.commands';
import type { FrameworkEvent } from '../domain/framework.events';
import { frameworkStreamId, publishFrameworkEvent } from '../framework.stream';

/**
 * One or more commands to one framework, decided in order against the state each leaves and appended together in
 * one transaction: all their events are stored, or none (a document import is CreateFrameworkDraft +
 * ReplaceFrameworkDraftContent; a stale expected version or any refused command writes nothing).
 */
export class ApplyFrameworkCommandsCommand {
  constructor(
    readonly frameworkId: string,
    readonly commands: readonly FrameworkCommand[],
    readonly expectedVersion: ExpectedVersion,
    readonly context: CommandContext,
  ) {}
}

/** Decides `commands` in order from `state`: the events of all of them, or the first refusal. Pure. */
export const decideAll = (state: FrameworkState, commands: readonly FrameworkCommand[]): FrameworkEvent[] => {
  const events: FrameworkEvent[] = [];
  let current = state;
  for (const command of commands) {
    const decided = frameworkDecider.decide(command, current);
    current = decided.reduce((s, e) => frameworkDecider.evolve(s, e), current);
    events.push(...decided);
  }
  return events;
};

/** The framework decider lifted to a list of commands, so the shared load-fold-decide-append applies unchanged. */
const frameworkBatchDecider: Decider<readonly FrameworkCommand[], FrameworkState, FrameworkEvent> = {
  ...frameworkDecider,
  decide: (commands, state) => decideAll(state, commands),
};

@CommandHandler(ApplyFrameworkCommandsCommand)
export class ApplyFrameworkCommandsHandler implements ICommandHandler<ApplyFrameworkCommandsCommand, { version: number }> {
  constructor(private readonly store: PostgresEventStore) {}

  async execute({ frameworkId, commands, expectedVersion, context }: ApplyFrameworkCommandsCommand): Promise<{ version: number }> {
    const stream = frameworkStreamId(context.tenantId, frameworkId);
    const result = await handleCommand(this.store, frameworkBatchDecider, stream, commands, { expectedVersion, context, publish: publishFrameworkEvent });
    return { version: result.nextExpectedVersion };
  }
}
