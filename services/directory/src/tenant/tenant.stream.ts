import { streamId, type Aggregate } from '@growth/es';
import type { TenantCommand } from './domain/tenant.commands';
import { tenantDecider, type TenantState } from './domain/tenant.decider';
import type { TenantEvent } from './domain/tenant.events';

export const TENANT_CATEGORY = 'tenant';
/** One stream per tenant: its id is the tenant's. */
export const tenantStreamId = (tenantId: string): string => streamId(TENANT_CATEGORY, tenantId, tenantId);

export const tenantAggregate: Aggregate<TenantCommand, TenantState, TenantEvent> = { name: 'Tenant', decider: tenantDecider, streamId: (tenantId) => tenantStreamId(tenantId) };
