/**
 * User ids are stored only as a keyed hash (HMAC-SHA256): the same citizen groups
 * together in reports, but a leaked database does not reveal WeChat ids. The secret comes
 * from USER_HASH_SECRET, or is generated on first start and kept in DATA_DIR.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE, tightenIfExists } from '../config/private-files.js';

export type UserHasher = (channel: string, user: string) => string;

export function loadOrCreateSecret(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const path = join(dataDir, 'user-hash.secret');
  if (existsSync(path)) {
    tightenIfExists(path);
    return readFileSync(path, 'utf8').trim();
  }
  ensurePrivateDir(dataDir);
  const secret = randomBytes(32).toString('hex');
  writeFileSync(path, secret + '\n', { mode: PRIVATE_FILE });
  return secret;
}

export function userHasher(secret: string): UserHasher {
  return (channel, user) => createHmac('sha256', secret).update(`${channel}\0${user}`).digest('hex').slice(0, 32);
}
