import type { LatencySummary, PairedThroughput } from './stats';

/** Everything one run measured, in a shape the stdout table and docs/benchmarks.md are both rendered from. */

export interface MachineInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  /** 1, 5 and 15 minute load averages before the servers started: how busy the machine already was. */
  readonly loadAverageAtStart: string;
  /** The same, when the measurements had finished. */
  readonly loadAverageAtEnd?: string;
  readonly postgres: string;
  readonly kafka: string;
}

export interface BenchConfig {
  readonly rounds: number;
  readonly appendEventsPerRound: number;
  readonly appendBatchSize: number;
  readonly relayMessagesPerRound: number;
  readonly relayBatchSize: number;
  readonly topicPartitions: number;
  readonly lagSeconds: number;
  readonly lagRate: number;
  readonly rttSamplesPerRound: number;
  /** Rows of the large HRIS file for the directory import; 0 skips it. */
  readonly directoryRows: number;
}

export interface ThroughputResult extends PairedThroughput {
  /** For the relay: the share of its timed loop spent in KafkaTransport.publish (the rest is outbox reads, marks, JSON). */
  readonly publishShare?: number;
  readonly unit: string;
  /** Minimum candidate/baseline ratio the project aims for. */
  readonly targetRatio: number;
  /** What the baseline is, in a few words. */
  readonly baselineLabel: string;
  /** An extra raw baseline, run in the same rounds, reported for information only (no target). */
  readonly secondary?: { readonly label: string; readonly result: PairedThroughput };
}

export interface LagResult {
  readonly targetRate: number;
  /** Completed appends per second over the paced windows. */
  readonly achievedRate: number;
  readonly accepted: number;
  readonly failedAppends: number;
  /** Accepted events that never reached the read model before the drain timeout. */
  readonly missing: number;
  readonly lagMs: LatencySummary;
  /** p99 of each paced round, in the order run. */
  readonly roundP99Ms: readonly number[];
  /** How late the scheduler started commands against the schedule (p99, max), pooled. */
  readonly startDelayP99Ms: number;
  readonly startDelayMaxMs: number;
  /** Command latency: appendToStream start to resolve. */
  readonly appendLatencyMs: LatencySummary;
  /** Accepted -> outbox row marked published (its `published_at`, taken after Kafka acknowledged the batch). */
  readonly relayStageMs: LatencySummary;
  /** Marked published -> read-model row written. */
  readonly projectStageMs: LatencySummary;
  readonly targetP99Ms: number;
  /** Read-model rows written per second while the load ran; below the append rate means the projection falls behind. */
  readonly projectedRateDuringLoad: number;
  /** Rows per second while a backlog drained after the load stopped (the projection alone), if there was a backlog. */
  readonly catchUpRate?: number;
  /** Fraction of all cores busy during the paced rounds (median), when the OS reports it. */
  readonly cpuBusy?: number;
  /** Bare kafkajs produce -> consume of one message at a time. */
  readonly baselineRoundTripMs: LatencySummary;
}

export interface BenchReport {
  readonly startedAt: Date;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly config: BenchConfig;
  readonly append: ThroughputResult;
  readonly relay: ThroughputResult;
  readonly lag: LagResult;
}

/** The lag result only counts when the load generator really held the rate and nothing was lost. */
export const RATE_TOLERANCE = 0.98;

export interface Verdict {
  readonly met: boolean;
  readonly label: string;
}

export const throughputVerdict = (r: ThroughputResult): Verdict => {
  const met = r.ratio >= r.targetRatio;
  return { met, label: met ? 'yes' : 'no' };
};

export const lagVerdict = (r: LagResult): Verdict => {
  if (r.achievedRate < r.targetRate * RATE_TOLERANCE) return { met: false, label: `no (only ${fixed(r.achievedRate, 0)}/s of ${r.targetRate}/s achieved)` };
  if (r.missing > 0 || r.failedAppends > 0) return { met: false, label: `no (${r.missing} events never projected, ${r.failedAppends} appends failed)` };
  const met = r.lagMs.p99 <= r.targetP99Ms;
  return { met, label: met ? 'yes' : 'no' };
};

