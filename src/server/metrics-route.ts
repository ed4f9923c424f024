/**
 * Who may read /metrics. The numbers say how busy the bot is, how often it fails and who
 * is probing it: not for the public.
 *
 * - METRICS_TOKEN set: `Authorization: Bearer <METRICS_TOKEN>` is required; wrong tokens
 *   count towards the same per-address limit as the admin token's.
 * - METRICS_PORT set: /metrics is served only on that separate listener (METRICS_HOST,
 *   default 127.0.0.1), not on PORT (start.ts).
 * - Neither: only clients on this host, connecting directly (a loopback socket and no
 *   forwarding header), so a reverse proxy on the same host does not publish it.
 */
import type { Request, RequestHandler } from 'express';
import type { AuthGuard } from '../admin/guard.js';
import { sameSecret } from '../admin/auth.js';
import type { ServerContext } from './context.js';

const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/;

/** A direct connection from this host: no proxy in between that could be relaying someone else. */
export function directFromThisHost(req: Request): boolean {
  const forwarded = req.headers['x-forwarded-for'] ?? req.headers.forwarded ?? req.headers['x-real-ip'];
  return !forwarded && LOOPBACK.test(req.socket.remoteAddress ?? '');
}

export function metricsHandler(ctx: ServerContext, guard: AuthGuard): RequestHandler {
  const token = ctx.config.METRICS_TOKEN;
  return async (req, res) => {
    if (token) {
      const auth = req.headers.authorization ?? '';
      const verdict = guard.attempt(req, 'metrics', () => /^bearer /i.test(auth) && sameSecret(auth.slice(7).trim(), token));
      if (verdict === 'refused') return void guard.refuse(req, res).json({ error: 'too many wrong tokens' });
      if (verdict === 'wrong') return void res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'Authorization: Bearer <METRICS_TOKEN> required' });
    } else if (ctx.config.METRICS_PORT === undefined && !directFromThisHost(req)) {
      return void res.status(403).json({ error: 'metrics are served to this host only; set METRICS_TOKEN or METRICS_PORT' });
    }
    const health = ctx.log.health();
    ctx.metrics.pendingRecords.set(health.pending);
    ctx.metrics.logFailing.set(health.failing ? 1 : 0);
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  };
}
