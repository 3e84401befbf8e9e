import { TARGETS } from './config';
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
  /** Transactions per round of the command-shaped append (one event + its outbox row each). */
  readonly commandTransactionsPerRound: number;
  readonly relayMessagesPerRound: number;
  readonly relayBatchSize: number;
  readonly topicPartitions: number;
  readonly lagSeconds: number;
  readonly lagRate: number;
  readonly rttSamplesPerRound: number;
  /** Length of each timed gateway round, per side. */
  readonly gatewaySeconds: number;
  readonly gatewayClients: number;
  /** Rows of the large HRIS file for the directory import; 0 skips it. */
  readonly directoryRows: number;
  /** People of the tenant whose review cycle is opened (0: skipped). */
  readonly cyclePeople: number;
}

export interface ThroughputResult extends PairedThroughput {
  /** For the relay: the share of its timed run with a KafkaTransport.publish in flight (the rest is outbox work not hidden behind one). */
  readonly publishShare?: number;
  /** For the relay: one of its publishes, and one raw sendBatch of as many messages (ms, median of rounds). */
  readonly publishMsPerBatch?: number;
  readonly rawMsPerBatch?: number;
  readonly unit: string;
  /** Unit of the baseline, when it counts something else (transactions against commands). */
  readonly baselineUnit?: string;
  /** Minimum candidate/baseline ratio the project aims for; none: reported for information. */
  readonly targetRatio?: number;
  /** What the baseline is, in a few words. */
  readonly baselineLabel: string;
  /** An extra raw baseline, run in the same rounds, reported for information only (no target). */
  readonly secondary?: { readonly label: string; readonly result: PairedThroughput };
}

