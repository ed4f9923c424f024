/**
 * Token guessing: wrong admin (or metrics) tokens are limited per client address, across
 * every place a token is compared — the login form, `Authorization: Bearer` on the JSON
 * and CSV endpoints, and /metrics when METRICS_TOKEN is set. After `limit` wrong tokens in
 * `windowMs`, that address gets 429 wherever it tries, even with the right token, until
 * the window ends. Other addresses are not affected: a guesser never locks the real admin
 * out. Each wrong token is counted in metrics; log lines are throttled.
 *
 * Only failures count, and the check and the count happen in the same synchronous step
 * as the comparison (`attempt`), so requests in flight cannot slip past the limit and a
 * script's parallel correct requests are never refused. A password is checked against
 * its slow hash (`attemptAsync`): a failure is reserved before the hash is compared and
 * given back when it matches, so parallel guesses cannot slip past the limit either.
 *
 * (From the privacy branch's guard, issue 13, not yet on main when accounts were added:
 * the same class, with `attemptAsync` for passwords; 5 failures per 15 minutes is issue
 * 16's limit for every admin route.) That is why this is a small
 * counter of our own and not express-rate-limit, which counts every request up front
 * (its stores are asynchronous); its `ipKeyGenerator` still groups IPv6 addresses by /56.
 */
import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { Throttle } from '../contract/throttle.js';

export type TokenUse = 'login' | 'bearer' | 'metrics';

export interface AuthGuardOptions {
  /** Wrong tokens allowed per address and window (default 10 per 15 minutes). */
  limit?: number;
  windowMs?: number;
  /** A wrong token (for metrics). */
  onFailure?: (via: TokenUse) => void;
  /** A request refused because its address used up its tries (for metrics). */
  onRefused?: (via: TokenUse) => void;
  logger?: { warn(fields: object, message?: string): void };
}

export class AuthGuard {
  readonly limit: number;
  readonly windowMs: number;
  private readonly failures = new Map<string, { count: number; until: number }>();
  private readonly throttle = new Throttle();

  constructor(private readonly options: AuthGuardOptions = {}) {
    this.limit = options.limit ?? 10;
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  /**
   * Compare a presented token. Returns 'ok', 'wrong' (counted), or 'refused' (this address
   * has no tries left: the token was not even compared). Synchronous on purpose.
   */
  attempt(req: Request, via: TokenUse, correct: () => boolean, now = Date.now()): 'ok' | 'wrong' | 'refused' {
    const key = this.key(req);
    const entry = this.failures.get(key);
    if (entry && entry.until <= now) this.failures.delete(key);
    const current = this.failures.get(key);
    if (current && current.count >= this.limit) {
      this.options.onRefused?.(via);
      this.report(req, via, 'refused', current.count);
      return 'refused';
    }
    if (correct()) return 'ok';
    const next = current ?? { count: 0, until: now + this.windowMs };
    next.count++;
    if (next.count >= this.limit) next.until = now + this.windowMs; // the wait is a whole window from the last failure
    this.failures.delete(key); // re-inserted last: the map stays oldest first
    this.failures.set(key, next);
    this.prune(now);
    this.options.onFailure?.(via);
    this.report(req, via, 'wrong', next.count);
    return 'wrong';
  }

  /**
   * The same for a comparison that takes time (a password hash): the failure is counted
   * before `correct` runs and taken back if it matches.
   */
  async attemptAsync(req: Request, via: TokenUse, correct: () => Promise<boolean>, now = Date.now()): Promise<'ok' | 'wrong' | 'refused'> {
    const key = this.key(req);
    const entry = this.failures.get(key);
    if (entry && entry.until <= now) this.failures.delete(key);
    const current = this.failures.get(key);
    if (current && current.count >= this.limit) {
      this.options.onRefused?.(via);
      this.report(req, via, 'refused', current.count);
      return 'refused';
    }
    const reserved = current ?? { count: 0, until: now + this.windowMs };
    reserved.count++;
    this.failures.delete(key);
    this.failures.set(key, reserved);
    this.prune(now);
    let ok = false;
    try {
      ok = await correct();
    } finally {
      if (ok) reserved.count--;
    }
    if (ok) return 'ok';
    if (reserved.count >= this.limit) reserved.until = now + this.windowMs;
    this.options.onFailure?.(via);
    this.report(req, via, 'wrong', reserved.count);
    return 'wrong';
  }

  /** Seconds until an address may try again (for Retry-After). */
  retryAfter(req: Request, now = Date.now()): number {
    const entry = this.failures.get(this.key(req));
    return entry ? Math.max(1, Math.ceil((entry.until - now) / 1000)) : 0;
  }

  /** 429 with Retry-After. */
  refuse(req: Request, res: Response): Response {
    return res.status(429).set('Retry-After', String(this.retryAfter(req)));
  }

  private key(req: Request): string {
    return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? '');
  }

  private report(req: Request, via: TokenUse, what: 'wrong' | 'refused', count: number): void {
    const held = this.throttle.hit(`${what}:${this.key(req)}`);
    if (held === null) return;
    const fields = { ip: req.ip, via, failures: count, heldBack: held };
    if (what === 'wrong') this.options.logger?.warn(fields, 'wrong admin token');
    else this.options.logger?.warn({ ...fields, limit: this.limit }, 'too many wrong admin tokens from this address: refused until the window ends');
  }

  /** Forget addresses whose window has ended, and never keep more than 50,000. */
  private prune(now: number): void {
    for (const [key, entry] of this.failures) {
      if (this.failures.size <= 50_000 && entry.until > now) break;
      this.failures.delete(key);
    }
  }
}
