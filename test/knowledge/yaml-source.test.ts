import { describe, expect, test } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { readYamlSource } from '../../src/knowledge/yaml-source.js';

const ROOT = join(import.meta.dirname, '..', '..');

function filesUnder(dir: string, ends: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ends) : name.endsWith(ends) ? [path] : [];
  });
}

/** Every YAML text the two folders ship: the .yaml files and the items' front matter. */
function shippedYaml(): { path: string; source: string }[] {
  const yamlFiles = [...filesUnder(join(ROOT, 'knowledge'), '.yaml'), ...filesUnder(join(ROOT, 'intents'), '.yaml')];
  const fronts = filesUnder(join(ROOT, 'knowledge'), '.md').flatMap((path) => {
    const lines = readFileSync(path, 'utf8').split(/\r?\n/);
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    return lines[0]?.trim() === '---' && end > 0 ? [{ path, source: lines.slice(1, end).join('\n') }] : [];
  });
  return [...yamlFiles.map((path) => ({ path, source: readFileSync(path, 'utf8') })), ...fronts];
}

describe('readYamlSource', () => {
  test('the fast reading gives the same data as the document model for every shipped file', () => {
    const sources = shippedYaml();
    expect(sources.length).toBeGreaterThan(100);
    const differ = sources.filter(({ source }) => JSON.stringify(readYamlSource(source).data) !== JSON.stringify(parseDocument(source).toJS()));
    expect(differ.map((d) => d.path)).toEqual([]);
  });

  test('YAML 1.2 core: dates, yes/no and octal-looking numbers read as the document model reads them', () => {
    const source = 'updated: 2026-11-25\nflag: yes\nzip: 0755\nn: 12\nok: true\n';
    expect(readYamlSource(source).data).toEqual(parseDocument(source).toJS());
    expect(readYamlSource(source).data).toEqual({ updated: '2026-11-25', flag: 'yes', zip: 755, n: 12, ok: true });
  });

  test('a syntax error comes back with its line and no data', () => {
    const read = readYamlSource('a: 1\nb: [1, 2\nc: 3\n');
    expect(read.data).toBeUndefined();
    expect(read.errors.length).toBeGreaterThan(0);
    expect(read.errors[0]?.line).toBeGreaterThanOrEqual(2);
  });

  test('lineOf points at a value, or at its nearest parent when the value is missing', () => {
    const read = readYamlSource('matters:\n  - id: a\n    label: 甲\n  - id: b\n    phrasings: [x]\n');
    expect(read.errors).toEqual([]);
    expect(read.lineOf(['matters', 1, 'phrasings'])).toBe(5);
    expect(read.lineOf(['matters', 1, 'label'])).toBe(4);
    expect(read.lineOf(['nothing'])).toBeUndefined();
  });
});
