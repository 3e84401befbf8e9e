import { pairThroughput, summarize } from './stats';
import {
  closedLoopVerdict,
  fellBehind,
  lagVerdict,
  missedTargets,
  renderMarkdown,
  renderMarkdownTable,
  renderStdout,
  renderTextTable,
  summaryRows,
  throughputVerdict,
  type BenchReport,
  type ClosedLoopResult,
  type GatewayResult,
  type LagResult,
} from './report';

const latency = (base: number) => summarize(Array.from({ length: 100 }, (_, i) => base + i));

const lag = (overrides: Partial<LagResult> = {}): LagResult => ({
  targetRate: 1000,
  achievedRate: 999.2,
  accepted: 60_000,
  failedAppends: 0,
  missing: 0,
  lagMs: latency(1), // p50 = 50, p99 = 99
  lagFromAcceptedMs: latency(0),
  roundP50Ms: [49, 50, 51],
  roundP99Ms: [95, 99, 98],
  startDelayP99Ms: 1.5,
  startDelayMaxMs: 12,
  appendLatencyMs: latency(2),
  relayStageMs: latency(10),
  projectStageMs: latency(8),
  commitStageMs: latency(0.5),
  projectedRateDuringLoad: 998,
  targetP50Ms: 20,
  targetP99Ms: 100,
  baselineRoundTripMs: latency(3),
  ...overrides,
});

const closedLoop = (candidate: number[], baseline: number[], overrides: Partial<ClosedLoopResult> = {}): ClosedLoopResult => ({
  ...pairThroughput(candidate, baseline),
  unit: 'commands/s',
  baselineUnit: 'transactions/s',
  targetRatio: 0.25,
  baselineLabel: 'single-row event + outbox transactions, application role',
  candidateLatencyMs: latency(20),
  baselineLatencyMs: latency(5),
  failures: 0,
  platformCpuMsPerRequest: 9.5,
  baselinePlatformCpuMsPerRequest: 0,
  platformTransactionsPerRequest: 7.8,
  platformStatementsPerRequest: 31.5,
  ...overrides,
});

const gateway = (): GatewayResult => ({
  transport: 'Kafka',
  clients: 10,
  command: closedLoop([100, 110, 90], [500, 520, 480]), // 100 / 500 = 20%
  read: closedLoop([700, 720, 690], [1000, 1000, 1000], { unit: 'reads/s', baselineUnit: undefined, targetRatio: 0.6, baselineLabel: 'direct to the frameworks subgraph', baselinePlatformCpuMsPerRequest: 1.1, platformCpuMsPerRequest: 1.6 }),
});

const report = (overrides: Partial<BenchReport> = {}): BenchReport => ({
  startedAt: new Date('2026-03-01T10:20:30Z'),
  durationSeconds: 201.4,
  machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryGiB: 23.4, os: 'Linux 6 x64', node: 'v20.20.2', loadAverageAtStart: '0.50, 0.40, 0.30', loadAverageAtEnd: '2.10, 1.20, 0.60', postgres: '18.4 (embedded)', kafka: '4.1.1' },
  config: {
    directoryRows: 100_000,
    cyclePeople: 100_000,
    rounds: 3,
    appendEventsPerRound: 20_000,
    appendBatchSize: 100,
    commandTransactionsPerRound: 2000,
    relayMessagesPerRound: 20_000,
    relayBatchSize: 500,
    topicPartitions: 6,
    lagSeconds: 60,
    lagRate: 1000,
    rttSamplesPerRound: 200,
    gatewaySeconds: 8,
    gatewayClients: 10,
  },
  append: {
    ...pairThroughput([6000, 6400, 5900], [10_000, 12_000, 11_000]),
    unit: 'events/s',
    targetRatio: 0.5,
    baselineLabel: 'multi-row VALUES',
    secondary: { label: 'unnest', result: pairThroughput([6000, 6400, 5900], [8000, 8000, 9000]) },
  },
  commandAppend: { ...pairThroughput([800, 820, 790], [1000, 1100, 1050]), unit: 'transactions/s', baselineLabel: 'single-row event + outbox transactions' },
  relay: { ...pairThroughput([3000, 3100, 2900], [9000, 9500, 9100]), unit: 'messages/s', targetRatio: 0.8, baselineLabel: 'kafkajs sendBatch', publishShare: 0.6, publishMsPerBatch: 40, rawMsPerBatch: 30 },
  lag: lag(),
  gateway: gateway(),
  ...overrides,
});

