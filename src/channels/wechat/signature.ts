/**
 * Official-account signatures: SHA-1 of the sorted strings, as the platform computes them.
 * URL verification and plain messages sign (token, timestamp, nonce); 安全模式 messages
 * sign (token, timestamp, nonce, Encrypt) as msg_signature.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function sign(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A signature older or newer than this is refused (replayed or forged). */
export const MAX_SKEW_SECONDS = 300;

export function freshTimestamp(timestamp: string, now = Date.now()): boolean {
  const t = Number(timestamp);
  return /^\d{1,12}$/.test(timestamp) && Math.abs(now / 1000 - t) <= MAX_SKEW_SECONDS;
}
