/**
 * The knowledge version store on files, under DATA_DIR/knowledge-versions (one server;
 * several instances need a shared implementation of the same interface, store.ts):
 *
 *   blobs/<sha256>        each distinct file content once (versions share unchanged files)
 *   versions/<id>.json    a version's metadata and its changes (what list() reads)
 *   manifests/<id>.json   the version's files: path → blob
 *
 * Ids are v000001, v000002 … in the order saved. Every file is written beside its place
 * and renamed into it, so a crash never leaves half a version; the folder is 700, the
 * files 600 (they hold the bureau's unpublished drafts as much as its answers).
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE } from '../../config/private-files.js';
import { contentHash, diffSnapshots, snapshotHash } from './snapshot.js';
import type { FileChangeKind, KnowledgeVersion, KnowledgeVersionStore, Snapshot, VersionMeta } from './store.js';

type StoredVersion = Omit<KnowledgeVersion, 'at'> & { at: string };

const revive = (v: StoredVersion): KnowledgeVersion => ({ ...v, at: new Date(v.at) });

/** The store's folder under DATA_DIR (the server and `npm run report -- --weekly` open the same). */
export const VERSIONS_FOLDER = 'knowledge-versions';

export class FileVersionStore implements KnowledgeVersionStore {
  private readonly blobs: string;
  private readonly versions: string;
  private readonly manifests: string;
  /** Saves run one after another (ids are sequential, and "same as the newest" must see the newest). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {
    this.blobs = join(dir, 'blobs');
    this.versions = join(dir, 'versions');
    this.manifests = join(dir, 'manifests');
    for (const d of [dir, this.blobs, this.versions, this.manifests]) ensurePrivateDir(d);
  }

  save(snapshot: Snapshot, meta: VersionMeta): Promise<KnowledgeVersion> {
    const run = this.queue.then(() => this.saveNow(snapshot, meta));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async saveNow(snapshot: Snapshot, meta: VersionMeta): Promise<KnowledgeVersion> {
    const hash = snapshotHash(snapshot);
    const ids = this.ids();
    const newestId = ids[ids.length - 1];
    const newest = newestId ? this.readVersion(newestId) : null;
    if (newest && newest.hash === hash && newest.ok === meta.ok) return newest;
    const previous = newestId ? this.readManifest(newestId) : new Map<string, string>();
    const manifest: Record<string, string> = {};
    for (const [path, text] of snapshot) {
      const blob = contentHash(text);
      manifest[path] = blob;
      const file = join(this.blobs, blob);
      if (!existsSync(file)) this.writeAtomically(file, text);
    }
    const before = new Map([...previous].map(([path, blob]) => [path, blob]));
    const after = new Map(Object.entries(manifest));
    const id = `v${String(ids.length ? Number(newestId?.slice(1)) + 1 : 1).padStart(6, '0')}`;
    const version: KnowledgeVersion = {
      id,
      at: meta.at ?? new Date(),
      author: meta.author,
      reason: meta.reason,
      ok: meta.ok,
      hash,
      files: snapshot.size,
      changes: diffSnapshots(before, after),
    };
    this.writeAtomically(join(this.manifests, `${id}.json`), JSON.stringify(manifest));
    this.writeAtomically(join(this.versions, `${id}.json`), JSON.stringify(version));
    return version;
  }

  async list(opts: { since?: Date; limit?: number } = {}): Promise<KnowledgeVersion[]> {
    const out: KnowledgeVersion[] = [];
    for (const id of this.ids().reverse()) {
      const v = this.readVersion(id);
      if (!v) continue;
      if (opts.since && v.at < opts.since) break;
      out.push(v);
      if (opts.limit && out.length >= opts.limit) break;
    }
    return out;
  }

  async get(id: string): Promise<{ version: KnowledgeVersion; snapshot: Snapshot } | null> {
    if (!/^v\d{6,}$/.test(id)) return null;
    const version = this.readVersion(id);
    if (!version) return null;
    const snapshot = new Map<string, string>();
    for (const [path, blob] of this.readManifest(id)) snapshot.set(path, readFileSync(join(this.blobs, blob), 'utf8'));
    return { version, snapshot };
  }

  async history(path: string): Promise<{ version: KnowledgeVersion; change: FileChangeKind }[]> {
    const out: { version: KnowledgeVersion; change: FileChangeKind }[] = [];
    for (const version of await this.list()) {
      const change = version.changes.find((c) => c.path === path);
      if (change) out.push({ version, change: change.change });
    }
    return out;
  }

  async lastGood(): Promise<KnowledgeVersion | null> {
    for (const id of this.ids().reverse()) {
      const v = this.readVersion(id);
      if (v?.ok) return v;
    }
    return null;
  }

  /** Version ids, oldest first (only those whose metadata was written: the last step of a save). */
  private ids(): string[] {
    return readdirSync(this.versions)
      .filter((f) => /^v\d{6,}\.json$/.test(f))
      .map((f) => f.slice(0, -5))
      .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  }

  private readVersion(id: string): KnowledgeVersion | null {
    try {
      return revive(JSON.parse(readFileSync(join(this.versions, `${id}.json`), 'utf8')) as StoredVersion);
    } catch {
      return null;
    }
  }

  private readManifest(id: string): Map<string, string> {
    try {
      return new Map(Object.entries(JSON.parse(readFileSync(join(this.manifests, `${id}.json`), 'utf8')) as Record<string, string>));
    } catch {
      return new Map();
    }
  }

  private writeAtomically(file: string, text: string): void {
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, text, { mode: PRIVATE_FILE });
    renameSync(tmp, file);
  }
}
