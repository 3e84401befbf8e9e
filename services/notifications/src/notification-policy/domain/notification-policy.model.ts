import { CHANNELS, NOTIFICATION_KINDS, type Channel, type NotificationKind } from '../../delivery/notification';

/** How a tenant wants one kind of message sent: whether at all, and over which channels. */
export interface KindSetting {
  readonly enabled: boolean;
  readonly channels: readonly Channel[];
}

/**
 * A tenant's notification policy. Reminders go a number of days before each due date (default 14 and 3), on the
 * day itself, and escalate the day after a missed one; all at `sendAt` on the tenant's wall clocks.
 */
export interface NotificationPolicyState {
  readonly kinds: Readonly<Record<NotificationKind, KindSetting>>;
  readonly daysBefore: readonly number[];
  readonly sendAt: string;
  /** HR's shared mailbox for escalations by email; null sends HR's escalations to the HR inbox only. */
  readonly hrMailbox: string | null;
}

export const DEFAULT_DAYS_BEFORE: readonly number[] = [14, 3];
export const DEFAULT_SEND_AT = '08:00';

export const initialNotificationPolicy = (): NotificationPolicyState => ({
  kinds: Object.fromEntries(NOTIFICATION_KINDS.map((kind): [NotificationKind, KindSetting] => [kind, { enabled: true, channels: [...CHANNELS] }])) as Record<NotificationKind, KindSetting>,
  daysBefore: DEFAULT_DAYS_BEFORE,
  sendAt: DEFAULT_SEND_AT,
  hrMailbox: null,
});

/** Who may change it: the tenant's administrators and HR. */
export type PolicyActor = { readonly kind: 'PERSON'; readonly personId: string; readonly mayConfigure: boolean };
