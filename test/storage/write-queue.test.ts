/**
 * The write queue both log backends share: backs off while writes fail (one attempt per
 * timer, not per message), reports the change of state once each way, stays bounded and
 * counts what it gives up, and keeps the records a partly written batch did not reach.
 * The backend here is a list that can be told to fail: the queue's logic, not a database,
 * is under test (both databases run the storage suite in log.test.ts).
 */
import { describe, expect, test } from '@jest/globals';
import { PartialWrite, WriteQueue, type LogStateChange } from '../../src/storage/write-queue.js';

function backend() {
  const stored: number[] = [];
  let attempts = 0;
  let failing: unknown = null;
  return {
    stored,
    get attempts() {
      return attempts;
    },
    fail(err: unknown) {
      failing = err;
    },
    heal() {
      failing = null;
    },
    batch: 3,
    write(batch: number[]): number {
      attempts++;
      if (failing) throw failing;
      stored.push(...batch);
      return 0;
    },
  };
}

const tick = () => new Promise((r) => setImmediate(r));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('write queue', () => {
  test('writes after the current turn, in batches, in order', async () => {
    const b = backend();
    const q = new WriteQueue<number>(b);
    for (let i = 0; i < 7; i++) q.push(i);
    expect(b.stored).toEqual([]);
    await q.flush();
    expect(b.stored).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(q.health()).toMatchObject({ pending: 0, written: 7, dropped: 0, failing: null });
  });

  test('while failing: no attempt per message, backs off, reports once each way, loses nothing', async () => {
    const b = backend();
    const changes: LogStateChange[] = [];
    // Timers long enough that a loaded machine (a GC, another process) does not fire one between two ticks.
    const q = new WriteQueue<number>(b, { retryMs: 100, retryMaxMs: 200, onStateChange: (c) => changes.push(c) });
    b.fail(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    q.push(1);
    await tick();
    const afterFirst = b.attempts;
    for (let i = 2; i <= 50; i++) q.push(i);
    await tick();
    expect(b.attempts).toBe(afterFirst); // 49 more messages, no more attempts
    expect(q.health().failing?.error).toContain('SQLITE_FULL');
    await wait(700);
    expect(b.attempts).toBeLessThanOrEqual(afterFirst + 5); // 100, 200, 200 … ms, not every turn
    b.heal();
    await wait(300);
    await q.flush();
    expect(b.stored).toHaveLength(50);
    expect(changes.map((c) => c.state)).toEqual(['failing', 'writing']);
    expect(changes[1]).toMatchObject({ state: 'writing', lost: 0 }); // reported at the first batch that goes in
  });

  test('bounded: past the bound the oldest are given up and counted', async () => {
    const b = backend();
    const lost: number[] = [];
    const q = new WriteQueue<number>(b, { maxPending: 4, retryMs: 10_000, onLost: (n) => lost.push(n) });
    b.fail(new Error('down'));
    for (let i = 0; i < 10; i++) q.push(i);
    await tick();
    expect(q.health()).toMatchObject({ pending: 4, dropped: 6 });
    expect(lost.reduce((a, n) => a + n, 0)).toBe(6);
    b.heal();
    await q.flush();
    expect(b.stored).toEqual([6, 7, 8, 9]);
    await q.close();
  });

  test('a partly written batch keeps only what it did not reach', async () => {
    let calls = 0;
    const stored: number[] = [];
    const q = new WriteQueue<number>({
      batch: 10,
      write(batch) {
        calls++;
        if (calls === 1) {
          stored.push(batch[0] as number); // the first went in, the second was refused for its data
          throw new PartialWrite(new Error('connection lost'), 2, 1);
        }
        stored.push(...batch);
        return 0;
      },
    }, { retryMs: 5 });
    for (let i = 0; i < 4; i++) q.push(i);
    await tick();
    await wait(30);
    await q.flush();
    expect(stored).toEqual([0, 2, 3]);
    expect(q.health()).toMatchObject({ pending: 0, written: 3, dropped: 1 });
  });
});
