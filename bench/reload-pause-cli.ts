/**
 * One reload-pause measurement (reload-pause.ts) in a process of its own, started by
 * `npm run bench` with npm start's node flags: the pause is the server's, not that of a
 * bench process whose heap still holds the 10,000-item scale run. Prints JSON.
 *
 *   node <flags> --import tsx bench/reload-pause-cli.ts <label> <knowledge dir> <reloads>
 */
import { join, resolve } from 'node:path';
import { loadQuestions } from '../eval/questions.js';
import { reloadPause } from './reload-pause.js';

const ROOT = resolve(import.meta.dirname, '..');
const [label = 'shipped knowledge', knowledgeDir = join(ROOT, 'knowledge'), reloads = '3'] = process.argv.slice(2);
const questions = loadQuestions(join(ROOT, 'test/questions/dev.yaml')).flatMap((c) => c.turns.map((t) => t.q));
process.stdout.write(`${JSON.stringify(await reloadPause(label, knowledgeDir, join(ROOT, 'intents'), questions, Number(reloads)))}\n`);
