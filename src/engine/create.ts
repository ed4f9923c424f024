/**
 * Wiring: configuration → storage and shared state → engine. Every entry point (server,
 * CLI, eval) starts the engine through here, so they all answer the same way.
 *
 * With several instances (REDIS_URL), the user-hash secret must be the same everywhere:
 * USER_HASH_SECRET, else the one kept in the shared database (DATABASE_URL), else (one
 * instance) the file under DATA_DIR. An instance starting beside others serves the
 * knowledge version they serve (the one last published), not its own folder's.
 */
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { readSnapshot, snapshotHash, writeSnapshot } from '../knowledge/versions/snapshot.js';
import { newSecret, openSharedState, openStorage, type LogOptions } from '../storage/open.js';
import type { SharedState } from '../storage/shared.js';
import type { Storage } from '../storage/types.js';
import { loadOrCreateSecret, userHasher } from '../storage/user-hash.js';
import { Engine, type KnowledgeSource } from './engine.js';
import { startSignals } from './signals.js';
import { MASK_RULES, maskPersonalData } from '../text/mask.js';

export interface Runtime {
  engine: Engine;
  storage: Storage;
  shared: SharedState;
  /** What the engine was built from, the content hash of it, and whether it is the published version. */
  knowledge: KnowledgeSource & { hash: string; published: boolean };
  /** Stored texts masked again at this start because the masking rules changed (0 mostly). */
  remasked: number;
  /** Flush the log, close the database and let go of shared state. */
  close(): Promise<void>;
}

/** Where published versions are written out to be built from (DATA_DIR/knowledge-live/<hash>). */
export const liveDir = (config: Pick<Config, 'DATA_DIR'>, hash: string) => join(config.DATA_DIR, 'knowledge-live', hash.slice(0, 16));

/**
 * `opts.now`: the clock of shared state (tests); `opts.log`: how the interaction log reports a
 * failing database (the server logs and counts it) and how much it keeps meanwhile.
 */
export async function createRuntime(config: Config, onError?: (err: unknown, context: string) => void, opts: { now?: () => number; log?: LogOptions } = {}): Promise<Runtime> {
  const storage = await openStorage({ ...opts.log, dbPath: config.dbPath, databaseUrl: config.DATABASE_URL, onError: (err) => onError?.(err, 'log-write') });
  let shared: SharedState | undefined;
  const close = async () => {
    await storage.close();
    await shared?.close();
  };
  try {
    const secret =
      config.USER_HASH_SECRET ?? (storage.sharedSetting ? await storage.sharedSetting('user_hash_secret', newSecret) : loadOrCreateSecret(config.DATA_DIR));
    shared = await openSharedState({ redisUrl: config.REDIS_URL, secret, sessionIdleMinutes: config.SESSION_IDLE_MINUTES, now: opts.now, onError: (err) => onError?.(err, 'shared-state') });
    const knowledge = await startingKnowledge(config, shared);
    const engine = new Engine({
      knowledgeDir: config.KNOWLEDGE_DIR,
      intentsDir: config.INTENTS_DIR,
      startFrom: knowledge,
      log: storage.log,
      sessions: shared.sessions,
      hashUser: userHasher(secret),
      maxMessageLength: config.MAX_MESSAGE_LENGTH,
      onError,
    });
    // Stored texts masked again, once, when the masking rules changed: before the demand
    // grouper reads the signals' examples.
    const remasked = await storage.reports.remask(maskPersonalData, MASK_RULES);
    await startSignals(engine, storage.reports);
    engine.prepareSignals();
    return { engine, storage, shared, knowledge, remasked, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The local folders, unless other instances already serve a published version that differs. */
async function startingKnowledge(config: Config, shared: SharedState): Promise<Runtime['knowledge']> {
  const local = { knowledgeDir: config.KNOWLEDGE_DIR, intentsDir: config.INTENTS_DIR };
  const hash = snapshotHash(readSnapshot(local.knowledgeDir, local.intentsDir));
  const current = await shared.knowledge.current();
  if (!current || current === hash) return { ...local, hash, published: current === hash };
  const files = await shared.knowledge.files(current);
  if (!files) return { ...local, hash, published: false };
  return { ...writeSnapshot(files, liveDir(config, current)), hash: current, published: true };
}
