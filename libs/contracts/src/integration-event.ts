import { Headers } from './topics';

/**
 * The public shape of every integration event: the stored envelope, minus nothing, as JSON. Consumers de-duplicate
 * on `eventId` and order per `streamId` by `streamVersion`.
 */
export interface IntegrationEvent<Type extends string = string, Data extends object = object> {
  readonly eventId: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly tenantId: string;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actorId: string;
  readonly data: Data;
}

export const integrationHeaders = (event: IntegrationEvent): Record<string, string> => ({
  [Headers.eventId]: event.eventId,
  [Headers.eventType]: event.type,
  [Headers.schemaVersion]: String(event.schemaVersion),
  [Headers.tenantId]: event.tenantId,
  [Headers.correlationId]: event.correlationId,
  [Headers.causationId]: event.causationId,
  [Headers.contentType]: 'application/json',
});

/** The outbox message that publishes an integration event on a topic, keyed by its stream so its order holds. */
export const integrationMessage = (topic: string, payload: IntegrationEvent) => ({
  eventId: payload.eventId,
  topic,
  key: payload.streamId,
  headers: integrationHeaders(payload),
  payload,
});

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** Narrows an untrusted message value to an IntegrationEvent, or says which envelope field is wrong. */
export const parseIntegrationEvent = (value: unknown): IntegrationEvent => {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null) throw new Error('message value is not a JSON object');
  for (const field of ['eventId', 'type', 'streamId', 'tenantId', 'occurredAt', 'correlationId', 'causationId', 'actorId'] as const) {
    if (!isString(v[field])) throw new Error(`envelope field ${field} is missing or not a string`);
  }
  if (!Number.isInteger(v.schemaVersion)) throw new Error('envelope field schemaVersion is not an integer');
  if (!Number.isInteger(v.streamVersion)) throw new Error('envelope field streamVersion is not an integer');
  if (typeof v.data !== 'object' || v.data === null) throw new Error('envelope field data is not an object');
  return v as unknown as IntegrationEvent;
};
