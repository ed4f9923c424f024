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
import type { InteractionLog } from '../storage/types.js';
import type { Metrics } from './metrics.js';
import { reloadNow } from './reload.js';

export interface ServerContext extends ChannelContext, AdminContext {
  config: Config;
  engine: Engine;
  log: InteractionLog;
  metrics: Metrics;
  logger: Logger;
}

export function createContext(config: Config, runtime: Runtime, metrics: Metrics, logger: Logger): ServerContext {
  const { engine } = runtime;
  const { log, reports } = runtime.storage;
  const { replies, continuations } = runtime.shared;
  const ctx: ServerContext = {
    config,
    engine,
    log,
    reports,
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
    menuQuestion: (eventKey) => engine.brain.intents.menu.get(eventKey),
    logHealth: () => log.health(),
    reload: async (reason) => reloadNow(ctx, reason),
  };
  return ctx;
}
