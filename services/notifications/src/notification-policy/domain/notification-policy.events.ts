import type { DomainEvent } from '@growth/es';
import type { Channel, NotificationKind } from '../../delivery/notification';

export type NotificationKindConfigured = DomainEvent<'NotificationKindConfigured', { kind: NotificationKind; enabled: boolean; channels: Channel[]; by: string }>;
export type ReminderScheduleSet = DomainEvent<'ReminderScheduleSet', { daysBefore: number[]; sendAt: string; by: string }>;
export type HrMailboxSet = DomainEvent<'HrMailboxSet', { email: string | null; by: string }>;

export type NotificationPolicyEvent = NotificationKindConfigured | ReminderScheduleSet | HrMailboxSet;
