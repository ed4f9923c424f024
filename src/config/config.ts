/**
 * Configuration from the environment (and `.env`), checked once at start. Every variable
 * is documented in `.env.example` and the README's configuration table.
 */
import { config as loadDotenv } from 'dotenv';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

const optional = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
/**
 * A site allowed to embed the web chat (CSP frame-ancestors source): scheme and host, an
 * optional port, a `*.` subdomain wildcard; never a path, never a bare `*` (anyone).
 */
const EMBED_ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/**
 * Which proxies may tell us the client's address (X-Forwarded-For), as Express's "trust
 * proxy" takes it: false (trust nothing, the default), a number of hops, or addresses,
 * subnets and the names loopback / linklocal / uniquelocal. `true` (everyone) is refused:
 * it would let any client choose the address every limit counts.
 */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(v: string): boolean {
  if (PROXY_NAMES.has(v)) return true;
  const [ip, bits, ...rest] = v.split('/');
  const version = isIP(ip ?? '');
  if (!version || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

const trustProxy = z
  .preprocess((v) => (v === undefined ? '' : v), z.string())
  .transform((raw, ctx): TrustProxy => {
    const v = raw.trim().toLowerCase();
    if (['', 'false', '0', 'no', 'off', 'none'].includes(v)) return false;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    const list = v.split(',').map((x) => x.trim()).filter(Boolean);
    if (v === 'true' || list.some((x) => !isProxyAddress(x))) {
      ctx.addIssue({
        code: 'custom',
        message: 'TRUST_PROXY 应为反向代理的地址或网段（如 127.0.0.1、10.0.0.0/8、loopback），或代理层数；不能是 true（那样任何人都能伪造客户端地址）',
      });
      return z.NEVER;
    }
    return list;
  });

export const configSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  KNOWLEDGE_DIR: z.string().default('./knowledge'),
  INTENTS_DIR: z.string().default('./intents'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: int(30, 1, 24 * 60),
  MAX_MESSAGE_LENGTH: int(500, 20, 10_000),
  USER_HASH_SECRET: optional,
  WECHAT_TOKEN: optional,
  WECHAT_ENCODING_AES_KEY: optional.refine((v) => v === undefined || /^[A-Za-z0-9+/]{43}$/.test(v), {
    message: 'WECHAT_ENCODING_AES_KEY 必须是公众号后台给出的 43 位 EncodingAESKey',
  }),
  WECHAT_APPID: optional,
  WECHAT_REPLY_MAX_BYTES: int(2048, 200, 20_000),
  WECHATY_PUPPET: optional,
  WECHATY_PUPPET_SERVICE_TOKEN: optional,
  ADMIN_TOKEN: optional.refine((v) => v === undefined || v.length >= 12, { message: 'ADMIN_TOKEN 至少 12 个字符' }),
  RETENTION_DAYS: int(180, 1, 3650),
  // 等级保护: administrative actions are kept at least six months.
  AUDIT_RETENTION_DAYS: int(365, 180, 3650),
  RATE_LIMIT_PER_IP: int(120, 1, 10_000_000),
  RATE_LIMIT_PER_USER: int(30, 1, 10_000_000),
  ALLOWED_EMBED_ORIGINS: z
    .preprocess((v) => (v === undefined ? '' : v), z.string())
    .transform((v) => v.split(/[\s,，]+/).filter(Boolean).map((o) => o.replace(/\/+$/, '')))
    .pipe(z.array(z.string().regex(EMBED_ORIGIN, { error: (i) => `“${String(i.input)}”不是网站来源：写成 https://www.example.gov.cn（协议和域名，可带端口，不带路径；子域名可写 https://*.example.gov.cn）` }))),
  /** The system's Chromium, for the weekly report's PDF (Debian: apt-get install chromium). */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** PostgreSQL for the interaction log every instance shares (unset: SQLite under DATA_DIR). */
  DATABASE_URL: optional.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), { message: 'DATABASE_URL 应为 postgres://用户:密码@主机:端口/库名' }),
  /** Redis for sessions, retries, "更多", rate limits, admin logins and knowledge versions shared by every instance. */
  REDIS_URL: optional.refine((v) => v === undefined || /^rediss?:\/\//.test(v), { message: 'REDIS_URL 应为 redis://主机:端口（或 rediss://）' }),
  TRUST_PROXY: trustProxy,
  METRICS_TOKEN: optional.refine((v) => v === undefined || v.length >= 12, { message: 'METRICS_TOKEN 至少 12 个字符' }),
  /** A separate listener for /metrics (then not served on PORT). */
  METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  METRICS_HOST: z.string().default('127.0.0.1'),
});

export type Config = z.infer<typeof configSchema> & { dbPath: string };

export class ConfigError extends Error {}

/** Read and check the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, dotenv = true): Config {
  if (dotenv) loadDotenv({ quiet: true });
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置有误（环境变量或 .env）：\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (c.WECHAT_ENCODING_AES_KEY && !c.WECHAT_APPID) {
    throw new ConfigError('配置有误：设置了 WECHAT_ENCODING_AES_KEY（安全模式）就必须同时设置 WECHAT_APPID');
  }
  if (c.REDIS_URL && !c.USER_HASH_SECRET && !c.DATABASE_URL) {
    throw new ConfigError('配置有误：设置了 REDIS_URL（多实例共享状态）就必须同时设置 USER_HASH_SECRET（各实例相同），或设置 DATABASE_URL（密钥存在数据库里）');
  }
  const dataDir = resolve(c.DATA_DIR);
  return {
    ...c,
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: resolve(c.KNOWLEDGE_DIR),
    INTENTS_DIR: resolve(c.INTENTS_DIR),
    dbPath: resolve(dataDir, 'wenzheng.sqlite'),
  };
}
