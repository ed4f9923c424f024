/**
 * Engine latency per message over the development question set, through `engine.ask()`
 * (normalise → intents → search → dialog → reply → log queue), several passes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { SqliteLog } from '../src/storage/sqlite/log.js';
import { userHasher } from '../src/storage/user-hash.js';
import { loadQuestions } from '../eval/questions.js';
import { percentile } from './stats.js';

export interface LatencyResult {
  messages: number;
  p50: number;
  p99: number;
  max: number;
}

export async function engineLatency(root: string, passes = 10): Promise<LatencyResult> {
  const log = SqliteLog.open(join(mkdtempSync(join(tmpdir(), 'wz-bench-')), 'b.sqlite'));
  const engine = new Engine({ knowledgeDir: join(root, 'knowledge'), intentsDir: join(root, 'intents'), log, hashUser: userHasher('bench') });
  const cases = loadQuestions(join(root, 'test/questions/dev.yaml'));
  const times: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const [i, c] of cases.entries()) {
      for (const turn of c.turns) {
        const t0 = performance.now();
        await engine.ask({ user: `b${pass}-${i}`, text: turn.q, channel: 'eval' });
        if (pass > 0) times.push(performance.now() - t0); // pass 0 warms up
      }
    }
    await new Promise((r) => setImmediate(r)); // let the log write its batch, as a server would
  }
  await log.close();
  return { messages: times.length, p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times) };
}
