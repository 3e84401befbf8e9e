import { CYCLE_INTEGRATION_EVENT_TYPES, GOAL_INTEGRATION_EVENT_TYPES, REVIEW_INTEGRATION_EVENT_TYPES, Topics } from '@growth/contracts';

/**
 * The public events an endpoint may subscribe to, by topic: review cycles, reviews and goals. They carry ids,
 * statuses, dates and ratings, a goal's measure and a cycle's name (see libs/contracts), and a delivery sends the
 * event exactly as published.
 */
export const WEBHOOK_TOPICS: Readonly<Record<string, readonly string[]>> = {
  [Topics.reviewCycleEvents.name]: CYCLE_INTEGRATION_EVENT_TYPES,
  [Topics.reviewEvents.name]: REVIEW_INTEGRATION_EVENT_TYPES,
  [Topics.goalEvents.name]: GOAL_INTEGRATION_EVENT_TYPES,
};

/** Every event type an endpoint may choose; the names are unique across the three topics. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = Object.values(WEBHOOK_TOPICS).flat();

/** How long the secret before a rotation still signs deliveries, so receivers can switch without losing any. */
export const SECRET_GRACE_PERIOD_MS = 24 * 60 * 60 * 1000;

export type WebhookEndpointStatus = 'NONE' | 'ENABLED' | 'DISABLED';

/** BY_ADMIN: a tenant admin turned it off; GONE: the receiver answered 410 Gone. */
export type DisabledReason = 'BY_ADMIN' | 'GONE';

/** Who acts on an endpoint: a tenant admin, or the service itself (disabling an endpoint that answered 410). */
export type WebhookActor = { readonly kind: 'TENANT_ADMIN'; readonly personId: string } | { readonly kind: 'SYSTEM' };

export interface WebhookEndpointState {
  readonly status: WebhookEndpointStatus;
  readonly endpointId: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  /** The secret that signs every delivery. */
  readonly secretId: string;
  /** The secret before the last rotation, which also signs deliveries until `validUntil`. */
  readonly previousSecret: { readonly secretId: string; readonly validUntil: string } | null;
  readonly disabledReason: DisabledReason | null;
}

export const initialWebhookEndpointState = (): WebhookEndpointState => ({
  status: 'NONE',
  endpointId: '',
  url: '',
  eventTypes: [],
  secretId: '',
  previousSecret: null,
  disabledReason: null,
});

/** The ids of the secrets that sign a delivery made at `now`: the current one first. */
export const signingSecretIds = (state: WebhookEndpointState, now: Date): string[] =>
  state.previousSecret && Date.parse(state.previousSecret.validUntil) > now.getTime() ? [state.secretId, state.previousSecret.secretId] : [state.secretId];
