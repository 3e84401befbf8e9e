import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAppendBench } from './append-bench';
import { benchCycleOpening, renderCycleOpeningMarkdown, type CycleOpeningBenchResult } from './cycle-opening.bench';
import { benchDirectoryImport, renderDirectoryImportMarkdown, type DirectoryImportBenchResult } from './directory-import.bench';
import { benchReminderFanout, renderReminderFanoutMarkdown, type ReminderFanoutBenchResult } from './reminder-fanout.bench';
import { startPostgres } from '@growth/infra-postgres';
import { readConfig, runIdFor, TARGETS } from './config';
import { log, startEnvironment, type BenchEnvironment } from './environment';
import { runGatewayBench, type GatewayBenchResult } from './gateway-bench';
import { runLagBench } from './lag-bench';
import { runRelayBench } from './relay-bench';
import { renderMarkdown, renderStdout, type BenchReport } from './report';

/**
 * `npm run bench`: starts PostgreSQL and Kafka (unless BENCH_DATABASE_URL / KAFKA_BROKERS are set), measures the
 * event store, the outbox relay, projection lag and one command and one read through the real platform's gateway
 * against raw baselines, prints a table and rewrites docs/benchmarks.md. Stops the servers at the end, on failure
 * and on SIGINT/SIGTERM.
 *
 * `npm run bench -- directory-import` (section 6), `cycle-opening` (section 7) or `reminder-fanout` (section 8): only that one, on a
 * PostgreSQL of its own (or BENCH_DATABASE_URL); it rewrites that section of docs/benchmarks.md and leaves the rest as
 * the last full run wrote it.
 */
