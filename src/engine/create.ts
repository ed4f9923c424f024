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
import { Engine, KnowledgeError, type EngineOptions, type KnowledgeSource } from './engine.js';
import { LastGoodKnowledge, type Fallback } from './last-good.js';
import { FileVersionStore, VERSIONS_FOLDER } from '../knowledge/versions/files.js';
import { startSignals } from './signals.js';
import { MASK_RULES, maskPersonalData } from '../text/mask.js';

export interface Runtime {
  engine: Engine;
  storage: Storage;
  shared: SharedState;
  /** What the engine was built from, the content hash of it, and whether it is the published version. */
  knowledge: KnowledgeSource & { hash: string; published: boolean };
  /** The one store of knowledge versions, and the last good one to start from (issue 13, finding 6). */
  lastGood: LastGoodKnowledge;
  /** Set when the folders had errors and the engine started from the last good version. */
  fallback: Fallback | null;
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
    let knowledge = await startingKnowledge(config, shared);
    const lastGood = new LastGoodKnowledge(new FileVersionStore(join(config.DATA_DIR, VERSIONS_FOLDER)), join(config.DATA_DIR, 'knowledge-last-good'), (err) =>
      onError?.(err, 'knowledge-versions'),
    );
    const make = (startFrom: KnowledgeSource, fromLastGood?: EngineOptions['lastGood']) =>
      new Engine({
        knowledgeDir: config.KNOWLEDGE_DIR,
        intentsDir: config.INTENTS_DIR,
        startFrom,
        lastGood: fromLastGood,
        log: storage.log,
        sessions: shared!.sessions,
        hashUser: userHasher(secret),
        maxMessageLength: config.MAX_MESSAGE_LENGTH,
        onError,
      });
    let engine: Engine;
    let fallback: Fallback | null = null;
    try {
      engine = make(knowledge);
    } catch (err) {
      // The folders have errors: start from the last good version, if one was ever saved
      // (and builds); else the folders' errors stop the start, as they always did.
      const copy = err instanceof KnowledgeError && !knowledge.published ? await lastGood.copy() : null;
      if (!copy) throw err;
      try {
        engine = make(copy.source, { problems: (err as KnowledgeError).problems, label: copy.label });
      } catch {
        throw err;
      }
      fallback = { version: copy.version, problems: (err as KnowledgeError).problems };
      knowledge = { ...copy.source, hash: copy.hash, published: false };
    }
    if (!fallback && !knowledge.published) {
      // What went live from the folders is kept (the last good one to start from next time),
      // unless they changed while the brain was built (the reload that follows saves that).
      const files = LastGoodKnowledge.read(knowledge);
      if (snapshotHash(files) === knowledge.hash) await lastGood.save(files, 'start');
    }
    // Stored texts masked again, once, when the masking rules changed: before the demand
    // grouper reads the signals' examples.
    const remasked = await storage.reports.remask(maskPersonalData, MASK_RULES);
    await startSignals(engine, storage.reports);
    void engine.prepareSignals(); // in slices, while the server starts serving
    return { engine, storage, shared, knowledge, lastGood, fallback, remasked, close };
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
