/**
 * The training set: every labelled message the knowledge and intents folders hold.
 *
 * Items are learned from their citizens' phrasings (knowledge/phrasings/), their aliases
 * and their title; intents from theirs (intents/phrasings/ and the intents' examples).
 * Messages that must be refused (other departments, the bureau's services the knowledge
 * does not hold) form one class of their own, so "not ours" is learned from examples
 * instead of guessed from a keyword list.
 */
import type { Intents } from '../../intents/types.js';
import type { Knowledge } from '../../knowledge/types.js';
import { normalize } from '../../text/normalize.js';

/** Class labels that are not items. */
export const LABELS = {
  outOfScope: '@out_of_scope',
  emergency: '@emergency',
  handoff: '@handoff',
  complaint: '@complaint',
  chat: (name: string) => `@chat:${name}`,
} as const;

export function isItemLabel(label: string): boolean {
  return !label.startsWith('@');
}

export interface Labelled {
  text: string;
  label: string;
  /** The section asked for ("" = the whole matter); null where sections do not apply. */
  field: string | null;
  source: 'phrasing' | 'alias' | 'title' | 'example';
  /** Who would write it (elderly, migrant …), where the phrasing says: for per-persona measurement. */
  persona?: string;
}

export function trainingSet(knowledge: Knowledge, intents: Intents): Labelled[] {
  const out: Labelled[] = [];
  // Phrasings come normalised from their loader (phrasings.ts); titles, aliases and examples do not.
  const add = (text: string, label: string, source: Labelled['source'], field: string | null = null, persona?: string | null) => {
    const t = source === 'phrasing' ? text : normalize(text).text;
    if (t) out.push({ text: t, label, field, source, ...(persona ? { persona } : {}) });
  };
  for (const item of knowledge.items) {
    add(item.title.replace(/（.*?）/g, ''), item.id, 'title');
    for (const a of item.aliases) add(a, item.id, 'alias');
  }
  // Household phrasings teach sections too: a phrasing without one asks about the whole matter.
  const household = new Set(knowledge.items.filter((i) => i.kind === 'household').map((i) => i.id));
  for (const f of knowledge.phrasings) {
    for (const p of f.phrasings) add(p.text, f.label, 'phrasing', household.has(f.label) ? (p.field ?? '') : null, p.persona);
  }

  const itemIds = new Set(knowledge.items.map((i) => i.id));
  for (const f of intents.training) {
    for (const p of f.phrasings) {
      if (f.label === 'not_emergency') {
        // Police or danger words in a paperwork question: learned as what they ask about.
        const expect = p.tags['expect'];
        if (expect && itemIds.has(expect)) add(p.text, expect, 'phrasing', null, p.persona);
        else if (expect === 'fallback') add(p.text, LABELS.outOfScope, 'phrasing', null, p.persona);
        continue;
      }
      add(p.text, intentLabel(f.label), 'phrasing', null, p.persona);
    }
  }
  for (const c of intents.chat) for (const e of c.examples) add(e, LABELS.chat(c.name), 'example');
  for (const e of intents.handoff.examples) add(e, LABELS.handoff, 'example');
  return out;
}

function intentLabel(name: string): string {
  switch (name) {
    case 'out_of_scope':
      return LABELS.outOfScope;
    case 'emergency':
      return LABELS.emergency;
    case 'handoff':
      return LABELS.handoff;
    case 'complaint':
      return LABELS.complaint;
    default:
      return LABELS.chat(name);
  }
}
