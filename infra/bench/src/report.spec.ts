import { pairThroughput, summarize } from './stats';
import { lagVerdict, renderMarkdown, renderMarkdownTable, renderStdout, renderTextTable, summaryRows, throughputVerdict, type BenchReport, type LagResult } from './report';

const latency = (base: number) => summarize(Array.from({ length: 100 }, (_, i) => base + i));

const lag = (overrides: Partial<LagResult> = {}): LagResult => ({
  targetRate: 500,
  achievedRate: 499.6,
  accepted: 30_000,
  failedAppends: 0,
  missing: 0,
  lagMs: latency(20), // p99 = 118
  roundP99Ms: [110, 118, 115],
  startDelayP99Ms: 1.5,
  startDelayMaxMs: 12,
  appendLatencyMs: latency(2),
  relayStageMs: latency(10),
  projectStageMs: latency(8),
  projectedRateDuringLoad: 498,
  targetP99Ms: 250,
  baselineRoundTripMs: latency(3),
  ...overrides,
});

const report = (): BenchReport => ({
  startedAt: new Date('2026-03-01T10:20:30Z'),
  durationSeconds: 201.4,
  machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryGiB: 23.4, os: 'Linux 6 x64', node: 'v20.20.2', loadAverageAtStart: '0.50, 0.40, 0.30', loadAverageAtEnd: '2.10, 1.20, 0.60', postgres: '18.4 (embedded)', kafka: '4.1.1' },
  config: {
    directoryRows: 100_000,
    rounds: 3,
    appendEventsPerRound: 20_000,
    appendBatchSize: 100,
    relayMessagesPerRound: 20_000,
    relayBatchSize: 500,
    topicPartitions: 6,
    lagSeconds: 60,
    lagRate: 500,
    rttSamplesPerRound: 200,
  },
  append: {
    ...pairThroughput([6000, 6400, 5900], [10_000, 12_000, 11_000]),
    unit: 'events/s',
    targetRatio: 0.5,
    baselineLabel: 'multi-row VALUES',
    secondary: { label: 'unnest', result: pairThroughput([6000, 6400, 5900], [8000, 8000, 9000]) },
  },
  relay: { ...pairThroughput([3000, 3100, 2900], [9000, 9500, 9100]), unit: 'messages/s', targetRatio: 0.7, baselineLabel: 'kafkajs sendBatch', publishShare: 0.6 },
  lag: lag(),
});

describe('verdicts', () => {
  it('meets a throughput target when the ratio of medians reaches it', () => {
    expect(throughputVerdict(report().append)).toEqual({ met: true, label: 'yes' }); // 6000 / 11000 = 54.5%
    expect(throughputVerdict(report().relay)).toEqual({ met: false, label: 'no' }); // 3000 / 9100 = 33%
  });

  it('judges lag on p99, but only when the rate was really held and nothing was lost', () => {
    expect(lagVerdict(lag()).met).toBe(true);
    expect(lagVerdict(lag({ lagMs: latency(200) })).met).toBe(false); // p99 = 298
    expect(lagVerdict(lag({ achievedRate: 400 }))).toEqual({ met: false, label: 'no (only 400/s of 500/s achieved)' });
    expect(lagVerdict(lag({ missing: 3 })).label).toMatch(/3 events never projected/);
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
    const [append, appendInfo, relay, projection] = summaryRows(report());
    expect(append).toEqual(['Append, 100 events per call', '6,000 events/s', '11,000 events/s (multi-row VALUES)', '54.5% of raw', '>= 50.0%', 'yes']);
    // The extra baseline is shown, but carries no target and no verdict.
    expect(appendInfo.slice(2)).toEqual(['8,000 events/s (unnest)', '75.0% of raw', '-', '-']);
    expect(relay.slice(3)).toEqual(['33.0% of raw', '>= 70.0%', 'no']);
    expect(projection[1]).toBe('p50 69.0 ms / p95 114 ms / p99 118 ms / max 119 ms');
    expect(projection[2]).toBe('Kafka round trip p50 52.0 ms / p99 101 ms');
    expect(projection.slice(4)).toEqual(['p99 <= 250 ms', 'yes']);
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
    expect(md).toContain("Of the relay's time, 60.0% was spent in `KafkaTransport.publish` and 40.0% outside it");
    expect(md).toContain('| Load average before / after the run (1, 5, 15 min) | 0.50, 0.40, 0.30 / 2.10, 1.20, 0.60 |');
    expect(md).not.toContain('CPU busy'); // not reported when the OS did not say
    expect(md).toContain('Projection lag p99 per round: 110 ms, 118 ms, 115 ms.');
    expect(md).toContain('- Projection throughput: 498 rows/s written while the load ran (no backlog left when it stopped).');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('prints the same summary to stdout', () => {
    const out = renderStdout(report());
    expect(out).toContain('2 cores, Node v20.20.2, PostgreSQL 18.4 (embedded), Kafka 4.1.1');
    expect(out).toMatch(/Outbox relay to Kafka\s+3,000 messages\/s\s+9,100 messages\/s \(kafkajs sendBatch\)\s+33.0% of raw\s+>= 70.0%\s+no/);
    expect(out).toMatch(/raw unnest\s+8,000\s+8,000\s+9,000/);
  });
});
