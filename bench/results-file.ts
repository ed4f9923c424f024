/**
 * bench/RESULTS.md is written by two tools: `npm run bench` (every section but the soaks)
 * and `npm run soak` (the "## Soak" section, and "## Soak, two instances" with --instances 2). Each replaces only its own part, so a fresh
 * run of one keeps the other's last result.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const SOAK_HEADING = '## Soak';
export const SOAK_TWO_HEADING = '## Soak, two instances';

/** The file's "## heading" sections by heading, each with its lines up to the next one. */
function sections(text: string): { head: string[]; parts: Map<string, string[]> } {
  const head: string[] = [];
  const parts = new Map<string, string[]>();
  let current: string[] = head;
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) {
      current = [];
      parts.set(line.trim(), current);
    }
    current.push(line);
  }
  return { head, parts };
}

/** The lines of one section (heading included) as last written, or none. */
export function readSection(file: string, heading: string): string[] {
  if (!existsSync(file)) return [];
  const lines = sections(readFileSync(file, 'utf8')).parts.get(heading) ?? [];
  while (lines.length && lines.at(-1) === '') lines.pop();
  return lines;
}

/** Replace (or append) one section, keeping the rest of the file. */
export function writeSection(file: string, heading: string, body: string[]): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const { head, parts } = sections(text);
  parts.set(heading, [heading, '', ...body, '']);
  const out = [...head, ...[...parts.values()].flat()].join('\n').replace(/\n{3,}/g, '\n\n');
  writeFileSync(file, out.endsWith('\n') ? out : out + '\n');
}
