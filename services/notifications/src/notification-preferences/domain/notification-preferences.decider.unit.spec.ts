import { DeciderSpecification, ForbiddenError, ValidationFailedError } from '@growth/es';
import { notificationPreferencesDecider } from './notification-preferences.decider';
import type { SetNotificationPreference } from './notification-preferences.commands';

const spec = DeciderSpecification.for(notificationPreferencesDecider);
const set = (channels: SetNotificationPreference['channels'], allowed: SetNotificationPreference['facts']['allowedChannels'] = ['INBOX', 'EMAIL'], actorId = 'p-1'): SetNotificationPreference => ({
  type: 'SetNotificationPreference',
  personId: 'p-1',
  actorId,
  kind: 'DEADLINE_REMINDER',
  channels,
  facts: { allowedChannels: allowed },
});
const chose = (channels: Array<'INBOX' | 'EMAIL'> | null) => ({ type: 'NotificationPreferenceSet' as const, data: { personId: 'p-1', kind: 'DEADLINE_REMINDER' as const, channels } });

describe('notification preferences decider', () => {
  it('lets a person turn a channel off and back to the tenant default', () => {
    spec.given([]).when(set(['INBOX'])).then([chose(['INBOX'])]);
    spec.given([chose(['INBOX'])]).when(set(null)).then([chose(null)]);
    spec.given([chose(['INBOX'])]).when(set(['INBOX'])).thenNothingHappens();
  });
  it('never turns on a channel the tenant has off for the kind', () => {
    spec.given([]).when(set(['EMAIL'], ['INBOX'])).thenThrows(ValidationFailedError);
  });
  it("refuses someone else's preferences", () => {
    spec.given([]).when(set(['INBOX'], ['INBOX', 'EMAIL'], 'p-2')).thenThrows(ForbiddenError);
  });
});
