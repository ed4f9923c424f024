/**
 * Throttled reporting, for events anyone outside can repeat at will (a wrong admin token,
 * a forged WeChat signature): each is counted in metrics, but a log line is written at
 * most once per key per interval, saying how many were held back since, and at most
 * `maxPerInterval` lines in all, so a flood of them cannot flood the log or the disk.
 *
 * It sits on the ground floor, importing nothing, because channels and admin both use it.
 */
export class Throttle {
  private readonly keys = new Map<string, { at: number; held: number }>();
  private windowStart = 0;
  private reported = 0;

  constructor(
    private readonly intervalMs = 60_000,
    private readonly maxPerInterval = 20,
    private readonly maxKeys = 10_000,
  ) {}

  /**
   * One event for `key`: null when it should not be reported now; otherwise the number of
   * events of this key held back since its last report (0 the first time).
   */
  hit(key: string, now = Date.now()): number | null {
    if (now - this.windowStart >= this.intervalMs) {
      this.windowStart = now;
      this.reported = 0;
    }
    const entry = this.keys.get(key);
    if (entry && now - entry.at < this.intervalMs) {
      entry.held++;
      return null;
    }
    if (this.reported >= this.maxPerInterval) {
      if (entry) entry.held++;
      else this.remember(key, { at: 0, held: 1 });
      return null;
    }
    this.reported++;
    const held = entry?.held ?? 0;
    this.keys.delete(key); // re-inserted last: the map stays oldest first
    this.remember(key, { at: now, held: 0 });
    return held;
  }

  private remember(key: string, entry: { at: number; held: number }): void {
    this.keys.set(key, entry);
    while (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value ?? '');
  }
}
