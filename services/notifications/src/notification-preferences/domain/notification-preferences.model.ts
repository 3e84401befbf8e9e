import type { Channel, NotificationKind } from '../../delivery/notification';

/** The channels a person chose for some kinds; a kind not chosen follows the tenant's policy. */
export interface NotificationPreferencesState {
  readonly personId: string | null;
  readonly channels: Readonly<Partial<Record<NotificationKind, readonly Channel[]>>>;
}

export const initialNotificationPreferences = (): NotificationPreferencesState => ({ personId: null, channels: {} });
