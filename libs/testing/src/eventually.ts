/** Polls `probe` until it stops throwing (its result is returned) or the time is up (its last error is thrown). */
export const eventually = async <T>(probe: () => Promise<T> | T, { timeoutMs = 20_000, intervalMs = 50 } = {}): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
};
