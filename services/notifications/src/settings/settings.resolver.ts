import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { withTenant } from '@growth/es-postgres';
import { authorize, commandContext, CurrentIdentity, decodeTimeCursor, encodeTimeCursor, hasAnyRole, requirePageSize, type Identity } from '@growth/service-kit';
import { notificationsPolicy } from '../access/notifications.policy';
import { NOTIFICATION_KINDS, type Channel, type NotificationKind } from '../delivery/notification';
import { ApplyNotificationPolicyCommand } from '../notification-policy/apply-policy-command/apply-policy-command.handler';
import type { NotificationPolicyCommand } from '../notification-policy/domain/notification-policy.commands';
import type { NotificationPolicyState } from '../notification-policy/domain/notification-policy.model';
import { policyOf } from '../notification-policy/notification-policy.stream';
import { ApplyNotificationPreferenceCommand } from '../notification-preferences/apply-preference-command/apply-preference-command.handler';
import type { NotificationPreferencesState } from '../notification-preferences/domain/notification-preferences.model';
import { NotificationKindEnum } from '../inbox/inbox.graphql';
import { ChannelEnum, ConfigureNotificationKindInput, NotificationPolicyView, PreferenceView, SendPage, SetReminderScheduleInput, type SendView } from './settings.graphql';

const MAX_PAGE = 100;

type WithoutActor<C> = C extends unknown ? Omit<C, 'actor'> : never;

const viewOf = (state: NotificationPolicyState, version: number): NotificationPolicyView => ({
  kinds: NOTIFICATION_KINDS.map((kind) => ({ kind, enabled: state.kinds[kind].enabled, channels: [...state.kinds[kind].channels] })),
  daysBefore: [...state.daysBefore],
  sendAt: state.sendAt,
  hrMailbox: state.hrMailbox,
  version,
});

