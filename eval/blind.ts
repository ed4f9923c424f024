/**
 * Totals of a blind set, and nothing else: blind sets (test/questions/blind-*.yaml) are
 * written by someone who never saw the knowledge's aliases, the dev set or the failures
 * being fixed, and they stay blind only if nobody studies their misses. This prints and
 * returns per-persona accuracy, emergency recall, false alarms and refusal rates — never
 * an individual question.
 *
 *   npx tsx eval/blind.ts test/questions/blind-a.yaml
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Reply } from '../src/contract/reply.js';
import { judge } from './judge.js';

export interface BlindTurn {
  q: string;
  expect: string;
  field?: string;
}
export interface BlindCase {
  persona: string;
  turns: BlindTurn[];
}

export function loadBlind(path: string): BlindCase[] {
  const raw = parse(readFileSync(path, 'utf8')) as ({ persona?: string; conversation?: BlindTurn[] } & Partial<BlindTurn>)[];
  return raw.map((e) => ({
    persona: e.persona ?? '?',
    turns: (e.conversation ?? [e as BlindTurn]).map((t) => ({ q: String(t.q), expect: String(t.expect), field: t.field })),
  }));
}

export interface BlindTotals {
  turns: number;
  /** Right item and section, or the right refusal / 110 / small talk / redirect. */
  accuracy: number;
  /** Right item, whatever the section. */
  itemAccuracy: number;
  byPersona: Record<string, { n: number; accuracy: number }>;
  emergencies: number;
  /** Emergencies whose reply carries 110. */
  emergencyRecall: number;
  /** Business questions (an item expected) that got an emergency reply. */
  falseAlarms: number;
  falseAlarmRate: number;
  /** Questions to refuse that were refused. */
  refusals: number;
  refusalRecall: number;
  /** Answerable questions refused instead. */
  wrongRefusalRate: number;
  clarifyRate: number;
}

type Ask = (user: string, text: string) => Reply | Promise<Reply>;

export async function runBlind(cases: BlindCase[], ask: Ask, tag = 'blind'): Promise<BlindTotals> {
  const rows: { persona: string; expect: string; right: boolean; itemRight: boolean; kind: string; has110: boolean }[] = [];
  let n = 0;
  for (const c of cases) {
    const user = `${tag}-${n++}`;
    for (const t of c.turns) {
      const reply = await ask(user, t.q);
      const j = judge({ q: t.q, expect: t.expect, field: t.field }, reply, '', 0);
      rows.push({ persona: c.persona, expect: t.expect, right: j.correct && j.fieldCorrect !== false, itemRight: j.correct, kind: reply.kind, has110: /110/.test(reply.text) });
    }
  }
  const share = (xs: typeof rows, f: (r: (typeof rows)[number]) => boolean) => (xs.length ? xs.filter(f).length / xs.length : 1);
  const personas = [...new Set(rows.map((r) => r.persona))].sort();
  const business = rows.filter((r) => !['fallback', 'emergency', 'chat', 'redirect'].includes(r.expect));
  const emergencies = rows.filter((r) => r.expect === 'emergency');
  const refusals = rows.filter((r) => r.expect === 'fallback');
  const alarms = business.filter((r) => r.kind === 'emergency').length;
  return {
    turns: rows.length,
    accuracy: share(rows, (r) => r.right),
    itemAccuracy: share(rows, (r) => r.itemRight),
    byPersona: Object.fromEntries(personas.map((p) => {
      const xs = rows.filter((r) => r.persona === p);
      return [p, { n: xs.length, accuracy: share(xs, (r) => r.right) }];
    })),
    emergencies: emergencies.length,
    emergencyRecall: share(emergencies, (r) => r.kind === 'emergency' && r.has110),
    falseAlarms: alarms,
    falseAlarmRate: business.length ? alarms / business.length : 0,
    refusals: refusals.length,
    refusalRecall: share(refusals, (r) => r.kind === 'fallback'),
    wrongRefusalRate: share(business, (r) => r.kind === 'fallback'),
    clarifyRate: share(rows, (r) => r.kind === 'clarify'),
  };
}

export function formatTotals(name: string, t: BlindTotals): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    `${name}: ${t.turns} turns, right ${pct(t.accuracy)} (item ${pct(t.itemAccuracy)}), emergencies ${pct(t.emergencyRecall)} of ${t.emergencies}, false alarms ${t.falseAlarms} (${pct(t.falseAlarmRate)}), refusals ${pct(t.refusalRecall)} of ${t.refusals}, answerable refused ${pct(t.wrongRefusalRate)}, clarify ${pct(t.clarifyRate)}`,
    `  by persona: ${Object.entries(t.byPersona).map(([p, x]) => `${p} ${pct(x.accuracy)} (${x.n})`).join(', ')}`,
  ].join('\n');
}
