/**
 * The engine: the one `ask()` every channel calls.
 *
 * It normalises the message, runs the dialog on the user's session (loaded and saved by the
 * session store around the synchronous dialog), records the exchange (masked, user id
 * hashed; queued, never awaited) and returns the reply. It never rejects for a citizen's
 * input: anything unexpected, a failing session store included, becomes a polite
 * fallback and is logged. `reload()` builds a new
 * brain beside the current one and swaps it only if the new knowledge is valid.
 */
import { randomUUID } from 'node:crypto';
import { render } from '../dialog/compose.js';
import { respond, DEFAULT_DIALOG, type DialogParams, type Outcome } from '../dialog/dialog.js';
import { freshSession, type Session, type SessionStore } from '../dialog/session.js';
import { answerByRef, remember, typedVerdict, type AnswerMemo } from '../signals/feedback.js';
import { DemandGrouper, type Scope, type StoredSignal } from '../signals/grouper.js';
import { rank } from '../search/rank.js';
import type { KnowledgeProblem } from '../knowledge/types.js';
import { MemorySessionStore } from '../storage/memory/sessions.js';
import type { InteractionLog } from '../storage/types.js';
import type { UserHasher } from '../storage/user-hash.js';
import { maskPersonalData } from '../text/mask.js';
import { normalize, normalizeMessage, DEFAULT_MAX_LENGTH } from '../text/normalize.js';
import { buildBrain, type Brain, type BrainOptions } from './brain.js';
import { buildInWorker } from './reload-worker.js';
import { compileRegexesIn } from './warm-regexes.js';
import { yieldToRequests } from '../threads/yield.js';
import { throughChunks } from './transfer.js';
import { buildVersion, type BuiltVersion } from './version.js';
import type { AskInput, FeedbackInput, Reply } from '../contract/reply.js';

export interface EngineOptions {
  knowledgeDir: string;
  intentsDir: string;
  /** Build the first brain from here instead (a published version written out); reloads default to the folders above. */
  startFrom?: KnowledgeSource;
  /**
   * `startFrom` is a copy of the last good version because the folders have errors
   * (`problems`): the engine says so (lastReload, servingFrom) until a reload takes.
   * `label` names the copy (its version).
   */
  lastGood?: { problems: KnowledgeProblem[]; label: string };
  log: InteractionLog;
  hashUser: UserHasher;
  /** Where sessions live; in memory (idle expiry, bounded) unless given. */
  sessions?: SessionStore;
  /** For the in-memory default: idle minutes and the most sessions kept. */
  sessionIdleMinutes?: number;
  maxSessions?: number;
  maxMessageLength?: number;
  params?: DialogParams;
  /** Groups demand signals by meaning (src/signals); a fresh one unless given. */
  grouper?: DemandGrouper;
  /**
   * Where reloads build the new brain: in a worker thread (default; serving goes on, the
   * brain comes over in chunks) or on this thread (tools that do not serve).
   */
  reloadIn?: 'worker' | 'thread';
  /** How brains are built (the matcher's options, its cache); the same for the first and every reload. */
  brain?: BrainOptions;
  /** Told about anything unexpected (the logger). */
  onError?: (err: unknown, context: string) => void;
}

/** One turn's result: the dialog's outcome and any verdict the message gave on the last answer. */
interface Turn {
  outcome: Outcome;
  verdict: { helpful: boolean; answer: AnswerMemo } | null;
}

export interface AskResult extends Reply {}

/** Questions a brain from the reload worker answers before it serves (see `warm`). */
const WARM_QUESTIONS = 40;

/** Stored text is capped: a megabyte paste is kept as its first part. */
const STORED_TEXT_MAX = 2000;

/**
 * How a brain would answer a text, without a session or a log entry, with the nearest
 * items and their scores (for admins checking a signal, and the weekly report's "now
 * covered").
 */
export function previewWith(brain: Brain, params: DialogParams, text: string, maxLength = DEFAULT_MAX_LENGTH): { reply: Reply; nearest: { id: string; title: string; score: number }[] } {
  const normalized = normalizeMessage(text, maxLength).text;
  const { reply } = respond(brain, freshSession(Date.now()), normalized, params);
  const nearest = rank(brain.analyzer.analyze(normalized), brain.index, params.rank)
    .slice(0, 5)
    .map((r) => ({ id: r.id, title: brain.items.get(r.id)?.title ?? r.id, score: Math.round(r.score * 1000) / 1000 }));
  return { reply, nearest };
}