export const fixed = (value: number, digits: number): string => value.toFixed(digits);
/** 12345.6 -> "12,346". */
export const thousands = (value: number): string => Math.round(value).toLocaleString('en-US');
export const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)}%`;
export const ms = (value: number): string => (value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`);

/** A plain-text table with aligned columns (numbers right-aligned), for stdout. */
export const renderTextTable = (headers: readonly string[], rows: readonly (readonly string[])[]): string => {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((r) => /^-?[\d,.]+%?$/.test(r[c] ?? '')));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

const escapeCell = (cell: string): string => cell.replace(/\|/g, '\\|');
export const renderMarkdownTable = (headers: readonly string[], rows: readonly (readonly string[])[]): string =>
  [`| ${headers.map(escapeCell).join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(escapeCell).join(' | ')} |`)].join('\n');

const lagLine = (s: LatencySummary): string => `p50 ${ms(s.p50)} / p95 ${ms(s.p95)} / p99 ${ms(s.p99)} / max ${ms(s.max)}`;

/** The headline rows, shared by stdout and the markdown file. */
export const summaryRows = (report: BenchReport): string[][] => {
  const { append, relay, lag } = report;
  return [
    [
      `Append, ${report.config.appendBatchSize} events per call`,
      `${thousands(append.candidateMedian)} ${append.unit}`,
      `${thousands(append.baselineMedian)} ${append.unit} (${append.baselineLabel})`,
      `${percent(append.ratio)} of raw`,
      `>= ${percent(append.targetRatio)}`,
      throughputVerdict(append).label,
    ],
    ...(append.secondary
      ? [
          [
            `Append, same candidate rounds (information)`,
            `${thousands(append.secondary.result.candidateMedian)} ${append.unit}`,
            `${thousands(append.secondary.result.baselineMedian)} ${append.unit} (${append.secondary.label})`,
            `${percent(append.secondary.result.ratio)} of raw`,
            '-',
            '-',
          ],
        ]
      : []),
    [
      'Outbox relay to Kafka',
      `${thousands(relay.candidateMedian)} ${relay.unit}`,
      `${thousands(relay.baselineMedian)} ${relay.unit} (${relay.baselineLabel})`,
      `${percent(relay.ratio)} of raw`,
      `>= ${percent(relay.targetRatio)}`,
      throughputVerdict(relay).label,
    ],
    [
      `Projection lag at ${lag.targetRate} events/s`,
      lagLine(lag.lagMs),
      `Kafka round trip p50 ${ms(lag.baselineRoundTripMs.p50)} / p99 ${ms(lag.baselineRoundTripMs.p99)}`,
      `p99 ${ms(lag.lagMs.p99)} (at ${fixed(lag.achievedRate, 1)}/s)`,
      `p99 <= ${lag.targetP99Ms} ms`,
      lagVerdict(lag).label,
    ],
  ];
};

export const SUMMARY_HEADERS = ['Measurement', 'Candidate', 'Raw baseline', 'Result', 'Target', 'Met'];

