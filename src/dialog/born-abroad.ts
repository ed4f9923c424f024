/**
 * Where a child was born decides between the registration of a child born abroad and the
 * others, whatever the matcher leans to:
 *
 * - "俺闺女在澳洲生了个小外孙 能在咱这上户口不": born in a place abroad (the other-place list's
 *   `abroad` names, places.yaml) is the born-abroad item, though the matcher, reading 上户口
 *   and a newborn, leans to the newborn's registration (dev AY);
 * - "孩子在北京出生 回来上户口": born in a Chinese place (the list's `places`, this city and
 *   province, 外地/老家/外省) is the newborn's registration, or the late one for an age past a
 *   month, though the matcher reads 回来 as coming back from abroad.
 *
 * Only a birth told in that place ("在澳洲生", "在北京出生的") counts: 回国 and 出国 say where
 * someone went, though born after coming back ("回国以后生的") is born here. Items found by title.
 */
import type { Brain } from '../engine/brain.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import { homePlaces } from '../intents/home.js';
import { childAge } from '../search/matcher/roles.js';
import { titledItems } from './titled.js';
import { escapeRegExp } from '../intents/match.js';

const BIRTH_TITLE = /出生登记|出生子女户口登记/;
const ABROAD_TITLE = /国（境）外出生|国外出生|境外出生/;
const NEWBORN_TITLE = /新生儿出生登记/;
const LATE_TITLE = /补报出生登记/;
/** Parents settled abroad: their child born in China is still the born-abroad item's. */
const OVERSEAS_PARENTS = /华侨|侨胞|定居国外|国外定居|在国外定居|外籍|绿卡|永久居留/;
const BACK_THEN_BORN = /回国(?:以后|后|之后|了以后|了)[^，。,.!?！？ ]{0,4}(?:生|出生)/;
/** Places in China a birth may be told in besides the named ones. */
const HOME_WORDS = ['外地', '外省', '老家', '本地', '国内'];
/** Words of the abroad list that tell a movement, not a place. */
const NOT_A_PLACE = new Set(['出国', '回国']);

interface Births {
  abroad: RegExp | null;
  home: RegExp | null;
}

const patterns = new WeakMap<object, Births>();

/** "在X…生/出生/产" for any of these places. */
function bornIn(places: readonly string[]): RegExp | null {
  const sorted = [...places].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return sorted.length ? new RegExp(`(?:在|于)(?:${sorted.join('|')})[^，。,.!?！？ ]{0,4}(?:生|出生|产)`) : null;
}

function births(brain: Pick<Brain, 'intents' | 'knowledge'>): Births {
  let b = patterns.get(brain.intents);
  if (!b) {
    const other = brain.intents.otherPlace;
    const { offices } = brain.knowledge;
    const home = [...(other?.places ?? []), ...homePlaces(offices.get('city'), offices.get('province')), ...HOME_WORDS];
    const inPlace = bornIn(home);
    // Born after coming back ("回国以后生的") is born here too.
    b = { abroad: bornIn((other?.abroad ?? []).filter((p) => !NOT_A_PLACE.has(p))), home: inPlace && new RegExp(`${inPlace.source}|${BACK_THEN_BORN.source}`) };
    patterns.set(brain.intents, b);
  }
  return b;
}

/**
 * The birth registration for where the child was born, when `item` is another birth
 * registration and the message tells the birth's place; else null.
 */
export function bornWhereItem(brain: Pick<Brain, 'items' | 'intents' | 'knowledge'>, item: KnowledgeItem, text: string): KnowledgeItem | null {
  if (!BIRTH_TITLE.test(item.title)) return null;
  const { abroad, home } = births(brain);
  const find = (title: RegExp) => titledItems(brain, title).find((i) => i.kind === item.kind) ?? null;
  if (abroad?.test(text)) return ABROAD_TITLE.test(item.title) ? null : find(ABROAD_TITLE);
  // Parents who are 华侨 or settled abroad register a child born in China under the born-abroad item too (公通字〔2021〕12号第二十三条).
  if (ABROAD_TITLE.test(item.title) && home?.test(text) && !OVERSEAS_PARENTS.test(text)) return find(childAge(text) === 'late' ? LATE_TITLE : NEWBORN_TITLE);
  return null;
}

/**
 * The born-abroad item, when the message tells a birth abroad ("孩子在美国生的 已经有美国护照了
 * 还能在洛阳落户不", "在德国出生的宝宝，出生纸要不要翻译公证"): the matcher, reading a foreign
 * passport or a notarised translation, believes such a question is not ours (dev BA, H).
 */
export function bornAbroadItem(brain: Pick<Brain, 'items' | 'intents' | 'knowledge'>, text: string): KnowledgeItem | null {
  if (!births(brain).abroad?.test(text)) return null;
  return titledItems(brain, ABROAD_TITLE)[0] ?? null;
}

