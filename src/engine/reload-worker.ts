/**
 * Building a brain in a worker thread for a reload, so serving never waits for it: the
 * worker reads the version, parses, tokenises, indexes and trains (or loads the matcher
 * from its cache); the serving thread then takes the brain one chunk at a time, yielding
 * to requests between chunks (transfer.ts), and gets it only when all of it is in.
 *
 * The worker runs the compiled build-worker.js beside this file (npm start), or the
 * TypeScript source through tsx (npm run dev, tests).
 */
import type { KnowledgeProblem } from '../knowledge/types.js';
import { taughtWords } from '../text/tokenizer.js';
import { startWorker } from '../threads/start.js';
import { yieldToRequests } from '../threads/yield.js';
import type { Brain, BrainOptions } from './brain.js';
import type { KnowledgeSource, PublishedSource } from './engine.js';
import { Unpacker, type Chunk } from './transfer.js';
import type { BuiltVersion } from './version.js';

export interface BuildJob {
  source: KnowledgeSource | PublishedSource;
  /** Every word the serving thread's jieba was taught. */
  words: string[];
  options?: BrainOptions;
}

/** The worker's first message: what was built, and how many chunks the brain takes. */
export interface WorkerHead {
  problems: KnowledgeProblem[];
  hash: string;
  files: [string, string][];
  chunks: number;
  buildMs: number;
  matcherMs: number;
}

/** Build in a worker; the serving thread only assembles, chunk by chunk. */
export async function buildInWorker(source: KnowledgeSource | PublishedSource, options?: BrainOptions): Promise<BuiltVersion & { matcherMs: number }> {
  const worker = startWorker(import.meta.url, 'build-worker', { source, words: taughtWords(), options } satisfies BuildJob);
  const messages: unknown[] = [];
  let wake: (() => void) | undefined;
  let failure: unknown;
  worker.on('message', (m) => {
    messages.push(m);
    wake?.();
  });
  worker.on('error', (err) => {
    failure = err;
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`build worker exited with code ${code}`);
    wake?.();
  });
  const receive = async <T>(): Promise<T> => {
    while (!messages.length) {
      if (failure) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    return messages.shift() as T;
  };
  try {
    const head = await receive<WorkerHead>();
    const files = new Map(head.files);
    if (!head.chunks) return { problems: head.problems, hash: head.hash, files, matcherMs: 0 };
    const unpacker = new Unpacker();
    for (let i = 0; i < head.chunks; i++) {
      await yieldToRequests();
      worker.postMessage('next');
      unpacker.add(await receive<Chunk>());
    }
    const brain: Brain = { ...unpacker.result(), buildMs: head.buildMs };
    return { brain, problems: head.problems, hash: head.hash, files, matcherMs: head.matcherMs };
  } finally {
    void worker.terminate();
  }
}