describe('verdicts', () => {
  it('meets a throughput target when the ratio of medians reaches it, and has none for information rows', () => {
    expect(throughputVerdict(report().append)).toEqual({ met: true, label: 'yes' }); // 6000 / 11000 = 54.5%
    expect(throughputVerdict(report().relay)).toEqual({ met: false, label: 'no' }); // 3000 / 9100 = 33%
    expect(throughputVerdict(report().commandAppend)).toEqual({ label: '-' });
  });

  it('judges lag on p50 and p99, but only when the rate was really held and nothing was lost', () => {
    expect(lagVerdict(lag({ lagMs: latency(0.5), targetP50Ms: 60 })).met).toBe(true); // p50 49.5, p99 98.5
    expect(lagVerdict(lag())).toEqual({ met: false, label: 'no (p50 over)' }); // p50 50 > 20, p99 99 <= 100
    expect(lagVerdict(lag({ lagMs: latency(200) })).label).toBe('no (p50 and p99 over)');
    expect(lagVerdict(lag({ achievedRate: 800 }))).toEqual({ met: false, label: 'no (only 800/s of 1000/s achieved)' });
    expect(lagVerdict(lag({ missing: 3 })).label).toMatch(/3 events never projected/);
  });

  it('says when a lag run fell behind its offered rate: the commands, or the projection behind them', () => {
    expect(fellBehind(lag())).toBeUndefined();
    expect(fellBehind(lag({ achievedRate: 812.34 }))).toBe('commands completed at 812.3/s of the 1000/s offered');
    expect(fellBehind(lag({ projectedRateDuringLoad: 700 }))).toBe('the projection wrote 700 rows/s while 999 events/s were appended');
    // A projection that keeps pace with appends that fell behind is not itself behind.
    expect(fellBehind(lag({ achievedRate: 400, projectedRateDuringLoad: 399 }))).toBe('commands completed at 400.0/s of the 1000/s offered');
  });

  it('does not count a closed-loop run with failed requests', () => {
    expect(closedLoopVerdict(closedLoop([400], [500]))).toEqual({ met: true, label: 'yes' });
    expect(closedLoopVerdict(closedLoop([400], [500], { failures: 2 }))).toEqual({ met: false, label: 'no (2 requests failed)' });
  });
});

describe('tables', () => {
  it('renders a markdown table, escaping pipes in cells', () => {
    expect(renderMarkdownTable(['a', 'b'], [['1', 'x|y']])).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });

  it('aligns a text table: numbers (and their header) to the right, text to the left', () => {
    const text = renderTextTable(['name', 'rate'], [['append', '6,000'], ['relay', '12,345']]);
    expect(text.split('\n')).toEqual(['name      rate', '------  ------', 'append   6,000', 'relay   12,345']);
  });
});

