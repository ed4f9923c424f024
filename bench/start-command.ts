/**
 * The node flags `npm start` runs the server with, read from package.json, so the bench
 * and the soak measure the server the way it is started, not a copy that drifts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The flags between `node` and `dist/main.js` at the end of the start script. */
export function startNodeFlags(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const start = pkg.scripts?.start ?? '';
  const run = /(?:^|&&)\s*node\s+((?:--\S+\s+)*)dist\/main\.js\s*$/.exec(start);
  if (!run) throw new Error(`package.json "start" does not end with "node [flags] dist/main.js": ${start}`);
  return (run[1] ?? '').split(/\s+/).filter(Boolean);
}
