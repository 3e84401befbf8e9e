import type { Channel, NotificationKind } from '../../delivery/notification';

export interface SetNotificationPreference {
  readonly type: 'SetNotificationPreference';
  /** Only the person themself chooses. */
  readonly personId: string;
  readonly actorId: string;
  readonly kind: NotificationKind;
  /** Null returns the kind to the tenant's channels. */
  readonly channels: readonly Channel[] | null;
  /** What the tenant allows for the kind now. */
  readonly facts: { readonly allowedChannels: readonly Channel[] };
}

export type NotificationPreferencesCommand = SetNotificationPreference;
