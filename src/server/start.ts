/**
 * Start and stop everything that is configured: engine, interaction log, HTTP server,
 * Wechaty. Ready only once the index is built; `close()` stops accepting, lets in-flight
 * replies finish, stops Wechaty and closes the database.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { WechatyChannel } from '../channels/wechaty/bot.js';
import type { Config } from '../config/config.js';
import { createRuntime } from '../engine/create.js';
import { formatProblem } from '../engine/engine.js';
import { join } from 'node:path';
import { DraftPreviewer } from '../admin/editor/previewer.js';
import { MAX_PENDING, type LogOptions } from '../storage/open.js';
import { MASK_RULES } from '../text/mask.js';
import { authGuard, createApp } from './app.js';
import { createContext, type ServerContext } from './context.js';
import { metricsHandler } from './metrics-route.js';
import { createMetrics } from './metrics.js';
import { watchKnowledge } from './reload.js';

export interface Running {
  ctx: ServerContext;
  server: Server;
  url: string;
  /** The separate /metrics listener, when METRICS_PORT is set. */
  metricsUrl?: string;
  /** The Wechaty bot, if this instance runs it (at start; see `runsWechaty` for later). */
  wechaty?: WechatyChannel;
  /** The Wechaty bot this instance runs now: with several instances only the lease holder runs it. */
  runsWechaty(): WechatyChannel | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Watch knowledge/ and intents/ and reload on change (default true). */
  watch?: boolean;
  /** A Wechaty puppet instance (tests); otherwise WECHATY_PUPPET names the package. */
  wechatyPuppet?: object;
  /** First Wechaty restart delay after a drop (tests shorten it). */
  wechatyBackoffMs?: number;
  /** The clock admin sessions expire by (tests move it on). */
  now?: () => number;
  /** How often an instance without the Wechaty lease tries to take it over (default 5 s). */
  wechatyStandbyMs?: number;
  /** The interaction log's queue bound and retry delays (tests shorten them). */
  log?: Pick<LogOptions, 'maxPending' | 'retryMs' | 'retryMaxMs'>;
}

/**
 * How long an idle keep-alive connection stays open. Longer than any client in front of us
 * keeps one idle (nginx's upstream keepalive_timeout, 60 s in deploy/nginx/wenzheng.conf), so
 * the client always closes first: a server that closes first races the client's next request
 * on that connection, which then fails (a 502 from nginx for a WeChat message, ECONNRESET).
 */
export const KEEP_ALIVE_MS = 65_000;

function keepIdleConnections(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // A request's headers may take as long to arrive as an idle connection may wait for them.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
}

