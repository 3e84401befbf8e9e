import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { runCommand, type CommandContext, type EventStore, type ExpectedVersion } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import type { SetGoalPolicy } from '../domain/goal-policy.commands';
import { goalPolicyAggregate } from '../goal-policy.stream';

export class SetGoalPolicyCommand extends Command<{ version: number }> {
  constructor(
    readonly command: SetGoalPolicy,
    readonly expectedVersion: ExpectedVersion | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The tenant's goal policy: one stream per tenant, named by the tenant of the verified caller. */
@CommandHandler(SetGoalPolicyCommand)
export class SetGoalPolicyHandler implements ICommandHandler<SetGoalPolicyCommand, { version: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  async execute({ command, expectedVersion, context }: SetGoalPolicyCommand): Promise<{ version: number }> {
    const { version } = await runCommand(this.store, context, (unit) => unit.decide(goalPolicyAggregate, unit.tenantId, command, expectedVersion));
    return { version };
  }
}
