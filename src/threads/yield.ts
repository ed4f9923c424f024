/**
 * Letting requests in: long work on the serving thread (taking a reloaded brain chunk by chunk,
 * compiling its patterns, warming it, re-masking old logs) awaits this between slices, so a
 * citizen's message waits a slice, not the whole job. setImmediate runs after pending I/O.
 */
export function yieldToRequests(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
