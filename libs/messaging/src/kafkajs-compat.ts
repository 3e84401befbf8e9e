// kafkajs 2.2.4 (unmaintained) re-arms a timer with `throttledUntil - Date.now()`, a huge negative delay, whenever
// its request queue is idle; Node 24 warns about it (TimeoutNegativeWarning, kafkajs#1751). Fixed here, at the cause.

/** The fields and methods of kafkajs' `RequestQueue` (kafkajs/src/network/requestQueue/index.js) used below. */
interface RequestQueue {
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  pending: unknown[];
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

const PATCHED_VERSION = '2.2.4';
const CHECK_PENDING_REQUESTS_INTERVAL = 10; // kafkajs' own constant in the same file

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('kafkajs/package.json') as { version: string };

// Only the version this replacement was written against: any other keeps its own code (and shows the warning).
if (version === PATCHED_VERSION) {
  // The same module instance kafkajs itself requires, so every connection's queue gets the method below.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prototype } = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueue };

  /**
   * kafkajs 2.2.4's method with one change: with nothing pending there is nothing to check, so no timer. The original
   * armed one anyway, with `throttledUntil - Date.now()` (-1 - now when never throttled), which Node clamps to 1 ms
   * and which then re-arms itself from `checkPendingRequests`: a 1 ms no-op loop per connection, and the warning.
   * A request that is enqueued later schedules the check itself (`push`), at the end of any throttling as before.
   */
  prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueue) {
    if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL,
    );
  };
}

export {};
