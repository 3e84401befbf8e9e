import type { TopicDeclaration } from '@growth/contracts';

export interface OutgoingMessage {
  readonly topic: string;
  /** Partition key (the stream id): one aggregate's messages keep their order. */
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text. */
  readonly value: string;
}

export interface IncomingMessage extends OutgoingMessage {
  readonly partition: number;
  readonly offset: string;
}

export interface SubscribeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /**
   * Called with the next messages of one partition, in order, one batch at a time per partition (at most
   * `maxBatchSize`). The transport commits the offset after the batch's last message only once this resolves; if it
   * rejects, the whole batch is delivered again (at-least-once).
   */
  readonly handleBatch: (messages: readonly IncomingMessage[]) => Promise<void>;
  /** The largest batch handed to `handleBatch` (default 500). */
  readonly maxBatchSize?: number;
}

export const DEFAULT_MAX_BATCH_SIZE = 500;

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * The platform's port to a log-based broker. Kafka in production; an in-process transport with the same
 * at-least-once, per-key-ordered, checkpointed semantics for the embedded mode and unit-sized tests.
 */
export interface MessageTransport {
  /** Creates the declared topics (and their dead-letter topics) that do not exist yet. Publishing to any other topic fails. */
  ensureTopics(topics: readonly TopicDeclaration[]): Promise<void>;
  /** Resolves once every message is durably accepted, in order per key. */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** A structured log sink, so this library needs no logging framework. */
export type Log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => void;
export const silentLog: Log = () => undefined;
