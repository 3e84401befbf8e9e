import type { EventEnvelope } from './envelope';

/**
 * Upcasters lift stored events to the current schema on read: keyed by event type, each maps data written at
 * `schemaVersion` N to N+1. Stored rows are never rewritten.
 */
export type Upcasters = Readonly<Record<string, Readonly<Record<number, (data: Record<string, unknown>) => Record<string, unknown>>>>>;

export const upcast = (envelope: EventEnvelope, upcasters: Upcasters): EventEnvelope => {
  const steps = upcasters[envelope.type];
  if (!steps) return envelope;
  let { schemaVersion } = envelope;
  let data = envelope.data as Record<string, unknown>;
  while (steps[schemaVersion]) {
    data = steps[schemaVersion](data);
    schemaVersion += 1;
  }
  return schemaVersion === envelope.schemaVersion ? envelope : { ...envelope, schemaVersion, data };
};
