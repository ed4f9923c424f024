/**
 * The serving pause during a knowledge reload: a probe loop asks the engine a question,
 * waits a millisecond, asks again …, while the knowledge is reloaded (built in the worker
 * thread, handed over in chunks). Each probe's latency counts from when it should have
 * started, so a blocked event loop shows in full. Reported: the worst probe during the
 * reload (and the median), and how long the reload took — at the shipped knowledge and at
 * synthetic sizes (knowledge folders written from the real items' vocabulary).
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { HOUSEHOLD_SECTIONS, type KnowledgeItem } from '../src/knowledge/types.js';
import { SqliteLog } from '../src/storage/sqlite/log.js';
import { userHasher } from '../src/storage/user-hash.js';
import type { Brain } from '../src/engine/brain.js';
import { synthesise } from './scale.js';
import { percentile } from './stats.js';

export interface PauseResult {
  label: string;
  items: number;
  /** Worst and median probe latency while the reload ran, ms. */
  maxMs: number;
  p50Ms: number;
  probes: number;
  reloadMs: number;
  builtIn: string;
}

/** A knowledge folder with `n` synthetic household items (plus the real lexicon files). */
export function syntheticKnowledge(root: string, base: Brain, n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'wz-kb-'));
  mkdirSync(join(dir, 'items'));
  for (const f of ['offices.yaml', 'synonyms.yaml', 'dict.txt', 'stopwords.txt']) copyFileSync(join(root, 'knowledge', f), join(dir, f));
  cpSync(join(root, 'knowledge', 'phrasings'), join(dir, 'phrasings'), { recursive: true });
  // The real items stay (the phrasings name them); the synthetic ones come on top.
  cpSync(join(root, 'knowledge', 'items'), join(dir, 'items'), { recursive: true });
  cpSync(join(root, 'knowledge', 'disclosure'), join(dir, 'disclosure'), { recursive: true });
  cpSync(join(root, 'knowledge', 'report'), join(dir, 'report'), { recursive: true });
  const items = synthesise(base.knowledge.items.filter((i) => i.kind === 'household'), base.tokenizer, n);
  items.forEach((item, i) => writeFileSync(join(dir, 'items', `synthetic-${i}.md`), itemFile(item)));
  return dir;
}

function itemFile(item: KnowledgeItem): string {
  const body = new Map(item.sections.map((s) => [s.name, s.body]));
  return [
    '---',
    `id: ${item.id}`,
    `title: ${item.title || '合成事项'}`,
    'category: 居住登记与居住证',
    `summary: ${item.summary || '合成'}`,
    'aliases:',
    ...item.aliases.map((a) => `  - ${JSON.stringify(a || '合成')}`),
    `keywords: [${item.keywords.map((k) => JSON.stringify(k)).join(', ')}]`,
    'basis:',
    '  - 《居住证暂行条例》',
    'updated: 2026-11-25',
    '---',
    ...HOUSEHOLD_SECTIONS.map((s) => `## ${s}\n${body.get(s) || '合成'}\n`),
  ].join('\n');
}

export async function reloadPause(label: string, knowledgeDir: string, intentsDir: string, questions: string[], reloads = 3): Promise<PauseResult> {
  const log = SqliteLog.open(':memory:');
  // The learned matcher has a class per item: thousands of synthetic items would make it
  // gigabytes (see RESULTS.md), so it learns the real items only, as at the shipped size.
  const engine = new Engine({ knowledgeDir, intentsDir, log, hashUser: userHasher('bench'), brain: { untrainedLabels: /^synthetic-/ } });
  const items = engine.brain.knowledge.items.length;
  // Warm up: the first answers compile the code paths.
  for (let i = 0; i < 500; i++) await engine.ask({ user: `w${i}`, text: questions[i % questions.length] ?? '', channel: 'eval' });
  const latencies: number[] = [];
  let reloadMs = 0;
  let builtIn = '';
  for (let r = 0; r < reloads; r++) {
    globalThis.gc?.();
    let done = false;
    const reload = engine.reload().then((result) => {
      if (!result.ok) throw new Error(`reload failed: ${JSON.stringify(result.problems.slice(0, 3))}`);
      reloadMs = Math.max(reloadMs, result.ms);
      builtIn = result.builtIn ?? '';
      done = true;
    });
    let due = performance.now();
    for (let i = 0; !done; i++) {
      await engine.ask({ user: `p${i % 50}`, text: questions[i % questions.length] ?? '', channel: 'eval' });
      const end = performance.now();
      latencies.push(end - due);
      await new Promise((resolve) => setTimeout(resolve, 1));
      due = end + 1;
    }
    await reload;
  }
  await log.close();
  return { label, items, maxMs: Math.max(...latencies), p50Ms: percentile(latencies, 50), probes: latencies.length, reloadMs, builtIn };
}