export const renderStdout = (report: BenchReport): string => {
  const { append, relay, lag } = report;
  const rounds = (r: ThroughputResult) => [
    ['candidate', ...r.candidate.map(thousands)],
    [`raw ${r.baselineLabel}`, ...r.baseline.map(thousands)],
    ['ratio', ...r.pairRatios.map(percent)],
    ...(r.secondary
      ? [
          [`raw ${r.secondary.label}`, ...r.secondary.result.baseline.map(thousands)],
          [`ratio vs ${r.secondary.label}`, ...r.secondary.result.pairRatios.map(percent)],
        ]
      : []),
  ];
  const roundHeaders = (unit: string, n: number) => [unit, ...Array.from({ length: n }, (_, i) => `round ${i + 1}`)];
  return [
    '',
    `Benchmarks, ${report.startedAt.toISOString()} (${fixed(report.durationSeconds, 0)} s): ${report.machine.cpus} cores, Node ${report.machine.node}, PostgreSQL ${report.machine.postgres}, Kafka ${report.machine.kafka}`,
    '',
    renderTextTable(SUMMARY_HEADERS, summaryRows(report)),
    '',
    `Append rounds (${append.unit}):`,
    renderTextTable(roundHeaders('', append.candidate.length), rounds(append)),
    '',
    `Relay rounds (${relay.unit}):`,
    renderTextTable(roundHeaders('', relay.candidate.length), rounds(relay)),
    ...(relay.publishShare === undefined ? [] : [`(${percent(relay.publishShare)} of the relay's time inside KafkaTransport.publish)`]),
    '',
    `Projection lag: ${lag.accepted} events accepted at ${fixed(lag.achievedRate, 1)}/s (target ${lag.targetRate}/s), ${lag.missing} missing, ${lag.failedAppends} failed appends; ` +
      `p99 per round ${lag.roundP99Ms.map(ms).join(', ')}; relay stage p50 ${ms(lag.relayStageMs.p50)} / p99 ${ms(lag.relayStageMs.p99)}, ` +
      `consume+project stage p50 ${ms(lag.projectStageMs.p50)} / p99 ${ms(lag.projectStageMs.p99)}; ` +
      `projection wrote ${fixed(lag.projectedRateDuringLoad, 0)} rows/s under load` +
      (lag.catchUpRate === undefined ? '' : `, ${fixed(lag.catchUpRate, 0)} rows/s catching up`) +
      (lag.cpuBusy === undefined ? '' : `; machine CPU ${percent(lag.cpuBusy)} busy`) +
      `; append latency p50 ${ms(lag.appendLatencyMs.p50)} / p99 ${ms(lag.appendLatencyMs.p99)}; ` +
      `scheduler start delay p99 ${ms(lag.startDelayP99Ms)}.`,
    '',
  ].join('\n');
};

