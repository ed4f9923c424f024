/**
 * Knowledge versions: the ONE store of the versions of the knowledge and intents folders
 * that went live. Three readers share it:
 *
 * - start-up: when the folder has errors, the server starts from the last good version
 *   (with a loud warning) instead of not starting at all;
 * - the staff console: the history of an item's file, and rollback (get an old version);
 * - the weekly report: what changed since last week (`changesBetween`, snapshot.ts).
 *
 * The interface (every method asynchronous, so a shared database can implement it; the
 * implementation today is files under DATA_DIR, files.ts; a PostgreSQL one can be added
 * beside it for several instances):
 *
 *   save(snapshot, meta)   record a version: the folders' files, who, when, why, and
 *                          whether it built (`ok`). Saving the same content as the newest
 *                          version records nothing and returns that version.
 *   list({ since, limit }) versions, newest first, without their files.
 *   get(id)                one version with its files, or null.
 *   history(path)          the versions in which one file was added, changed or removed,
 *                          newest first ("knowledge/items/idcard-lost.md").
 *   lastGood()             the newest version that built, or null.
 *
 * A snapshot holds text files by path relative to the parent of both folders, so every
 * path starts with "knowledge/" or "intents/".
 */

export type Snapshot = ReadonlyMap<string, string>;

export type FileChangeKind = 'added' | 'changed' | 'removed';

export interface FileChange {
  path: string;
  change: FileChangeKind;
}

export interface VersionMeta {
  /** Who made it: a staff account, or "server" for what the server found in the folder. */
  author: string;
  /** Why: "start", "reload: knowledge/items/x.md changed", "rollback to v12", an editor's note … */
  reason: string;
  /** Whether it built (validated): only such versions are served. */
  ok: boolean;
  at?: Date;
}

export interface KnowledgeVersion {
  id: string;
  at: Date;
  author: string;
  reason: string;
  ok: boolean;
  /** SHA-256 of the whole snapshot: equal content, equal hash. */
  hash: string;
  /** Number of files. */
  files: number;
  /** What changed from the version saved before it (all files "added" for the first). */
  changes: FileChange[];
}

export interface KnowledgeVersionStore {
  save(snapshot: Snapshot, meta: VersionMeta): Promise<KnowledgeVersion>;
  list(opts?: { since?: Date; limit?: number }): Promise<KnowledgeVersion[]>;
  get(id: string): Promise<{ version: KnowledgeVersion; snapshot: Snapshot } | null>;
  history(path: string): Promise<{ version: KnowledgeVersion; change: FileChangeKind }[]>;
  lastGood(): Promise<KnowledgeVersion | null>;
}
