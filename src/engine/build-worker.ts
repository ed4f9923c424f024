/**
 * The reload's build worker (a worker thread): builds a brain from one knowledge version
 * off the serving thread and hands it over in chunks (transfer.ts), one per request, so
 * the serving thread never stops for more than a chunk.
 *
 * Its jieba is its own: it is first taught every word the serving thread knows, so both
 * cut text alike; the words the build adds go over with the brain.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { addWords, taughtWords } from '../text/tokenizer.js';
import type { BuildJob, WorkerHead } from './reload-worker.js';
import { setThreadPriority } from '../threads/priority.js';
import { pack } from './transfer.js';
import { buildVersion } from './version.js';

const port = parentPort;
if (!port) throw new Error('build-worker.ts runs as a worker thread');
// Serving comes first: only this thread is lowered (threads/priority.ts).
setThreadPriority(19);
const job = workerData as BuildJob;

addWords(job.words);
const known = new Set(taughtWords());
const built = buildVersion(job.source, job.options);
const chunks = built.brain ? pack(built.brain, taughtWords().filter((w) => !known.has(w))) : [];
const head: WorkerHead = { problems: built.problems, hash: built.hash, files: [...built.files], chunks: chunks.length, buildMs: built.brain?.buildMs ?? 0, matcherMs: built.brain?.matcher.buildMs ?? 0 };
port.postMessage(head);
let next = 0;
port.on('message', () => {
  const c = chunks[next];
  if (!c) return;
  chunks[next++] = undefined as never; // let it go once sent
  port.postMessage(c.chunk, c.transfer);
});
