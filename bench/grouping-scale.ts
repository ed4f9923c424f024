/**
 * Demand grouping with many stored signals: what the first unmet question after a start, a
 * reload or an admin's correction costs, with and without the stored examples read ahead in
 * slices (DemandGrouper.prepare), and what each later one costs (compared with every signal).
 * The stored examples are the demand sets' phrasings (test/questions/demands/), numbered
 * where they run out so that every signal is its own.
 */
import type { Brain } from '../src/engine/brain.js';
import { DEMAND_SETS, loadDemands } from '../eval/demands.js';
import { DemandGrouper, type Scope, type StoredSignal } from '../src/signals/grouper.js';
import { percentile } from './stats.js';

export interface GroupingScaleResult {
  signals: number;
  examples: number;
  /** The first question with nothing read ahead (as before prepare existed). */
  firstColdMs: number;
  /** Reading the stored examples ahead: in all, and its longest slice (the pause it makes). */
  prepareMs: number;
  longestSliceMs: number;
  /** The first question after prepare. */
  firstPreparedMs: number;
  laterP50Ms: number;
  laterP99Ms: number;
}

const UNMET: Scope = { kind: 'unmet', itemId: null };

export async function groupingScale(brain: Brain, sizes: readonly number[], perSignal = 3): Promise<GroupingScaleResult[]> {
  const texts = Object.values(DEMAND_SETS).flatMap((path) => loadDemands(path).flatMap((d) => d.phrasings));
  const out: GroupingScaleResult[] = [];
  for (const n of sizes) {
    const stored: StoredSignal[] = Array.from({ length: n }, (_, i) => ({
      key: `s${i}`,
      ...UNMET,
      examples: Array.from({ length: perSignal }, (_, j) => {
        const k = i * perSignal + j;
        return k < texts.length ? (texts[k] as string) : `${texts[k % texts.length]} ${Math.floor(k / texts.length)}`;
      }),
    }));
    const question = (i: number) => `${texts[(i * 37) % texts.length]}吗`;

    const cold = new DemandGrouper();
    cold.load(stored);
    let t0 = performance.now();
    cold.assign(brain, question(0), UNMET);
    const firstColdMs = performance.now() - t0;

    const grouper = new DemandGrouper();
    grouper.load(stored);
    let longestSliceMs = 0;
    let sliceStart = performance.now();
    t0 = sliceStart;
    await grouper.prepare(brain, async () => {
      longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
      await new Promise((r) => setImmediate(r));
      sliceStart = performance.now();
    });
    longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
    const prepareMs = performance.now() - t0;
    t0 = performance.now();
    grouper.assign(brain, question(0), UNMET);
    const firstPreparedMs = performance.now() - t0;
    const later: number[] = [];
    for (let i = 1; i <= 100; i++) {
      t0 = performance.now();
      grouper.assign(brain, question(i), UNMET);
      later.push(performance.now() - t0);
    }
    out.push({ signals: n, examples: n * perSignal, firstColdMs, prepareMs, longestSliceMs, firstPreparedMs, laterP50Ms: percentile(later, 50), laterP99Ms: percentile(later, 99) });
  }
  return out;
}