const main = async (): Promise<number> => {
  const only = process.argv.slice(2);
  if (only.length > 0) {
    const section = only.length === 1 ? SECTIONS[only[0]] : undefined;
    if (!section) {
      log(`unknown benchmark ${JSON.stringify(only.join(' '))}: run all of them (no argument) or one of ${Object.keys(SECTIONS).join(', ')}`);
      return 2;
    }
    return sectionOnly(section);
  }

  const startedAt = new Date();
  const loadAverageAtStart = os.loadavg();
  const config = readConfig(process.env);
  const runId = runIdFor(startedAt, Math.random());
  // __dirname is infra/bench/dist.
  const output = process.env.BENCH_OUTPUT ?? path.resolve(__dirname, '../../../docs/benchmarks.md');

  let env: BenchEnvironment | undefined;
  let interrupted = false;
  const aborted = () => interrupted;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping the servers`);
    // Clients still at work now lose their servers; their errors must not kill the process before the servers are stopped.
    process.on('uncaughtException', (error) => log(`ignored during shutdown: ${error.message}`));
    process.on('unhandledRejection', () => undefined);
    void (env?.close() ?? Promise.resolve()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    log(`run ${runId}: ${config.rounds} rounds per measurement; lag ${config.lagSeconds} s at ${config.lagRate}/s`);
    env = await startEnvironment(process.env);
    const machine = await env.machine(loadAverageAtStart);

    log('1/7 append throughput');
    const append = await runAppendBench(env, runId, {
      rounds: config.rounds,
      eventsPerRound: config.appendEventsPerRound,
      batchSize: config.appendBatchSize,
      commandTransactions: config.commandTransactionsPerRound,
      aborted,
    });
    log('2/7 relay publish rate');
    const relay = await runRelayBench(env, runId, {
      rounds: config.rounds,
      messagesPerRound: config.relayMessagesPerRound,
      batchSize: config.relayBatchSize,
      partitions: config.topicPartitions,
      aborted,
    });
    log('3/7 projection lag');
    const lag = await runLagBench(env, runId, {
      rounds: config.rounds,
      seconds: config.lagSeconds,
      rate: config.lagRate,
      rttSamplesPerRound: config.rttSamplesPerRound,
      partitions: config.topicPartitions,
      aborted,
    });
    log('4/7 a command and a read through the gateway');
    // The platform is other projects' code, built at run time: if it cannot be measured, the report says so and the run goes on.
    let gateway: GatewayBenchResult | { error: string };
    try {
      gateway = await runGatewayBench(env, runId, { rounds: config.rounds, seconds: config.gatewaySeconds, clients: config.gatewayClients, aborted });
    } catch (error) {
      if (interrupted) return 130;
      log(`gateway benchmark failed: ${(error as Error).stack ?? String(error)}`);
      gateway = { error: (error as Error).message.split('\n')[0].slice(0, 300) };
    }
    let directory: DirectoryImportBenchResult | undefined;
    if (config.directoryRows > 0 && !interrupted) {
      log(`5/7 directory import (${config.directoryRows} rows)`);
      directory = await benchDirectoryImport({ adminDatabaseUrl: env.adminUrl, rows: config.directoryRows, smallRows: Math.max(1, Math.round(config.directoryRows / 10)) });
    }
    let cycle: CycleOpeningBenchResult | undefined;
    if (config.cyclePeople > 0 && !interrupted) {
      log(`6/7 opening a review cycle (${config.cyclePeople} people)`);
      cycle = await benchCycleOpening({ adminDatabaseUrl: env.adminUrl, people: config.cyclePeople, smallPeople: Math.max(1, Math.round(config.cyclePeople / 10)) });
    }
    let reminder: ReminderFanoutBenchResult | undefined;
    if (config.cyclePeople > 0 && !interrupted) {
      log(`7/7 one deadline reminder (${config.cyclePeople} people)`);
      reminder = await benchReminderFanout({ adminDatabaseUrl: env.adminUrl, people: config.cyclePeople, smallPeople: Math.max(1, Math.round(config.cyclePeople / 10)) });
    }
    if (interrupted) return 130;

    const report: BenchReport = {
      startedAt,
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      machine: { ...machine, loadAverageAtEnd: os.loadavg().map((l) => l.toFixed(2)).join(', ') },
      config,
      append: {
        ...append.primary,
        unit: 'events/s',
        targetRatio: TARGETS.appendRatio,
        baselineLabel: 'multi-row VALUES',
        secondary: { label: 'unnest', result: append.unnest },
      },
      commandAppend: { ...append.command, unit: 'transactions/s', baselineLabel: 'single-row event + outbox transactions' },
      relay: { ...relay, unit: 'messages/s', targetRatio: TARGETS.relayRatio, baselineLabel: 'kafkajs sendBatch' },
      lag: { ...lag, targetRate: config.lagRate, targetP50Ms: TARGETS.lagP50Ms, targetP99Ms: TARGETS.lagP99Ms },
      gateway:
        'error' in gateway
          ? gateway
          : {
              transport: gateway.transport,
              clients: gateway.clients,
              command: {
                ...gateway.command,
                unit: 'commands/s',
                baselineUnit: 'transactions/s',
                targetRatio: TARGETS.gatewayCommandRatio,
                baselineLabel: 'single-row event + outbox transactions, application role',
              },
              read: { ...gateway.read, unit: 'reads/s', targetRatio: TARGETS.gatewayReadRatio, baselineLabel: 'direct to the frameworks subgraph' },
            },
    };
    const sections =
      (directory ? renderDirectoryImportMarkdown(directory) : '') +
      (cycle ? `\n${renderCycleOpeningMarkdown(cycle, new Date())}` : '') +
      (reminder ? `\n${renderReminderFanoutMarkdown(reminder, new Date())}` : '');
    process.stdout.write(renderStdout(report) + sections);
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, renderMarkdown(report) + sections);
    log(`wrote ${output}`);
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    return 1;
  } finally {
    await env?.close(); // idempotent: the same promise a signal handler may already be waiting on
  }
};

interface Section {
  /** The heading that starts the section in docs/benchmarks.md. */
  readonly heading: string;
  readonly run: (adminDatabaseUrl: string, config: ReturnType<typeof readConfig>) => Promise<string>;
}

const SECTIONS: Readonly<Record<string, Section>> = {
  'directory-import': {
    heading: '\n### 6. Directory HRIS import',
    run: async (adminDatabaseUrl, config) => {
      const rows = config.directoryRows > 0 ? config.directoryRows : 100_000;
      log(`directory import (${rows} rows)`);
      return renderDirectoryImportMarkdown(await benchDirectoryImport({ adminDatabaseUrl, rows, smallRows: Math.max(1, Math.round(rows / 10)) }));
    },
  },
  'cycle-opening': {
    heading: '\n### 7. Opening a review cycle',
    run: async (adminDatabaseUrl, config) => {
      const people = config.cyclePeople > 0 ? config.cyclePeople : 100_000;
      log(`opening a review cycle (${people} people)`);
      return `\n${renderCycleOpeningMarkdown(await benchCycleOpening({ adminDatabaseUrl, people, smallPeople: Math.max(1, Math.round(people / 10)) }), new Date())}`;
    },
  },
  'reminder-fanout': {
    heading: '\n### 8. One deadline reminder to a whole district',
    run: async (adminDatabaseUrl, config) => {
      const people = config.cyclePeople > 0 ? config.cyclePeople : 100_000;
      log(`one deadline reminder (${people} people)`);
      return `\n${renderReminderFanoutMarkdown(await benchReminderFanout({ adminDatabaseUrl, people, smallPeople: Math.max(1, Math.round(people / 10)) }), new Date())}`;
    },
  },
};

/** One section alone: the rest of docs/benchmarks.md stays as the last full run wrote it. */
const sectionOnly = async ({ heading, run }: Section): Promise<number> => {
  const config = readConfig(process.env);
  const output = process.env.BENCH_OUTPUT ?? path.resolve(__dirname, '../../../docs/benchmarks.md');
  let server: { url: string; stop(): Promise<void> } | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the server`);
    void (server?.stop() ?? Promise.resolve()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = process.env.BENCH_DATABASE_URL ? undefined : await startPostgres();
    const section = await run(process.env.BENCH_DATABASE_URL ?? server!.url, config);
    process.stdout.write(section);
    const current = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '# Benchmarks\n';
    const at = current.indexOf(heading);
    // Up to the next section of the same or a higher level, which stays as it was.
    const next = at < 0 ? -1 : current.slice(at + heading.length).search(/\n#{2,3} /);
    const rest = next < 0 ? '' : current.slice(at + heading.length + next);
    fs.writeFileSync(output, (at < 0 ? `${current.trimEnd()}\n` : current.slice(0, at)) + section + rest);
    log(`wrote ${heading.trim()} of ${output}`);
    return 0;
  } catch (error) {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    return 1;
  } finally {
    await server?.stop();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${String(error)}`);
    process.exit(1);
  },
);