/** The tenant's notification policy (HR and administrators), each person's preferences, and the send log. */
@Resolver()
export class SettingsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
  ) {}

  private readPolicy(tenantId: string): Promise<NotificationPolicyView> {
    return withTenant(this.dataSource, tenantId, async (m) => {
      const [row]: Array<{ version: number }> = await m.query(`SELECT version FROM notification_policies WHERE tenant_id = $1`, [tenantId]);
      return viewOf(await policyOf(m, tenantId), row?.version ?? -1);
    });
  }

  private async change(identity: Identity, command: WithoutActor<NotificationPolicyCommand>): Promise<NotificationPolicyView> {
    authorize(notificationsPolicy, identity, 'configure notifications');
    const actor = { kind: 'PERSON' as const, personId: identity.actorId, mayConfigure: hasAnyRole(identity, 'hr', 'tenant_admin') };
    await this.commands.execute(new ApplyNotificationPolicyCommand({ ...command, actor } as NotificationPolicyCommand, commandContext(identity)));
    return this.readPolicy(identity.tenantId);
  }

  @Query(() => NotificationPolicyView, { description: "The tenant's notification policy." })
  notificationPolicy(@CurrentIdentity() identity: Identity): Promise<NotificationPolicyView> {
    authorize(notificationsPolicy, identity, 'configure notifications');
    return this.readPolicy(identity.tenantId);
  }

  @Mutation(() => NotificationPolicyView, { description: 'Switches a kind of message on or off and chooses its channels.' })
  configureNotificationKind(@CurrentIdentity() identity: Identity, @Args('input') input: ConfigureNotificationKindInput): Promise<NotificationPolicyView> {
    return this.change(identity, { type: 'ConfigureNotificationKind', kind: input.kind, enabled: input.enabled, channels: input.channels });
  }

  @Mutation(() => NotificationPolicyView, { description: 'Sets how many days before each due date reminders go, and at what local time; waiting reminders move.' })
  setReminderSchedule(@CurrentIdentity() identity: Identity, @Args('input') input: SetReminderScheduleInput): Promise<NotificationPolicyView> {
    return this.change(identity, { type: 'SetReminderSchedule', daysBefore: input.daysBefore, sendAt: input.sendAt });
  }

  @Mutation(() => NotificationPolicyView, { description: "Sets (or clears, with null) HR's shared mailbox for escalations by email." })
  setHrMailbox(@CurrentIdentity() identity: Identity, @Args('email', { type: () => String, nullable: true }) email: string | null): Promise<NotificationPolicyView> {
    return this.change(identity, { type: 'SetHrMailbox', email });
  }

  @Query(() => [PreferenceView], { description: 'Where each kind of message reaches you.' })
  myNotificationPreferences(@CurrentIdentity() identity: Identity): Promise<PreferenceView[]> {
    authorize(notificationsPolicy, identity, 'set my preferences');
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const policy = await policyOf(m, identity.tenantId);
      const [row]: Array<{ state: NotificationPreferencesState }> = await m.query(`SELECT state FROM notification_preferences WHERE tenant_id = $1 AND person_id::text = $2`, [
        identity.tenantId,
        identity.actorId,
      ]);
      return NOTIFICATION_KINDS.map((kind) => {
        const allowed = policy.kinds[kind].enabled ? [...policy.kinds[kind].channels] : [];
        const own = row?.state.channels[kind];
        return { kind, allowed, chosen: own !== undefined, channels: allowed.filter((c) => own === undefined || own.includes(c)) };
      });
    });
  }

  @Mutation(() => [PreferenceView], { description: "Chooses the channels of one kind within the tenant's; null returns to the tenant's." })
  async setMyNotificationPreference(
    @CurrentIdentity() identity: Identity,
    @Args('kind', { type: () => NotificationKindEnum }) kind: NotificationKind,
    @Args('channels', { type: () => [ChannelEnum], nullable: true }) channels: Channel[] | null,
  ): Promise<PreferenceView[]> {
    authorize(notificationsPolicy, identity, 'set my preferences');
    await this.commands.execute(new ApplyNotificationPreferenceCommand(kind, channels, commandContext(identity)));
    return this.myNotificationPreferences(identity);
  }

  @Query(() => SendPage, { description: 'Every send with its attempts and outcome, newest first; filter by recipient (a person id or role:hr) or status.' })
  notificationSends(
    @CurrentIdentity() identity: Identity,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('recipient', { type: () => String, nullable: true }) recipient?: string,
    @Args('status', { type: () => String, nullable: true }) status?: string,
  ): Promise<SendPage> {
    authorize(notificationsPolicy, identity, 'read the send log');
    requirePageSize(first, MAX_PAGE);
    const cursor = after ? decodeTimeCursor(after) : null;
    return withTenant(this.dataSource, identity.tenantId, async (m) => {
      const rows: Array<Record<string, unknown>> = await m.query(
        `SELECT s.send_id, s.kind, s.subject, s.reminder, s.channel, s.recipient, s.status, s.created_at,
                COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'attemptedAt', a.attempted_at, 'outcome', a.outcome, 'detail', a.detail) ORDER BY a.attempt)
                          FROM notification_send_attempts a WHERE a.tenant_id = s.tenant_id AND a.send_id = s.send_id), '[]') AS attempts
         FROM notification_sends s
         WHERE s.tenant_id = $1 AND ($2::text IS NULL OR s.recipient = $2) AND ($3::text IS NULL OR s.status = $3)
           AND ($4::timestamptz IS NULL OR (s.created_at, s.send_id) < ($4::timestamptz, $5::uuid))
         ORDER BY s.created_at DESC, s.send_id DESC LIMIT $6`,
        [identity.tenantId, recipient ?? null, status ?? null, cursor?.at ?? null, cursor?.id ?? null, first + 1],
      );
      const items: SendView[] = rows.slice(0, first).map((r) => ({
        id: r.send_id as string,
        kind: r.kind as NotificationKind,
        subject: r.subject as string,
        reminder: r.reminder as string,
        channel: r.channel as Channel,
        recipient: r.recipient as string,
        status: r.status as string,
        createdAt: r.created_at as Date,
        attempts: (r.attempts as Array<{ attempt: number; attemptedAt: string; outcome: string; detail: string | null }>).map((a) => ({ ...a, attemptedAt: new Date(a.attemptedAt) })),
      }));
      const last = items[items.length - 1];
      return { items, hasNextPage: rows.length > first, endCursor: last ? encodeTimeCursor(last.createdAt, last.id) : null };
    });
  }
}