export interface LagResult {
  /** The offered rate (events/s). */
  readonly targetRate: number;
  /** Completed appends per second over the paced windows. */
  readonly achievedRate: number;
  readonly accepted: number;
  readonly failedAppends: number;
  /** Accepted events that never reached the read model before the drain timeout. */
  readonly missing: number;
  /** Command issued (its scheduled time, any queueing included) -> the read-model transaction committed. */
  readonly lagMs: LatencySummary;
  /** Append resolved -> read-model commit: the measure earlier runs reported, for comparison. */
  readonly lagFromAcceptedMs: LatencySummary;
  /** p50 and p99 of each paced round, in the order run. */
  readonly roundP50Ms: readonly number[];
  readonly roundP99Ms: readonly number[];
  /** How late the scheduler started commands against the schedule (p99, max), pooled. */
  readonly startDelayP99Ms: number;
  readonly startDelayMaxMs: number;
  /** Issued -> append resolved: queueing for a slot or a pooled connection, then the append transaction. */
  readonly appendLatencyMs: LatencySummary;
  /** Append resolved -> Kafka acknowledged the relay's batch holding the event. */
  readonly relayStageMs: LatencySummary;
  /** Acknowledged -> read-model row written (its clock_timestamp(), inside the projection's transaction). */
  readonly projectStageMs: LatencySummary;
  /** Row written -> the projection's transaction committed. */
  readonly commitStageMs: LatencySummary;
  readonly targetP50Ms: number;
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

/** A closed-loop throughput comparison at a fixed number of concurrent clients. */
export interface ClosedLoopResult extends ThroughputResult {
  readonly candidateLatencyMs: LatencySummary;
  readonly baselineLatencyMs: LatencySummary;
  /** Requests that failed (on either side); they count as no throughput, and the target is then not met. */
  readonly failures: number;
  readonly firstFailure?: string;
  /** CPU time of the platform process (all services and the gateway) per candidate request, median of rounds. */
  readonly platformCpuMsPerRequest?: number;
  /** For the direct side of the read: the platform process's CPU per request without the gateway. */
  readonly baselinePlatformCpuMsPerRequest?: number;
  /** Transactions the platform's databases committed per candidate request (pg_stat_database), median of rounds. */
  readonly platformTransactionsPerRequest?: number;
  /** Queries (round trips) the platform process sent to PostgreSQL per candidate request, median of rounds. */
  readonly platformStatementsPerRequest?: number;
}

export interface GatewayResult {
  /** Kafka, or the in-process transport. */
  readonly transport: string;
  readonly clients: number;
  readonly command: ClosedLoopResult;
  readonly read: ClosedLoopResult;
}

export interface BenchReport {
  readonly startedAt: Date;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  readonly config: BenchConfig;
  readonly append: ThroughputResult;
  /** One event + its outbox row per transaction, as the application role under row-level security. */
  readonly commandAppend: ThroughputResult;
  readonly relay: ThroughputResult;
  readonly lag: LagResult;
  /** Through the real platform; `error` when it could not be measured (the run goes on). */
  readonly gateway: GatewayResult | { readonly error: string };
}

/** The lag result only counts when the load generator really held the rate and nothing was lost. */
export const RATE_TOLERANCE = 0.98;

export interface Verdict {
  /** Undefined: no target (information only). */
  readonly met?: boolean;
  readonly label: string;
}

export const throughputVerdict = (r: ThroughputResult): Verdict => {
  if (r.targetRatio === undefined) return { label: '-' };
  const met = r.ratio >= r.targetRatio;
  return { met, label: met ? 'yes' : 'no' };
};

export const closedLoopVerdict = (r: ClosedLoopResult): Verdict => {
  if (r.failures > 0) return { met: false, label: `no (${r.failures} requests failed)` };
  return throughputVerdict(r);
};

/** Whether the lag run kept up with its offered rate: the commands, and the projection behind them. */
export const fellBehind = (r: LagResult): string | undefined => {
  const reasons: string[] = [];
  if (r.achievedRate < r.targetRate * RATE_TOLERANCE) reasons.push(`commands completed at ${fixed(r.achievedRate, 1)}/s of the ${r.targetRate}/s offered`);
  // Behind the appends (a backlog built up), not merely behind an offered rate the appends never reached.
  const appended = Math.min(r.targetRate, r.achievedRate);
  if (r.projectedRateDuringLoad < appended * RATE_TOLERANCE) {
    reasons.push(`the projection wrote ${fixed(r.projectedRateDuringLoad, 0)} rows/s while ${fixed(appended, 0)} events/s were appended`);
  }
  return reasons.length > 0 ? reasons.join('; ') : undefined;
};

export const lagVerdict = (r: LagResult): Verdict => {
  if (r.achievedRate < r.targetRate * RATE_TOLERANCE) return { met: false, label: `no (only ${fixed(r.achievedRate, 0)}/s of ${r.targetRate}/s achieved)` };
  if (r.missing > 0 || r.failedAppends > 0) return { met: false, label: `no (${r.missing} events never projected, ${r.failedAppends} appends failed)` };
  const p50 = r.lagMs.p50 <= r.targetP50Ms;
  const p99 = r.lagMs.p99 <= r.targetP99Ms;
  if (p50 && p99) return { met: true, label: 'yes' };
  return { met: false, label: `no (${[p50 ? '' : 'p50', p99 ? '' : 'p99'].filter(Boolean).join(' and ')} over)` };
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

const isGateway = (g: BenchReport['gateway']): g is GatewayResult => !('error' in g);

const throughputRow = (name: string, r: ThroughputResult, verdict: Verdict): string[] => [
  name,
  `${thousands(r.candidateMedian)} ${r.unit}`,
  `${thousands(r.baselineMedian)} ${r.baselineUnit ?? r.unit} (${r.baselineLabel})`,
  `${percent(r.ratio)} of raw`,
  r.targetRatio === undefined ? '-' : `>= ${percent(r.targetRatio)}`,
  verdict.label,
];

/** The headline rows, shared by stdout and the markdown file. */
export const summaryRows = (report: BenchReport): string[][] => {
  const { append, commandAppend, relay, lag, gateway } = report;
  const gatewayRows = isGateway(gateway)
    ? [
        throughputRow(`One command through the gateway, ${gateway.clients} clients`, gateway.command, closedLoopVerdict(gateway.command)),
        throughputRow(`One read through the gateway, ${gateway.clients} clients`, gateway.read, closedLoopVerdict(gateway.read)),
      ]
    : [
        [`One command through the gateway, ${report.config.gatewayClients} clients`, 'not measured', '-', gateway.error, `>= ${percent(TARGETS.gatewayCommandRatio)}`, 'no (not measured)'],
        [`One read through the gateway, ${report.config.gatewayClients} clients`, 'not measured', '-', gateway.error, `>= ${percent(TARGETS.gatewayReadRatio)}`, 'no (not measured)'],
      ];
  return [
    throughputRow(`Append, ${report.config.appendBatchSize} events per call`, append, throughputVerdict(append)),
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
    throughputRow('Append, command-shaped: 1 event + outbox row per transaction, application role (information)', commandAppend, throughputVerdict(commandAppend)),
    throughputRow('Outbox relay to Kafka', relay, throughputVerdict(relay)),
    [
      `Projection lag at ${lag.targetRate} events/s offered (command issued -> read-model commit)`,
      lagLine(lag.lagMs),
      `Kafka round trip p50 ${ms(lag.baselineRoundTripMs.p50)} / p99 ${ms(lag.baselineRoundTripMs.p99)}`,
      `p50 ${ms(lag.lagMs.p50)}, p99 ${ms(lag.lagMs.p99)} at ${fixed(lag.achievedRate, 1)}/s achieved`,
      `p50 <= ${lag.targetP50Ms} ms, p99 <= ${lag.targetP99Ms} ms`,
      lagVerdict(lag).label,
    ],
    ...gatewayRows,
  ];
};

export const SUMMARY_HEADERS = ['Measurement', 'Candidate', 'Raw baseline', 'Result', 'Target', 'Met'];

/** The stage with the largest value of `pick` among the lag's parts. */
const largestStage = (lag: LagResult, pick: (s: LatencySummary) => number): { name: string; value: number } =>
  [
    { name: 'queueing + append (issued -> append resolved)', value: pick(lag.appendLatencyMs) },
    { name: 'relay (append resolved -> Kafka acknowledged)', value: pick(lag.relayStageMs) },
    { name: 'consume + project (acknowledged -> row written)', value: pick(lag.projectStageMs) },
    { name: 'commit (row written -> committed)', value: pick(lag.commitStageMs) },
  ].reduce((a, b) => (b.value > a.value ? b : a));

/**
 * For every missed target, what was measured and the likely lever (generated from this run's numbers; the levers
 * name where the time went, they are not measured promises).
 */
export const missedTargets = (report: BenchReport): string[] => {
  const { relay, lag, gateway } = report;
  const lines: string[] = [];
  if (throughputVerdict(relay).met === false) {
    const publishBound = relay.publishShare !== undefined && relay.publishShare >= 0.9;
    lines.push(
      `- **Relay (${percent(relay.ratio)} of raw, target ${percent(relay.targetRatio ?? 0)}).** ` +
        (relay.publishShare === undefined ? '' : `A publish was in flight ${percent(relay.publishShare)} of the relay's time`) +
        (relay.publishMsPerBatch !== undefined && relay.rawMsPerBatch !== undefined
          ? `, and one of its publishes took ${ms(relay.publishMsPerBatch)} against ${ms(relay.rawMsPerBatch)} for a raw \`sendBatch\` of as many messages. `
          : '. ') +
        (publishBound
          ? 'The outbox work is hidden behind the publishes; what is left is the publish itself running slower on a thread that also ' +
            'decodes the next 500 rows from PostgreSQL, and `KafkaTransport.publish` copying every message and its headers into ' +
            'per-topic arrays (one array copy per message) before kafkajs encodes them, with PostgreSQL and the broker competing for two cores. '
          : 'Part of the outbox work (the first read, reads after a partial batch, the last mark) is still not hidden behind a publish. ') +
        'Likely levers: `KafkaTransport.publish` building its per-topic lists without copying (outside this change), larger batches, ' +
        'the relay in a process of its own.',
    );
  }
  const lagMet = lagVerdict(lag).met;
  if (lagMet === false) {
    const behind = fellBehind(lag);
    const p50 = largestStage(lag, (s) => s.p50);
    const p99 = largestStage(lag, (s) => s.p99);
    lines.push(
      `- **Projection lag (p50 ${ms(lag.lagMs.p50)}, p99 ${ms(lag.lagMs.p99)}; target p50 <= ${lag.targetP50Ms} ms, p99 <= ${lag.targetP99Ms} ms) ` +
        `at ${fixed(lag.achievedRate, 1)}/s of ${lag.targetRate}/s offered.** ` +
        (behind
          ? `The run fell behind: ${behind}, so most of the lag is commands waiting for their turn (queueing + append p50 ` +
            `${ms(lag.appendLatencyMs.p50)}, the scheduler up to ${ms(lag.startDelayMaxMs)} late). `
          : '') +
        (lag.cpuBusy === undefined ? '' : `The machine's cores were ${percent(lag.cpuBusy)} busy. `) +
        `The largest stage at p50 is ${p50.name} (${ms(p50.value)}), at p99 ${p99.name} (${ms(p99.value)}). ` +
        `From the append resolved to the read-model commit it took p50 ${ms(lag.lagFromAcceptedMs.p50)} / p99 ${ms(lag.lagFromAcceptedMs.p99)}, ` +
        `against a bare Kafka round trip of p50 ${ms(lag.baselineRoundTripMs.p50)} / p99 ${ms(lag.baselineRoundTripMs.p99)}. Likely levers: ` +
        (behind
          ? 'first capacity: on these two shared cores the appends (seven statements each, one transaction per command, from a ' +
            '10-connection pool), PostgreSQL, the broker and both services cannot carry the offered rate; then '
          : '') +
        'the consumer (`KafkaTransport.subscribe` and the projection runner, outside this change): each partition batch costs a ' +
        'checkpoint read outside its transaction, a transaction of four statements and an offset commit to Kafka before the next ' +
        'fetch, with 3 of 6 partitions handled at a time.',
    );
  }
  if (isGateway(gateway)) {
    const { command, read } = gateway;
    if (closedLoopVerdict(command).met === false) {
      const costs = [
        command.platformCpuMsPerRequest === undefined ? undefined : `${fixed(command.platformCpuMsPerRequest, 1)} ms of CPU in the platform process`,
        command.platformStatementsPerRequest === undefined ? undefined : `${fixed(command.platformStatementsPerRequest, 1)} queries (round trips) sent to PostgreSQL`,
        command.platformTransactionsPerRequest === undefined ? undefined : `${fixed(command.platformTransactionsPerRequest, 1)} transactions committed`,
      ].filter((c): c is string => c !== undefined);
      lines.push(
        `- **Command through the gateway (${percent(command.ratio)} of raw, target ${percent(command.targetRatio ?? 0)}).** ` +
          `${thousands(command.candidateMedian)} commands/s against ${thousands(command.baselineMedian)} raw transactions/s (5 queries each) at ${gateway.clients} clients; ` +
          `latency p50 ${ms(command.candidateLatencyMs.p50)} / p99 ${ms(command.candidateLatencyMs.p99)} against p50 ${ms(command.baselineLatencyMs.p50)} / p99 ${ms(command.baselineLatencyMs.p99)}. ` +
          (costs.length > 0 ? `Each command cost ${costs.join(', ')} (the command's own transaction, the relay's reads and marks, both reviews projections of the event, until settled). ` : '') +
          'In the embedded platform every service and the gateway share one Node thread, so that CPU is the ceiling. Likely levers (outside this change): ' +
          'fewer statements per command and per projected batch (a checkpoint read outside the transaction, stream versions, checkpoint write), ' +
          'the gateway not verifying the same token\'s ES256 signature on every request, and services in their own processes (`npm run start:kafka`).',
      );
    }
    if (closedLoopVerdict(read).met === false) {
      lines.push(
        `- **Read through the gateway (${percent(read.ratio)} of direct, target ${percent(read.targetRatio ?? 0)}).** ` +
          `${thousands(read.candidateMedian)} reads/s against ${thousands(read.baselineMedian)} sent straight to the subgraph. ` +
          (read.platformCpuMsPerRequest !== undefined && read.baselinePlatformCpuMsPerRequest !== undefined
            ? `The platform process spent ${fixed(read.platformCpuMsPerRequest, 2)} ms of CPU per read through the gateway and ${fixed(read.baselinePlatformCpuMsPerRequest, 2)} ms direct: the gateway's parse, plan, token check and second HTTP hop run on the same thread as the subgraph. `
            : '') +
          'Likely levers (outside this change): caching verified tokens, and the gateway in its own process.',
      );
    }
  } else {
    lines.push(`- **Gateway command and read: not measured** (${gateway.error}).`);
  }
  return lines;
};

export const renderStdout = (report: BenchReport): string => {
  const { append, commandAppend, relay, lag, gateway } = report;
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
  const behind = fellBehind(lag);
  return [
    '',
    `Benchmarks, ${report.startedAt.toISOString()} (${fixed(report.durationSeconds, 0)} s): ${report.machine.cpus} cores, Node ${report.machine.node}, PostgreSQL ${report.machine.postgres}, Kafka ${report.machine.kafka}`,
    '',
    renderTextTable(SUMMARY_HEADERS, summaryRows(report)),
    '',
    `Append rounds (${append.unit}):`,
    renderTextTable(roundHeaders('', append.candidate.length), rounds(append)),
    '',
    `Command-shaped append rounds (${commandAppend.unit}):`,
    renderTextTable(roundHeaders('', commandAppend.candidate.length), rounds(commandAppend)),
    '',
    `Relay rounds (${relay.unit}):`,
    renderTextTable(roundHeaders('', relay.candidate.length), rounds(relay)),
    ...(relay.publishShare === undefined ? [] : [`(a publish in flight ${percent(relay.publishShare)} of the relay's time)`]),
    '',
    `Projection lag: ${lag.accepted} events accepted at ${fixed(lag.achievedRate, 1)}/s (offered ${lag.targetRate}/s)${behind ? `, FELL BEHIND: ${behind}` : ''}; ${lag.missing} missing, ${lag.failedAppends} failed appends; ` +
      `p50 per round ${lag.roundP50Ms.map(ms).join(', ')}; p99 per round ${lag.roundP99Ms.map(ms).join(', ')}; ` +
      `queueing + append p50 ${ms(lag.appendLatencyMs.p50)} / p99 ${ms(lag.appendLatencyMs.p99)}, relay p50 ${ms(lag.relayStageMs.p50)} / p99 ${ms(lag.relayStageMs.p99)}, ` +
      `consume+project p50 ${ms(lag.projectStageMs.p50)} / p99 ${ms(lag.projectStageMs.p99)}, commit p50 ${ms(lag.commitStageMs.p50)} / p99 ${ms(lag.commitStageMs.p99)}; ` +
      `projection wrote ${fixed(lag.projectedRateDuringLoad, 0)} rows/s under load` +
      (lag.catchUpRate === undefined ? '' : `, ${fixed(lag.catchUpRate, 0)} rows/s catching up`) +
      (lag.cpuBusy === undefined ? '' : `; machine CPU ${percent(lag.cpuBusy)} busy`) +
      `; scheduler start delay p99 ${ms(lag.startDelayP99Ms)}.`,
    '',
    ...(isGateway(gateway)
      ? [
          `Gateway command rounds (${gateway.clients} clients):`,
          renderTextTable(roundHeaders('', gateway.command.candidate.length), rounds(gateway.command)),
          '',
          `Gateway read rounds (${gateway.clients} clients):`,
          renderTextTable(roundHeaders('', gateway.read.candidate.length), rounds(gateway.read)),
        ]
      : [`Gateway: not measured (${gateway.error})`]),
    '',
  ].join('\n');
};

const roundTable = (r: ThroughputResult, baselineUnit = r.baselineUnit ?? r.unit) => {
  const extra = r.secondary;
  const bold = (cell: string) => `**${cell}**`;
  return renderMarkdownTable(
    [
      'Round',
      `Candidate (${r.unit})`,
      `Raw ${r.baselineLabel} (${baselineUnit})`,
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
const LATENCY_HEADERS = ['Latency', 'Samples', 'p50', 'p95', 'p99', 'max'];

const gatewaySection = (report: BenchReport): string[] => {
  const { gateway, config: c } = report;
  if (!isGateway(gateway)) {
    return [`### 5. One command and one read through the gateway (${c.gatewayClients} concurrent clients)`, '', `Not measured in this run: ${gateway.error}`, ''];
  }
  const { command, read } = gateway;
  const cpu = (label: string, value?: number) => (value === undefined ? [] : [`- ${label}: ${fixed(value, 2)} ms of platform-process CPU per request (median of rounds).`]);
  return [
    `### 5. One command and one read through the gateway (${gateway.clients} concurrent clients, ${c.gatewaySeconds} s per round, ${gateway.transport} transport)`,
    '',
    `**Command** \`createFrameworkDraft\` through the gateway against raw single-row event + outbox transactions as the application role:`,
    '',
    roundTable(command),
    '',
    renderMarkdownTable(LATENCY_HEADERS, [
      latencyRow('createFrameworkDraft through the gateway', command.candidateLatencyMs),
      latencyRow('Raw BEGIN; tenant setting; INSERT event; INSERT outbox row; COMMIT', command.baselineLatencyMs),
    ]),
    '',
    ...cpu('Command through the gateway', command.platformCpuMsPerRequest),
    ...(command.platformStatementsPerRequest === undefined
      ? []
      : [`- Queries (round trips) the platform sent to PostgreSQL per command: ${fixed(command.platformStatementsPerRequest, 1)} (the raw side: 5).`]),
    ...(command.platformTransactionsPerRequest === undefined
      ? []
      : [`- Transactions committed in the platform's databases per command: ${fixed(command.platformTransactionsPerRequest, 1)} (the raw side: 1).`]),
    ...(command.failures > 0 ? [`- ${command.failures} requests failed (first: ${command.firstFailure ?? '?'}).`] : []),
    '',
    `**Read** \`framework(id)\` through the gateway against the same request sent straight to the frameworks subgraph with the gateway's signed identity headers:`,
    '',
    roundTable(read),
    '',
    renderMarkdownTable(LATENCY_HEADERS, [
      latencyRow('framework(id) through the gateway', read.candidateLatencyMs),
      latencyRow('framework(id) straight to the frameworks subgraph', read.baselineLatencyMs),
    ]),
    '',
    ...cpu('Read through the gateway', read.platformCpuMsPerRequest),
    ...cpu('Read straight to the subgraph', read.baselinePlatformCpuMsPerRequest),
    ...(read.failures > 0 ? [`- ${read.failures} requests failed (first: ${read.firstFailure ?? '?'}).`] : []),
    '',
  ];
};

export const renderMarkdown = (report: BenchReport): string => {
  const { machine: m, config: c, append, commandAppend, relay, lag } = report;
  const behind = fellBehind(lag);
  const missed = missedTargets(report);
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
    'Targets are what the project aims for; nothing fails the run when one is missed.',
    '',
    ...(missed.length > 0 ? ['### Targets missed: what was measured, and the likely lever', '', ...missed, ''] : ['Every target was met in this run.', '']),
    `### 1. Event append throughput (${c.appendBatchSize} events per call)`,
    '',
    roundTable(append),
    '',
    `### 2. Command-shaped append (one event and its outbox row per transaction, as the application role, ${thousands(c.commandTransactionsPerRound)} per round)`,
    '',
    roundTable(commandAppend),
    '',
    `### 3. Outbox relay publish rate (${thousands(c.relayMessagesPerRound)} messages per round, batches of ${c.relayBatchSize})`,
    '',
    roundTable(relay),
    '',
    ...(relay.publishShare === undefined
      ? []
      : [
          `A publish (\`KafkaTransport.publish\`) was in flight ${percent(relay.publishShare)} of the relay's time; for the other ${percent(1 - relay.publishShare)}`,
          'the relay was doing outbox work that did not overlap a publish (the first read, a read after a partial batch, the last mark) or',
          'waiting for its own event loop (median of rounds). Reads of the next batch and marks of the previous one run while a batch is in flight.',
          '',
        ]),
    `### 4. Projection lag at ${lag.targetRate} events/s offered for ${c.lagSeconds} s`,
    '',
    renderMarkdownTable(LATENCY_HEADERS, [
      latencyRow('Projection lag (command issued -> read-model transaction committed)', lag.lagMs),
      latencyRow('&nbsp;&nbsp;of which queueing + append: issued -> append resolved', lag.appendLatencyMs),
      latencyRow('&nbsp;&nbsp;of which relay: append resolved -> Kafka acknowledged the batch', lag.relayStageMs),
      latencyRow('&nbsp;&nbsp;of which consume + project: acknowledged -> read-model row written', lag.projectStageMs),
      latencyRow('&nbsp;&nbsp;of which commit: row written -> transaction committed', lag.commitStageMs),
      latencyRow('For comparison: append resolved -> committed (what earlier runs measured)', lag.lagFromAcceptedMs),
      latencyRow('Raw baseline: bare kafkajs produce -> consume, one message at a time', lag.baselineRoundTripMs),
    ]),
    '',
    behind
      ? `- **The run fell behind its offered rate**: ${behind} (${lag.accepted} events accepted, ${lag.failedAppends} appends failed, ${lag.missing} never projected).`
      : `- Achieved rate: ${fixed(lag.achievedRate, 1)} events/s of ${lag.targetRate} offered: the rate was held (${lag.accepted} events accepted, ${lag.failedAppends} appends failed, ${lag.missing} never projected).`,
    `- Projection lag per round: p50 ${lag.roundP50Ms.map(ms).join(', ')}; p99 ${lag.roundP99Ms.map(ms).join(', ')}.`,
    `- Projection throughput: ${fixed(lag.projectedRateDuringLoad, 0)} rows/s written while the load ran` +
      (lag.catchUpRate === undefined ? ' (no backlog left when it stopped).' : `; ${fixed(lag.catchUpRate, 0)} rows/s while the backlog drained after the load stopped.`),
    ...(lag.cpuBusy === undefined ? [] : [`- Machine CPU busy during the paced rounds: ${percent(lag.cpuBusy)} of ${m.cpus} cores (servers, both services and the load generator share them).`]),
    `- Scheduler: commands started at most ${ms(lag.startDelayMaxMs)} late (p99 ${ms(lag.startDelayP99Ms)}) against their schedule; that lateness is part of the lag.`,
    '',
    ...gatewaySection(report),
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
    '   timed loop; each round runs candidate, VALUES, unnest, then the command-shaped pair, in that order.',
    '2. **Command-shaped append.** The shape of a real command: one event on a fresh stream plus its outbox message per transaction,',
    '   one transaction at a time, both sides connected as an application role (no owner rights, `NOBYPASSRLS`) to databases migrated',
    '   by their owner, so row-level security applies. Candidate: `appendToStream` with a `publish` mapping (tenant transaction,',
    '   version-check `SELECT`, event `INSERT`, outbox `INSERT`, `NOTIFY`, `COMMIT`). Baseline: plain `pg`, `BEGIN`, the tenant setting,',
    '   a single-row event `INSERT`, a single-row outbox `INSERT`, `COMMIT`, with the same ids, JSON and integration message.',
    `3. **Relay.** Each round fills the outbox with ${thousands(c.relayMessagesPerRound)} messages (appends with a \`publish\` mapping, not timed), then times`,
    '   `OutboxRelay.relayPending()` (default batch of 500; what the running relay does when woken: publish until nothing is pending, pipelined)',
    '   on `KafkaTransport`. The baseline sends the very same keys, headers and JSON text (read back from that outbox before timing) with',
    `   a bare kafkajs producer (\`idempotent: true, maxInFlightRequests: 1\`, \`acks: -1\`) via \`sendBatch\` in batches of ${c.relayBatchSize}, one after the other, to`,
    `   another topic with the same partition count (${c.topicPartitions}).`,
    `4. **Lag.** The writing service (this process) appends and runs an \`OutboxRelay\` (\`start()\`, woken by NOTIFY) on a`,
    '   `KafkaTransport`; the consuming service is a second Node process running `startProjection` on its own `KafkaTransport` and',
    '   its own database, writing one read-model row per event (one statement per delivered batch) stamped with `clock_timestamp()`.',
    '   Commands append one event each to a fresh stream, paced open-loop from a fixed start time (a late tick is caught up, not',
    '   dropped; at most 64 in flight, 10 pooled connections). A command counts as **issued at its scheduled time**, so a command the',
    '   pacer or the connection pool held back carries that wait; it ends when the projection process\'s transaction holding the event',
    '   has committed (`Date.now()` right after its batch handler returned). One machine clock throughout. "Kafka acknowledged" is taken',
    '   right after the relay\'s `publish` resolved. The run is',
    `   ${c.rounds} rounds of ${fixed(c.lagSeconds / c.rounds, 0)} s, each followed by a drain and a baseline round of ${c.rttSamplesPerRound} bare kafkajs round trips (idempotent`,
    '   producer, acks -1, one message at a time, a plain consumer); percentiles pool all rounds. A 2 s warm-up (consumer group join) is',
    '   excluded. The achieved rate is completed commands over the paced windows; below 98% of the offered rate the target counts as missed.',
    `5. **Gateway.** The real platform: \`startPlatform\` from infra/embedded (every service and the gateway in one process, as`,
    '   `npm start` runs them; rate limit off), started from its build in a process of its own; the load generator is this process, with',
    `   ${c.gatewayClients} closed-loop clients on keep-alive HTTP connections, and a development token (role hr). Command: \`createFrameworkDraft\``,
    '   through the gateway; after each of its rounds the platform\'s outbox is drained before the baseline starts. Its baseline: the raw',
    `   transaction of section 2 from ${c.gatewayClients} \`pg\` clients as the application role, into a database migrated like a service's, with`,
    '   event and outbox rows of the shape and size the platform wrote. Read: `framework(id)` of a framework created before, through',
    '   the gateway, against the same request sent straight to the frameworks subgraph with identity headers signed by',
    '   `signIdentity` with the platform\'s gateway secret (what the gateway adds to each subgraph request). Platform CPU per request is',
    '   the platform process\'s `process.cpuUsage()` over a round; transactions per command are `pg_stat_database` commits of its databases.',
    '',
    'Run it with `npm run bench` (or `npx nx run bench:build && node infra/bench/dist/main.js`). It starts PostgreSQL and Kafka itself unless',
    '`BENCH_DATABASE_URL` (a superuser URL: it creates and drops databases) or `KAFKA_BROKERS` are set (with an external broker the',
    'platform uses its in-process transport, since its topic and group names are fixed). Knobs: `BENCH_ROUNDS`, `BENCH_APPEND_EVENTS`,',
    '`BENCH_COMMAND_TRANSACTIONS`, `BENCH_RELAY_MESSAGES`, `BENCH_LAG_SECONDS`, `BENCH_LAG_RATE`, `BENCH_RTT_SAMPLES`, `BENCH_GATEWAY_SECONDS`,',
    '`BENCH_GATEWAY_CLIENTS`, `BENCH_DIRECTORY_ROWS` (0 skips the import). `npm run bench -- directory-import` measures only the directory',
    'import (PostgreSQL only) and rewrites its section 6, leaving the rest of this file as the last full run wrote it.',
    '',
    '### Configuration of this run',
    '',
    renderMarkdownTable(
      ['Setting', 'Value'],
      [
        ['Rounds (A/B pairs)', String(c.rounds)],
        ['Append events per round', thousands(c.appendEventsPerRound)],
        ['Command-shaped transactions per round', thousands(c.commandTransactionsPerRound)],
        ['Relay messages per round', thousands(c.relayMessagesPerRound)],
        ['Topic partitions', String(c.topicPartitions)],
        ['Lag run', `${c.lagSeconds} s at ${c.lagRate} events/s`],
        ['Round trips per baseline round', String(c.rttSamplesPerRound)],
        ['Gateway', `${c.gatewayClients} clients, ${c.gatewaySeconds} s per round and side`],
      ],
    ),
  ].join('\n')}\n`;
};
