/**
 * A helper thread of prepare-parallel.ts: takes chunks of items from the shared counter,
 * prepares them with a tokenizer taught the same words as the calling thread's (so both cut
 * text alike), and posts each chunk before counting it delivered.
 */
import { workerData } from 'node:worker_threads';
import { addWords, Tokenizer } from '../text/tokenizer.js';
import { setThreadPriority } from '../threads/priority.js';
import { ItemPreparer, packItem } from './prepare.js';
import { DELIVERED, NEXT, type PrepareJob, type PreparedChunk } from './prepare-parallel.js';

const job = workerData as PrepareJob;
try {
  setThreadPriority(job.priority);
  addWords(job.words);
  const preparer = new ItemPreparer(new Tokenizer(new Set(job.stopwords)));
  const n = job.texts.length;
  let start: number;
  while ((start = Atomics.add(job.counters, NEXT, job.chunk)) < n) {
    const end = Math.min(start + job.chunk, n);
    const chunk: PreparedChunk = { start, items: job.texts.slice(start, end).map((t) => packItem(preparer.prepare(t))) };
    job.port.postMessage(chunk);
    Atomics.add(job.counters, DELIVERED, end - start);
    Atomics.notify(job.counters, DELIVERED);
  }
} catch (err) {
  Atomics.store(job.failed, 0, 1);
  Atomics.notify(job.counters, DELIVERED);
  throw err;
}