export const renderMarkdown = (report: BenchReport): string => {
  const { machine: m, config: c, append, relay, lag } = report;
  const roundTable = (r: ThroughputResult) => {
    const extra = r.secondary;
    const bold = (cell: string) => `**${cell}**`;
    return renderMarkdownTable(
      [
        'Round',
        `Candidate (${r.unit})`,
        `Raw ${r.baselineLabel} (${r.unit})`,
        'Ratio',
        ...(extra ? [`Raw ${extra.label} (${r.unit})`, `Ratio vs ${extra.label}`] : []),
      ],
      r.candidate
        .map((value, i) => [
          String(i + 1),
          thousands(value),
          thousands(r.baseline[i]),
          percent(r.pairRatios[i]),
          ...(extra ? [thousands(extra.result.baseline[i]), percent(extra.result.pairRatios[i])] : []),
        ])
        .concat([
          [
            'median',
            thousands(r.candidateMedian),
            thousands(r.baselineMedian),
            percent(r.ratio),
            ...(extra ? [thousands(extra.result.baselineMedian), percent(extra.result.ratio)] : []),
          ].map(bold),
        ]),
    );
  };
  const latencyRow = (name: string, s: LatencySummary) => [name, String(s.count), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
  return `${[
    '# Benchmarks',
    '',
    '<!-- Generated by infra/bench (npm run bench); every run rewrites this file. Do not edit by hand. -->',
    '',
    `Run on ${report.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC, took ${fixed(report.durationSeconds, 0)} s.`,
    '',
    '## Machine',
    '',
    renderMarkdownTable(
      ['', 'This run'],
      [
        ['CPU', `${m.cpus} cores (${m.cpuModel})`],
        ['Memory', `${fixed(m.memoryGiB, 1)} GiB`],
        ['OS', m.os],
        ['Node', m.node],
        ['Load average before / after the run (1, 5, 15 min)', `${m.loadAverageAtStart} / ${m.loadAverageAtEnd ?? '?'}`],
        ['PostgreSQL', m.postgres],
        ['Kafka', m.kafka],
      ],
    ),
    '',
    'PostgreSQL, Kafka and the benchmark share these cores, and other work on the machine (see the load average) adds noise:',
    'read the ratios against the same-run baselines, not the absolute numbers.',
    '',
    '## Results',
    '',
    renderMarkdownTable(SUMMARY_HEADERS, summaryRows(report)),
    '',
    'Targets are what the project aims for later; nothing fails the run when one is missed.',
    '',
    `### 1. Event append throughput (${c.appendBatchSize} events per call)`,
    '',
    roundTable(append),
    '',
    `### 2. Outbox relay publish rate (${thousands(c.relayMessagesPerRound)} messages per round, batches of ${c.relayBatchSize})`,
    '',
    roundTable(relay),
    '',
    ...(relay.publishShare === undefined
      ? []
      : [
          `Of the relay's time, ${percent(relay.publishShare)} was spent in \`KafkaTransport.publish\` and ${percent(1 - relay.publishShare)} outside it`,
          '(reading pending rows, `JSON.stringify` of payloads, marking rows published), one step after the other (median of rounds).',
          '',
        ]),
    `### 3. Projection lag at ${lag.targetRate} events/s for ${c.lagSeconds} s`,
    '',
    renderMarkdownTable(
      ['Latency', 'Samples', 'p50', 'p95', 'p99', 'max'],
      [
        latencyRow('Projection lag (append resolved -> read-model row written)', lag.lagMs),
        latencyRow('&nbsp;&nbsp;of which relay: accepted -> outbox row marked published', lag.relayStageMs),
        latencyRow('&nbsp;&nbsp;of which consume + project: marked published -> row written', lag.projectStageMs),
        latencyRow('Append command latency (appendToStream call -> resolved)', lag.appendLatencyMs),
        latencyRow('Raw baseline: bare kafkajs produce -> consume, one message at a time', lag.baselineRoundTripMs),
      ],
    ),
    '',
    `- Achieved rate: ${fixed(lag.achievedRate, 1)} events/s of ${lag.targetRate} (${lag.accepted} events accepted, ${lag.failedAppends} appends failed, ${lag.missing} never projected).`,
    `- Projection lag p99 per round: ${lag.roundP99Ms.map(ms).join(', ')}.`,
    `- Projection throughput: ${fixed(lag.projectedRateDuringLoad, 0)} rows/s written while the load ran` +
      (lag.catchUpRate === undefined ? ' (no backlog left when it stopped).' : `; ${fixed(lag.catchUpRate, 0)} rows/s while the backlog drained after the load stopped.`),
    ...(lag.cpuBusy === undefined ? [] : [`- Machine CPU busy during the paced rounds: ${percent(lag.cpuBusy)} of ${m.cpus} cores (servers, both services and the load generator share them).`]),
    `- Scheduler: commands started at most ${ms(lag.startDelayMaxMs)} late (p99 ${ms(lag.startDelayP99Ms)}) against their schedule.`,
    '',
    '## Method',
    '',
    `Each measurement alternates candidate (A) and raw baseline (B) rounds in one run — ${Array.from({ length: c.rounds }, () => 'AB').join('')} — so drift on a`,
    'noisy machine hits both alike; throughput is the median of rounds, and the ratio is median(A) / median(B). A warm-up round of',
    'each runs first and is not counted. Every measurement gets its own freshly migrated database, so table sizes match between A',
    'and B round by round. The embedded PostgreSQL runs with `fsync=off`, `synchronous_commit=off` and `full_page_writes=off`',
    '(throwaway data), which flatters both sides equally and removes disk flushes from the comparison; the Kafka broker is a',
    'single-node KRaft process with a 512 MB heap.',
    '',
    `1. **Append.** Candidate: \`PostgresEventStore.appendToStream\` with ${c.appendBatchSize} events per call, a fresh stream each call`,
    `   (\`expectedVersion: 'no_stream'\`), no outbox, ~300-byte JSON data, one call at a time; ${thousands(c.appendEventsPerRound)} events per round.`,
    '   Baseline (the target\'s): plain `pg`, one client, `BEGIN; INSERT ... VALUES (...), ... (100 rows, 1,200 parameters); COMMIT` into',
    '   `es_events` of a second database created by the same migration (so the same columns, types, defaults, unique constraints and',
    '   indexes). A second raw baseline, for information, does the same with `INSERT ... SELECT FROM unnest($1::uuid[], ...)` (12',
    '   parameters, the statement shape the store itself uses) into a third such database: parsing and binding 1,200 parameters costs',
    '   more than the store\'s extra version-check `SELECT`, so the candidate can beat the VALUES baseline, and the unnest baseline shows',
    '   what the store really costs over raw SQL. All sides generate uuid v7 event ids and serialise the same pre-built data inside the',
    '   timed loop; each round runs candidate, VALUES, unnest in that order.',
    `2. **Relay.** Each round fills the outbox with ${thousands(c.relayMessagesPerRound)} messages (appends with a \`publish\` mapping, not timed), then times`,
    '   `OutboxRelay.relayOnce()` (default batch of 500) on `KafkaTransport` in a loop until it returns 0. The baseline sends the very same',
    '   keys, headers and JSON values (read back from that outbox, serialised before timing) with a bare kafkajs producer',
    `   (\`idempotent: true, maxInFlightRequests: 1\`, \`acks: -1\`) via \`sendBatch\` in batches of ${c.relayBatchSize} to another topic with the same`,
    `   partition count (${c.topicPartitions}).`,
    `3. **Lag.** The writing service (this process) appends and runs an \`OutboxRelay\` (\`start()\`, woken by NOTIFY) on a`,
    '   `KafkaTransport`; the consuming service is a second Node process running `startProjection` on its own `KafkaTransport` and',
    '   its own database, writing one read-model row per event stamped with `clock_timestamp()`. Commands append one event each to a',
    '   fresh stream, paced open-loop from a fixed start time (a late tick is caught up, not dropped; at most 64 in flight).',
    '   "Accepted" is `Date.now()` when `appendToStream` resolved; lag = write time - accepted (one machine clock; the write time is',
    '   taken inside the projection\'s transaction, just before its commit). The split uses the outbox row\'s `published_at`, set',
    `   after Kafka acknowledged the relay's batch. The run is ${c.rounds} rounds of ${fixed(c.lagSeconds / c.rounds, 0)} s, each followed by a drain and a baseline`,
    `   round of ${c.rttSamplesPerRound} bare kafkajs round trips (idempotent producer, acks -1, one message at a time, a plain consumer);`,
    '   percentiles pool all rounds. A 2 s warm-up (consumer group join) is excluded.',
    '',
    'Run it with `npx nx run bench:build && node infra/bench/dist/main.js`. It starts PostgreSQL and Kafka itself unless',
    '`BENCH_DATABASE_URL` (a superuser URL: it creates and drops databases) or `KAFKA_BROKERS` are set. Knobs: `BENCH_ROUNDS`,',
    '`BENCH_APPEND_EVENTS`, `BENCH_RELAY_MESSAGES`, `BENCH_LAG_SECONDS`, `BENCH_LAG_RATE`, `BENCH_RTT_SAMPLES`.',
    '',
    '### Configuration of this run',
    '',
    renderMarkdownTable(
      ['Setting', 'Value'],
      [
        ['Rounds (A/B pairs)', String(c.rounds)],
        ['Append events per round', thousands(c.appendEventsPerRound)],
        ['Relay messages per round', thousands(c.relayMessagesPerRound)],
        ['Topic partitions', String(c.topicPartitions)],
        ['Lag run', `${c.lagSeconds} s at ${c.lagRate} events/s`],
        ['Round trips per baseline round', String(c.rttSamplesPerRound)],
      ],
    ),
  ].join('\n')}\n`;
};
