/**
 * An open-loop load scheduler: task i is due at start + i / rate, measured from one fixed start time, so a slow
 * tick or a GC pause is caught up on at once instead of silently lowering the rate (no drift from relative
 * sleeps). Tasks run concurrently up to `maxInFlight`; when that cap or the event loop holds a task back, the delay
 * is recorded rather than hidden, and the achieved rate says what really happened.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** How many tasks are due `elapsedMs` after the start at `ratePerSecond` (task 0 is due at once). */
export const dueCount = (elapsedMs: number, ratePerSecond: number): number =>
  elapsedMs < 0 ? 0 : Math.floor((elapsedMs * ratePerSecond) / 1000) + 1;

export interface PacedRunOptions {
  readonly ratePerSecond: number;
  readonly durationMs: number;
  /** Tasks allowed to run at once; a task that would exceed it starts late (and its lateness is recorded). */
  readonly maxInFlight: number;
  /**
   * Task `index`, started at or after `scheduledAt` (clock time it was due): a task started late can measure its
   * latency from when it should have been issued, its wait for a free slot included.
   */
  readonly task: (index: number, scheduledAt: number) => Promise<void>;
  readonly clock?: Clock;
  /** Checked before each start: return true to stop issuing (e.g. on SIGINT). */
  readonly aborted?: () => boolean;
}

export interface PacedRunResult {
  /** Tasks scheduled in the window: floor(duration * rate). */
  readonly scheduled: number;
  readonly started: number;
  readonly completed: number;
  readonly failed: number;
  /** First error message, if any task failed. */
  readonly firstError?: string;
  /** From the first scheduled start to the last completion. */
  readonly elapsedMs: number;
  /** Completed tasks per second over elapsedMs. */
  readonly achievedRate: number;
  /** For each started task, how late it started against its schedule (ms, >= 0). */
  readonly startDelaysMs: readonly number[];
  readonly maxInFlightSeen: number;
}

export const runPaced = async (options: PacedRunOptions): Promise<PacedRunResult> => {
  const { ratePerSecond, durationMs, maxInFlight, task } = options;
  if (!(ratePerSecond > 0) || !(durationMs > 0) || !(maxInFlight >= 1)) throw new Error('rate, duration and maxInFlight must be positive');
  const clock = options.clock ?? realClock;
  const scheduled = Math.floor((durationMs * ratePerSecond) / 1000);
  const intervalMs = 1000 / ratePerSecond;
  const startDelaysMs: number[] = [];
  const running = new Set<Promise<void>>();
  let completed = 0;
  let failed = 0;
  let firstError: string | undefined;
  let lastCompletion = 0;
  let maxInFlightSeen = 0;

  const start = clock.now();
  let next = 0;
  while (next < scheduled && !options.aborted?.()) {
    const due = Math.min(scheduled, dueCount(clock.now() - start, ratePerSecond));
    while (next < due && running.size < maxInFlight) {
      const index = next;
      next += 1;
      const scheduledAt = start + index * intervalMs;
      startDelaysMs.push(Math.max(0, clock.now() - scheduledAt));
      const run: Promise<void> = task(index, scheduledAt).then(
        () => {
          completed += 1;
        },
        (error: unknown) => {
          failed += 1;
          firstError ??= error instanceof Error ? error.message : String(error);
        },
      );
      const tracked = run.finally(() => {
        lastCompletion = clock.now();
        running.delete(tracked);
      });
      running.add(tracked);
      maxInFlightSeen = Math.max(maxInFlightSeen, running.size);
    }
    if (next >= scheduled) break;
    if (running.size >= maxInFlight) {
      await Promise.race(running);
    } else {
      await clock.sleep(start + next * intervalMs - clock.now());
    }
  }
  await Promise.all(running);
  const elapsedMs = Math.max(lastCompletion - start, intervalMs);
  return {
    scheduled,
    started: next,
    completed,
    failed,
    firstError,
    elapsedMs,
    achievedRate: (completed * 1000) / elapsedMs,
    startDelaysMs,
    maxInFlightSeen,
  };
};
