/**
 * The Express 5 application: health, metrics, the HTTP API, the web chat, and the
 * channels that are configured. Errors answer JSON with a message, never a stack trace.
 */
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import type { DraftPreviewer } from '../admin/editor/previewer.js';
import { AuthGuard } from '../admin/guard.js';
import { LOGIN_FAILURES, LOGIN_WAIT_MS, adminRouter } from '../admin/router.js';
import { apiRouter } from '../channels/http/api.js';
import { isEmbeddablePage, webChatRouter } from '../channels/web/router.js';
import { wechatRouter } from '../channels/wechat/router.js';
import { formatProblem } from '../engine/engine.js';
import type { ServerContext } from './context.js';
import { metricsHandler } from './metrics-route.js';

/**
 * Wrong admin passwords, admin tokens and metrics tokens, per client address: one guard for
 * all of them (issue 16's limit), counted in metrics.
 */
export function authGuard(ctx: ServerContext): AuthGuard {
  return new AuthGuard({
    limit: LOGIN_FAILURES,
    windowMs: LOGIN_WAIT_MS,
    onFailure: (via) => ctx.metrics.authFailures.inc({ via }),
    onRefused: (via) => ctx.metrics.authRefused.inc({ via }),
    logger: ctx.logger,
  });
}

export function createApp(ctx: ServerContext, previewer: DraftPreviewer, guard = authGuard(ctx)): Express {
  const app = express();
  app.disable('x-powered-by');
  // Replies are answers to POSTs and admin pages are live: an ETag (a hash of every body)
  // would cost CPU on each request and never be revalidated. Static files keep theirs.
  app.set('etag', false);
  // Whose X-Forwarded-For to believe: nobody's unless TRUST_PROXY names the proxy.
  app.set('trust proxy', ctx.config.TRUST_PROXY);
  // Only the chat page may be framed elsewhere, by the sites in ALLOWED_EMBED_ORIGINS (the
  // bureau's own, for the widget); admin pages and everything else stay 'self'.
  // Two helmets with fixed directives, chosen per request: helmet writes a fixed policy
  // once, where a function directive had it build and check the policy on every request.
  const headers = (frameAncestors: string) =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'frame-ancestors': [frameAncestors],
        },
      },
    });
  const embeddable = headers(["'self'", ...ctx.config.ALLOWED_EMBED_ORIGINS].join(' '));
  const framedByUsOnly = headers("'self'");
  app.use((req, res, next) => (isEmbeddablePage(req.url) ? embeddable : framedByUsOnly)(req, res, next));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', (_req, res) => {
    const health = ctx.log.health();
    const ready = !!ctx.engine.brain && health.open;
    res.status(ready ? 200 : 503).json({
      ready,
      knowledge: {
        items: ctx.engine.brain.knowledge.items.length,
        loadedAt: ctx.engine.brain.builtAt,
        // Serving a copy of the last good version because the folders had errors at start.
        servingFrom: ctx.engine.servingFrom,
        // Whether the folders build now; if not, their errors (citizens get the serving version).
        folder: { ok: ctx.engine.lastReload.ok, errors: ctx.engine.lastReload.problems.filter((p) => p.severity === 'error').map(formatProblem) },
      },
      database: health,
    });
  });
  // With METRICS_PORT, /metrics lives on its own listener (start.ts) and not here.
  if (ctx.config.METRICS_PORT === undefined) app.get('/metrics', metricsHandler(ctx, guard));

  app.use('/api', apiRouter(ctx, { perIp: ctx.config.RATE_LIMIT_PER_IP, perUser: ctx.config.RATE_LIMIT_PER_USER }));
  if (ctx.config.WECHAT_TOKEN) app.use('/wechat', wechatRouter(ctx));
  // On when ADMIN_TOKEN is set or an account exists (the router answers 404 otherwise).
  app.use('/admin', adminRouter(ctx, { token: ctx.config.ADMIN_TOKEN, previewer, guard }));
  app.use('/', webChatRouter());

  app.use((_req, res) => {
    res.status(404).json({ error: '没有这个地址' });
  });
  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    const e = err as { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string };
    const status = e.status ?? e.statusCode ?? 500;
    if (status >= 500) ctx.logger.error({ err }, 'request failed');
    const message =
      status === 413 ? '请求内容太大' : e.type === 'entity.parse.failed' ? '请求内容不是有效的 JSON' : status < 500 && e.expose && e.message ? e.message : '服务器内部错误';
    if (!res.headersSent) res.status(status).json({ error: message });
  };
  app.use(onError);
  return app;
}
