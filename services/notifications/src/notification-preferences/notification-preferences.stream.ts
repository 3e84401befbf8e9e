import { streamId, type Aggregate } from '@growth/es';
import { latestStateProjection } from '@growth/es-postgres';
import type { NotificationPreferencesCommand } from './domain/notification-preferences.commands';
import { notificationPreferencesDecider } from './domain/notification-preferences.decider';
import type { NotificationPreferencesEvent } from './domain/notification-preferences.events';
import type { NotificationPreferencesState } from './domain/notification-preferences.model';

export const notificationPreferencesAggregate: Aggregate<NotificationPreferencesCommand, NotificationPreferencesState, NotificationPreferencesEvent> = {
  name: 'Notification preferences',
  decider: notificationPreferencesDecider,
  streamId: (tenantId, personId) => streamId('notification-preferences', tenantId, personId),
};

/** `notification_preferences`, inline: each person's choices. */
export const notificationPreferencesProjection = latestStateProjection<NotificationPreferencesState, NotificationPreferencesEvent>({
  name: 'notifications.preferences',
  category: 'notification-preferences',
  decider: notificationPreferencesDecider,
  async save(manager, tenantId, states) {
    await manager.query(
      `INSERT INTO notification_preferences (tenant_id, person_id, state, version)
       SELECT $1, p.person_id, p.state, p.version FROM unnest($2::uuid[], $3::jsonb[], $4::int[]) AS p(person_id, state, version)
       ON CONFLICT (tenant_id, person_id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version`,
      [tenantId, states.map((s) => s.state.personId), states.map((s) => JSON.stringify(s.state)), states.map((s) => s.version)],
    );
  },
});
