import type { DomainEvent } from '@growth/es';

export interface LoadedStream<E extends DomainEvent> {
  /** -1 when the stream does not exist. */
  readonly version: number;
  readonly events: readonly E[];
}

export const EMPTY_STREAM: LoadedStream<never> = { version: -1, events: [] };
