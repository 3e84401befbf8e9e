import type { DomainEvent } from '@growth/es';
import type { DisabledReason } from './webhook-endpoint.model';

// Private to the notifications service; secrets are named by id only, their values live in webhook_secrets.
export type WebhookEndpointRegistered = DomainEvent<'WebhookEndpointRegistered', { endpointId: string; url: string; eventTypes: string[]; secretId: string; registeredBy: string }>;
export type WebhookSecretRotated = DomainEvent<'WebhookSecretRotated', { endpointId: string; secretId: string; previousSecretId: string; previousValidUntil: string; rotatedBy: string }>;
export type WebhookEventTypesChanged = DomainEvent<'WebhookEventTypesChanged', { endpointId: string; eventTypes: string[]; changedBy: string }>;
export type WebhookEndpointDisabled = DomainEvent<'WebhookEndpointDisabled', { endpointId: string; reason: DisabledReason; disabledBy: string }>;
export type WebhookEndpointEnabled = DomainEvent<'WebhookEndpointEnabled', { endpointId: string; enabledBy: string }>;

export type WebhookEndpointEvent = WebhookEndpointRegistered | WebhookSecretRotated | WebhookEventTypesChanged | WebhookEndpointDisabled | WebhookEndpointEnabled;
