/**
 * `npm run eval:tune`: coordinate descent over the ranking weights and decision
 * thresholds on the DEV set only. Prints the best parameters and, for information, what
 * they give on the held-out set (which is never used to choose). Copy the result into
 * src/search/rank.ts and src/dialog/thresholds.ts, then run `npm run eval`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { DEFAULT_DIALOG, type DialogParams } from '../src/dialog/dialog.js';
import { SqliteLog } from '../src/storage/sqlite.js';
import { userHasher } from '../src/storage/user-hash.js';
import { judge } from './judge.js';
import { loadQuestions, type Case } from './questions.js';

const ROOT = resolve(import.meta.dirname, '..');
const log = SqliteLog.open(join(mkdtempSync(join(tmpdir(), 'wz-tune-')), 't.sqlite'));
const engine = new Engine({ knowledgeDir: join(ROOT, 'knowledge'), intentsDir: join(ROOT, 'intents'), log, hashUser: userHasher('tune') });
const dev = loadQuestions(join(ROOT, 'test/questions/dev.yaml'));
const holdout = loadQuestions(join(ROOT, 'test/questions/holdout.yaml'));

let run = 0;
function accuracy(cases: Case[], params: DialogParams): number {
  engine.params = params;
  run++;
  let right = 0;
  let total = 0;
  cases.forEach((c, i) => {
    for (const t of c.turns) {
      total++;
      if (judge(t, engine.ask({ user: `t${run}-${i}`, text: t.q, channel: 'eval' }), '', 0).correct) right++;
    }
  });
  log.flush();
  return right / total;
}

type Knob = { path: ['rank' | 'decision', string]; values: number[] };
const KNOBS: Knob[] = [
  { path: ['decision', 'low'], values: [0.35, 0.4, 0.45, 0.5, 0.55, 0.6] },
  { path: ['decision', 'margin'], values: [0, 0.01, 0.02, 0.04, 0.06] },
  { path: ['rank', 'unknownWeight'], values: [1, 1.5, 2.5, 3.5, 5] },
  { path: ['rank', 'unknownCharWeight'], values: [0.3, 0.6, 1, 1.5] },
  { path: ['rank', 'foreignWeight'], values: [2, 4, 8] },
  { path: ['rank', 'foreignMiss'], values: [0.3, 0.45, 0.6, 0.8] },
  { path: ['rank', 'bodyCredit'], values: [0.1, 0.2, 0.35, 0.5] },
  { path: ['rank', 'partCredit'], values: [0.4, 0.6, 0.8] },
  { path: ['rank', 'synonymCredit'], values: [0.7, 0.8, 0.9, 1] },
  { path: ['rank', 'phrase'], values: [0.2, 0.3, 0.4] },
  { path: ['rank', 'title'], values: [0, 0.05, 0.1] },
  { path: ['rank', 'lunr'], values: [0.05, 0.15, 0.25] },
];

function withValue(p: DialogParams, knob: Knob, v: number): DialogParams {
  const [group, key] = knob.path;
  const next: DialogParams = { rank: { ...p.rank }, decision: { ...p.decision } };
  (next[group] as unknown as Record<string, number>)[key] = v;
  // coverage takes what the other mixing weights leave
  next.rank.coverage = Math.max(0, 1 - next.rank.phrase - next.rank.lunr - next.rank.title);
  next.decision.answer = Math.max(next.decision.answer, next.decision.low);
  return next;
}

let best = DEFAULT_DIALOG;
let bestAcc = accuracy(dev, best);
console.log(`start: dev ${(bestAcc * 100).toFixed(1)}%`);
for (let round = 0; round < 2; round++) {
  for (const knob of KNOBS) {
    for (const v of knob.values) {
      const p = withValue(best, knob, v);
      const acc = accuracy(dev, p);
      if (acc > bestAcc + 1e-9) {
        bestAcc = acc;
        best = p;
        console.log(`  ${knob.path.join('.')} = ${v} → dev ${(acc * 100).toFixed(1)}%`);
      }
    }
  }
}
console.log(`\nbest on dev ${(bestAcc * 100).toFixed(1)}%, held-out ${(accuracy(holdout, best) * 100).toFixed(1)}% (default held-out ${(accuracy(holdout, DEFAULT_DIALOG) * 100).toFixed(1)}%)`);
console.log(JSON.stringify(best, null, 2));
log.close();
