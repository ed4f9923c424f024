/**
 * Preparing thousands of items on every core: the calling thread and helper threads take
 * chunks of items from one shared counter, so the split balances itself however long a
 * helper takes to start. The call stays synchronous (an index is built inside a brain build,
 * which is synchronous): the calling thread does its share, then blocks on shared memory
 * until the helpers' chunks are in, and reads them with `receiveMessageOnPort`.
 *
 * Anything a helper does not deliver (it failed to start, threw, or took too long) is
 * prepared by the calling thread, so the result never depends on the helpers.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { taughtWords, type Tokenizer } from '../text/tokenizer.js';
import { threadPriority } from '../threads/priority.js';
import { startWorker } from '../threads/start.js';
import { ItemPreparer, unpackItem, type ItemText, type PreparedItem } from './prepare.js';

/**
 * Below this many items one thread is quicker: a helper needs about 0.4 s to start (its
 * own jieba dictionary and OpenCC tables), about what 800 items take to prepare.
 */
export const PARALLEL_MIN_ITEMS = 2_000;
/** Items per chunk taken from the shared counter. */
const CHUNK = 200;
/** At most this many helper threads (besides the calling thread). */
const MAX_HELPERS = 3;
/** How long the calling thread waits for helpers before preparing what is missing itself. */
const HELPER_TIMEOUT_MS = 120_000;

/** Shared counters: the next unclaimed item, and items the helpers have delivered. */
export const NEXT = 0;
export const DELIVERED = 1;

/** What a helper thread is given (prepare-worker.ts). */
export interface PrepareJob {
  texts: ItemText[];
  stopwords: string[];
  words: string[];
  chunk: number;
  /** [NEXT, DELIVERED] over shared memory. */
  counters: Int32Array;
  /** Set to 1 by a helper that fails (or by its bootstrap if it cannot load). */
  failed: Int32Array;
  port: MessagePort;
  /** The nice value of the calling thread: a reload's build runs at the lowest, and so do its helpers. */
  priority: number;
}

/** A chunk delivered by a helper: items from `start` on, packed (prepare.ts, packItem). */
export interface PreparedChunk {
  start: number;
  items: string[];
}

export interface PrepareOptions {
  /** Helper threads to use; default: one per core beyond the first (at most 3), none below PARALLEL_MIN_ITEMS. */
  helpers?: number;
  /** Told how many items the helpers delivered (the rest the calling thread prepared). */
  onDone?: (stats: { helpers: number; byHelpers: number; items: number }) => void;
}

/**
 * Prepare every item and hand each to `consume` in item order, as soon as it and all before
 * it are ready (so the caller builds its tables while helpers still prepare); an item is
 * let go once consumed.
 */
export function prepareItems(texts: ItemText[], tokenizer: Tokenizer, consume: (index: number, item: PreparedItem) => void, options: PrepareOptions = {}): void {
  const preparer = new ItemPreparer(tokenizer);
  const helpers = options.helpers ?? (texts.length >= PARALLEL_MIN_ITEMS ? Math.min(availableParallelism() - 1, MAX_HELPERS) : 0);
  if (helpers <= 0) {
    texts.forEach((t, i) => consume(i, preparer.prepare(t)));
    options.onDone?.({ helpers: 0, byHelpers: 0, items: texts.length });
    return;
  }
  const out: (PreparedItem | undefined)[] = new Array(texts.length);
  let consumed = 0;
  const flush = () => {
    for (let item: PreparedItem | undefined; consumed < texts.length && (item = out[consumed]); consumed++) {
      out[consumed] = undefined;
      consume(consumed, item);
    }
  };
  let byHelpers = 0;

  const counters = new Int32Array(new SharedArrayBuffer(8));
  const failed = new Int32Array(new SharedArrayBuffer(4 * helpers));
  const started: { worker: Worker; port: MessagePort }[] = [];
  let mine = 0;
  const receive = () => {
    for (const { port } of started) {
      for (let message: { message: unknown } | undefined; (message = receiveMessageOnPort(port)); ) {
        const chunk = message.message as PreparedChunk;
        chunk.items.forEach((item, k) => (out[chunk.start + k] = unpackItem(item)));
        byHelpers += chunk.items.length;
      }
    }
    flush();
  };
  const job = { texts, stopwords: tokenizer.stopwordList(), words: taughtWords(), chunk: CHUNK, counters, priority: threadPriority() };
  try {
    for (let h = 0; h < helpers; h++) {
      const { port1, port2 } = new MessageChannel();
      const worker = startWorker(import.meta.url, 'prepare-worker', { ...job, failed: failed.subarray(h, h + 1), port: port2 } satisfies PrepareJob, [port2]);
      worker.unref();
      // A failure reaches the calling thread through `failed` (it may be blocked waiting); the event adds nothing.
      worker.on('error', () => undefined);
      started.push({ worker, port: port1 });
    }
    let start: number;
    while ((start = Atomics.add(counters, NEXT, CHUNK)) < texts.length) {
      const end = Math.min(start + CHUNK, texts.length);
      for (let i = start; i < end; i++) out[i] = preparer.prepare(texts[i] as ItemText);
      mine += end - start;
      receive();
    }
    // Every chunk is claimed; take the helpers' as they come.
    const deadline = performance.now() + HELPER_TIMEOUT_MS;
    for (;;) {
      const delivered = Atomics.load(counters, DELIVERED);
      receive();
      if (mine + delivered >= texts.length || failed.some((f) => f !== 0)) break;
      const left = deadline - performance.now();
      if (left <= 0) break;
      // Woken by each delivery, or by a failure (it also notifies DELIVERED); 50 ms bounds a missed wake.
      Atomics.wait(counters, DELIVERED, delivered, Math.min(left, 50));
    }
    receive();
  } finally {
    for (const { worker, port } of started) {
      port.close();
      void worker.terminate();
    }
  }
  options.onDone?.({ helpers, byHelpers, items: texts.length });
  // Whatever a helper did not deliver.
  for (let i = consumed; i < texts.length; i++) out[i] ??= preparer.prepare(texts[i] as ItemText);
  flush();
}
