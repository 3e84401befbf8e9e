import { streamId, type Aggregate } from '@growth/es';
import { latestStateProjection } from '@growth/es-postgres';
import type { WebhookEndpointCommand } from './domain/webhook-endpoint.commands';
import { webhookEndpointDecider } from './domain/webhook-endpoint.decider';
import type { WebhookEndpointEvent } from './domain/webhook-endpoint.events';
import type { WebhookEndpointState } from './domain/webhook-endpoint.model';

export const webhookEndpointStreamId = (tenantId: string, endpointId: string): string => streamId('webhook-endpoint', tenantId, endpointId);

/** Endpoints stay inside the notifications service: nothing about them is published. */
export const webhookEndpointAggregate: Aggregate<WebhookEndpointCommand, WebhookEndpointState, WebhookEndpointEvent> = {
  name: 'Webhook endpoint',
  decider: webhookEndpointDecider,
  streamId: webhookEndpointStreamId,
};

/** The endpoints' latest states, which the delivery projection matches events against and the API lists. */
export const webhookEndpointListProjection = latestStateProjection<WebhookEndpointState, WebhookEndpointEvent>({
  name: 'notifications.webhook-endpoints',
  category: 'webhook-endpoint',
  decider: webhookEndpointDecider,
  async save(manager, tenantId, states) {
    await manager.query(
      `INSERT INTO webhook_endpoints (tenant_id, endpoint_id, url, event_types, status, state, version)
       SELECT $1, e.endpoint_id, e.url, ARRAY(SELECT jsonb_array_elements_text(e.state->'eventTypes')), e.status, e.state, e.version
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::int[]) AS e(endpoint_id, url, status, state, version)
       ON CONFLICT (tenant_id, endpoint_id) DO UPDATE SET url = EXCLUDED.url, event_types = EXCLUDED.event_types, status = EXCLUDED.status, state = EXCLUDED.state, version = EXCLUDED.version`,
      [
        tenantId,
        states.map((s) => s.state.endpointId),
        states.map((s) => s.state.url),
        states.map((s) => s.state.status),
        states.map((s) => JSON.stringify(s.state)),
        states.map((s) => s.version),
      ],
    );
  },
});
