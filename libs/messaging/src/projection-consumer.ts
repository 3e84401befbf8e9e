import type { DataSource } from 'typeorm';
import { applyOnce, readCheckpoint, writeCheckpoint, type Projection } from '@growth/es-postgres';
import { Headers, deadLetterTopicOf, parseIntegrationEvent, type IntegrationEvent } from '@growth/contracts';
import { silentLog, type IncomingMessage, type Log, type MessageTransport, type Subscription } from './transport';

/** A read model of another service's public events: a projection plus the topics it reads. */
export interface AsyncProjection extends Projection<IntegrationEvent> {
  readonly topics: readonly string[];
}

export interface ProjectionRunnerOptions {
  readonly dataSource: DataSource;
  readonly transport: MessageTransport;
  readonly projection: AsyncProjection;
  /** Attempts before a message is dead-lettered; transient failures (a lost connection) usually clear within them. */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
  /** The largest batch applied in one transaction (the transport's default unless set). */
  readonly maxBatchSize?: number;
  readonly log?: Log;
}

/** A message that can never succeed (unreadable, or lying about its tenant): dead-lettered without retries. */
class PoisonMessageError extends Error {}

const decode = (message: IncomingMessage): IntegrationEvent => {
  let value: unknown;
  try {
    value = JSON.parse(message.value);
  } catch {
    throw new PoisonMessageError('message value is not JSON');
  }
  let event: IntegrationEvent;
  try {
    event = parseIntegrationEvent(value);
  } catch (error) {
    throw new PoisonMessageError((error as Error).message);
  }
  const headerTenant = message.headers[Headers.tenantId];
  if (headerTenant !== event.tenantId) {
    throw new PoisonMessageError(`tenant header ${JSON.stringify(headerTenant)} does not match payload tenant ${JSON.stringify(event.tenantId)}`);
  }
  return event;
};

/**
 * Runs a projection on a transport, a delivered batch per partition in one transaction: the read-model rows, the
 * partition's checkpoint and the per-stream versions commit together, so a redelivered batch, or an event
 * republished at a new offset, changes nothing. A failing batch is retried; if it keeps failing, its events are
 * applied one at a time so that only the one that cannot succeed goes to the dead-letter topic, with its error, and
 * the partition moves on. The transport commits its offset only after this returns.
 */
export const startProjection = async (options: ProjectionRunnerOptions): Promise<Subscription> => {
  const { dataSource, transport, projection } = options;
  const log = options.log ?? silentLog;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 100;

  const deadLetter = async (message: IncomingMessage, error: Error, attempts: number) => {
    log('error', 'dead-lettering message', { projection: projection.name, topic: message.topic, offset: message.offset, attempts, error: error.message });
    await transport.publish([
      {
        topic: deadLetterTopicOf(message.topic),
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          'dlq-error': error.message.slice(0, 2000),
          'dlq-consumer': projection.name,
          'dlq-original-topic': message.topic,
          'dlq-original-partition': String(message.partition),
          'dlq-original-offset': message.offset,
          'dlq-attempts': String(attempts),
        },
      },
    ]);
  };

  /** Applies the events and moves the checkpoint to `through`, in one transaction. */
  const commit = (events: readonly IntegrationEvent[], through: IncomingMessage) =>
    dataSource.transaction(async (manager) => {
      await applyOnce(manager, projection, events);
      await writeCheckpoint(manager, projection.name, through);
    });

  /** Runs `work` up to maxAttempts times with exponential back-off; returns the last error if every attempt failed. */
  const attempt = async (work: () => Promise<void>, fields: Record<string, unknown>): Promise<{ error: Error; attempts: number } | undefined> => {
    for (let n = 1; ; n += 1) {
      try {
        await work();
        return undefined;
      } catch (error) {
        if (n >= maxAttempts) return { error: error as Error, attempts: n };
        log('warn', 'projection failed; retrying', { projection: projection.name, attempt: n, error: (error as Error).message, ...fields });
        await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (n - 1)));
      }
    }
  };

  const handleBatch = async (messages: readonly IncomingMessage[]): Promise<void> => {
    const { topic, partition } = messages[0];
    const last = messages[messages.length - 1];
    // Below the checkpoint is what an earlier delivery already committed (the transport's offset lagged behind).
    const next = await readCheckpoint(dataSource.manager, projection.name, topic, partition);
    const pending: Array<{ message: IncomingMessage; event: IntegrationEvent }> = [];
    for (const message of messages) {
      if (next !== undefined && BigInt(message.offset) < next) continue;
      try {
        pending.push({ message, event: decode(message) });
      } catch (error) {
        await deadLetter(message, error as Error, 0);
      }
    }
    if (next !== undefined && BigInt(last.offset) < next) return;

    const failed = await attempt(() => commit(pending.map((p) => p.event), last), { topic, partition, offset: last.offset, events: pending.length });
    if (!failed) return;
    if (pending.length <= 1) {
      if (pending[0]) await deadLetter(pending[0].message, failed.error, failed.attempts);
      await commit([], last);
      return;
    }
    // One event in the batch cannot be applied: find it by applying them one at a time.
    for (const { message, event } of pending) {
      const alone = await attempt(() => commit([event], message), { topic, partition, offset: message.offset, eventId: event.eventId });
      if (alone) {
        await deadLetter(message, alone.error, alone.attempts);
        await commit([], message);
      }
    }
    await commit([], last);
  };

  return transport.subscribe({ groupId: projection.name, topics: projection.topics, handleBatch, maxBatchSize: options.maxBatchSize });
};
