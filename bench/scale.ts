/**
 * Scale: synthetic knowledge of N items built from the real items' vocabulary (titles,
 * aliases, keywords, bodies re-combined), the real tokenizer and index. Measures index
 * build time, heap growth, and the query path (analyse + rank) for realistic questions.
 */
import { Tokenizer } from '../src/text/tokenizer.js';
import { normalize } from '../src/text/normalize.js';
import { SearchIndex } from '../src/search/index.js';
import { rank } from '../src/search/rank.js';
import type { Brain } from '../src/engine/brain.js';
import type { KnowledgeItem } from '../src/knowledge/types.js';
import { percentile } from './stats.js';

export interface ScaleResult {
  items: number;
  buildMs: number;
  heapMb: number;
  p50: number;
  p99: number;
  /** Threads that prepared the items' text (this one and its helpers). */
  threads: number;
}

/** Deterministic pseudo-random numbers, so every run builds the same knowledge. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function synthesise(base: KnowledgeItem[], tokenizer: Tokenizer, n: number): KnowledgeItem[] {
  const random = rng(42);
  const words = (texts: string[]) => [...new Set(texts.flatMap((t) => tokenizer.words(normalize(t).text)))];
  const titleWords = words(base.map((i) => i.title));
  const aliasWords = words(base.flatMap((i) => i.aliases));
  const bodyWords = words(base.flatMap((i) => i.sections.map((s) => s.body)));
  const pick = (xs: string[], k: number) => Array.from({ length: k }, () => xs[Math.floor(random() * xs.length)] ?? '').join('');
  const template = base[0]!;
  return Array.from({ length: n }, (_, i) => ({
    ...template,
    id: `synthetic-${i}`,
    title: pick(titleWords, 3),
    summary: pick(bodyWords, 12),
    aliases: Array.from({ length: 10 }, () => pick(aliasWords, 2 + Math.floor(random() * 3))),
    keywords: Array.from({ length: 4 }, () => pick(titleWords, 1)),
    sections: template.sections.map((s) => ({ ...s, body: pick(bodyWords, 25) })),
  }));
}

export async function scale(brain: Brain, sizes: number[], questions: string[]): Promise<ScaleResult[]> {
  const out: ScaleResult[] = [];
  for (const n of sizes) {
    const items = synthesise(brain.knowledge.items, brain.tokenizer, n);
    globalThis.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    let helpers = 0;
    const index = new SearchIndex(items, brain.tokenizer, { onDone: (s) => (helpers = s.helpers) });
    const buildMs = performance.now() - t0;
    // A helper thread that prepared text is let go when the event loop next runs: what it
    // held until then is not the index's.
    await new Promise((resolve) => setTimeout(resolve, 200));
    globalThis.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
    const times: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      for (const q of questions) {
        const t = performance.now();
        rank(brain.analyzer.analyze(normalize(q).text), index);
        if (pass > 0) times.push(performance.now() - t);
      }
    }
    out.push({ items: n, buildMs, heapMb, p50: percentile(times, 50), p99: percentile(times, 99), threads: 1 + helpers });
  }
  return out;
}
