/**
 * The house's floors: a room (a folder of src/, or one file where a folder holds two
 * floors) imports only rooms below it. This test reads every import of src/**\/*.ts
 * (static, type-only and dynamic, via TypeScript's own pre-processor) and fails on an
 * upward one, so the layering (README, "How it works") stays true as the code grows.
 *
 * A new folder under src/ must be placed in LAYERS (the test fails until it is).
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../helpers.js';

const SRC = join(ROOT, 'src');

/**
 * Lowest first. Why each room sits where it does, from what the code really imports:
 */
export const LAYERS: { room: string; why: string }[] = [
  { room: 'contract', why: 'the reply contract and the runtime context interfaces: imported by everyone, importing nothing' },
  { room: 'config', why: 'configuration from the environment, checked once; imports nothing of ours, read by the wiring (engine/create, commands, server)' },
  { room: 'threads', why: 'starting a worker thread from the compiled tree or the sources (through tsx), and yielding to requests between slices of work; imports nothing of ours, used by search, storage and the engine' },
  { room: 'text', why: 'normalise, mask, tokenize: used by knowledge, search and the engine' },
  { room: 'knowledge', why: 'the knowledge format and loader (uses text)' },
  { room: 'intents', why: 'intent files and pattern matching (uses knowledge types, text, the reply kinds)' },
  { room: 'safety', why: 'the emergency overlay, decided before retrieval (uses intents)' },
  { room: 'search', why: 'query analysis, the index, ranking (uses knowledge, intents, text)' },
  {
    room: 'engine/brain.ts',
    why: 'the immutable Brain built from knowledge, intents and search; the dialog answers from it, so it sits below dialog although it lives in engine/ beside the Engine that swaps it',
  },
  {
    room: 'signals',
    why: 'demand grouping by meaning, labels, verdicts on answers (uses the Brain’s analyzer and matcher features); the dialog asks it for a signal’s key, storage keeps what it decides, the engine runs it',
  },
  { room: 'dialog', why: 'the decision, the reply texts and the Session type with its SessionStore interface (uses the Brain, search, safety, intents)' },
  { room: 'storage', why: 'the interaction log, its read side and shared state behind interfaces, with their implementations; needs only the contract and the dialog’s Session type' },
  { room: 'signals/weekly', why: 'the weekly report’s figures: read from storage’s Reports and the knowledge version store, for admin and `npm run report`' },
  { room: 'engine', why: 'Engine.ask: normalise, run the dialog on the stored session, record; and the wiring that opens storage (create.ts)' },
  { room: 'channels', why: 'thin adapters: they get the contract’s ChannelContext; the command-line ones start the engine through engine/create' },
  { room: 'admin', why: 'admin pages: the engine’s public methods and the storage read side, through its own AdminContext' },
  { room: 'server', why: 'Express app, start/stop, metrics, logger: builds the context and mounts every channel and admin' },
];

/**
 * Commands are the top of the house: they start whatever they need (knowledge:check builds
 * a brain and prints its problems) and nothing imports them.
 */
export function isEntryPoint(file: string): boolean {
  return file === 'main.ts' || file.endsWith('-cli.ts') || file.startsWith('channels/cli/');
}

/** Pairs ruled out even though the order would allow them (architecture.md). */
const FORBIDDEN: { from: string; to: string; why: string }[] = [
  { from: 'channels', to: 'storage', why: 'channels know nothing of storage: they record through ask() and note()' },
];

/** The room of a file (path relative to src/): the longest matching room, file or folder. */
export function roomOf(file: string): number {
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach(({ room }, i) => {
    const matches = room.endsWith('.ts') ? file === room : file.startsWith(room + '/');
    if (matches && room.length > bestLength) {
      best = i;
      bestLength = room.length;
    }
  });
  return best;
}

/** Every violation in a map of file → the src-relative files it imports. */
export function violations(imports: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, targets] of imports) {
    for (const target of targets) {
      if (isEntryPoint(target)) out.push(`${file} imports the command ${target}`);
      if (isEntryPoint(file)) continue;
      const from = roomOf(file);
      const to = roomOf(target);
      if (from < 0) out.push(`${file}: its folder is not placed in LAYERS`);
      else if (to < 0) out.push(`${target} (imported by ${file}): its folder is not placed in LAYERS`);
      else if (to > from) out.push(`${file} (${LAYERS[from]?.room}) imports upward: ${target} (${LAYERS[to]?.room})`);
      for (const rule of FORBIDDEN) {
        if (file.startsWith(rule.from + '/') && target.startsWith(rule.to + '/')) out.push(`${file} imports ${target}: ${rule.why}`);
      }
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each src file (relative) → its imports: project files as src-relative .ts paths, packages as named. */
function readImports(): { project: Map<string, string[]>; packages: Map<string, string[]> } {
  const project = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const path of sourceFiles(SRC)) {
    const file = relative(SRC, path);
    const specifiers = ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
    project.set(file, specifiers.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(dirname(path), s)).replace(/\.js$/, '.ts')));
    packages.set(file, specifiers.filter((s) => !s.startsWith('.')));
  }
  return { project, packages };
}

const { project, packages } = readImports();

describe('layering', () => {
  test('no file imports a room above its own', () => {
    expect(violations(project)).toEqual([]);
  });

  test('the checker catches an upward import, a forbidden pair, an unplaced folder and an imported command', () => {
    const found = violations(
      new Map([
        ['storage/types.ts', ['engine/engine.ts', 'contract/reply.ts']],
        ['channels/http/api.ts', ['server/context.ts', 'storage/types.ts']],
        ['dialog/dialog.ts', ['engine/brain.ts']],
        ['newroom/x.ts', ['text/mask.ts']],
        ['server/app.ts', ['knowledge/check-cli.ts']],
      ]),
    );
    expect(found).toEqual([
      'storage/types.ts (storage) imports upward: engine/engine.ts (engine)',
      'channels/http/api.ts (channels) imports upward: server/context.ts (server)',
      'channels/http/api.ts imports storage/types.ts: channels know nothing of storage: they record through ask() and note()',
      'newroom/x.ts: its folder is not placed in LAYERS',
      'server/app.ts imports the command knowledge/check-cli.ts',
    ]);
  });

  test('every imported project file exists (the resolution above is right)', () => {
    const files = new Set(project.keys());
    const missing = [...project.values()].flat().filter((t) => !files.has(t));
    expect(missing).toEqual([]);
  });

  test('the contract imports nothing: no project file outside it, no package', () => {
    for (const [file, targets] of project) {
      if (!file.startsWith('contract/')) continue;
      expect({ file, imports: targets.filter((t) => !t.startsWith('contract/')) }).toEqual({ file, imports: [] });
      expect({ file, packages: packages.get(file) }).toEqual({ file, packages: [] });
    }
  });

  test('only storage touches better-sqlite3 or writes SQL', () => {
    const sql = /['"`]\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|BEGIN|DROP)\s/;
    const outside = [...packages.keys()].filter((f) => !f.startsWith('storage/'));
    expect(outside.filter((f) => packages.get(f)?.includes('better-sqlite3'))).toEqual([]);
    expect(outside.filter((f) => sql.test(readFileSync(join(SRC, f), 'utf8')))).toEqual([]);
  });
});
