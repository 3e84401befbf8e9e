import type { DataSource, EntityManager } from 'typeorm';
import { processOnce } from '@growth/es-postgres';
import { Headers, deadLetterTopicOf, parseIntegrationEvent, type IntegrationEvent } from '@growth/contracts';
import { silentLog, type IncomingMessage, type Log, type MessageTransport, type Subscription } from './transport';

/** A read model fed by integration events. `handle` writes through `manager`, inside the de-duplicating transaction. */
export interface Projection {
  /** Consumer group and processed-events key: rename only to rebuild from the start. */
  readonly name: string;
  readonly topics: readonly string[];
  handle(manager: EntityManager, event: IntegrationEvent): Promise<void>;
}

export interface ProjectionRunnerOptions {
  readonly dataSource: DataSource;
  readonly transport: MessageTransport;
  readonly projection: Projection;
  /** Attempts before a message is dead-lettered; transient failures (a lost connection) usually clear within them. */
  readonly maxAttempts?: number;
  readonly retryDelayMs?: number;
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
 * Runs a projection on a transport: each event is applied at most once (processed-event ids commit with the
 * read-model rows), retried a few times on failure, then sent to the topic's dead-letter topic with the error so
 * the partition moves on. Offsets are committed by the transport only after this returns.
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

  const handle = async (message: IncomingMessage): Promise<void> => {
    let event: IntegrationEvent;
    try {
      event = decode(message);
    } catch (error) {
      return deadLetter(message, error as Error, 0);
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        await processOnce(dataSource, projection.name, event, (manager) => projection.handle(manager, event));
        return;
      } catch (error) {
        if (attempt >= maxAttempts) return deadLetter(message, error as Error, attempt);
        log('warn', 'projection failed; retrying', { projection: projection.name, eventId: event.eventId, attempt, error: (error as Error).message });
        await new Promise((r) => setTimeout(r, retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  };

  return transport.subscribe({ groupId: projection.name, topics: projection.topics, handle });
};
