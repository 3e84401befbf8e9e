import { streamId, type Aggregate, type EventEnvelope, type OutboxMessage } from '@growth/es';
import { Topics, integrationMessage, toIntegrationEvent, type TenantStreamEvent } from '@growth/contracts';
import type { TenantCommand } from './domain/tenant.commands';
import { tenantDecider, type TenantState } from './domain/tenant.decider';
import type { TenantEvent } from './domain/tenant.events';

export const TENANT_CATEGORY = 'tenant';
/** One stream per tenant: its id is the tenant's. */
export const tenantStreamId = (tenantId: string): string => streamId(TENANT_CATEGORY, tenantId, tenantId);

/**
 * Every tenant event is public as it is (name, clock, language, cycle dates). This does not compile unless
 * `TenantEvent` has exactly the types and data shapes of the contract's `TenantStreamEvent`.
 */
export const publishTenantEvent = (envelope: EventEnvelope<TenantEvent>): OutboxMessage[] => {
  const payload = toIntegrationEvent<TenantEvent, TenantStreamEvent>(envelope);
  return [integrationMessage(Topics.directoryTenantEvents.name, payload)];
};

export const tenantAggregate: Aggregate<TenantCommand, TenantState, TenantEvent> = {
  name: 'Tenant',
  decider: tenantDecider,
  streamId: (tenantId) => tenantStreamId(tenantId),
  publish: publishTenantEvent,
};
