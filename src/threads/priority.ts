/**
 * A thread's scheduling priority (its nice value: on Linux it is per thread). A reload's
 * build runs at the lowest, and the helpers it starts take the same, so serving comes first
 * on a two-core machine. Where the system refuses, work just runs at the normal priority.
 */
import { getPriority, setPriority } from 'node:os';

/** This thread's nice value (0 when it cannot be read). */
export function threadPriority(): number {
  try {
    return getPriority();
  } catch {
    return 0;
  }
}

/** Set this thread's nice value if allowed (19: the lowest). */
export function setThreadPriority(nice: number): void {
  try {
    setPriority(nice);
  } catch {
    // Not allowed here: the thread competes at the normal priority.
  }
}
