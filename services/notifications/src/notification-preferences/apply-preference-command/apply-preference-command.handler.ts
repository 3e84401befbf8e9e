import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { runCommand, type CommandContext, type EventStore } from '@growth/es';
import { EVENT_STORE } from '@growth/service-kit';
import type { Channel, NotificationKind } from '../../delivery/notification';
import { policyOf } from '../../notification-policy/notification-policy.stream';
import { notificationPreferencesAggregate } from '../notification-preferences.stream';

export class ApplyNotificationPreferenceCommand extends Command<{ version: number }> {
  constructor(
    readonly kind: NotificationKind,
    readonly channels: readonly Channel[] | null,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** A person narrows the channels of one kind, within what the tenant allows at that moment. */
@CommandHandler(ApplyNotificationPreferenceCommand)
export class ApplyNotificationPreferenceCommandHandler implements ICommandHandler<ApplyNotificationPreferenceCommand, { version: number }> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<EntityManager>) {}

  execute({ kind, channels, context }: ApplyNotificationPreferenceCommand): Promise<{ version: number }> {
    return runCommand(
      this.store,
      context,
      async (unit) => {
        const policy = await policyOf(unit.transaction, context.tenantId);
        const allowedChannels = policy.kinds[kind]?.enabled ? policy.kinds[kind].channels : [];
        const decided = await unit.decide(notificationPreferencesAggregate, context.actorId, {
          type: 'SetNotificationPreference',
          personId: context.actorId,
          actorId: context.actorId,
          kind,
          channels,
          facts: { allowedChannels },
        });
        return { version: decided.version };
      },
      { retryOnConflict: 2 },
    );
  }
}
