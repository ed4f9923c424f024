/**
 * Compiling a brain's regular expressions before it serves. A brain built in the reload worker
 * arrives with new RegExp objects (intents, field patterns, the danger cues: over 600), and V8
 * compiles a regular expression on its first run, for one-byte and two-byte text apart, and
 * again to machine code on a later run. Left to the first message after the swap, that was one
 * blocking step of 60–90 ms (measured 2026-11-28: the first question's analysis 24–37 ms, its
 * danger cues 20–23 ms). Here the brain's objects are walked and its patterns run a slice at a
 * time, yielding to requests every few milliseconds, so neither the walk (20–50 ms in one go) nor the
 * compiling is a pause.
 */

import type { Pattern } from '../intents/types.js';
import { combineList } from '../intents/match.js';

/** Chinese text (two-byte in V8) and ASCII: a pattern is compiled for each kind it runs on. */
const SAMPLES = ['身份证丢了怎么补办 要带啥', 'sfz hk 110'];
/** Runs per sample: the first compiles to bytecode, the second tiers up to machine code. */
const RUNS = 2;
/** Work between yields, in ms: a slice ends once it has taken this long (GC pauses included). */
const SLICE_MS = 3;

function compile(re: RegExp): void {
  for (const sample of SAMPLES) {
    for (let r = 0; r < RUNS; r++) {
      re.lastIndex = 0;
      re.test(sample);
    }
  }
  re.lastIndex = 0;
}

/**
 * Run every RegExp reachable from `root` (through plain objects, arrays, Maps and Sets; typed
 * arrays hold none) on the samples, yielding between slices. Returns how many it ran.
 */
export async function compileRegexesIn(root: unknown, yieldToRequests: () => Promise<void>): Promise<number> {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  let compiled = 0;
  let sliceStart = performance.now();
  while (stack.length) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await yieldToRequests();
      sliceStart = performance.now();
    }
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof RegExp) {
      compile(value);
      compiled++;
    } else if (ArrayBuffer.isView(value)) continue;
    else if (value instanceof Map) for (const [k, v] of value) stack.push(k, v);
    else if (value instanceof Set || Array.isArray(value)) {
      // A list of intent patterns is matched as one expression (combineList): compile that too.
      if (Array.isArray(value) && isPatternList(value)) {
        const one = combineList(value);
        if (one) {
          compile(one);
          compiled++;
        }
      }
      for (const v of value) stack.push(v);
    }
    else for (const v of Object.values(value)) stack.push(v);
  }
  return compiled;
}

function isPatternList(value: unknown[]): value is Pattern[] {
  return value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && ('regex' in v || 'text' in v) && Object.keys(v).length === 1);
}
