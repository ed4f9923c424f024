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
import { respond, DEFAULT_DIALOG, type DialogParams } from '../dialog/dialog.js';
import { freshSession, type SessionStore } from '../dialog/session.js';
import { rank } from '../search/rank.js';
import type { KnowledgeProblem } from '../knowledge/types.js';
import { MemorySessionStore } from '../storage/memory/sessions.js';
import type { InteractionLog } from '../storage/types.js';
import type { UserHasher } from '../storage/user-hash.js';
import { maskPersonalData } from '../text/mask.js';
import { normalize, DEFAULT_MAX_LENGTH } from '../text/normalize.js';
import { buildBrain, type Brain } from './brain.js';
import type { AskInput, Reply } from '../contract/reply.js';

export interface EngineOptions {
  knowledgeDir: string;
  intentsDir: string;
  log: InteractionLog;
  hashUser: UserHasher;
  /** Where sessions live; in memory (idle expiry, bounded) unless given. */
  sessions?: SessionStore;
  /** For the in-memory default: idle minutes and the most sessions kept. */
  sessionIdleMinutes?: number;
  maxSessions?: number;
  maxMessageLength?: number;
  params?: DialogParams;
  /** Told about anything unexpected (the logger). */
  onError?: (err: unknown, context: string) => void;
}

export interface AskResult extends Reply {}

/** Stored text is capped: a megabyte paste is kept as its first part. */
const STORED_TEXT_MAX = 2000;

export class KnowledgeError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`知识库有 ${errors.length} 个错误：\n${errors.map(formatProblem).join('\n')}`);
  }
}

export function formatProblem(p: KnowledgeProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}  ${p.severity === 'error' ? '错误' : '警告'}：${p.message}`;
}

export interface ReloadResult {
  ok: boolean;
  problems: KnowledgeProblem[];
  ms: number;
}

export class Engine {
  private current: Brain;
  readonly sessions: SessionStore;
  private readonly maxLength: number;
  params: DialogParams;
  lastReload: ReloadResult;

  constructor(private readonly options: EngineOptions) {
    const { brain, problems } = buildBrain(options.knowledgeDir, options.intentsDir);
    if (!brain) throw new KnowledgeError(problems);
    this.current = brain;
    this.lastReload = { ok: true, problems, ms: brain.buildMs };
    this.sessions = options.sessions ?? new MemorySessionStore({ idleMinutes: options.sessionIdleMinutes ?? 30, maxSessions: options.maxSessions ?? 100_000 });
    this.maxLength = options.maxMessageLength ?? DEFAULT_MAX_LENGTH;
    this.params = options.params ?? DEFAULT_DIALOG;
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
    let reply: Reply;
    let signal: string | null = null;
    try {
      const { text, truncated } = normalize(raw, this.maxLength);
      const outcome = await this.sessions.update(`${input.channel}:${input.user}`, (session) => respond(brain, session, text, params));
      reply = outcome.reply;
      signal = outcome.signalKey;
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
    this.record(input, raw, reply, signal, performance.now() - started);
    return reply;
  }

  /**
   * How the bot would answer a text now, without a session or a log entry: for admins
   * checking a demand signal, with the nearest items and their scores (why it did or did
   * not answer).
   */
  preview(text: string): { reply: Reply; nearest: { id: string; title: string; score: number }[] } {
    const brain = this.current;
    const normalized = normalize(text, this.maxLength).text;
    const { reply } = respond(brain, freshSession(Date.now()), normalized, this.params);
    const nearest = rank(brain.analyzer.analyze(normalized), brain.index, this.params.rank)
      .slice(0, 5)
      .map((r) => ({ id: r.id, title: brain.items.get(r.id)?.title ?? r.id, score: Math.round(r.score * 1000) / 1000 }));
    return { reply, nearest };
  }

  /** Record an exchange a channel answered itself (an image, a "更多" continuation). */
  note(input: AskInput, reply: Reply): void {
    this.record(input, typeof input.text === 'string' ? input.text : '', reply, null, 0);
  }

  private record(input: AskInput, raw: string, reply: Reply, signal: string | null, latencyMs: number): void {
    try {
      this.options.log.record({
        at: new Date(),
        channel: input.channel,
        userHash: this.options.hashUser(input.channel, String(input.user ?? '')),
        text: maskPersonalData(raw.slice(0, STORED_TEXT_MAX * 2).normalize('NFKC')).slice(0, STORED_TEXT_MAX),
        kind: reply.kind,
        itemId: reply.item?.id ?? null,
        field: reply.field,
        score: reply.score,
        latencyMs,
        signalKey: signal ? maskPersonalData(signal) : null,
        messageKey: input.messageKey ?? null,
      });
    } catch (err) {
      this.options.onError?.(err, 'record');
    }
  }

  /** Rebuild from disk; keep the current brain unless the new one is valid. */
  reload(): ReloadResult {
    const started = performance.now();
    try {
      const { brain, problems } = buildBrain(this.options.knowledgeDir, this.options.intentsDir);
      if (brain) this.current = brain;
      this.lastReload = { ok: !!brain, problems, ms: performance.now() - started };
    } catch (err) {
      this.options.onError?.(err, 'reload');
      this.lastReload = { ok: false, problems: [{ severity: 'error', file: '(reload)', message: String(err) }], ms: performance.now() - started };
    }
    return this.lastReload;
  }
}
