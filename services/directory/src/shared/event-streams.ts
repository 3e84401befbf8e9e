import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@growth/es';

export interface LoadedStream<E extends DomainEvent> {
  /** -1 when the stream does not exist. */
  readonly version: number;
  readonly events: readonly E[];
}

export const EMPTY_STREAM: LoadedStream<never> = { version: -1, events: [] };

interface EventRow {
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: object;
}

/**
 * Reads streams inside the caller's tenant transaction (PostgresEventStore.readStream opens a transaction of its
 * own, so decide-and-append could not see the same snapshot it writes into). Many streams in one query: the import
 * loads a whole batch at once. No upcasters are registered for directory events yet; when one is, apply it here.
 */
export const loadStreams = async <E extends DomainEvent>(manager: EntityManager, tenantId: string, streamIds: readonly string[]): Promise<Map<string, LoadedStream<E>>> => {
  const streams = new Map<string, { version: number; events: E[] }>();
  if (streamIds.length === 0) return streams;
  const rows: EventRow[] = await manager.query(
    `SELECT stream_id, stream_version, type, schema_version, data FROM es_events
     WHERE tenant_id = $1 AND stream_id = ANY($2::text[]) ORDER BY stream_id, stream_version`,
    [tenantId, streamIds],
  );
  for (const row of rows) {
    const stream = streams.get(row.stream_id) ?? { version: -1, events: [] };
    stream.events.push({ type: row.type, data: row.data, schemaVersion: row.schema_version } as E);
    stream.version = row.stream_version;
    streams.set(row.stream_id, stream);
  }
  return streams;
};
