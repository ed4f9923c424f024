/**
 * Wiring: configuration → storage and shared state → engine. Every entry point (server,
 * CLI, eval) starts the engine through here, so they all answer the same way.
 */
import type { Config } from '../config/config.js';
import { openSharedState, openStorage } from '../storage/open.js';
import type { SharedState } from '../storage/shared.js';
import type { Storage } from '../storage/types.js';
import { loadOrCreateSecret, userHasher } from '../storage/user-hash.js';
import { Engine } from './engine.js';
import { startSignals } from './signals.js';

export interface Runtime {
  engine: Engine;
  storage: Storage;
  shared: SharedState;
  /** Flush the log, close the database and let go of shared state. */
  close(): Promise<void>;
}

export async function createRuntime(config: Config, onError?: (err: unknown, context: string) => void, opts: { now?: () => number } = {}): Promise<Runtime> {
  const storage = await openStorage({ dbPath: config.dbPath, onError: (err) => onError?.(err, 'log-write') });
  const shared = await openSharedState({ sessionIdleMinutes: config.SESSION_IDLE_MINUTES, now: opts.now });
  const close = async () => {
    await storage.close();
    await shared.close();
  };
  try {
    const engine = new Engine({
      knowledgeDir: config.KNOWLEDGE_DIR,
      intentsDir: config.INTENTS_DIR,
      log: storage.log,
      sessions: shared.sessions,
      hashUser: userHasher(loadOrCreateSecret(config.DATA_DIR, config.USER_HASH_SECRET)),
      maxMessageLength: config.MAX_MESSAGE_LENGTH,
      onError,
    });
    await startSignals(engine, storage.reports);
    engine.prepareSignals();
    return { engine, storage, shared, close };
  } catch (err) {
    await close();
    throw err;
  }
}
