/**
 * Wiring: configuration → interaction log → engine. Every entry point (server, CLI,
 * eval) starts the engine through here, so they all answer the same way.
 */
import type { Config } from '../config/config.js';
import { SqliteLog } from '../storage/sqlite.js';
import { loadOrCreateSecret, userHasher } from '../storage/user-hash.js';
import { Engine } from './engine.js';

export interface Runtime {
  engine: Engine;
  log: SqliteLog;
  close(): void;
}

export function createRuntime(config: Config, onError?: (err: unknown, context: string) => void): Runtime {
  const log = SqliteLog.open(config.dbPath, { onError: (err) => onError?.(err, 'log-write') });
  try {
    const engine = new Engine({
      knowledgeDir: config.KNOWLEDGE_DIR,
      intentsDir: config.INTENTS_DIR,
      log,
      hashUser: userHasher(loadOrCreateSecret(config.DATA_DIR, config.USER_HASH_SECRET)),
      sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
      maxMessageLength: config.MAX_MESSAGE_LENGTH,
      onError,
    });
    return { engine, log, close: () => log.close() };
  } catch (err) {
    log.close();
    throw err;
  }
}
