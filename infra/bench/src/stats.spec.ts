import { median, pairThroughput, percentile, perSecond, summarize } from './stats';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => 100 - i); // unsorted on purpose

  it('picks the smallest sample with at least p% of samples at or below it', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 99.5)).toBe(100);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 0)).toBe(1);
  });

  it('does not interpolate: with few samples a high percentile is the maximum', () => {
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 99)).toBe(30);
    expect(percentile([7], 99)).toBe(7);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('rejects empty input and percentiles outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow('no samples');
    expect(() => percentile([1], 101)).toThrow('out of range');
    expect(() => percentile([1], Number.NaN)).toThrow('out of range');
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});

describe('summarize', () => {
  it('reports count, min, p50, p95, p99 and max', () => {
    const samples = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(summarize(samples)).toEqual({ count: 1000, min: 1, p50: 500, p95: 950, p99: 990, max: 1000 });
  });
});

describe('perSecond', () => {
  it('turns a count over milliseconds into a rate', () => {
    expect(perSecond(5000, 2500)).toBe(2000);
    expect(() => perSecond(1, 0)).toThrow();
  });
});

describe('pairThroughput', () => {
  it('takes the ratio of the medians and keeps each pair’s own ratio', () => {
    const result = pairThroughput([50, 70, 60], [100, 100, 200]);
    expect(result.candidateMedian).toBe(60);
    expect(result.baselineMedian).toBe(100);
    expect(result.ratio).toBeCloseTo(0.6);
    expect(result.pairRatios).toEqual([0.5, 0.7, 0.3]);
  });

  it('needs one baseline round per candidate round', () => {
    expect(() => pairThroughput([1, 2], [1])).toThrow();
    expect(() => pairThroughput([], [])).toThrow();
  });
});
