import { dueCount, runPaced, type Clock } from './pacer';

/** A virtual clock: sleeping advances time at once, so schedules can be checked exactly. */
const virtualClock = () => {
  let now = 0;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => now,
    sleep: async (ms) => {
      now += Math.max(ms, 0);
    },
    advance: (ms) => {
      now += ms;
    },
  };
  return clock;
};

describe('dueCount', () => {
  it('makes task 0 due at once and one more every 1000/rate ms', () => {
    expect(dueCount(0, 500)).toBe(1);
    expect(dueCount(1.9, 500)).toBe(1);
    expect(dueCount(2, 500)).toBe(2);
    expect(dueCount(1000, 500)).toBe(501);
    expect(dueCount(-5, 500)).toBe(0);
  });
});

describe('runPaced', () => {
  it('starts each task at its own slot from one fixed start, never early', async () => {
    const clock = virtualClock();
    const startedAt: number[] = [];
    const result = await runPaced({
      ratePerSecond: 100,
      durationMs: 1000,
      maxInFlight: 10,
      clock,
      task: async (i) => {
        startedAt[i] = clock.now();
      },
    });
    expect(result.scheduled).toBe(100);
    expect(result.started).toBe(100);
    expect(result.completed).toBe(100);
    expect(startedAt).toEqual(Array.from({ length: 100 }, (_, i) => i * 10));
    expect(Math.max(...result.startDelaysMs)).toBe(0);
  });

  it('catches up after a stall instead of lowering the rate, and records how late the caught-up tasks were', async () => {
    const clock = virtualClock();
    const startedAt: number[] = [];
    const result = await runPaced({
      ratePerSecond: 100,
      durationMs: 1000,
      maxInFlight: 100,
      clock,
      task: async (i) => {
        startedAt[i] = clock.now();
        if (i === 10) clock.advance(95); // a 95 ms pause (GC, a busy event loop) while task 10 starts
      },
    });
    expect(result.started).toBe(100);
    // Tasks 11..19 were due during the pause: they start together right after it, not shifted by 95 ms each.
    expect(startedAt.slice(11, 20)).toEqual(Array(9).fill(195));
    expect(startedAt[20]).toBe(200);
    expect(startedAt[99]).toBe(990);
    expect(Math.max(...result.startDelaysMs)).toBe(85); // task 11 was due at 110
  });

  it('tells each task when it was due, so a held-back task can count its wait', async () => {
    const clock = virtualClock();
    const due: number[] = [];
    const lateness: number[] = [];
    await runPaced({
      ratePerSecond: 100,
      durationMs: 100,
      maxInFlight: 100,
      clock,
      task: async (i, scheduledAt) => {
        due[i] = scheduledAt;
        lateness[i] = clock.now() - scheduledAt;
        if (i === 2) clock.advance(35);
      },
    });
    expect(due).toEqual(Array.from({ length: 10 }, (_, i) => i * 10));
    expect(lateness.slice(0, 7)).toEqual([0, 0, 0, 25, 15, 5, 0]); // tasks 3..5 were due during the pause
  });

  it('never runs more than maxInFlight tasks at once; held-back tasks start late', async () => {
    let inFlight = 0;
    let peak = 0;
    const result = await runPaced({
      ratePerSecond: 1000,
      durationMs: 30,
      maxInFlight: 3,
      task: async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 10));
        inFlight -= 1;
      },
    });
    expect(peak).toBe(3);
    expect(result.maxInFlightSeen).toBe(3);
    expect(result.completed).toBe(30);
    // 30 tasks of 10 ms, 3 at a time, take at least 100 ms although all were due within 30 ms.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(95);
    expect(Math.max(...result.startDelaysMs)).toBeGreaterThan(50);
    expect(result.achievedRate).toBeLessThan(1000 * 0.5);
  });

  it('counts failures without stopping, and keeps the first error', async () => {
    const result = await runPaced({
      ratePerSecond: 1000,
      durationMs: 10,
      maxInFlight: 5,
      clock: virtualClock(),
      task: async (i) => {
        if (i % 2 === 1) throw new Error(`task ${i} failed`);
      },
    });
    expect(result.completed).toBe(5);
    expect(result.failed).toBe(5);
    expect(result.firstError).toBe('task 1 failed');
  });

  it('holds a real rate on the real clock (loosely: the machine is noisy)', async () => {
    const result = await runPaced({ ratePerSecond: 200, durationMs: 500, maxInFlight: 10, task: async () => undefined });
    expect(result.completed).toBe(100);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(490);
    expect(result.achievedRate).toBeGreaterThan(120); // only a long stall of this noisy machine would go below
    expect(result.achievedRate).toBeLessThan(210);
  });

  it('stops issuing once aborted', async () => {
    let started = 0;
    const result = await runPaced({
      ratePerSecond: 100,
      durationMs: 1000,
      maxInFlight: 10,
      clock: virtualClock(),
      aborted: () => started >= 7,
      task: async () => {
        started += 1;
      },
    });
    expect(result.started).toBe(7);
  });
});
