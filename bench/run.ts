/**
 * `npm run bench`: speed and scale, written to bench/RESULTS.md. A benchmark, not a test:
 * not run in CI. Options: --quick (shorter HTTP runs, smaller scale), --skip-http.
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildBrain } from '../src/engine/brain.js';
import { loadQuestions } from '../eval/questions.js';
import { engineLatency } from './engine-latency.js';
import { askRequest, helloRequest, load, wechatRequest, type HttpResult } from './http.js';
import { scale } from './scale.js';
import { rssOf, startChild } from './spawn.js';
import { startNodeFlags } from './start-command.js';
import { mb, met, ms } from './stats.js';
import { readSection, SOAK_HEADING } from './results-file.js';

const ROOT = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
const skipHttp = process.argv.includes('--skip-http');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'dist/main.js');
const START_FLAGS = startNodeFlags(ROOT);
// The ready line, and the port from the web chat line printed with it.
const READY = /ready in \d+ ms[\s\S]*?web chat\s+http:\/\/[^:]+:(\d+)\//;

async function main(): Promise<void> {
  const questions = loadQuestions(join(ROOT, 'test/questions/dev.yaml')).flatMap((c) => c.turns.map((t) => t.q));
  const lines: string[] = [];
  const log = (s = '') => {
    lines.push(s);
    console.log(s);
  };

  log('# Benchmark results');
  log('');
  log(`Run ${new Date().toISOString()} on ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, ${mb(totalmem())} RAM), Node ${process.version}.`);
  log(`Reproduce: \`npm run bench\`${quick ? ' (this run: --quick)' : ''}. Each section says its target and whether it is met.`);
  log('');

  // 1. Engine latency.
  const lat = await engineLatency(ROOT, quick ? 3 : 10);
  log('## Engine latency per message');
  log('');
  log(`${lat.messages} messages (the dev question set, ${quick ? 2 : 9} timed passes), through \`engine.ask()\`.`);
  log('');
  log('| p50 | p99 | max | target p99 ≤ 1 ms |');
  log('| --- | --- | --- | --- |');
  log(`| ${ms(lat.p50)} | ${ms(lat.p99)} | ${ms(lat.max)} | ${met(lat.p99 <= 1)} |`);
  log('');

  // 3. Cold start: the built server (`npm start` builds, then runs node dist/main.js).
  // Measured before the scale runs, so this process's 10,000-item heap and its garbage
  // collection do not compete with the server starting; reported in section 3 below.
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const env = { PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(join(tmpdir(), 'wz-bench-')) };
  const starts: { ready: number; rss: number }[] = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const child = await startChild(process.execPath, [...START_FLAGS, MAIN], env, READY, ROOT);
    starts.push({ ready: child.readyMs, rss: rssOf(child.proc.pid ?? 0) });
    await child.stop();
  }

  // 2. Scale.
  const { brain } = buildBrain(join(ROOT, 'knowledge'), join(ROOT, 'intents'));
  if (!brain) throw new Error('knowledge does not load');
  const sizes = quick ? [100, 1000] : [100, 1000, 10_000];
  const results = scale(brain, sizes, questions);
  log('## Scale: synthetic knowledge');
  log('');
  log('Items re-combined from the real items’ vocabulary; query = analyse + rank (lunr candidates + re-ranking) for every dev question.');
  log('');
  log('| items | index build | heap | query p50 | query p99 | target (10,000 items) p99 ≤ 10 ms |');
  log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    log(`| ${r.items.toLocaleString('en')} | ${ms(r.buildMs, 0)} | ${r.heapMb.toFixed(1)} MB | ${ms(r.p50)} | ${ms(r.p99)} | ${r.items === 10_000 ? met(r.p99 <= 10) : ''} |`);
  }
  log('');

  const bestReady = Math.min(...starts.map((s) => s.ready));
  const medianReady = starts.map((s) => s.ready).sort((a, b) => a - b)[Math.floor(starts.length / 2)] ?? 0;
  const rss = Math.max(...starts.map((s) => s.rss));
  log('## Cold start');
  log('');
  log(`\`node ${START_FLAGS.join(' ')} dist/main.js\` (what \`npm start\` runs after its incremental build) from process start to the ready line, ${starts.length} runs, shipped knowledge (${brain.knowledge.items.length} items). Under \`npm run dev\` (tsx) add about 0.8 s of TypeScript loading.`);
  log('');
  log('| median | best | resident memory when ready | target ≤ 1.5 s | target ≤ 150 MB |');
  log('| --- | --- | --- | --- | --- |');
  log(`| ${ms(medianReady, 0)} | ${ms(bestReady, 0)} | ${mb(rss)} | ${met(medianReady <= 1500)} | ${met(rss <= 150 * 1024 * 1024)} |`);
  log('');

  // 4. HTTP.
  if (!skipHttp) {
    const seconds = quick ? 5 : 20;
    const token = 'bench-token';
    const server = await startChild(process.execPath, [...START_FLAGS, MAIN], { ...env, WECHAT_TOKEN: token, RATE_LIMIT_PER_IP: '10000000', RATE_LIMIT_PER_USER: '10000000' }, READY, ROOT);
    const base = `http://127.0.0.1:${server.port}`;
    const http: HttpResult[] = [];
    http.push(await load('POST /api/ask', base, seconds, 50, askRequest(questions)));
    http.push(await load('POST /wechat (plain XML)', base, seconds, 50, wechatRequest(token, questions)));
    const rssAfter = rssOf(server.proc.pid ?? 0);
    await server.stop();
    const bare = await startChild(TSX, ['bench/bare-express.ts'], { PORT: '0' }, /listening (\d+)/, ROOT);
    http.push(await load('bare Express hello-world', `http://127.0.0.1:${bare.port}`, seconds, 50, helloRequest));
    await bare.stop();
    const ref = http[2]!;
    log('## HTTP');
    log('');
    log(`autocannon, ${seconds} s per target, 50 connections, loopback; server and load generator share the 2 cores.`);
    log('');
    log('| target | req/s | p99 | non-2xx | errors | ratio to bare Express | target ≥ 0.6 | target p99 ≤ 20 ms |');
    log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of http) {
      const ratio = r.reqPerSec / ref.reqPerSec;
      const ours = r !== ref;
      log(`| ${r.target} | ${Math.round(r.reqPerSec)} | ${r.p99} ms | ${r.non2xx} | ${r.errors} | ${ratio.toFixed(2)} | ${ours ? met(ratio >= 0.6) : ''} | ${ours ? met(r.p99 <= 20) : ''} |`);
    }
    log('');
    log(`Server resident memory after the HTTP runs: ${mb(rssAfter)}.`);
    log('');
  }
  // The soak section is `npm run soak`'s to write; keep its last result.
  const soak = readSection(join(ROOT, 'bench/RESULTS.md'), SOAK_HEADING);
  writeFileSync(join(ROOT, 'bench/RESULTS.md'), [...lines, ...soak].join('\n') + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
