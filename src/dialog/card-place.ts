/**
 * Where the citizen wants the card made: away from the place of their 户口 (异地, 跨省通办), or
 * there. The matcher reads "外地" anywhere in a message as away; the dev writers (six sets, 27
 * turns) drew the line by where the card is to be applied for:
 *
 * - away: "在上海上班 身份证丢了 能在上海补吗", "广州能直接换吗", "在深圳补办湖南的身份证",
 *   "我户口在山东 …" (another province's 户口, applied for here), "非本省户籍 换领身份证";
 * - home: "我户口在洛阳 在外地打工回来 补身份证要带啥", "他在外地上学回不来 我在老家能替他补不"
 *   (someone applies for them at home), "前年封控在外地 … 现在回来了能补换吗", in the city or
 *   county itself ("村里人说得回乡里换 俺搁洛阳城里住哩 在城里能换不").
 *
 * Only a statement of the place decides; a message that says neither is left to the matcher.
 * The items are found by their titles within the top item's category: the one "异地/跨省" is
 * away; at home, the one "补领" for a lost card, "换领" for an expiring one.
 */
import type { Brain } from '../engine/brain.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import { homeDistricts, homePlaces, placeStem } from '../intents/home.js';
import { escapeRegExp } from '../intents/match.js';

type Where = 'away' | 'home';

const AWAY_TITLE = /异地|跨省/;
const LOST_TITLE = /补领/;
const RENEW_TITLE = /换领/;

/** Applying (补, 换, 办 …, after "能", "可以", "直接"), not something done there already ("在外地办了张电话卡"). */
const APPLY = '(?:能|可以|能不能|可不可以|咋|怎么|直接|给)*(?:补|换|办|申请|领)(?!了)';
/** Away words that stand for a place ("在那边补", "当地能换吗"). */
const AWAY_WORDS = ['外地', '外省', '异地', '跨省', '当地', '那边', '那里', '工作地', '打工的地方'];
/** Between a place and the applying: "深圳这边能不能直接换". */
const HERE_THERE = '(?:这边|那边|这里|那里|当地)?';
/** 户口 (not 户口本) said to be somewhere. */
const HUKOU_AT = '户口(?![本簿页])(?:就|还|是|都)?(?:在|是)';
/** Not wanting to go back to apply: "非得回老家换吗", "不想专门回洛阳换", "不回去能办吗". */
const NOT_GOING_BACK = /(?:非得|必须|一定要|只能)(?:跑)?回[^，。,.!?！？ ]{0,4}(?:换|补|办)|不(?:想|用|能|愿意)?(?:专门|特意)?(?:跑)?回(?:老家|去|来)?[^，。,.!?！？ ]{0,4}(?:换|补|办)|不回去/;
/** Someone at home applies for the one away ("能让我妈在洛阳替我补吗"), or the citizen is back home. */
const AT_HOME = /(?:替|帮)(?:他|她|孩子|儿子|闺女|娃)[^，。,.!?！？ ]{0,3}(?:补|换|办)|(?:让|叫)[^，。,.!?！？ ]{1,6}(?:替|帮)(?:我|俺)[^，。,.!?！？ ]{0,3}(?:补|换|办)|代办|家里人|打工回来|回来了|回到家/;
const LOST = /丢|掉了|被偷|被抢|遗失|找不到|找不着|补办|补一个|补个|补身份证|补证/;
const EXPIRED = /到期|过期|期满|快满|有效期/;

interface Patterns {
  away: RegExp;
  hukouAway: RegExp;
  hukouHome: RegExp;
  /** Back home to apply ("回这边能直接补吗"), not asked whether one must go back ("还是要回洛阳补"). */
  backHome: RegExp;
  /** The citizen is somewhere else now ("人在武汉上学", "在深圳上班"): their 户口 at home says nothing of where they apply. */
  presentAway: RegExp;  /** Applying in the city or county itself ("俺搁洛阳城里住 在城里能换不", "县城能补不"). */
  inCity: RegExp;
  /** Another place named anywhere (then 城里 may be that place's). */
  otherPlace: RegExp;
}

const patterns = new WeakMap<object, Patterns>();

