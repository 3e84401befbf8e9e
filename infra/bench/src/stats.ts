/** Small, dependency-free statistics for benchmark samples. */

/** Nearest-rank percentile (p in [0, 100]) of unsorted samples: the smallest value with at least p% of samples at or below it. */
export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
};

/** The middle value; the mean of the two middle values for an even count. */
export const median = (samples: readonly number[]): number => {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export interface LatencySummary {
  readonly count: number;
  readonly min: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export const summarize = (samples: readonly number[]): LatencySummary => ({
  count: samples.length,
  min: samples.reduce((a, b) => Math.min(a, b), Infinity),
  p50: percentile(samples, 50),
  p95: percentile(samples, 95),
  p99: percentile(samples, 99),
  max: samples.reduce((a, b) => Math.max(a, b), -Infinity),
});

/** Items per second for `count` items in `elapsedMs`. */
export const perSecond = (count: number, elapsedMs: number): number => {
  if (elapsedMs <= 0) throw new Error('elapsed time must be positive');
  return (count * 1000) / elapsedMs;
};

export interface PairedThroughput {
  /** Per round, in the order run. */
  readonly candidate: readonly number[];
  readonly baseline: readonly number[];
  readonly candidateMedian: number;
  readonly baselineMedian: number;
  /** median(candidate) / median(baseline): the headline. */
  readonly ratio: number;
  /** candidate[i] / baseline[i] for each A/B pair, to show how stable the ratio is. */
  readonly pairRatios: readonly number[];
}

export const pairThroughput = (candidate: readonly number[], baseline: readonly number[]): PairedThroughput => {
  if (candidate.length === 0 || candidate.length !== baseline.length) throw new Error('need one baseline round per candidate round');
  const candidateMedian = median(candidate);
  const baselineMedian = median(baseline);
  return {
    candidate,
    baseline,
    candidateMedian,
    baselineMedian,
    ratio: candidateMedian / baselineMedian,
    pairRatios: candidate.map((c, i) => c / baseline[i]),
  };
};
