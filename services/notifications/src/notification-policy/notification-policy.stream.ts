import type { EntityManager } from 'typeorm';
import { streamId, type Aggregate } from '@growth/es';
import { latestStateProjection } from '@growth/es-postgres';
import { rescheduleTenantReminders } from '../reminder/reminder-jobs';
import type { NotificationPolicyCommand } from './domain/notification-policy.commands';
import { notificationPolicyDecider } from './domain/notification-policy.decider';
import type { NotificationPolicyEvent } from './domain/notification-policy.events';
import { initialNotificationPolicy, type NotificationPolicyState } from './domain/notification-policy.model';

/** One policy per tenant. */
export const notificationPolicyStreamId = (tenantId: string): string => streamId('notification-policy', tenantId, tenantId);

export const notificationPolicyAggregate: Aggregate<NotificationPolicyCommand, NotificationPolicyState, NotificationPolicyEvent> = {
  name: 'Notification policy',
  decider: notificationPolicyDecider,
  streamId: (tenantId) => notificationPolicyStreamId(tenantId),
};

/** The tenant's policy now: the default until it is first changed. */
export const policyOf = async (manager: EntityManager, tenantId: string): Promise<NotificationPolicyState> => {
  const [row]: Array<{ state: NotificationPolicyState }> = await manager.query(`SELECT state FROM notification_policies WHERE tenant_id = $1`, [tenantId]);
  return row ? { ...initialNotificationPolicy(), ...row.state, kinds: { ...initialNotificationPolicy().kinds, ...row.state.kinds } } : initialNotificationPolicy();
};

/**
 * `notification_policies`, inline; a changed reminder schedule moves every waiting reminder of the tenant in the
 * same transaction, so no reminder is ever planned under a schedule that is no longer the tenant's.
 */
export const notificationPolicyProjection = latestStateProjection<NotificationPolicyState, NotificationPolicyEvent>({
  name: 'notifications.policies',
  category: 'notification-policy',
  decider: notificationPolicyDecider,
  async save(manager, tenantId, states) {
    const [latest] = states;
    const previous = await policyOf(manager, tenantId);
    await manager.query(
      `INSERT INTO notification_policies (tenant_id, state, version) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version`,
      [tenantId, JSON.stringify(latest.state), latest.version],
    );
    if (previous.sendAt !== latest.state.sendAt || previous.daysBefore.join() !== latest.state.daysBefore.join()) {
      await rescheduleTenantReminders(manager, tenantId, latest.state, previous, new Date());
    }
  },
});