export async function startServer(config: Config, logger: Logger, options: StartOptions = {}): Promise<Running> {
  const metrics = createMetrics();
  const maxPending = options.log?.maxPending ?? MAX_PENDING;
  const runtime = await createRuntime(
    config,
    (err, context) => {
      // A failing log is counted per attempt and logged once per change of state (below).
      if (context === 'log-write') metrics.logWriteFailures.inc();
      else logger.error({ err, context }, 'engine error');
    },
    {
      now: options.now,
      log: {
        ...options.log,
        onLost: (n) => metrics.logRecordsLost.inc(n),
        onStateChange: (change) => {
          if (change.state === 'failing') {
            const e = change.error as { code?: unknown; message?: unknown } | null;
            logger.error(
              { code: e?.code, error: typeof e?.message === 'string' ? e.message : String(change.error), pending: change.pending, maxPending },
              `interaction log cannot write: records wait in memory (up to ${maxPending}, then the oldest are lost and counted) and are retried with backoff; citizens' replies are not affected`,
            );
          } else {
            logger.warn({ failedForMs: change.failedForMs, written: change.written, lost: change.lost }, 'interaction log writes again');
          }
        },
      },
    },
  );
  const { engine } = runtime;
  if (runtime.remasked) logger.info({ remasked: runtime.remasked, rules: MASK_RULES }, 'stored texts masked again under the current masking rules');
  if (runtime.fallback) {
    const { version, problems: broken } = runtime.fallback;
    logger.error(
      { version: version.id, savedAt: version.at, errors: broken.filter((p) => p.severity === 'error').map(formatProblem) },
      `THE KNOWLEDGE FOLDERS HAVE ERRORS: serving the last good version ${version.id} instead; fix the files named here (a good change is picked up by itself)`,
    );
  }
  const problems = engine.lastReload.problems;
  const unfilled = problems.filter((p) => p.file === 'offices.yaml' && p.severity === 'warning');
  for (const p of problems.filter((x) => !unfilled.includes(x))) logger.warn(formatProblem(p));
  if (unfilled.length) logger.warn(`${unfilled.length} local facts in knowledge/offices.yaml are still placeholders (npm run knowledge:check lists them)`);
  // The one store of knowledge versions: the runtime's (last good at start), the editor's.
  const ctx = createContext(config, runtime, metrics, logger, runtime.lastGood.store);
  // Knowledge drafts are built in processes of their own, files under DATA_DIR/drafts.
  const previewer = new DraftPreviewer({ draftsDir: join(config.DATA_DIR, 'drafts') });

  const guard = authGuard(ctx);
  const app = createApp(ctx, previewer, guard);
  const listen = (a: express.Express, port: number, host: string) =>
    new Promise<Server>((resolve, reject) => {
      const s = a.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
  const urlOf = (s: Server, host: string) => `http://${host === '0.0.0.0' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${(s.address() as AddressInfo).port}`;
  const server = await listen(app, config.PORT, config.HOST);
  keepIdleConnections(server);
  const url = urlOf(server, config.HOST);

  // /metrics on a listener of its own (METRICS_PORT), e.g. bound to a private interface.
  let metricsServer: Server | undefined;
  if (config.METRICS_PORT !== undefined) {
    const metricsApp = express().disable('x-powered-by').set('trust proxy', config.TRUST_PROXY);
    metricsApp.get('/metrics', metricsHandler(ctx, guard));
    metricsServer = await listen(metricsApp, config.METRICS_PORT, config.METRICS_HOST);
    keepIdleConnections(metricsServer);
  }

  const unwatch = options.watch === false ? () => {} : watchKnowledge(ctx, (reason) => ctx.live.reload(reason));
  // Follow the knowledge versions other instances publish (and publish ours if we are the first).
  const unsubscribe = await ctx.live.subscribe();

  // Stored texts masked again once when the masking rules change; retention: interactions
  // older than RETENTION_DAYS go, daily, and the signals' examples with them (counts stay).
  const purge = async () => {
    try {
      const removed = await ctx.reports.purge(new Date(Date.now() - config.RETENTION_DAYS * 86_400_000));
      if (removed) logger.info({ removed, retentionDays: config.RETENTION_DAYS }, 'old interactions purged');
      const audited = await ctx.audit.purge(new Date(Date.now() - config.AUDIT_RETENTION_DAYS * 86_400_000));
      if (audited) logger.info({ removed: audited, auditRetentionDays: config.AUDIT_RETENTION_DAYS }, 'old audit entries purged');
    } catch (err) {
      logger.error({ err }, 'retention purge failed');
    }
  };
  await purge();
  const retention = setInterval(() => void purge(), 86_400_000);
  retention.unref();

  // Wechaty: one WeChat account, so one instance runs it — whoever holds the lease (in
  // memory: always this one). The others stand by and take over if the holder goes.
  let wechaty: WechatyChannel | undefined;
  let standby: NodeJS.Timeout | undefined;
  let stopped = false;
  const puppet = options.wechatyPuppet ?? config.WECHATY_PUPPET;
  const lease = runtime.shared.lease('wechaty');
  const runWechaty = async (): Promise<boolean> => {
    if (stopped || wechaty || !(await lease.acquire())) return false;
    const { startWechaty } = await import('../channels/wechaty/bot.js');
    try {
      wechaty = await startWechaty(ctx, { puppet: puppet as string | object, puppetToken: config.WECHATY_PUPPET_SERVICE_TOKEN, backoffBaseMs: options.wechatyBackoffMs });
    } catch (err) {
      await lease.release();
      throw err;
    }
    if (runtime.shared.kind === 'redis') logger.info({ instance: runtime.shared.instance }, 'this instance runs the Wechaty bot');
    return true;
  };
  const standBy = () => {
    standby = setInterval(() => {
      runWechaty().then(
        (started) => started && clearInterval(standby),
        (err: unknown) => logger.error({ err }, 'Wechaty takeover failed'),
      );
    }, options.wechatyStandbyMs ?? 5_000);
    standby.unref();
  };
  if (puppet) {
    lease.onLost(() => {
      logger.warn('Wechaty lease lost (Redis unreachable or taken over): stopping the bot here');
      const bot = wechaty;
      wechaty = undefined;
      void bot?.stop().catch((err: unknown) => logger.error({ err }, 'Wechaty stop failed'));
      standBy();
    });
    if (!(await runWechaty())) {
      logger.info('another instance runs the Wechaty bot; this one stands by');
      standBy();
    }
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      unwatch();
      stopped = true;
      clearInterval(standby);
      await unsubscribe().catch(() => {});
      clearInterval(retention);
      previewer.close();
      // Stop accepting; requests already received finish (server.close waits for them).
      await Promise.all(
        [server, metricsServer].map(
          (s) =>
            s &&
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeIdleConnections();
            }),
        ),
      );
      if (wechaty) await wechaty.stop().catch((err: unknown) => logger.error({ err }, 'Wechaty stop failed'));
      await lease.release();
      await runtime.close();
    })());

  return { ctx, server, url, metricsUrl: metricsServer && urlOf(metricsServer, config.METRICS_HOST), wechaty, runsWechaty: () => wechaty, close };
}
