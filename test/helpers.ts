/** Shared test helpers: temporary folders and a real engine on the shipped knowledge. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { SqliteLog } from '../src/storage/sqlite/log.js';
import { SqliteReports } from '../src/storage/sqlite/reports.js';
import type { InteractionLog, InteractionRecord } from '../src/storage/types.js';
import { userHasher } from '../src/storage/user-hash.js';
import type { AskInput, Reply } from '../src/contract/reply.js';
import type { DialogParams } from '../src/dialog/dialog.js';
import { afterAll, beforeAll } from '@jest/globals';

export const ROOT = resolve(import.meta.dirname, '..');
export const KNOWLEDGE_DIR = join(ROOT, 'knowledge');
export const INTENTS_DIR = join(ROOT, 'intents');

const temps: string[] = [];
export function tempDir(prefix = 'wz-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
export function cleanTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface TestEngine {
  engine: Engine;
  log: SqliteLog;
  reports: SqliteReports;
  dbPath: string;
  ask(text: string, user?: string): Promise<Reply>;
  close(): Promise<void>;
}

/** The item each turn of one conversation is answered with. */
export async function itemsOf(engine: Pick<TestEngine, 'ask'>, user: string, turns: readonly string[]): Promise<(string | undefined)[]> {
  const items: (string | undefined)[] = [];
  for (const text of turns) items.push((await engine.ask(text, user)).item?.id);
  return items;
}

/** A real engine on the shipped knowledge, logging to SQLite in a temp folder. */
export function testEngine(opts: { knowledgeDir?: string; intentsDir?: string; params?: DialogParams } = {}): TestEngine {
  const dir = tempDir();
  const dbPath = join(dir, 'test.sqlite');
  const log = SqliteLog.open(dbPath);
  const engine = new Engine({
    knowledgeDir: opts.knowledgeDir ?? KNOWLEDGE_DIR,
    intentsDir: opts.intentsDir ?? INTENTS_DIR,
    log,
    hashUser: userHasher('test-secret'),
    params: opts.params,
  });
  return {
    engine,
    log,
    reports: new SqliteReports(log),
    dbPath,
    ask: (text, user = 'u1') => engine.ask({ user, text, channel: 'test' } satisfies AskInput),
    close: () => log.close(),
  };
}

/** One test engine for a whole test file: made before its tests, closed (and temp folders removed) after. */
export function fileTestEngine(opts: Parameters<typeof testEngine>[0] = {}): () => TestEngine {
  let t: TestEngine | undefined;
  beforeAll(() => {
    t = testEngine(opts);
  });
  afterAll(async () => {
    await t?.close();
    cleanTemps();
  });
  return () => {
    if (!t) throw new Error('the test engine is made in beforeAll: use it inside a test');
    return t;
  };
}

/** The SQLite log under a server, for tests that break its database on purpose. */
/** A logged question the bot could not answer (a fallback), as the storage tests write them. */
export function unmetRecord(over: Partial<InteractionRecord> = {}): InteractionRecord {
  return {
    at: new Date(),
    channel: 'test',
    userHash: 'h',
    text: '驾驶证丢了',
    kind: 'fallback',
    itemId: null,
    field: null,
    score: 0,
    latencyMs: 1,
    signalKey: '丢 驾驶证',
    ...over,
  };
}

export function sqliteLog(log: InteractionLog): SqliteLog {
  if (!(log instanceof SqliteLog)) throw new Error('this test breaks the SQLite file: it needs the SQLite log');
  return log;
}

import { pino } from 'pino';
import { loadConfig, type Config } from '../src/config/config.js';
import { startServer, type Running, type StartOptions } from '../src/server/start.js';

// Servers not closed yet: a test that fails before its own close() would otherwise keep
// jest waiting on an open port (test/setup.ts closes them after each file).
const openServers = new Set<Running>();

/** A real server on a free loopback port, with its own data folder. */
export async function testServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<Running & { config: Config }> {
  const config = loadConfig(
    { PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir(), KNOWLEDGE_DIR, INTENTS_DIR, USER_HASH_SECRET: 'test-secret', ...env },
    false,
  );
  const running = await startServer(config, pino({ level: 'silent' }), options);
  openServers.add(running);
  const close = async () => {
    openServers.delete(running);
    await running.close();
  };
  return { ...running, close, config };
}

export async function closeOpenServers(): Promise<void> {
  await Promise.all([...openServers].map(async (s) => {
    openServers.delete(s);
    await s.close();
  }));
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // JSON of unknown shape from our own API: the tests assert on it field by field.
  return { status: res.status, body: await res.json() };
}

import { request as httpRequest } from 'node:http';

/**
 * A request sent from a chosen local address (127.0.0.2 … are all this host on Linux): two
 * clients with different addresses, without trusting any proxy header.
 */
export function requestFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, localAddress, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

import { readdirSync as listDir, readFileSync as readFileBytes, statSync as statPath } from 'node:fs';

/**
 * Every file under DATA_DIR that holds what citizens sent (the database, its WAL, the
 * secret …): not the knowledge versions, which are the bureau's own texts (whose examples
 * may well say "我叫张伟").
 */
export function filesUnder(dir: string): Buffer[] {
  return listDir(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'knowledge-versions' || name === 'knowledge-last-good') return [];
    return statPath(path).isDirectory() ? filesUnder(path) : [readFileBytes(path)];
  });
}
