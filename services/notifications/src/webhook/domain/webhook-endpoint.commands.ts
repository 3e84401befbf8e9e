import type { DisabledReason, WebhookActor } from './webhook-endpoint.model';

interface WebhookEndpointCommandBase {
  readonly endpointId: string;
  readonly actor: WebhookActor;
}

export interface RegisterWebhookEndpoint extends WebhookEndpointCommandBase {
  readonly type: 'RegisterWebhookEndpoint';
  readonly url: string;
  readonly eventTypes: readonly string[];
  /** The id under which the caller stored the new secret (secrets never travel in events). */
  readonly secretId: string;
  /** The deployment's rule: off in production, where only public https targets are accepted. */
  readonly allowPrivateTargets: boolean;
}

export interface RotateWebhookSecret extends WebhookEndpointCommandBase {
  readonly type: 'RotateWebhookSecret';
  readonly secretId: string;
  readonly now: Date;
}

export interface ChangeWebhookEventTypes extends WebhookEndpointCommandBase {
  readonly type: 'ChangeWebhookEventTypes';
  readonly eventTypes: readonly string[];
}

export interface DisableWebhookEndpoint extends WebhookEndpointCommandBase {
  readonly type: 'DisableWebhookEndpoint';
  readonly reason: DisabledReason;
}

export interface EnableWebhookEndpoint extends WebhookEndpointCommandBase {
  readonly type: 'EnableWebhookEndpoint';
}

export type WebhookEndpointCommand = RegisterWebhookEndpoint | RotateWebhookSecret | ChangeWebhookEventTypes | DisableWebhookEndpoint | EnableWebhookEndpoint;
