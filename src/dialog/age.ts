/**
 * The child's age decides between items that differ only in it: 新生儿出生登记 (within a month
 * of birth) and 补报出生登记 (later). A follow-up that tells the other age ("已经一个半月了",
 * "要是过了一个月才去呢") moves to the item of the same category for that age; the conversation
 * read together would stay on the first, whose words ("新生儿") it repeats.
 *
 * Which items those are is read from their phrasings, not written anywhere: an item is for one
 * age when at least `MARKED` of its phrasings tell that age (the matcher's age roles, roles.ts)
 * and at most `STRAY` the other. On the shipped knowledge: birth-newborn 125 of 269 newborn, 2
 * late; birth-late 101 of 175 late, 4 newborn; no other item above 21% (idcard-first, late).
 */
import type { Brain } from '../engine/brain.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import { childAge } from '../search/matcher/roles.js';

type Age = 'newborn' | 'late';

const MARKED = 0.3;
const STRAY = 0.05;

const ages = new WeakMap<object, Map<string, Age>>();

/** The items marked for one age, by id (computed once per knowledge). */
function agesOf(brain: Pick<Brain, 'knowledge'>): Map<string, Age> {
  let out = ages.get(brain.knowledge);
  if (!out) {
    out = new Map();
    for (const f of brain.knowledge.phrasings) {
      const told = { newborn: 0, late: 0 };
      for (const p of f.phrasings) {
        const age = childAge(p.text);
        if (age) told[age]++;
      }
      const n = f.phrasings.length || 1;
      const [newborn, late] = [told.newborn / n, told.late / n];
      if (newborn >= MARKED && late <= STRAY) out.set(f.label, 'newborn');
      else if (late >= MARKED && newborn <= STRAY) out.set(f.label, 'late');
    }
    ages.set(brain.knowledge, out);
  }
  return out;
}

/** The item of the topic's category for the age a follow-up tells, when it is not the topic's. */
export function itemForAge(brain: Pick<Brain, 'knowledge' | 'items'>, topic: KnowledgeItem, text: string): KnowledgeItem | undefined {
  const marked = agesOf(brain);
  const own = marked.get(topic.id);
  if (!own) return undefined;
  const told = childAge(text);
  if (!told || told === own) return undefined;
  const id = [...marked].find(([id, age]) => age === told && brain.items.get(id)?.category === topic.category)?.[0];
  return id ? brain.items.get(id) : undefined;
}
