/**
 * Real PostgreSQL and Redis for tests, the soak and the bench: a throwaway PostgreSQL
 * cluster (initdb into a temp folder, `postgres` on a free loopback port) and a
 * `redis-server` on a free port, both started as child processes and stopped with them.
 * Never mocked. As root, PostgreSQL runs as the `postgres` user (it refuses root).
 *
 * When the binaries are missing (a machine without Debian's `postgresql` or
 * `redis-server`), `services()` says so and the tests that need them skip with that
 * message; CI installs both (see README, "Running more than one instance").
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** PostgreSQL's server binaries: PG_BIN, else Debian's newest /usr/lib/postgresql/<version>/bin. */
export const PG_BIN =
  process.env.PG_BIN ??
  (() => {
    const root = '/usr/lib/postgresql';
    const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb'))) : [];
    const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
    return join(root, newest ?? '15', 'bin');
  })();
const REDIS_SERVER = 'redis-server';

/** Which services this machine can start; a reason for each one it cannot. */
export function services(): { postgres: string | null; redis: string | null } {
  const onPath = (cmd: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  return {
    postgres: existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'postgres')) ? null : `PostgreSQL binaries not found in ${PG_BIN} (apt-get install postgresql)`,
    redis: onPath(REDIS_SERVER) ? null : 'redis-server not found on PATH (apt-get install redis-server)',
  };
}

/** A free TCP port on loopback (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** Run a PostgreSQL binary, as the `postgres` user when we are root. */
function pgCommand(binary: string, args: string[]): [string, string[]] {
  const path = join(PG_BIN, binary);
  return isRoot() ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', path, ...args]] : [path, args];
}

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} did not come up in ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stopChild(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill(signal);
  });
}

// Children still running when the test process exits are killed with it.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

export interface PostgresCluster {
  /** A connection URL to the cluster's `postgres` database (superuser `wenzheng`). */
  url: string;
  port: number;
  /** A new empty database on the cluster, and its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

let databases = 0;

/** initdb into a temp folder and start `postgres` on a free loopback port (about 2 s). */
export async function startPostgres(): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'wz-pg-'));
  if (isRoot()) {
    const ids = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const gid = execFileSync('id', ['-g', 'postgres']).toString().trim();
    chownSync(dir, Number(ids), Number(gid));
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const [initdb, initArgs] = pgCommand('initdb', ['-D', data, '-U', 'wenzheng', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  execFileSync(initdb, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const [postgres, args] = pgCommand('postgres', [
    '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
    // A throwaway cluster: durability off, small.
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=16MB', '-c', 'max_connections=60',
  ]);
  const proc = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(proc);
  let output = '';
  proc.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-2000)));
  const url = `postgres://wenzheng@127.0.0.1:${port}/postgres`;
  const canConnect = async () => {
    if (proc.exitCode !== null) throw new Error(`postgres exited: ${output}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      return false;
    }
  };
  await until(canConnect, 'PostgreSQL');
  return {
    url,
    port,
    async createDatabase(name = `wz_${process.pid}_${++databases}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://wenzheng@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await stopChild(proc, 'SIGQUIT'); // immediate shutdown: nothing here is worth keeping
      children.delete(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** redis-server on a free loopback port, no persistence. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const proc = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(proc);
  let output = '';
  const collect = (c: Buffer) => (output = (output + c.toString()).slice(-4000));
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  await until(async () => {
    if (proc.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
    return /Ready to accept connections/.test(output);
  }, 'Redis');
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopChild(proc, 'SIGTERM');
      children.delete(proc);
    },
  };
}
