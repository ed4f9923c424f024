/**
 * Redis keys: every key that would carry a raw channel id (an openid, a MsgId, a client
 * address, an admin's cookie) is a keyed hash of it instead (HMAC-SHA256 with the
 * user-hash secret every instance shares), so nothing in Redis identifies a citizen and
 * every instance computes the same key.
 */
import { createHmac } from 'node:crypto';

export const PREFIX = 'wz:';

export type KeyOf = (kind: string, raw: string) => string;

export function keyHasher(secret: string): KeyOf {
  return (kind, raw) => `${PREFIX}${kind}:${createHmac('sha256', secret).update(`${kind}\0${raw}`).digest('base64url').slice(0, 32)}`;
}
