/**
 * Wiring: configuration → storage → engine. Every entry point (server, CLI, eval) starts
 * the engine through here, so they all answer the same way.
 */
import type { Config } from '../config/config.js';
import { openStorage } from '../storage/open.js';
import type { Storage } from '../storage/types.js';
import { loadOrCreateSecret, userHasher } from '../storage/user-hash.js';
import { Engine } from './engine.js';

export interface Runtime {
  engine: Engine;
  storage: Storage;
  /** Flush the log and close the database. */
  close(): Promise<void>;
}

export async function createRuntime(config: Config, onError?: (err: unknown, context: string) => void): Promise<Runtime> {
  const storage = await openStorage({ dbPath: config.dbPath, onError: (err) => onError?.(err, 'log-write') });
  try {
    const engine = new Engine({
      knowledgeDir: config.KNOWLEDGE_DIR,
      intentsDir: config.INTENTS_DIR,
      log: storage.log,
      hashUser: userHasher(loadOrCreateSecret(config.DATA_DIR, config.USER_HASH_SECRET)),
      sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
      maxMessageLength: config.MAX_MESSAGE_LENGTH,
      onError,
    });
    return { engine, storage, close: () => storage.close() };
  } catch (err) {
    await storage.close();
    throw err;
  }
}
