/**
 * Batch CLI — the stable way to check the bot from outside:
 *
 *   npm run --silent ask -- "身份证丢了怎么办"        prints the reply text
 *   npm run --silent ask -- --json "…"                prints the reply object
 *   … | npm run --silent ask -- --jsonl               one JSON reply per input line
 *
 * With --jsonl each stdin line is {"user": "u1", "text": "…"} or plain text (user "cli");
 * replies come out in order, one line each, sessions kept per user. Nothing else is
 * written to stdout: diagnostics go to stderr.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../config/config.js';
import { createRuntime } from '../../engine/create.js';
import { formatProblem, KnowledgeError } from '../../engine/engine.js';

interface Line {
  user: string;
  text: string;
}

function parseLine(line: string): Line {
  const trimmed = line.trim();
  if (trimmed.startsWith('{')) {
    try {
      const v = JSON.parse(trimmed) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>;
        return { user: o.user === undefined ? 'cli' : String(o.user), text: typeof o.text === 'string' ? o.text : String(o.text ?? '') };
      }
    } catch {
      // Not JSON after all: a citizen may well type a brace. Treat it as text.
    }
  }
  return { user: 'cli', text: line };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const jsonl = args.includes('--jsonl');
  const text = args.filter((a) => !a.startsWith('--')).join(' ');
  if (!jsonl && !text) {
    process.stderr.write('用法：npm run --silent ask -- [--json] "问题"  或  npm run --silent ask -- --jsonl < 问题.jsonl\n');
    return 2;
  }

  const config = loadConfig();
  const runtime = await createRuntime(config, (err, ctx) => process.stderr.write(`[${ctx}] ${String(err)}\n`));
  for (const p of runtime.engine.lastReload.problems.filter((x) => x.severity === 'error')) process.stderr.write(formatProblem(p) + '\n');
  try {
    if (!jsonl) {
      const reply = await runtime.engine.ask({ user: 'cli', text, channel: 'cli' });
      process.stdout.write((json ? JSON.stringify(reply) : reply.text) + '\n');
      return 0;
    }
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      const { user, text: t } = parseLine(line);
      const reply = await runtime.engine.ask({ user, text: t, channel: 'cli' });
      process.stdout.write(JSON.stringify(reply) + '\n');
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write((err instanceof KnowledgeError ? err.message : String(err instanceof Error ? err.stack : err)) + '\n');
    process.exitCode = 1;
  },
);
