/**
 * `npm start`: the server with every configured channel. Prints what is on and where.
 * SIGTERM / SIGINT stop gracefully; SIGHUP reloads the knowledge.
 */
import { ConfigError, loadConfig } from './config/config.js';
import { KnowledgeError } from './engine/engine.js';
import { createLogger } from './server/logger.js';
import { startServer } from './server/start.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const started = performance.now();
  const running = await startServer(config, logger);
  const { ctx, url, metricsUrl } = running;
  // Building the index churns through short-lived objects; when started with --expose-gc
  // (npm start does), collect them now so the resident size starts small.
  (globalThis as { gc?: () => void }).gc?.();
  const items = ctx.engine.brain.knowledge.items.length;

  const lines = [
    `问政 wenzheng ready in ${Math.round(performance.now() - started)} ms — ${items} knowledge items`,
    `  web chat          ${url}/`,
    `  HTTP API          POST ${url}/api/ask  {"user": "…", "text": "…"}`,
    `  health / metrics  ${url}/healthz  ${url}/readyz  ${metricsUrl ?? url}/metrics${config.METRICS_TOKEN ? ' (Bearer METRICS_TOKEN)' : metricsUrl ? '' : ' (this host only)'}`,
    `  official account  ${config.WECHAT_TOKEN ? `${url}/wechat (${config.WECHAT_ENCODING_AES_KEY ? '安全模式' : '明文模式'})` : 'off (set WECHAT_TOKEN)'}`,
    `  Wechaty           ${config.WECHATY_PUPPET ? `on (${config.WECHATY_PUPPET})` : 'off (set WECHATY_PUPPET)'}`,
    `  admin             ${config.ADMIN_TOKEN ? `${url}/admin` : 'off (set ADMIN_TOKEN)'}`,
    `  interaction log   ${config.dbPath}`,
  ];
  if (ctx.engine.servingFrom) {
    lines.push(
      `  ⚠ KNOWLEDGE      the folders have errors (see the log, /readyz, the dashboard): serving the last good version ${ctx.engine.servingFrom}`,
    );
  }
  process.stderr.write(lines.join('\n') + '\n');

  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => void ctx.live.reload('SIGHUP'));
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof KnowledgeError;
  process.stderr.write(`${known ? (err as Error).message : String(err instanceof Error ? err.stack : err)}\n`);
  process.exit(1);
});
