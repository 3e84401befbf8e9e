import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { runCommand, type CommandContext, type EventStore } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import type { NotificationPolicyCommand } from '../domain/notification-policy.commands';
import { notificationPolicyAggregate } from '../notification-policy.stream';

export class ApplyNotificationPolicyCommand extends Command<{ version: number }> {
  constructor(
    readonly command: NotificationPolicyCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A change to the tenant's notification policy; its projection moves waiting reminders in the same transaction. */
@CommandHandler(ApplyNotificationPolicyCommand)
export class ApplyNotificationPolicyCommandHandler implements ICommandHandler<ApplyNotificationPolicyCommand, { version: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  execute({ command, context }: ApplyNotificationPolicyCommand): Promise<{ version: number }> {
    return runCommand(
      this.store,
      context,
      async (unit) => ({ version: (await unit.decide(notificationPolicyAggregate, context.tenantId, command)).version }),
      { retryOnConflict: 2 },
    );
  }
}
