import type { DomainEvent } from '@growth/es';
import type { Channel, NotificationKind } from '../../delivery/notification';

export type NotificationPreferenceSet = DomainEvent<'NotificationPreferenceSet', { personId: string; kind: NotificationKind; channels: Channel[] | null }>;

export type NotificationPreferencesEvent = NotificationPreferenceSet;
