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
import type { Runtime } from '../engine/create.js';
import type { Engine } from '../engine/engine.js';
import type { Suggestion } from '../contract/reply.js';
import { welcomeSuggestions } from '../dialog/suggestions.js';
import { SUGGESTIONS } from '../intents/load.js';
import type { KnowledgeVersionStore } from '../knowledge/versions/store.js';
import type { InteractionLog, Reports } from '../storage/types.js';
import type { Metrics } from './metrics.js';
import { reloadNow } from './reload.js';

export interface ServerContext extends ChannelContext, AdminContext {
  config: Config;
  engine: Engine;
  log: InteractionLog;
  metrics: Metrics;
  logger: Logger;
}

export function createContext(config: Config, runtime: Runtime, metrics: Metrics, logger: Logger, versions: KnowledgeVersionStore): ServerContext {
  const { engine } = runtime;
  const { log, reports, accounts, audit } = runtime.storage;
  const { replies, continuations, adminSessions } = runtime.shared;
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
    metrics,
    logger,
    async ask(input) {
      const end = metrics.latency.startTimer({ channel: input.channel });
      const reply = await engine.ask(input);
      end();
      metrics.messages.inc({ channel: input.channel, kind: reply.kind });
      return reply;
    },
    note: (input, reply) => engine.note(input, reply),
    feedback: (input) => engine.feedback(input),
    menuQuestion: (eventKey) => engine.brain.intents.menu.get(eventKey),
    logHealth: () => log.health(),
    weekly: { chromiumPath: config.CHROMIUM_PATH },
    reload: async (reason) => reloadNow(ctx, reason),
    suggestions: makeSuggestions(engine, reports),
  };
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
