import type { Channel, NotificationKind } from '../../delivery/notification';
import type { PolicyActor } from './notification-policy.model';

export interface ConfigureNotificationKind {
  readonly type: 'ConfigureNotificationKind';
  readonly actor: PolicyActor;
  readonly kind: NotificationKind;
  readonly enabled: boolean;
  readonly channels: readonly Channel[];
}

export interface SetReminderSchedule {
  readonly type: 'SetReminderSchedule';
  readonly actor: PolicyActor;
  readonly daysBefore: readonly number[];
  readonly sendAt: string;
}

export interface SetHrMailbox {
  readonly type: 'SetHrMailbox';
  readonly actor: PolicyActor;
  readonly email: string | null;
}

export type NotificationPolicyCommand = ConfigureNotificationKind | SetReminderSchedule | SetHrMailbox;
