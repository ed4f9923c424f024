/**
 * The last good knowledge (issue 13, finding 6).
 *
 * A change to the folders that does not build is rejected while the server runs (the old
 * brain keeps serving), but after a restart there would be no brain at all. So every
 * version that goes live from the folders — at start, at each reload — is saved in the
 * knowledge version store (src/knowledge/versions: the same store the staff console's
 * history and the weekly report read), and when the folders have errors at start the
 * engine starts from a copy of the last good version, written under DATA_DIR — loudly: the
 * server logs it, /readyz and the dashboard say so, and the next good change to the folders
 * is picked up by the usual reload.
 */
import { join } from 'node:path';
import type { KnowledgeProblem } from '../knowledge/types.js';
import { readSnapshot, snapshotHash, writeSnapshot } from '../knowledge/versions/snapshot.js';
import type { KnowledgeVersion, KnowledgeVersionStore, Snapshot } from '../knowledge/versions/store.js';
import type { KnowledgeSource } from './engine.js';

export interface Fallback {
  /** The version started from. */
  version: KnowledgeVersion;
  /** What is wrong in the folders. */
  problems: KnowledgeProblem[];
}

export class LastGoodKnowledge {
  constructor(
    /** The one store of knowledge versions. */
    readonly store: KnowledgeVersionStore,
    /** Where a copy of the last good version is written when it has to be started from. */
    private readonly copyDir: string,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** The last good version written out as folders to build from, its hash and label; null if there is none. */
  async copy(): Promise<{ source: KnowledgeSource; hash: string; version: KnowledgeVersion; label: string } | null> {
    try {
      const version = await this.store.lastGood();
      const got = version && (await this.store.get(version.id));
      if (!version || !got) return null;
      const source = writeSnapshot(got.snapshot, join(this.copyDir, version.id));
      const label = `${version.id}（${version.at.toISOString().replace('T', ' ').slice(0, 16)}，${version.reason}）`;
      return { source, hash: snapshotHash(got.snapshot), version, label };
    } catch (err) {
      this.onError(err);
      return null;
    }
  }

  /**
   * Save what went live as a version (files as they were built). Never throws: a version
   * store that cannot write must not stop a start or a reload.
   */
  async save(files: Snapshot, reason: string, author = 'server'): Promise<KnowledgeVersion | null> {
    try {
      return await this.store.save(files, { author, reason, ok: true });
    } catch (err) {
      this.onError(err);
      return null;
    }
  }

  /** The folders as they are now. */
  static read(source: KnowledgeSource): Snapshot {
    return readSnapshot(source.knowledgeDir, source.intentsDir);
  }
}
