/**
 * Per-request overhead of POST /api/ask in one process: what a request costs the server
 * beyond bare Express plus the engine's own work. Measured as CPU time (the server
 * process's user + system time from /proc, over an autocannon run of N requests), which
 * the load generator does not inflate the way it does throughput:
 *
 *   overhead = CPU per /api/ask request − CPU per request of bare Express calling the engine
 *
 * the reference being bench/engine-express.ts on the same runtime, under the same load.
 * The two are measured in alternating rounds, so drift in the machine (a shared VM here)
 * falls on both alike, and the median round is reported. The older decomposition (bare
 * Express, and the engine timed in-process) is kept as a cross-check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Engine } from '../src/engine/engine.js';
import { SqliteLog } from '../src/storage/sqlite/log.js';
import { userHasher } from '../src/storage/user-hash.js';
import { askRequest, helloRequest, load, type HttpResult } from './http.js';
import type { Child } from './spawn.js';

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // After the command name: state is field 3, utime 14 and stime 15 (1-based), in clock ticks (100 Hz).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface CpuRun extends HttpResult {
  requests: number;
  /** Server CPU per request, ms. */
  cpuMs: number;
}

export async function cpuPerRequest(child: Child, target: string, seconds: number, connections: number, request: Parameters<typeof load>[4], warmUp = true): Promise<CpuRun> {
  const url = `http://127.0.0.1:${child.port}`;
  if (warmUp) await load('warm-up', url, 2, connections, request);
  const pid = child.proc.pid ?? 0;
  const before = cpuSeconds(pid);
  const result = await load(target, url, seconds, connections, request);
  const cpu = cpuSeconds(pid) - before;
  const requests = Math.round(result.reqPerSec * seconds);
  return { ...result, requests, cpuMs: (cpu * 1000) / Math.max(1, requests) };
}

/**
 * Two servers under the same load in alternating rounds (after a warm-up of each): each
 * round's CPU per request for both, in round order.
 */
export async function alternating(a: Child, b: Child, rounds: number, seconds: number, connections: number, request: Parameters<typeof load>[4]): Promise<{ a: CpuRun[]; b: CpuRun[] }> {
  const out = { a: [] as CpuRun[], b: [] as CpuRun[] };
  for (let r = 0; r < rounds; r++) {
    out.a.push(await cpuPerRequest(a, 'a', seconds, connections, request, r === 0));
    out.b.push(await cpuPerRequest(b, 'b', seconds, connections, request, r === 0));
  }
  return out;
}

/** CPU per engine.ask() in this process, over the questions (several passes after a warm-up). */
export async function engineCpuMs(root: string, questions: string[], passes = 5): Promise<number> {
  const log = SqliteLog.open(':memory:');
  const engine = new Engine({ knowledgeDir: join(root, 'knowledge'), intentsDir: join(root, 'intents'), log, hashUser: userHasher('bench') });
  let i = 0;
  const run = async () => {
    for (const q of questions) await engine.ask({ user: `bench-${i++ % 5000}`, text: q, channel: 'api' });
  };
  await run();
  const before = process.cpuUsage();
  for (let p = 0; p < passes; p++) {
    await run();
    await new Promise((r) => setImmediate(r));
  }
  const used = process.cpuUsage(before);
  await log.close();
  return (used.user + used.system) / 1000 / (questions.length * passes);
}

export { askRequest, helloRequest };
