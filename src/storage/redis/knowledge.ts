/**
 * Knowledge versions in Redis: the live version's hash under one key, each published
 * version's files under another (kept a week), and an announcement on a pub/sub channel
 * whenever an instance publishes. Subscribers re-read the live hash rather than trusting
 * the message, so two instances publishing at once still end on the same version (the
 * last one written).
 */
import type { Redis } from 'ioredis';
import type { KnowledgeAnnouncement, KnowledgeVersions } from '../shared.js';
import { PREFIX } from './keys.js';

const CURRENT = `${PREFIX}kv:current`;
const CHANNEL = `${PREFIX}kv:published`;
const filesKey = (hash: string) => `${PREFIX}kv:files:${hash}`;
const KEEP_SECONDS = 7 * 86_400;

export class RedisKnowledgeVersions implements KnowledgeVersions {
  constructor(
    private readonly redis: Redis,
    private readonly instance: string,
  ) {}

  async publish(hash: string, files: ReadonlyMap<string, string>): Promise<void> {
    const message: KnowledgeAnnouncement = { hash, from: this.instance };
    await this.redis
      .multi()
      .set(filesKey(hash), JSON.stringify([...files]), 'EX', KEEP_SECONDS)
      .set(CURRENT, hash)
      .publish(CHANNEL, JSON.stringify(message))
      .exec();
  }

  async current(): Promise<string | null> {
    return this.redis.get(CURRENT);
  }

  async files(hash: string): Promise<Map<string, string> | null> {
    const stored = await this.redis.get(filesKey(hash));
    return stored ? new Map(JSON.parse(stored) as [string, string][]) : null;
  }

  async subscribe(onPublished: (a: KnowledgeAnnouncement) => void): Promise<() => Promise<void>> {
    // A connection in subscriber mode can do nothing else: a separate one.
    const subscriber = this.redis.duplicate();
    subscriber.on('error', () => {}); // reconnects by itself; the command connection reports errors
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== CHANNEL) return;
      try {
        onPublished(JSON.parse(text) as KnowledgeAnnouncement);
      } catch {
        // Not ours to crash on: a malformed message is ignored.
      }
    });
    await subscriber.subscribe(CHANNEL);
    return async () => {
      await Promise.race([subscriber.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000).unref())]);
      subscriber.disconnect();
    };
  }
}
