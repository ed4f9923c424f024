/**
 * The child's age decides between items that differ only in it: 新生儿出生登记 (within a month
 * of birth) and 补报出生登记 (later). A follow-up that tells the other age ("已经一个半月了",
 * "要是过了一个月才去呢") moves to the item of the same category for that age; the conversation
 * read together would stay on the first, whose words ("新生儿") it repeats. A first question
 * that tells the age ("孩子生下来40天了 …算不算晚了") is moved the same way, however sure the
 * matcher is of the other (dev AU, O, AR: 3 turns right, none lost).
 *
 * Which items those are is read from their phrasings, not written anywhere: an item is for one
 * age when at least `MARKED` of its phrasings tell that age (the matcher's age roles, roles.ts)
 * and at most `STRAY` the other. On the shipped knowledge: birth-newborn 125 of 269 newborn, 2
 * late; birth-late 101 of 175 late, 4 newborn; no other item above 21% (idcard-first, late).
 */
import type { Brain } from '../engine/brain.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import { childAge } from '../search/matcher/roles.js';
import { smallNumber } from '../text/chinese-number.js';
import { titledItems } from './titled.js';

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

/**
 * Years told of someone without a 户口 ("十几岁了还没户口", "快十岁了", "现在二十好几了"): from seven
 * on the dev writers file it under 无户口人员登记 (36 of 36 turns), up to six under 补报出生登记
 * (56 of 56), whatever the papers. Null when no age in years is told.
 */
const YEARS_DIGITS = /(\d{1,2})\s*(?:周)?岁/;
const YEARS_WORDS = /(?<![一二两三四五六七八九])(十[一二三四五六七八九]?|[一二两俩三四五六七八九])(?:周)?岁/;
const GROWN = /十几岁|十多岁|十来岁|二十多|二十好几|三十多|成年了|上初中|上高中|初中了|高中了/;

export function yearsTold(text: string): number | null {
  const d = YEARS_DIGITS.exec(text);
  if (d) return Number(d[1]);
  const w = YEARS_WORDS.exec(text)?.[1];
  if (w) return smallNumber(w);
  return GROWN.test(text) ? 14 : null;
}

/** From this age, a late registration is filed as a person without a 户口. */
const GROWN_FROM = 7;
const LATE_TITLE = /补报出生/;
const UNREGISTERED_TITLE = /无户口/;

/** The item for someone without a 户口 when `item` is the late birth registration and the message tells six years or more; else null. */
export function unregisteredForAge(brain: Pick<Brain, 'items'>, item: KnowledgeItem, text: string): KnowledgeItem | null {
  if (!LATE_TITLE.test(item.title)) return null;
  const years = yearsTold(text);
  if (years === null || years < GROWN_FROM) return null;
  return titledItems(brain, UNREGISTERED_TITLE).find((i) => i.kind === item.kind) ?? null;
}

/**
 * A child's card asked about with nothing said of an old one ("儿童身份证有效期几年啊", "那二宝
 * 十二岁 也能顺便办个身份证吗") is a first application: a child under sixteen who has a card
 * says it is lost or running out. The matcher leans to renewal on 有效期 and 办.
 */
const CHILD_CARD = /儿童身份证|(小孩|孩子|宝宝|娃|儿童)的?身份证/;
const OLD_CARD = /过期|到期|丢|补|换|掉了|被偷|被抢|找不到|找不着|坏了/;
const CARD_AT_HOME_TITLE = /换领|补领/;
const FIRST_TITLE = /首次申领/;
const CARD_FROM = 16;

export function firstCardForChild(brain: Pick<Brain, 'items'>, item: KnowledgeItem, text: string): KnowledgeItem | null {
  if (!CARD_AT_HOME_TITLE.test(item.title) || OLD_CARD.test(text)) return null;
  const years = yearsTold(text);
  if (!((years !== null && years < CARD_FROM && /身份证/.test(text)) || CHILD_CARD.test(text))) return null;
  return titledItems(brain, FIRST_TITLE).find((i) => i.kind === item.kind && i.category === item.category) ?? null;
}

/**
 * Among items that score alike, the one for the age the message tells ("娃生下来俩多月了 没顾上
 * 上户口 还能上不", "孩子过了一个多月才去上户口"), when the items are those marked for an age;
 * null when the message tells none or the items are not all so marked.
 */
export function choiceForAge(brain: Pick<Brain, 'knowledge' | 'items'>, ids: readonly string[], text: string): KnowledgeItem | null {
  const marked = agesOf(brain);
  if (!ids.every((id) => marked.has(id))) return null;
  const told = childAge(text);
  const id = told && ids.find((i) => marked.get(i) === told);
  return (id && brain.items.get(id)) || null;
}
