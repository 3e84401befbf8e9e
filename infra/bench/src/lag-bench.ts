import { randomUUID } from 'node:crypto';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { deadLetterTopicOf, Headers } from '@growth/contracts';
import { openServiceDataSource, PostgresEventStore } from '@growth/es-postgres';
import { KafkaTransport, OutboxRelay, type MessageTransport } from '@growth/messaging';
import { commandContext, freshStreamId, publishTo, skillAssessed } from './fixtures';
import { busyBetween, cpuTimes } from './cpu';
import { ensureTopicsReliably, log, rawKafkaConfig, type BenchEnvironment } from './environment';
import { runPaced, type PacedRunResult } from './pacer';
import { BenchReadModel1732300000100, type ProjectionWorkerConfig, type WorkerMessage } from './read-model';
import { median, percentile, perSecond, summarize, type LatencySummary } from './stats';

export interface LagBenchOptions {
  readonly rounds: number;
  readonly seconds: number;
  readonly rate: number;
  readonly rttSamplesPerRound: number;
  readonly partitions: number;
  readonly aborted: () => boolean;
}

export interface LagBenchResult {
  readonly achievedRate: number;
  readonly accepted: number;
  readonly failedAppends: number;
  readonly missing: number;
  /** Command issued (its scheduled time: queueing for a free slot or connection included) -> read-model commit. */
  readonly lagMs: LatencySummary;
  /** The same, from the append resolved instead (what earlier runs reported), for comparison. */
  readonly lagFromAcceptedMs: LatencySummary;
  readonly roundP50Ms: number[];
  readonly roundP99Ms: number[];
  readonly startDelayP99Ms: number;
  readonly startDelayMaxMs: number;
  /** Where the lag goes: issued -> append resolved (queueing + the append transaction)... */
  readonly appendLatencyMs: LatencySummary;
  /** ...append resolved -> Kafka acknowledged the relay's batch holding the event... */
  readonly relayStageMs: LatencySummary;
  /** ...acknowledged -> read-model row written (fetch, decode, de-duplicate, project; the write's clock_timestamp())... */
  readonly projectStageMs: LatencySummary;
  /** ...row written -> the batch's transaction committed. */
  readonly commitStageMs: LatencySummary;
  readonly baselineRoundTripMs: LatencySummary;
  /** Read-model rows written per second while the load ran (median of rounds); below the append rate = falling behind. */
  readonly projectedRateDuringLoad: number;
  /** Rows written per second while a backlog drained after the load stopped (median of rounds), if there was one. */
  readonly catchUpRate?: number;
  readonly cpuBusy?: number;
}

const MAX_IN_FLIGHT = 64;
const DRAIN_TIMEOUT_MS = 60_000;
const CATCH_UP_MIN_BACKLOG = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs: number, aborted: () => boolean): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (!aborted()) {
    if (await check()) return true;
    if (Date.now() > deadline) {
      log(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
      return false;
    }
    await sleep(100);
  }
  return false;
};

/** Bare kafkajs: one message produced, wait until the consumer sees it, repeat. */
class RoundTripProbe {
  private readonly waiting = new Map<string, () => void>();
  private constructor(
    private readonly producer: Producer,
    private readonly consumer: Consumer,
    private readonly topic: string,
  ) {}

  static async start(brokers: string[], topic: string): Promise<RoundTripProbe> {
    const kafka = new Kafka(rawKafkaConfig('bench-rtt', brokers));
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    const consumer = kafka.consumer({ groupId: `${topic}.probe`, allowAutoTopicCreation: false });
    const probe = new RoundTripProbe(producer, consumer, topic);
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const id = message.key?.toString() ?? '';
        probe.waiting.get(id)?.();
        probe.waiting.delete(id);
      },
    });
    return probe;
  }

  /** One produce -> consume round trip in ms, or undefined if the message did not arrive within the timeout. */
  async once(timeoutMs = 10_000): Promise<number | undefined> {
    const id = randomUUID();
    const arrived = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiting.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    const started = performance.now();
    await this.producer.send({ topic: this.topic, acks: -1, messages: [{ key: id, value: JSON.stringify({ id, at: Date.now() }) }] });
    const ok = await arrived;
    this.waiting.delete(id);
    return ok ? performance.now() - started : undefined;
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.consumer.disconnect(), this.producer.disconnect()]);
  }
}