function compiled(brain: Pick<Brain, 'intents' | 'knowledge'>): Patterns {
  let p = patterns.get(brain.intents);
  if (!p) {
    const { offices } = brain.knowledge;
    const home = homePlaces(offices.get('city'), offices.get('province'));
    const districts = homeDistricts(offices.get('districts'));
    const others = (brain.intents.otherPlace?.places ?? []).filter((x) => !home.includes(placeStem(x)));
    const alt = (xs: string[]) => xs.map(escapeRegExp).join('|') || '(?!)';
    const elsewhere = alt([...others, ...AWAY_WORDS]);
    p = {
      away: new RegExp(`(?:${elsewhere})${HERE_THERE}${APPLY}`),
      // The province said before another of its cities ("户口在河南周口") is that city's.
      hukouAway: new RegExp(`${HUKOU_AT}(?:(?:${alt(home)})省?)?(?:${alt(others)})|非本省|外省户口|外地户口|(?:${alt(others)})户口`),
      hukouHome: new RegExp(`${HUKOU_AT}(?:${alt([...home, ...districts])}|本地|本市|这边|咱这)(?!省?(?:${alt(others)}))|(?:${alt(home)}|本地|本市)户口`),
      backHome: new RegExp(`(?<!要|得|必须|还是)回(?:这边|来|${alt(home)})(?:了|以后|之后)?(?:能|可以)?(?:直接)?(?:补|换)`),
      presentAway: new RegExp(`人在(?:${elsewhere})|在(?:${elsewhere})[^，。,.!?！？ ]{0,4}(?:上班|上学|打工|实习|读书|工作|厂里)`),
      inCity: new RegExp(`(?:在|搁|到)?(?:${alt(home)})?(?:城里|市里|市区|城区|县城|县里)[^，。,.!?！？ ]{0,2}(?:能|可以|能不能)?(?:直接)?(?:换|补|办)`),
      otherPlace: new RegExp(alt(others)),
    };
    patterns.set(brain.intents, p);
  }
  return p;
}

/** Where the message says the card is to be made, or null when it does not say. */
export function cardMadeWhere(brain: Pick<Brain, 'intents' | 'knowledge'>, text: string): Where | null {
  const p = compiled(brain);
  if (p.away.test(text) || NOT_GOING_BACK.test(text) || p.hukouAway.test(text)) return 'away';
  if (AT_HOME.test(text) || p.backHome.test(text)) return 'home';
  if (p.inCity.test(text) && !p.otherPlace.test(text)) return 'home';
  if (p.hukouHome.test(text) && !p.presentAway.test(text)) return 'home';
  return null;
}

interface CardFamily {
  /** The item for a card made away from home (its title says 异地 or 跨省). */
  away: KnowledgeItem;
  /** The items for a card made at home: lost (补领) and expiring (换领). */
  home: KnowledgeItem[];
}

/** Item → the card family it belongs to, per knowledge (computed once: this runs on every answer). */
const families = new WeakMap<object, Map<string, CardFamily>>();

function familyOf(items: ReadonlyMap<string, KnowledgeItem>, item: KnowledgeItem): CardFamily | undefined {
  let byItem = families.get(items);
  if (!byItem) {
    byItem = new Map();
    const all = [...items.values()];
    // The lost and renewed cards of each category, found in one pass: comparing every away item
    // with every item was quadratic (270 ms on the first answer at 5,000 items, bench/RESULTS.md).
    const homes = new Map<string, KnowledgeItem[]>();
    const group = (i: KnowledgeItem) => `${i.kind}\u0000${i.category}`;
    for (const i of all) {
      if (!LOST_TITLE.test(i.title) && !RENEW_TITLE.test(i.title)) continue;
      const members = homes.get(group(i));
      if (members) members.push(i);
      else homes.set(group(i), [i]);
    }
    for (const away of all.filter((i) => AWAY_TITLE.test(i.title))) {
      const home = (homes.get(group(away)) ?? []).filter((i) => i !== away);
      for (const member of [away, ...home]) byItem.set(member.id, { away, home });
    }
    families.set(items, byItem);
  }
  return byItem.get(item.id);
}

/**
 * The ID card item for where the message says the card is to be made (`item` itself when it
 * already is), among `item`'s category; null when `item` is no such card item or the message
 * does not say.
 */
export function cardItemForPlace(brain: Pick<Brain, 'intents' | 'knowledge' | 'items'>, item: KnowledgeItem, text: string): KnowledgeItem | null {
  const family = familyOf(brain.items, item);
  if (!family) return null;
  const { away, home } = family;
  const where = cardMadeWhere(brain, text);
  if (where === 'away') return away;
  if (where !== 'home') return null;
  if (item !== away) return item;
  const wanted = EXPIRED.test(text) ? RENEW_TITLE : LOST.test(text) ? LOST_TITLE : null;
  return (wanted && home.find((i) => wanted.test(i.title) && !(wanted === RENEW_TITLE && LOST_TITLE.test(i.title)))) ?? null;
}

/** The sibling of `item` for where the card is to be made, when the message says and the item is not already it; otherwise null. */
export function placedCard(brain: Pick<Brain, 'intents' | 'knowledge' | 'items'>, item: KnowledgeItem, text: string): KnowledgeItem | null {
  const placed = cardItemForPlace(brain, item, text);
  return placed && placed !== item ? placed : null;
}
