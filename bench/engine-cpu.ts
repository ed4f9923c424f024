/**
 * CPU per engine.ask() over the dev questions, printed as JSON: run by `npm run bench` in a
 * child started with npm start's node flags, so the engine's own time is measured with the
 * same heap settings as the server it is subtracted from (bench/overhead.ts).
 */
import { join, resolve } from 'node:path';
import { loadQuestions } from '../eval/questions.js';
import { engineCpuMs } from './overhead.js';

const ROOT = resolve(import.meta.dirname, '..');
const questions = loadQuestions(join(ROOT, 'test/questions/dev.yaml')).flatMap((c) => c.turns.map((t) => t.q));
process.stdout.write(`${JSON.stringify({ engineCpuMs: await engineCpuMs(ROOT, questions) })}\n`);