/** The projection's own process: forked from dist/projection-worker.js, stopped by message, killed if it hangs. */
class ProjectionWorker {
  private commitsWanted?: (message: Extract<WorkerMessage, { type: 'commits' }>) => void;
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'commits') this.commitsWanted?.(message);
    });
  }

  /** When each event's read-model transaction committed (worker's Date.now() right after the commit), by event id. */
  commits(timeoutMs = 30_000): Promise<Map<string, number>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the projection worker did not report its commit times')), timeoutMs);
      this.commitsWanted = ({ eventIds, committedAtMs }) => {
        clearTimeout(timer);
        this.commitsWanted = undefined;
        resolve(new Map(eventIds.map((id, i) => [id, committedAtMs[i]])));
      };
      this.child.send({ type: 'commits' });
    });
  }

  static start(config: ProjectionWorkerConfig): Promise<ProjectionWorker> {
    const child = fork(path.join(__dirname, 'projection-worker.js'), [], {
      env: { ...process.env, BENCH_PROJECTION_WORKER: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`projection worker exited (${code}) before it was ready`));
      child.once('exit', onExit);
      child.once('error', reject);
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          child.off('exit', onExit);
          resolve(new ProjectionWorker(child));
        } else if (message.type === 'failed') reject(new Error(`projection worker failed: ${message.error}`));
      });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    if (this.child.connected) this.child.send({ type: 'stop' });
    else this.child.kill('SIGTERM');
    await exited;
    clearTimeout(timer);
  }
}

