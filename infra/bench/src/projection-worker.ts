import { Headers } from '@growth/contracts';
import { openServiceDataSource } from '@growth/es-postgres';
import { KafkaTransport, startProjection, type MessageTransport } from '@growth/messaging';
import { benchProjection, type ProjectionWorkerConfig, type WorkerMessage } from './read-model';

/**
 * The transport with every delivered batch's commit timed: startProjection's handler resolves once the batch's
 * transaction (read-model rows, checkpoint, stream versions) has committed, so the time taken right after it is
 * when the rows became visible to readers. Only the first delivery of an event counts.
 */
const timingCommits = (transport: MessageTransport, committedAt: Map<string, number>): MessageTransport => ({
  ensureTopics: (topics) => transport.ensureTopics(topics),
  publish: (messages) => transport.publish(messages),
  close: () => transport.close(),
  subscribe: (options) =>
    transport.subscribe({
      ...options,
      handleBatch: async (messages) => {
        await options.handleBatch(messages);
        const at = Date.now();
        for (const m of messages) {
          const id = m.headers[Headers.eventId];
          if (id !== undefined && !committedAt.has(id)) committedAt.set(id, at);
        }
      },
    }),
});

/**
 * The lag benchmark's consuming service, in its own process as it would be in production (so it does not share an
 * event loop with the load generator). Forked by lag-bench; answers `ready`, stops on a `stop` message, and exits
 * when the parent goes away.
 */
/** Sends, then exits once the message is out (or at once without a parent). */
const sendAndExit = (message: WorkerMessage, code: number) => {
  if (process.send && process.connected) process.send(message, () => process.exit(code));
  else process.exit(code);
};

const run = async () => {
  const config = JSON.parse(process.env.BENCH_PROJECTION_WORKER ?? '') as ProjectionWorkerConfig;
  const dataSource = await openServiceDataSource({ url: config.databaseUrl, applicationName: 'bench-lag-projection' });
  const transport = new KafkaTransport({ brokers: config.brokers, clientId: 'bench-lag-projection' });
  const committedAt = new Map<string, number>();
  const subscription = await startProjection({ dataSource, transport: timingCommits(transport, committedAt), projection: benchProjection(config.projectionName, config.topic) });
  let stopping = false;
  const stop = async (graceMs: number) => {
    if (stopping) return;
    stopping = true;
    // Closing kafkajs can hang for a long time once the broker is gone (the parent was interrupted): never outlive it.
    setTimeout(() => process.exit(0), graceMs);
    await subscription.stop().catch(() => undefined);
    await transport.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stop') void stop(10_000);
    if (message?.type === 'commits') {
      const reply: WorkerMessage = { type: 'commits', eventIds: [...committedAt.keys()], committedAtMs: [...committedAt.values()] };
      process.send?.(reply);
    }
  });
  process.on('disconnect', () => void stop(2_000));
  const ready: WorkerMessage = { type: 'ready' };
  process.send?.(ready);
};

run().catch((error: unknown) => {
  sendAndExit({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 1);
});
