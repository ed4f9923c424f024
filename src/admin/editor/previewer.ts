/**
 * Draft previews, each in its own process (preview-worker.ts: jieba's dictionary is
 * process-wide, so a draft built here would change live answers). A draft is identified
 * by the hash of its whole knowledge snapshot: previewing the same draft again, or asking
 * it more questions, reuses its warm process. At most `maxWorkers` drafts stay warm (the
 * least recently used goes first); an idle one is stopped after `idleMs`; all stop with
 * the server. The draft's folders are written under DATA_DIR/drafts (700/600) and removed
 * with its process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DialogParams } from '../../dialog/dialog.js';
import type { KnowledgeProblem } from '../../knowledge/types.js';
import type { Case } from '../../knowledge/questions.js';
import { writeSnapshot } from '../../knowledge/versions/snapshot.js';
import type { Snapshot } from '../../knowledge/versions/store.js';
import type { WorkerRequest } from './preview-worker.js';
import type { Answer, TurnResult } from './question-set.js';

export interface BuildOutcome {
  ok: boolean;
  problems: KnowledgeProblem[];
  ms: number;
}

const WORKER = join(import.meta.dirname, `preview-worker${import.meta.filename.endsWith('.ts') ? '.ts' : '.js'}`);
/** The repository (or installation) root: tsx resolves from there when running the sources. */
const ROOT = join(import.meta.dirname, '../../..');

/** A request before it gets its id (Omit that keeps the union's members apart). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class DraftWorker {
  readonly built: Promise<BuildOutcome>;
  lastUsed = Date.now();
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private exited = false;

  constructor(
    readonly key: string,
    private readonly dir: string,
    folders: { knowledgeDir: string; intentsDir: string },
    timeoutMs: number,
  ) {
    this.child = fork(WORKER, [folders.knowledgeDir, folders.intentsDir], {
      cwd: ROOT,
      execArgv: WORKER.endsWith('.ts') ? ['--import', 'tsx'] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    this.child.stderr?.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
    this.built = new Promise<BuildOutcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`草稿构建超过 ${Math.round(timeoutMs / 1000)} 秒`));
        this.dispose();
      }, timeoutMs);
      timer.unref();
      this.child.on('message', (msg: { type: string; id?: number } & Record<string, unknown>) => {
        if (msg.type === 'built') {
          clearTimeout(timer);
          resolve(msg as unknown as BuildOutcome);
        } else if (msg.id !== undefined) {
          this.waiting.get(msg.id)?.resolve(msg.type === 'answers' ? msg.answers : msg.results);
          this.waiting.delete(msg.id);
        }
      });
      this.child.on('exit', (code) => {
        this.exited = true;
        clearTimeout(timer);
        const err = new Error(`草稿进程退出（${code ?? 'signal'}）${stderr ? `：${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`);
        reject(err);
        for (const w of this.waiting.values()) w.reject(err);
        this.waiting.clear();
        rmSync(this.dir, { recursive: true, force: true });
      });
    });
    this.built.catch(() => undefined); // callers await it; an unobserved failure is not a crash
  }

  get alive(): boolean {
    return !this.exited;
  }

  private request<T>(msg: WithoutId<WorkerRequest>): Promise<T> {
    this.lastUsed = Date.now();
    if (this.exited) return Promise.reject(new Error('草稿进程已结束，请重新预览'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...msg, id } as WorkerRequest);
    });
  }

  ask(questions: string[], params: DialogParams): Promise<Answer[]> {
    return this.request({ type: 'ask', questions, params });
  }

  runSet(cases: Case[], params: DialogParams): Promise<TurnResult[]> {
    return this.request({ type: 'set', cases, params });
  }

  dispose(): void {
    if (!this.exited) this.child.kill();
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface PreviewerOptions {
  /** DATA_DIR/drafts. */
  draftsDir: string;
  maxWorkers?: number;
  idleMs?: number;
  buildTimeoutMs?: number;
}

export class DraftPreviewer {
  private readonly workers = new Map<string, DraftWorker>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: PreviewerOptions) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** The draft's warm process, started (and its folders written) if it has none. */
  worker(key: string, snapshot: Snapshot): DraftWorker {
    const existing = this.workers.get(key);
    if (existing?.alive) {
      existing.lastUsed = Date.now();
      return existing;
    }
    const dir = join(this.options.draftsDir, key.slice(0, 24));
    const worker = new DraftWorker(key, dir, writeSnapshot(snapshot, dir), this.options.buildTimeoutMs ?? 180_000);
    this.workers.set(key, worker);
    const max = this.options.maxWorkers ?? 2;
    const byAge = [...this.workers.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    while (this.workers.size > max) {
      const oldest = byAge.shift();
      if (!oldest || oldest === worker) break;
      this.workers.delete(oldest.key);
      oldest.dispose();
    }
    return worker;
  }

  private sweep(now = Date.now()): void {
    for (const [key, w] of this.workers) {
      if (!w.alive || now - w.lastUsed > (this.options.idleMs ?? 10 * 60_000)) {
        this.workers.delete(key);
        w.dispose();
      }
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const w of this.workers.values()) w.dispose();
    this.workers.clear();
  }
}
