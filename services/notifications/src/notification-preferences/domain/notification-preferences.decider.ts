import { ForbiddenError, ValidationFailedError, type Decider } from '@growth/es';
import { CHANNELS, NOTIFICATION_KINDS } from '../../delivery/notification';
import type { NotificationPreferencesCommand } from './notification-preferences.commands';
import type { NotificationPreferencesEvent } from './notification-preferences.events';
import { initialNotificationPreferences, type NotificationPreferencesState } from './notification-preferences.model';

const decide = (command: NotificationPreferencesCommand, state: NotificationPreferencesState): NotificationPreferencesEvent[] => {
  if (command.actorId !== command.personId) throw new ForbiddenError('Only the person themself sets their notification preferences');
  if (!NOTIFICATION_KINDS.includes(command.kind)) throw new ValidationFailedError([{ path: 'kind', message: `must be one of ${NOTIFICATION_KINDS.join(', ')}` }]);
  let channels: NotificationPreferencesState['channels'][typeof command.kind] | null = null;
  if (command.channels !== null) {
    const outside = command.channels.filter((c) => !command.facts.allowedChannels.includes(c));
    // Within what the tenant allows: a person can turn a channel off, never on where the tenant has it off.
    if (outside.length) throw new ValidationFailedError([{ path: 'channels', message: `the tenant does not send this kind by ${outside.join(', ')}` }]);
    channels = CHANNELS.filter((c) => command.channels?.includes(c));
  }
  const current = state.channels[command.kind] ?? null;
  if (JSON.stringify(current) === JSON.stringify(channels)) return [];
  return [{ type: 'NotificationPreferenceSet', data: { personId: command.personId, kind: command.kind, channels: channels === null ? null : [...channels] } }];
};

const evolve = (state: NotificationPreferencesState, event: NotificationPreferencesEvent): NotificationPreferencesState => {
  const channels = { ...state.channels };
  if (event.data.channels === null) delete channels[event.data.kind];
  else channels[event.data.kind] = event.data.channels;
  return { personId: event.data.personId, channels };
};

export const notificationPreferencesDecider: Decider<NotificationPreferencesCommand, NotificationPreferencesState, NotificationPreferencesEvent> = {
  initialState: initialNotificationPreferences,
  decide,
  evolve,
};
