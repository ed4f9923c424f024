/**
 * The server's context: one object that is both what the channels get (the contract's
 * ChannelContext) and what the admin pages get (AdminContext), built from the running
 * engine, storage, shared state, metrics and logger. Its `ask()` wraps the engine's with
 * the reply metrics.
 */
import type { Logger } from 'pino';
import type { AdminContext } from '../admin/context.js';
import type { Config } from '../config/config.js';
import type { ChannelContext } from '../contract/context.js';
import type { Channel, ReplyKind } from '../contract/reply.js';
import type { Runtime } from '../engine/create.js';
import type { Engine } from '../engine/engine.js';
import type { Suggestion } from '../contract/reply.js';
import { welcomeSuggestions } from '../dialog/suggestions.js';
import { SUGGESTIONS } from '../intents/load.js';
import type { KnowledgeVersionStore } from '../knowledge/versions/store.js';
import type { InteractionLog, Reports } from '../storage/types.js';
import type { Metrics } from './metrics.js';
import { LiveKnowledge } from './reload.js';

export interface ServerContext extends ChannelContext, AdminContext {
  config: Config;
  engine: Engine;
  log: InteractionLog;
  metrics: Metrics;
  logger: Logger;
  /** What this instance serves, local reloads, and following the other instances. */
  live: LiveKnowledge;
}

export function createContext(config: Config, runtime: Runtime, metrics: Metrics, logger: Logger, versions: KnowledgeVersionStore): ServerContext {
  const { engine } = runtime;
  const { log, reports, accounts, audit } = runtime.storage;
  const { replies, continuations, adminSessions, rateLimits } = runtime.shared;
  // Labelled metric children, looked up once per channel and kind instead of on every
  // message (prom-client hashes the labels on each call otherwise).
  const latencies = new Map<string, ReturnType<Metrics['latency']['labels']>>();
  const latency = (channel: Channel) => latencies.get(channel) ?? latencies.set(channel, metrics.latency.labels({ channel })).get(channel)!;
  const counters = new Map<string, ReturnType<Metrics['messages']['labels']>>();
  const counter = (channel: Channel, kind: ReplyKind) =>
    counters.get(`${channel}|${kind}`) ?? counters.set(`${channel}|${kind}`, metrics.messages.labels({ channel, kind })).get(`${channel}|${kind}`)!;
  const ctx: ServerContext = {
    config,
    engine,
    log,
    reports,
    accounts,
    audit,
    adminSessions,
    versions,
    folders: { knowledgeDir: config.KNOWLEDGE_DIR, intentsDir: config.INTENTS_DIR, dataDir: config.DATA_DIR },
    replies,
    continuations,
    rateLimitStore: rateLimits,
    metrics,
    logger,
    async ask(input) {
      const started = performance.now();
      const reply = await engine.ask(input);
      latency(input.channel).observe((performance.now() - started) / 1000);
      counter(input.channel, reply.kind).inc();
      return reply;
    },
    note: (input, reply) => engine.note(input, reply),
    feedback: (input) => engine.feedback(input),
    menuQuestion: (eventKey) => engine.brain.intents.menu.get(eventKey),
    logHealth: () => log.health(),
    weekly: { chromiumPath: config.CHROMIUM_PATH },
    reload: (reason) => ctx.live.reload(reason),
    suggestions: makeSuggestions(engine, reports),
    // Set just below: the live knowledge reports through this very context.
    live: undefined as unknown as LiveKnowledge,
  };
  ctx.live = new LiveKnowledge(ctx, runtime);
  return ctx;
}

/** How far back "most asked" looks, and how long one answer to it is kept. */
export const MOST_ASKED_DAYS = 30;
const SUGGESTIONS_TTL_MS = 10 * 60_000;

/**
 * The welcome's questions, cached: every page load asks, and the most-asked items are a
 * query over the log. A reload (a new brain) or ten minutes make a fresh list.
 */
export function makeSuggestions(engine: Engine, reports: Reports): ChannelContext['suggestions'] {
  let cached: { brain: Engine['brain']; at: number; list: readonly Suggestion[] } | undefined;
  return async () => {
    const brain = engine.brain;
    if (cached && cached.brain === brain && Date.now() - cached.at < SUGGESTIONS_TTL_MS) return cached.list;
    const asked = brain.intents.suggestions.length ? [] : await reports.topItems(new Date(Date.now() - MOST_ASKED_DAYS * 86_400_000), SUGGESTIONS.max);
    cached = { brain, at: Date.now(), list: Object.freeze(welcomeSuggestions(brain, asked.map((r) => r.itemId))) };
    return cached.list;
  };
}
