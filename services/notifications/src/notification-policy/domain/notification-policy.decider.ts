import { isTimeOfDay } from '@growth/calendar';
import { assertNever, ForbiddenError, ValidationFailedError, type Decider, type ValidationIssue } from '@growth/es';
import { CHANNELS, NOTIFICATION_KINDS } from '../../delivery/notification';
import type { NotificationPolicyCommand } from './notification-policy.commands';
import type { NotificationPolicyEvent } from './notification-policy.events';
import { initialNotificationPolicy, type NotificationPolicyState } from './notification-policy.model';

/** Reminders further ahead than a term are noise, and more than a handful per deadline nag. */
const MAX_DAYS_BEFORE = 90;
const MAX_REMINDERS = 5;
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

const refuse = (issues: readonly ValidationIssue[]): void => {
  if (issues.length > 0) throw new ValidationFailedError(issues);
};

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

const decide = (command: NotificationPolicyCommand, state: NotificationPolicyState): NotificationPolicyEvent[] => {
  if (!command.actor.mayConfigure) throw new ForbiddenError('Only HR or a tenant administrator may change notification settings');
  const by = command.actor.personId;
  switch (command.type) {
    case 'ConfigureNotificationKind': {
      const issues: ValidationIssue[] = [];
      if (!NOTIFICATION_KINDS.includes(command.kind)) issues.push({ path: 'kind', message: `must be one of ${NOTIFICATION_KINDS.join(', ')}` });
      const unknown = command.channels.filter((c) => !CHANNELS.includes(c));
      if (unknown.length) issues.push({ path: 'channels', message: `unknown channel ${unknown.join(', ')}` });
      if (command.enabled && command.channels.length === 0) issues.push({ path: 'channels', message: 'an enabled kind needs at least one channel' });
      refuse(issues);
      const channels = CHANNELS.filter((c) => command.channels.includes(c));
      const current = state.kinds[command.kind];
      if (current.enabled === command.enabled && sameList(current.channels, channels)) return [];
      return [{ type: 'NotificationKindConfigured', data: { kind: command.kind, enabled: command.enabled, channels, by } }];
    }
    case 'SetReminderSchedule': {
      const issues: ValidationIssue[] = [];
      command.daysBefore.forEach((d, i) => {
        if (!Number.isInteger(d) || d < 1 || d > MAX_DAYS_BEFORE) issues.push({ path: `daysBefore.${i}`, message: `must be a whole number of days from 1 to ${MAX_DAYS_BEFORE}` });
      });
      if (command.daysBefore.length > MAX_REMINDERS) issues.push({ path: 'daysBefore', message: `at most ${MAX_REMINDERS} reminders before a deadline` });
      if (new Set(command.daysBefore).size !== command.daysBefore.length) issues.push({ path: 'daysBefore', message: 'each day may appear once' });
      if (!isTimeOfDay(command.sendAt)) issues.push({ path: 'sendAt', message: 'must be a time of day, HH:MM' });
      refuse(issues);
      const daysBefore = [...command.daysBefore].sort((a, b) => b - a);
      if (sameList(daysBefore, state.daysBefore) && command.sendAt === state.sendAt) return [];
      return [{ type: 'ReminderScheduleSet', data: { daysBefore, sendAt: command.sendAt, by } }];
    }
    case 'SetHrMailbox': {
      const email = command.email?.trim() || null;
      if (email !== null && (email.length > 254 || !EMAIL.test(email))) refuse([{ path: 'email', message: 'must be an email address' }]);
      if (email === state.hrMailbox) return [];
      return [{ type: 'HrMailboxSet', data: { email, by } }];
    }
    default:
      return assertNever(command, 'notification policy command');
  }
};

const evolve = (state: NotificationPolicyState, event: NotificationPolicyEvent): NotificationPolicyState => {
  switch (event.type) {
    case 'NotificationKindConfigured':
      return { ...state, kinds: { ...state.kinds, [event.data.kind]: { enabled: event.data.enabled, channels: event.data.channels } } };
    case 'ReminderScheduleSet':
      return { ...state, daysBefore: event.data.daysBefore, sendAt: event.data.sendAt };
    case 'HrMailboxSet':
      return { ...state, hrMailbox: event.data.email };
    default:
      return assertNever(event, 'notification policy event');
  }
};

export const notificationPolicyDecider: Decider<NotificationPolicyCommand, NotificationPolicyState, NotificationPolicyEvent> = {
  initialState: initialNotificationPolicy,
  decide,
  evolve,
};
