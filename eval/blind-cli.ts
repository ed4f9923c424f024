/**
 * `npx tsx eval/blind-cli.ts FILE…`: the totals of blind sets against the engine as it is
 * now (see eval/blind.ts: totals only, never a question).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { SqliteLog } from '../src/storage/sqlite/log.js';
import { userHasher } from '../src/storage/user-hash.js';
import { formatTotals, loadBlind, runBlind } from './blind.js';

const ROOT = resolve(import.meta.dirname, '..');
const log = SqliteLog.open(join(mkdtempSync(join(tmpdir(), 'wz-blind-')), 'b.sqlite'));
const engine = new Engine({ knowledgeDir: join(ROOT, 'knowledge'), intentsDir: join(ROOT, 'intents'), log, hashUser: userHasher('blind') });
for (const file of process.argv.slice(2)) {
  const totals = await runBlind(loadBlind(file), (user, text) => engine.ask({ user, text, channel: 'eval' }));
  console.log(formatTotals(file, totals));
}
await log.close();
