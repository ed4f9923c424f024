/**
 * HTTP API channel: POST /api/ask {user, text} → the engine's reply object; GET
 * /api/suggestions → the web chat welcome's suggested questions; POST /api/feedback
 * {user, ref, helpful} → a verdict on an answer the user got (the web chat's 有用 / 没用),
 * 204 when recorded, 404 when that answer is not remembered.
 * Rate-limited per IP and per user; bodies are capped; bad input gets a JSON error.
 */
import express, { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { ChannelContext } from '../../contract/context.js';

const askBody = z.object({
  user: z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1, { error: 'user 不能为空' }).max(128, { error: 'user 最长 128 个字符' })),
  text: z.string({ error: 'text 必须是字符串' }).max(20_000, { error: 'text 太长' }),
  /** The web chat marks its messages so reports can tell the channels apart. */
  channel: z.enum(['api', 'web']).default('api'),
});

const feedbackBody = z.object({
  user: askBody.shape.user,
  ref: z.string().min(1).max(64),
  helpful: z.boolean({ error: 'helpful 必须是 true 或 false' }),
  channel: z.enum(['api', 'web']).default('api'),
});

/** `limits`: requests per minute per client IP and per user id. */
export function apiRouter(ctx: ChannelContext, limits: { perIp: number; perUser: number }): Router {
  const router = Router();
  const tooMany = { error: '提问太频繁了，请稍后再试。紧急情况请拨打 110。' };
  // The limiter's own warnings (an X-Forwarded-For arriving while TRUST_PROXY is unset: a
  // proxy we were not told about) go to our log, not the console.
  const logger = { error: (err: unknown, msg?: string) => ctx.logger.warn({ err }, msg ?? 'rate limiter'), warn: (err: unknown, msg?: string) => ctx.logger.warn({ err }, msg ?? 'rate limiter') };
  // Per minute. Limits are told in IETF draft 7 headers (RateLimit, RateLimit-Policy): the
  // per-user limiter, checked last, writes the ones a client sees. Draft 8 hashed a
  // partition key with SHA-256 for each limiter on every request.
  const perMinute = (options: Partial<Parameters<typeof rateLimit>[0]> & { limit: number }) =>
    rateLimit({ windowMs: 60_000, standardHeaders: 'draft-7', legacyHeaders: false, message: tooMany, ...options });
  router.post(
    '/ask',
    perMinute({ store: ctx.rateLimitStore?.('api-ip'), limit: limits.perIp, logger }),
    express.json({ limit: '32kb' }),
    perMinute({
      store: ctx.rateLimitStore?.('api-user'),
      limit: limits.perUser,
      logger,
      keyGenerator: (req) => `user:${String((req.body as { user?: unknown } | undefined)?.user ?? '')}`,
    }),
    async (req, res) => {
      const parsed = askBody.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
        return;
      }
      const { user, text, channel } = parsed.data;
      res.json(await ctx.ask({ user, text, channel }));
    },
  );
  // The web chat's welcome buttons: cheap (cached by the server) and the same for everyone.
  router.get('/suggestions', async (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json({ suggestions: await ctx.suggestions() });
  });
  router.post(
    '/feedback',
    perMinute({ limit: limits.perIp }),
    express.json({ limit: '4kb' }),
    async (req, res) => {
      const parsed = feedbackBody.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
        return;
      }
      const recorded = await ctx.feedback(parsed.data);
      if (recorded) res.status(204).end();
      else res.status(404).json({ error: '找不到这条答复（对话已过期，或已经评价过）。' });
    },
  );
  return router;
}
