/**
 * Knowledge versions for one process: the version published last, told to this process's
 * own subscribers (there is no other instance to reach).
 */
import type { KnowledgeAnnouncement, KnowledgeVersions } from '../shared.js';

export class MemoryKnowledgeVersions implements KnowledgeVersions {
  private live: { hash: string; files: Map<string, string> } | null = null;
  private readonly listeners = new Set<(a: KnowledgeAnnouncement) => void>();

  constructor(private readonly instance: string) {}

  async publish(hash: string, files: ReadonlyMap<string, string>): Promise<void> {
    this.live = { hash, files: new Map(files) };
    for (const l of this.listeners) l({ hash, from: this.instance });
  }

  async current(): Promise<string | null> {
    return this.live?.hash ?? null;
  }

  async files(hash: string): Promise<Map<string, string> | null> {
    return this.live?.hash === hash ? new Map(this.live.files) : null;
  }

  async subscribe(onPublished: (a: KnowledgeAnnouncement) => void): Promise<() => Promise<void>> {
    this.listeners.add(onPublished);
    return async () => void this.listeners.delete(onPublished);
  }
}

/** One process holds every lease. */
export function memoryLease(): { acquire(): Promise<boolean>; held(): boolean; onLost(h: () => void): void; release(): Promise<void> } {
  let held = false;
  return {
    acquire: async () => (held = true),
    held: () => held,
    onLost: () => {},
    release: async () => void (held = false),
  };
}