export const runLagBench = async (env: BenchEnvironment, runId: string, options: LagBenchOptions): Promise<LagBenchResult> => {
  const { rounds, seconds, rate, rttSamplesPerRound, partitions, aborted } = options;
  const topic = `bench-${runId}.lag.v1`;
  const rttTopic = `bench-${runId}.rtt.v1`;
  // The writing service and the projecting service each have their own database, as in production.
  const writer = await openServiceDataSource({ url: await env.createDatabase(`bench_lag_${runId}`), applicationName: 'bench-lag-writer' });
  const readerUrl = await env.createDatabase(`bench_lag_rm_${runId}`);
  // Migrated here; the projection itself runs in its own process (projection-worker). This connection only reads results.
  const reader = await openServiceDataSource({ url: readerUrl, migrations: [BenchReadModel1732300000100], applicationName: 'bench-lag-results', poolSize: 2 });
  const store = new PostgresEventStore(writer);
  const relayTransport = new KafkaTransport({ brokers: env.brokers, clientId: 'bench-lag-relay' });
  // When Kafka acknowledged the relay's batch holding each event (the relay's own transport, timed around publish).
  const acknowledged = new Map<string, number>();
  const ackTimingTransport: Pick<MessageTransport, 'publish'> = {
    publish: async (messages) => {
      await relayTransport.publish(messages);
      const at = Date.now();
      for (const m of messages) {
        const id = m.headers[Headers.eventId];
        if (id !== undefined && !acknowledged.has(id)) acknowledged.set(id, at);
      }
    },
  };
  const relay = new OutboxRelay({ dataSource: writer, transport: ackTimingTransport, name: 'bench-lag' });
  let worker: ProjectionWorker | undefined;
  let probe: RoundTripProbe | undefined;

  const publish = publishTo(topic);
  /** Wall-clock ms when each recorded event's command was issued (its scheduled time) and when its append resolved. */
  const issued = new Map<string, number>();
  const accepted = new Map<string, number>();
  const projectedCount = async (): Promise<number> => (await reader.query('SELECT count(*)::int AS n FROM bench_read_model'))[0].n;

  /**
   * One command: one event on a fresh stream; returns when the append resolved. Issued at `scheduledAt` (the pacer's
   * clock): a command the pacer started late, or that waited for a pooled connection, counts that wait.
   */
  const command = async (seed: number, record: boolean, scheduledAt: number): Promise<void> => {
    const issuedAt = Date.now() - (performance.now() - scheduledAt);
    const { envelopes } = await store.appendToStream(freshStreamId(), [skillAssessed(seed)], { expectedVersion: 'no_stream', context: commandContext(), publish });
    const acceptedAt = Date.now();
    if (!record) return;
    for (const e of envelopes) {
      issued.set(e.eventId, issuedAt);
      accepted.set(e.eventId, acceptedAt);
    }
  };

  try {
    await ensureTopicsReliably(relayTransport, env.brokers, { name: topic, partitions, retentionDays: 1 });
    await env.createTopic(rttTopic, partitions);
    env.trackTopic(topic, deadLetterTopicOf(topic));
    relay.start();
    worker = await ProjectionWorker.start({ databaseUrl: readerUrl, brokers: env.brokers, projectionName: `bench-lag-${runId}`, topic });
    probe = await RoundTripProbe.start(env.brokers, rttTopic);

    // Warm-up: the consumer group joins and both paths are exercised; none of it is counted.
    const warmUp = await runPaced({ ratePerSecond: rate, durationMs: 2000, maxInFlight: MAX_IN_FLIGHT, task: (i, at) => command(i, false, at), aborted });
    await waitFor('the warm-up events to be projected', async () => (await projectedCount()) >= warmUp.completed, DRAIN_TIMEOUT_MS, aborted);
    for (let i = 0; i < 20 && !aborted(); i += 1) await probe.once();
    const warmUpRows = await projectedCount();
    log(`lag warm-up done: ${warmUp.completed} events projected`);

    const paced: PacedRunResult[] = [];
    const projectedDuringLoad: number[] = [];
    const catchUpRates: number[] = [];
    const cpuBusy: number[] = [];
    const roundTrips: number[] = [];
    let lostRoundTrips = 0;
    const roundEventIds: string[][] = [];
    const roundMs = (seconds * 1000) / rounds;
    for (let round = 0; round < rounds && !aborted(); round += 1) {
      const before = new Set(issued.keys());
      const c0 = await projectedCount();
      const t0 = performance.now();
      const cpu0 = cpuTimes();
      const result = await runPaced({ ratePerSecond: rate, durationMs: roundMs, maxInFlight: MAX_IN_FLIGHT, task: (i, at) => command(i, true, at), aborted });
      const busy = busyBetween(cpu0, cpuTimes());
      if (busy !== undefined) cpuBusy.push(busy);
      const c1 = await projectedCount();
      const t1 = performance.now();
      paced.push(result);
      roundEventIds.push([...issued.keys()].filter((id) => !before.has(id)));
      if (result.firstError) log(`append failures in round ${round + 1}: ${result.failed} (${result.firstError})`);
      await waitFor('the round to be projected', async () => (await projectedCount()) >= warmUpRows + issued.size, DRAIN_TIMEOUT_MS, aborted);
      const c2 = await projectedCount();
      const t2 = performance.now();
      projectedDuringLoad.push(perSecond(c1 - c0, t1 - t0));
      // Only meaningful with a real backlog: then it is the projection's own ceiling with no appends competing.
      if (c2 - c1 >= CATCH_UP_MIN_BACKLOG) catchUpRates.push(perSecond(c2 - c1, t2 - t1));
      for (let i = 0; i < rttSamplesPerRound && !aborted(); i += 1) {
        const rtt = await probe.once();
        if (rtt === undefined) lostRoundTrips += 1;
        else roundTrips.push(rtt);
      }
      log(
        `lag round ${round + 1}/${rounds}: ${result.completed} appends at ${result.achievedRate.toFixed(1)}/s; ` +
          `kafka round trip p50 ${percentile(roundTrips, 50).toFixed(1)} ms`,
      );
    }
    if (lostRoundTrips > 0) log(`${lostRoundTrips} bare Kafka round trips timed out (not counted)`);

    const rows: Array<{ event_id: string; written_ms: number }> = await reader.query(
      'SELECT event_id, (extract(epoch FROM written_at) * 1000)::float8 AS written_ms FROM bench_read_model',
    );
    const written = new Map(rows.map((r) => [r.event_id, r.written_ms]));
    const committed = await worker.commits();
    const stage = (from: Map<string, number>, to: Map<string, number>): number[] =>
      [...issued.keys()].flatMap((id) => {
        const a = from.get(id);
        const b = to.get(id);
        return a === undefined || b === undefined ? [] : [b - a];
      });
    const lagOf = (id: string): number | undefined => {
      const c = committed.get(id);
      return c === undefined ? undefined : c - issued.get(id)!;
    };
    const lags = [...issued.keys()].map(lagOf).filter((l): l is number => l !== undefined);
    const perRound = (p: number) =>
      roundEventIds.map((ids) => {
        const l = ids.map(lagOf).filter((x): x is number => x !== undefined);
        return l.length > 0 ? percentile(l, p) : NaN;
      });
    const completed = paced.reduce((n, r) => n + r.completed, 0);
    const elapsed = paced.reduce((n, r) => n + r.elapsedMs, 0);
    const delays = paced.flatMap((r) => r.startDelaysMs);
    if (lags.length === 0) throw new Error('no event reached the read model');
    return {
      achievedRate: (completed * 1000) / elapsed,
      accepted: issued.size,
      failedAppends: paced.reduce((n, r) => n + r.failed, 0),
      missing: issued.size - lags.length,
      lagMs: summarize(lags),
      lagFromAcceptedMs: summarize(stage(accepted, committed)),
      roundP50Ms: perRound(50),
      roundP99Ms: perRound(99),
      startDelayP99Ms: percentile(delays, 99),
      startDelayMaxMs: delays.reduce((a, b) => Math.max(a, b), 0),
      appendLatencyMs: summarize(stage(issued, accepted)),
      projectedRateDuringLoad: median(projectedDuringLoad),
      catchUpRate: catchUpRates.length > 0 ? median(catchUpRates) : undefined,
      cpuBusy: cpuBusy.length > 0 ? median(cpuBusy) : undefined,
      relayStageMs: summarize(stage(accepted, acknowledged)),
      projectStageMs: summarize(stage(acknowledged, written)),
      commitStageMs: summarize(stage(written, committed)),
      baselineRoundTripMs: summarize(roundTrips),
    };
  } finally {
    await probe?.stop();
    await worker?.stop();
    await relay.stop().catch(() => undefined);
    await relayTransport.close().catch(() => undefined);
    await Promise.allSettled([writer.destroy(), reader.destroy()]);
  }
};