describe('the report', () => {
  it('summarises each measurement with candidate, baseline, ratio, target and verdict', () => {
    const [append, appendInfo, commandAppend, relay, projection, command, read] = summaryRows(report());
    expect(append).toEqual(['Append, 100 events per call', '6,000 events/s', '11,000 events/s (multi-row VALUES)', '54.5% of raw', '>= 50.0%', 'yes']);
    // The extra baselines are shown, but carry no target and no verdict.
    expect(appendInfo.slice(2)).toEqual(['8,000 events/s (unnest)', '75.0% of raw', '-', '-']);
    expect(commandAppend.slice(1)).toEqual(['800 transactions/s', '1,050 transactions/s (single-row event + outbox transactions)', '76.2% of raw', '-', '-']);
    expect(relay.slice(3)).toEqual(['33.0% of raw', '>= 80.0%', 'no']);
    expect(projection[0]).toBe('Projection lag at 1000 events/s offered (command issued -> read-model commit)');
    expect(projection[1]).toBe('p50 50.0 ms / p95 95.0 ms / p99 99.0 ms / max 100 ms');
    expect(projection[2]).toBe('Kafka round trip p50 52.0 ms / p99 101 ms');
    expect(projection.slice(3)).toEqual(['p50 50.0 ms, p99 99.0 ms at 999.2/s achieved', 'p50 <= 20 ms, p99 <= 100 ms', 'no (p50 over)']);
    expect(command).toEqual([
      'One command through the gateway, 10 clients',
      '100 commands/s',
      '500 transactions/s (single-row event + outbox transactions, application role)',
      '20.0% of raw',
      '>= 25.0%',
      'no',
    ]);
    expect(read.slice(1)).toEqual(['700 reads/s', '1,000 reads/s (direct to the frameworks subgraph)', '70.0% of raw', '>= 60.0%', 'yes']);
  });

  it('renders docs/benchmarks.md with date, machine, results, rounds and method', () => {
    const md = renderMarkdown(report());
    expect(md).toMatch(/^# Benchmarks\n/);
    expect(md).toContain('Run on 2026-03-01 10:20:30 UTC, took 201 s.');
    expect(md).toContain('| CPU | 2 cores (AMD EPYC) |');
    expect(md).toContain('| Node | v20.20.2 |');
    expect(md).toContain('| PostgreSQL | 18.4 (embedded) |');
    expect(md).toContain('| Kafka | 4.1.1 |');
    expect(md).toContain('| Append, 100 events per call | 6,000 events/s | 11,000 events/s (multi-row VALUES) | 54.5% of raw | >= 50.0% | yes |');
    expect(md).toContain('| 2 | 6,400 | 12,000 | 53.3% | 8,000 | 80.0% |'); // a round row with its own ratios
    expect(md).toContain('| **median** | **6,000** | **11,000** | **54.5%** | **8,000** | **75.0%** |');
    expect(md).toContain('| 1 | 3,000 | 9,000 | 33.3% |\n'); // the relay has no extra baseline
    expect(md).toContain('ABABAB');
    expect(md).toContain('A publish (`KafkaTransport.publish`) was in flight 60.0% of the relay\'s time');
    expect(md).toContain('| Load average before / after the run (1, 5, 15 min) | 0.50, 0.40, 0.30 / 2.10, 1.20, 0.60 |');
    expect(md).not.toContain('CPU busy'); // not reported when the OS did not say
    expect(md).toContain('- Projection lag per round: p50 49.0 ms, 50.0 ms, 51.0 ms; p99 95.0 ms, 99.0 ms, 98.0 ms.');
    expect(md).toContain('- Achieved rate: 999.2 events/s of 1000 offered: the rate was held');
    expect(md).toContain('- Projection throughput: 998 rows/s written while the load ran (no backlog left when it stopped).');
    expect(md).toContain('| Projection lag (command issued -> read-model transaction committed) | 100 | 50.0 ms | 95.0 ms | 99.0 ms | 100 ms |');
    expect(md).toContain('| &nbsp;&nbsp;of which commit: row written -> transaction committed | 100 |');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('renders the command-shaped append and the gateway with their rounds, latencies and platform costs', () => {
    const md = renderMarkdown(report());
    expect(md).toContain('### 2. Command-shaped append (one event and its outbox row per transaction, as the application role, 2,000 per round)');
    expect(md).toContain('| 1 | 800 | 1,000 | 80.0% |');
    expect(md).toContain('### 5. One command and one read through the gateway (10 concurrent clients, 8 s per round, Kafka transport)');
    expect(md).toContain('| Round | Candidate (commands/s) | Raw single-row event + outbox transactions, application role (transactions/s) | Ratio |');
    expect(md).toContain('| **median** | **100** | **500** | **20.0%** |');
    expect(md).toContain('| createFrameworkDraft through the gateway | 100 | 69.0 ms |');
    expect(md).toContain('- Queries (round trips) the platform sent to PostgreSQL per command: 31.5 (the raw side: 5).');
    expect(md).toContain('- Transactions committed in the platform\'s databases per command: 7.8 (the raw side: 1).');
    expect(md).toContain('- Read straight to the subgraph: 1.10 ms of platform-process CPU per request (median of rounds).');
  });

  it('says what was measured and the likely lever for every missed target, and only for those', () => {
    const missed = missedTargets(report());
    expect(missed.map((line) => line.match(/^- \*\*([^(]+)/)?.[1].trim())).toEqual(['Relay', 'Projection lag', 'Command through the gateway']);
    expect(missed[0]).toContain('A publish was in flight 60.0% of the relay\'s time');
    expect(missed[1]).toContain('The largest stage at p50 is relay (append resolved -> Kafka acknowledged) (59.0 ms)');
    expect(missed[0]).toContain('one of its publishes took 40.0 ms against 30.0 ms for a raw `sendBatch` of as many messages');
    expect(missed[0]).toContain('Part of the outbox work'); // 60% publish share: not yet bound by its publishes
    const publishBound = missedTargets(report({ relay: { ...report().relay, publishShare: 0.95 } }))[0];
    expect(publishBound).toContain('The outbox work is hidden behind the publishes');
    expect(missed[2]).toContain('Each command cost 9.5 ms of CPU in the platform process, 31.5 queries (round trips) sent to PostgreSQL, 7.8 transactions committed');
    const md = renderMarkdown(report());
    expect(md).toContain('### Targets missed: what was measured, and the likely lever');
    expect(md).not.toContain('Every target was met');

    const allMet = report({
      relay: { ...pairThroughput([9000], [9100]), unit: 'messages/s', targetRatio: 0.8, baselineLabel: 'kafkajs sendBatch' },
      lag: lag({ lagMs: latency(0) }),
      gateway: { ...gateway(), command: closedLoop([300], [500]) },
    });
    expect(missedTargets({ ...allMet, lag: lag({ lagMs: latency(0), targetP50Ms: 60 }) })).toEqual([]);
  });

  it('says plainly when the lag run fell behind its offered rate', () => {
    const md = renderMarkdown(report({ lag: lag({ achievedRate: 640, projectedRateDuringLoad: 610 }) }));
    expect(md).toContain('- **The run fell behind its offered rate**: commands completed at 640.0/s of the 1000/s offered; the projection wrote 610 rows/s while 640 events/s were appended');
    expect(summaryRows(report({ lag: lag({ achievedRate: 640 }) }))[4][5]).toBe('no (only 640/s of 1000/s achieved)');
    const lever = missedTargets(report({ lag: lag({ achievedRate: 640 }) }))[1];
    expect(lever).toContain('The run fell behind: commands completed at 640.0/s of the 1000/s offered, so most of the lag is commands waiting for their turn');
    expect(lever).toContain('Likely levers: first capacity');
  });

  it('reports a gateway run that could not be measured instead of failing the whole report', () => {
    const r = report({ gateway: { error: 'platform process exited (1) before it was ready' } });
    const rows = summaryRows(r);
    expect(rows[5]).toEqual(['One command through the gateway, 10 clients', 'not measured', '-', 'platform process exited (1) before it was ready', '>= 25.0%', 'no (not measured)']);
    expect(renderMarkdown(r)).toContain('Not measured in this run: platform process exited (1) before it was ready');
    expect(missedTargets(r)).toContain('- **Gateway command and read: not measured** (platform process exited (1) before it was ready).');
    expect(renderStdout(r)).toContain('Gateway: not measured');
  });

  it('prints the same summary to stdout', () => {
    const out = renderStdout(report());
    expect(out).toContain('2 cores, Node v20.20.2, PostgreSQL 18.4 (embedded), Kafka 4.1.1');
    expect(out).toMatch(/Outbox relay to Kafka\s+3,000 messages\/s\s+9,100 messages\/s \(kafkajs sendBatch\)\s+33.0% of raw\s+>= 80.0%\s+no/);
    expect(out).toMatch(/raw unnest\s+8,000\s+8,000\s+9,000/);
    expect(out).toContain('Gateway command rounds (10 clients):');
  });
});
