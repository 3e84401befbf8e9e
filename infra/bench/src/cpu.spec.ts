import { busyBetween, cpuTimes } from './cpu';

describe('machine CPU busy share', () => {
  it('is the busy ticks over the total ticks between two readings', () => {
    expect(busyBetween({ busy: 100, total: 400 }, { busy: 250, total: 600 })).toBe(0.75);
  });

  it('is unknown without two readings, or when no time passed', () => {
    expect(busyBetween(undefined, { busy: 1, total: 2 })).toBeUndefined();
    expect(busyBetween({ busy: 1, total: 2 }, { busy: 1, total: 2 })).toBeUndefined();
  });

  it('reads real, growing counters on Linux', async () => {
    const before = cpuTimes();
    if (!before) return; // not Linux: nothing to read
    let spin = 0;
    const until = Date.now() + 60;
    while (Date.now() < until) spin += 1; // keep a core busy for a moment
    await new Promise((resolve) => setTimeout(resolve, 20));
    const share = busyBetween(before, cpuTimes());
    expect(spin).toBeGreaterThan(0);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(1);
  });
});
