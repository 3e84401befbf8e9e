/**
 * What the writer believes the stream's version is. Application code always states one: `no_stream` to create,
 * a number to change, `stream_exists` only where any existing version is acceptable by design.
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists';

/** `current` is -1 (or absent) for a stream that does not exist yet. */
export const matchesExpectedVersion = (expected: ExpectedVersion, current: number): boolean => {
  if (expected === 'no_stream') return current < 0;
  if (expected === 'stream_exists') return current >= 0;
  return expected === current;
};