/** What is stored of a message: masked, and capped (a megabyte paste is kept as its first part). */
function storedText(raw: string): string {
  return maskPersonalData(raw.slice(0, STORED_TEXT_MAX * 2).normalize('NFKC')).slice(0, STORED_TEXT_MAX);
}

/** A conversation's session: per channel and user. */
function sessionKey(input: { channel: string; user: string }): string {
  return `${input.channel}:${input.user}`;
}

export class KnowledgeError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`知识库有 ${errors.length} 个错误：\n${errors.map(formatProblem).join('\n')}`);
  }
}

export function formatProblem(p: KnowledgeProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}  ${p.severity === 'error' ? '错误' : '警告'}：${p.message}`;
}

/** Where a brain is built from. */
export interface KnowledgeSource {
  knowledgeDir: string;
  intentsDir: string;
}

/** A published version's files, written out to `dir` to be built from. */
export interface PublishedSource {
  files: ReadonlyMap<string, string>;
  dir: string;
  /** The hash it was published under (checked against the files). */
  expectHash?: string;
}

export interface ReloadResult {
  ok: boolean;
  problems: KnowledgeProblem[];
  ms: number;
  /** Content hash of the folders built from (snapshot.ts), when they could be read. */
  hash?: string;
  /** Their files, for publishing to other instances. */
  files?: Map<string, string>;
  /** Where the brain was built: in the worker thread, or on the serving thread (the fallback). */
  builtIn?: 'worker' | 'thread';
}

export class Engine {
  private current: Brain;
  readonly sessions: SessionStore;
  readonly grouper: DemandGrouper;
  private readonly maxLength: number;
  params: DialogParams;
  lastReload: ReloadResult;
  /** Set while the brain is a copy of the last good version (the folders had errors at start): its label. */
  servingFrom: string | null;
  private reloading: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: EngineOptions) {
    const first = options.startFrom ?? options;
    const { brain, problems } = buildBrain(first.knowledgeDir, first.intentsDir, options.brain);
    if (!brain) throw new KnowledgeError(problems);
    // Reloads bring brains from the worker: start with one shaped like them (transfer.ts).
    this.current = options.reloadIn === 'thread' ? brain : throughChunks(brain);
    this.servingFrom = options.lastGood?.label ?? null;
    this.lastReload = options.lastGood ? { ok: false, problems: options.lastGood.problems, ms: 0 } : { ok: true, problems, ms: brain.buildMs };
    this.sessions = options.sessions ?? new MemorySessionStore({ idleMinutes: options.sessionIdleMinutes ?? 30, maxSessions: options.maxSessions ?? 100_000 });
    this.maxLength = options.maxMessageLength ?? DEFAULT_MAX_LENGTH;
    this.params = options.params ?? DEFAULT_DIALOG;
    this.grouper = options.grouper ?? new DemandGrouper();
  }

  get brain(): Brain {
    return this.current;
  }

  /** Answer one message. Never rejects. */
  async ask(input: AskInput): Promise<Reply> {
    const started = performance.now();
    const brain = this.current; // one brain for the whole exchange, even if a reload lands meanwhile
    const params = this.params;
    const raw = typeof input.text === 'string' ? input.text : '';
    const stored = storedText(raw);
    let reply: Reply;
    let signal: string | null = null;
    let verdict: Turn['verdict'] = null;
    try {
      const { text, truncated } = normalizeMessage(raw, this.maxLength);
      const ref = randomUUID();
      const turn = await this.sessions.update(sessionKey(input), (session) => this.turn(brain, session, text, stored, ref, params));
      ({ verdict } = turn);
      reply = turn.outcome.reply;
      signal = turn.outcome.signalKey;
      if (reply.kind === 'answer' && reply.item) reply = { ...reply, ref };
      if (truncated) reply = { ...reply, text: `（您的消息较长，只看了前 ${this.maxLength} 个字。）\n${reply.text}` };
    } catch (err) {
      this.options.onError?.(err, 'ask');
      reply = {
        kind: 'fallback',
        text: '抱歉，系统暂时出了点问题，请稍后再问，或拨打 12345 政务服务便民热线咨询。紧急情况请拨打 110。',
        item: null,
        field: null,
        score: 0,
        options: [],
      };
      signal = null;
    }
    this.record(brain, input, stored, reply, signal, performance.now() - started);
    if (verdict) this.recordVerdict(brain, input, verdict.helpful, verdict.answer);
    return reply;
  }

  /**
   * One synchronous turn on the session: a typed verdict right after an answer ("没用") is
   * answered with an apology and where to ask a person, not as a new question; anything
   * else goes to the dialog, and an answer is remembered for a later verdict.
   */
  private turn(brain: Brain, session: Session, text: string, stored: string, ref: string, params: DialogParams): Turn {
    const verdict = typedVerdict(brain.intents.feedback, brain.tokenizer, session.feedback, text);
    if (verdict) verdict.answer.rated = true;
    if (verdict && !verdict.helpful && brain.intents.feedback) {
      session.feedback = { answers: session.feedback?.answers ?? [], afterAnswer: false };
      const apology = `${render(brain, brain.intents.feedback.reply)}\n${render(brain, brain.intents.handoff.reply)}`;
      return { outcome: { reply: { kind: 'redirect', text: apology, item: null, field: null, score: 1, options: [] }, signalKey: null }, verdict };
    }
    const outcome = respond(brain, session, text, params);
    session.feedback = remember(session.feedback, outcome.reply, ref, stored);
    return { outcome, verdict };
  }

  /**
   * A verdict on an earlier answer by its ref (the web chat's 有用 / 没用): recorded once per
   * answer, while the session still remembers it. False when it does not (or was rated).
   */
  async feedback(input: FeedbackInput): Promise<boolean> {
    try {
      const answer = await this.sessions.update(sessionKey(input), (session) => {
        const found = answerByRef(session.feedback, input.ref);
        if (!found || found.rated) return null;
        found.rated = true;
        return { ...found };
      });
      if (!answer) return false;
      this.recordVerdict(this.current, input, input.helpful, answer);
      return true;
    } catch (err) {
      this.options.onError?.(err, 'feedback');
      return false;
    }
  }

  /** What the grouper knows of the stored signals (at start, after an admin's correction). */
  loadSignals(signals: readonly StoredSignal[]): void {
    this.grouper.load(signals);
  }

  /**
   * Build the grouping's demand space for the current brain now (at once), and read the stored
   * signals' examples in it a slice at a time (the promise), instead of at the first signal.
   */
  prepareSignals(): Promise<void> {
    // prepare builds the demand space before its first yield (after reading the matter classifier, when a start left it on disk).
    return this.grouper.prepare(this.current, yieldToRequests).catch((err: unknown) => this.options.onError?.(err, 'group'));
  }

  /** The label stored examples would have now (for a signal an admin changed). */
  labelOf(examples: readonly string[]): string {
    return this.grouper.labelOf(this.current, examples);
  }

  /**
   * How the bot would answer a text now, without a session or a log entry: for admins
   * checking a demand signal, with the nearest items and their scores (why it did or did
   * not answer).
   */
  preview(text: string): { reply: Reply; nearest: { id: string; title: string; score: number }[] } {
    return previewWith(this.current, this.params, text, this.maxLength);
  }

  /** A new brain: in a worker thread unless told otherwise (or the worker cannot start). */
  private async build(source: KnowledgeSource | PublishedSource): Promise<BuiltVersion & { builtIn: 'worker' | 'thread' }> {
    // A function (the tuner's folds) cannot cross to the worker: such builds stay here.
    if (this.options.reloadIn !== 'thread' && !this.options.brain?.trainOn) {
      try {
        return { ...(await buildInWorker(source, this.options.brain)), builtIn: 'worker' };
      } catch (err) {
        this.options.onError?.(err, 'reload-worker');
      }
    }
    return { ...buildVersion(source, this.options.brain), builtIn: 'thread' };
  }

  /**
   * Answer a few questions on a brain that arrived from the worker before it serves: its
   * caches fill and the code meets its objects' shapes (copied across threads, they differ
   * from the old brain's) one question at a time, yielding between them, instead of on the
   * first citizens' messages after the swap.
   */
  private async warm(brain: Brain): Promise<void> {
    // Its patterns first, a slice at a time (warm-regexes.ts); the matcher's and the index's
    // large tables hold none and are not walked.
    await compileRegexesIn([brain.intents, brain.analyzer, brain.knowledge.lexicon, brain.knowledge.offices], yieldToRequests);
    const session = freshSession(Date.now());
    for (const item of brain.knowledge.items.slice(0, WARM_QUESTIONS)) {
      await yieldToRequests();
      try {
        respond(brain, session, normalize(item.aliases[0] ?? item.title, this.maxLength).text, this.params);
      } catch {
        // A question that fails here fails for citizens too, and is logged there.
      }
    }
  }

  /** Record an exchange a channel answered itself (an image, a "更多" continuation). */
  note(input: AskInput, reply: Reply): void {
    this.record(this.current, input, storedText(typeof input.text === 'string' ? input.text : ''), reply, null, 0);
  }

  /** The signal a stored question joins (grouped by meaning), or null when the grouping failed. */
  private group(brain: Brain, stored: string, scope: Scope): { key: string; tag: { kind: Scope['kind']; itemId: string | null; label: string } } | null {
    try {
      const a = this.grouper.assign(brain, stored, scope);
      return { key: a.key, tag: { ...scope, label: a.label } };
    } catch (err) {
      this.options.onError?.(err, 'group');
      return null;
    }
  }

  private record(brain: Brain, input: AskInput, stored: string, reply: Reply, signal: string | null, latencyMs: number): void {
    try {
      // An unmet demand joins the signal that asks for the same thing (what the dialog's
      // key says is only that it is one); were grouping to fail, the masked key still counts.
      const grouped = signal === null ? null : this.group(brain, stored, { kind: 'unmet', itemId: null });
      this.options.log.record({
        at: new Date(),
        channel: input.channel,
        userHash: this.options.hashUser(input.channel, String(input.user ?? '')),
        text: stored,
        kind: reply.kind,
        itemId: reply.item?.id ?? null,
        field: reply.field,
        score: reply.score,
        latencyMs,
        signalKey: grouped?.key ?? (signal === null ? null : maskPersonalData(signal)),
        ...(grouped ? { signal: grouped.tag } : {}),
        messageKey: input.messageKey ?? null,
      });
    } catch (err) {
      this.options.onError?.(err, 'record');
    }
  }

  /** A verdict on an answer; an unhelpful one also joins the item's 答非所问 signal. */
  private recordVerdict(brain: Brain, input: { channel: AskInput['channel']; user: string }, helpful: boolean, answer: AnswerMemo): void {
    try {
      const grouped = helpful ? null : this.group(brain, answer.question, { kind: 'unhelpful', itemId: answer.itemId });
      this.options.log.feedback({
        at: new Date(),
        channel: input.channel,
        userHash: this.options.hashUser(input.channel, String(input.user ?? '')),
        ref: answer.ref,
        helpful,
        itemId: answer.itemId,
        field: answer.field,
        question: answer.question,
        signalKey: grouped?.key ?? null,
        ...(grouped ? { signal: grouped.tag } : {}),
      });
    } catch (err) {
      this.options.onError?.(err, 'feedback');
    }
  }

  /**
   * Rebuild from the knowledge and intents folders (by default the configured ones; a
   * published version written out elsewhere when following another instance) and swap
   * the brain only if the new one is valid. Reloads run one at a time.
   */
  reload(source: KnowledgeSource | PublishedSource = { knowledgeDir: this.options.knowledgeDir, intentsDir: this.options.intentsDir }): Promise<ReloadResult> {
    const run = this.reloading.then(async () => {
      const started = performance.now();
      try {
        const { brain, problems, hash, files, builtIn } = await this.build(source);
        if (brain) {
          if (builtIn === 'worker') await this.warm(brain);
          this.current = brain;
          this.servingFrom = null;
          setImmediate(() => void this.prepareSignals()); // the new brain's demand space, before the next signal needs it
        }
        this.lastReload = { ok: !!brain, problems, ms: performance.now() - started, hash, files, builtIn };
      } catch (err) {
        this.options.onError?.(err, 'reload');
        this.lastReload = { ok: false, problems: [{ severity: 'error', file: '(reload)', message: String(err) }], ms: performance.now() - started };
      }
      return this.lastReload;
    });
    this.reloading = run.catch(() => undefined);
    return run;
  }

}
