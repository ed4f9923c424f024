/**
 * What every channel adapter gets: one `ask()` (engine + metrics), the logger, the config.
 * Adapters translate their transport to `ask()` and back, nothing more.
 */
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { Engine } from '../engine/engine.js';
import type { AskInput, Reply } from '../engine/reply.js';
import type { SqliteLog } from '../storage/sqlite.js';
import type { Metrics } from './metrics.js';

export interface AppContext {
  config: Config;
  engine: Engine;
  log: SqliteLog;
  metrics: Metrics;
  logger: Logger;
  ask(input: AskInput & { messageKey?: string }): Reply;
}

export function makeAsk(engine: Engine, metrics: Metrics): AppContext['ask'] {
  return (input) => {
    const end = metrics.latency.startTimer({ channel: input.channel });
    const reply = engine.ask(input);
    end();
    metrics.messages.inc({ channel: input.channel, kind: reply.kind });
    return reply;
  };
}
