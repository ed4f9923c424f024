/**
 * What the log keeps, and for how long, in SQLite (issue 13, finding 2):
 *
 * - Retention: interactions and verdicts older than RETENTION_DAYS are deleted, and with
 *   them every demand-signal example whose message is no longer kept anywhere, so no
 *   example outlives the message it came from; a label (the signal's most representative
 *   phrasing, an example too) goes the same way, replaced by an example still kept or
 *   none (the key names the signal then). A signal keeps its key (the demand's core
 *   words), counts, status, note and corrections: the bureau's record of unmet demand. (An
 *   example is kept while any interaction or verdict still kept says the same masked text:
 *   merges, moves and splits by admins need not be followed.)
 * - Masking rules change: what was stored under older rules is masked again with the
 *   current ones, once per rules version (kept in the `meta` table): interaction texts,
 *   verdicts' questions, signal examples, labels, keys and the examples in the grouping
 *   corrections. Run before the demand grouper loads the signals. The work on interactions
 *   goes in batches with the event loop free in between.
 *
 * SQLite's secure_delete (database.ts) zeroes what is deleted or overwritten; afterwards
 * the write-ahead log, which still holds the old pages, is emptied into the file.
 */
import type Database from 'better-sqlite3';
import { MASK_RULES_KEY, pruned, remasked, textsToCheck, type SignalTexts } from '../retention.js';
import { yieldToRequests } from '../../threads/yield.js';

const BATCH = 2_000;

/** Drop every example (and label) no interaction or verdict still kept says; how many signals changed. */
export function pruneExamples(db: Database.Database): number {
  const signals = (db.prepare("SELECT id, examples, label FROM signals WHERE examples != '[]' OR label IS NOT NULL").all() as { id: number; examples: string; label: string | null }[]).map(
    (s) => ({ ...s, examples: JSON.parse(s.examples) as string[] }),
  );
  const all = textsToCheck(signals);
  if (!all.length) return 0;
  const kept = new Set(
    (
      db
        .prepare(
          `SELECT text FROM interactions WHERE text IN (SELECT value FROM json_each(@all))
           UNION SELECT question FROM feedback WHERE question IN (SELECT value FROM json_each(@all))`,
        )
        .all({ all: JSON.stringify(all) }) as { text: string }[]
    ).map((r) => r.text),
  );
  const write = db.prepare('UPDATE signals SET examples = ?, label = ? WHERE id = ?');
  let changed = 0;
  for (const s of signals) {
    const next = pruned(s, kept);
    if (next) changed += write.run(JSON.stringify(next.examples), next.label, s.id).changes;
  }
  return changed;
}

/** Delete interactions and verdicts before `olderThan` and the examples only they held; how many interactions went. */
export function purge(db: Database.Database, olderThan: Date): number {
  const at = olderThan.toISOString();
  const removed = db.transaction(() => {
    const n = db.prepare('DELETE FROM interactions WHERE at < ?').run(at).changes;
    const verdicts = db.prepare('DELETE FROM feedback WHERE at < ?').run(at).changes;
    if (n || verdicts) pruneExamples(db);
    return n + verdicts;
  })();
  if (removed) forgetOldPages(db);
  return removed;
}

/** The write-ahead log still holds the pages as they were: copy it into the file and empty it. */
function forgetOldPages(db: Database.Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Mask a column of text rows again, in batches; how many changed. */
async function remaskColumn(db: Database.Database, table: 'interactions' | 'feedback', column: 'text' | 'question', mask: (text: string) => string): Promise<number> {
  const page = db.prepare(`SELECT id, ${column} AS value FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`);
  const set = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE id = ?`);
  let changed = 0;
  for (let after = 0; ; ) {
    const rows = page.all(after, BATCH) as { id: number; value: string }[];
    if (!rows.length) return changed;
    changed += db.transaction(() => {
      let n = 0;
      for (const r of rows) {
        const masked = mask(r.value);
        if (masked !== r.value) n += set.run(masked, r.id).changes;
      }
      return n;
    })();
    after = rows[rows.length - 1]?.id ?? after;
    await yieldToRequests();
  }
}

/**
 * Mask again what was stored under older rules (once per `version`); resolves with the
 * number of texts, examples, labels and keys changed.
 */
export async function remask(db: Database.Database, mask: (text: string) => string, version: string): Promise<number> {
  const done = db.prepare('SELECT value FROM meta WHERE key = ?').get(MASK_RULES_KEY) as { value: string } | undefined;
  if (done?.value === version) return 0;
  let changed = (await remaskColumn(db, 'interactions', 'text', mask)) + (await remaskColumn(db, 'feedback', 'question', mask));
  const maskAll = (json: string) => JSON.stringify((JSON.parse(json) as string[]).map(mask));

  changed += db.transaction(() => {
    let n = 0;
    const signals = (db.prepare('SELECT id, key, label, examples FROM signals').all() as (Omit<SignalTexts, 'examples'> & { examples: string })[]).map((s) => ({
      ...s,
      examples: JSON.parse(s.examples) as string[],
    }));
    const taken = db.prepare('SELECT 1 FROM signals WHERE key = ?');
    const update = db.prepare('UPDATE signals SET key = ?, label = ?, examples = ? WHERE id = ?');
    for (const s of signals) {
      const next = remasked(s, mask, (key) => !!taken.get(key));
      if (next) n += update.run(next.key, next.label, JSON.stringify(next.examples), s.id).changes;
    }
    const corrections = db.prepare('SELECT id, examples FROM signal_corrections').all() as { id: number; examples: string }[];
    const updateCorrection = db.prepare('UPDATE signal_corrections SET examples = ? WHERE id = ?');
    for (const c of corrections) {
      const examples = maskAll(c.examples);
      if (examples !== c.examples) n += updateCorrection.run(examples, c.id).changes;
    }
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(MASK_RULES_KEY, version);
    return n;
  })();
  if (changed) forgetOldPages(db);
  return changed;
}
