import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { runCommand, type CommandContext, type EventStore } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import type { CrosswalkCommand } from '../domain/crosswalk.commands';
import { crosswalkAggregate } from '../crosswalk.stream';

/**
 * One crosswalk command. The crosswalk spans the tenant, so clients send no expected version (it would conflict with
 * unrelated alignments): a concurrent writer makes the unit run again from a fresh read, and the decider checks the
 * pair once more against what is then stored.
 */
export class ApplyCrosswalkCommand extends Command<{ version: number }> {
  constructor(
    readonly command: CrosswalkCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

const RETRIES_ON_CONFLICT = 3;

@CommandHandler(ApplyCrosswalkCommand)
export class ApplyCrosswalkCommandHandler implements ICommandHandler<ApplyCrosswalkCommand, { version: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  async execute({ command, context }: ApplyCrosswalkCommand): Promise<{ version: number }> {
    const { version } = await runCommand(this.store, context, (unit) => unit.decide(crosswalkAggregate, context.tenantId, command), { retryOnConflict: RETRIES_ON_CONFLICT });
    return { version };
  }
}
