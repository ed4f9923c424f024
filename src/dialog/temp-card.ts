/**
 * "能先弄个临时的不", "这几天要住旅馆 没证不让住 有临时的吗", "来不及的话还有啥办法吗 坐高铁住酒店
 * 都要用": asked after a lost or expiring ID card, the temporary card is what the citizen
 * needs while the new one is made. The card items all speak of the temporary card, so the
 * follow-up says nothing the topic does not know and stayed on it; the temporary card's
 * own item (found by its title, in a category named after the topic's: 临时居民身份证) answers instead.
 */
import type { Brain } from '../engine/brain.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import { titledItems } from './titled.js';

const TEMP_TITLE = /临时/;
/** The card items a temporary card is asked after: lost, expiring, made away from home. */
const CARD_TITLE = /补领|换领|异地|跨省/;

/** A temporary card asked for, or a way to manage until the new card comes. */
const ASKS_TEMPORARY =
  /临时(的|身份证|证|居民身份证)|先(办|弄|开|领)个?(能用的|临时)|(这几天|这段时间|等新证|新证下来之前|拿到之前)[^，。,.!?！？]{0,12}(坐火车|坐高铁|坐车|坐飞机|住旅馆|住酒店|住宿|登记|咋整|咋办|怎么办)|(来不及|拿不到|赶不上)(的话|吧)?[^，。,.!?！？]{0,8}(办法|咋办|怎么办|咋整|咋进|怎么进)/;

/** In a first question, where a temporary card is often background ("一直用临时身份证凑合 … 想把正式的
 *  补回来"), only asking to get one counts ("sfz过期了 人在这边回不去老家 能办个临时的不", dev AX). */
const GETS_TEMPORARY = /(办|弄|开|领)(个|一个|张|一张)?临时|有临时的?(身份证|证)?(吗|不|么|没)/;

/**
 * The temporary card's item, when `topic` is a card item and the message asks for one; else null.
 * `first`: the message is a first question (the card item is the matcher's reading, not a topic).
 */
export function tempCardFor(brain: Pick<Brain, 'items'>, topic: KnowledgeItem, text: string, first = false): KnowledgeItem | null {
  if (TEMP_TITLE.test(topic.title) || !CARD_TITLE.test(topic.title) || !(first ? GETS_TEMPORARY : ASKS_TEMPORARY).test(text)) return null;
  return titledItems(brain, TEMP_TITLE).find((i) => i.kind === topic.kind && i.category.includes(topic.category)) ?? null;
}

/** The real card asked about after the temporary one ("那正式的补办要多久"): replaced, or renewed. */
const REAL_CARD = /正式(的|身份证|证)/;
const REAL_CARD_TITLES: [RegExp, RegExp][] = [
  [/补/, /遗失补领/],
  [/换|到期|过期/, /到期换领/],
];

/**
 * The card item for the real card, when `topic` is the temporary card's and the follow-up asks
 * how to replace or renew the real one (dev BA); else null.
 */
export function realCardAfterTemp(brain: Pick<Brain, 'items'>, topic: KnowledgeItem, text: string): KnowledgeItem | null {
  if (!TEMP_TITLE.test(topic.title) || !REAL_CARD.test(text)) return null;
  const title = REAL_CARD_TITLES.find(([said]) => said.test(text))?.[1];
  return (title && titledItems(brain, title).find((i) => i.kind === topic.kind)) || null;
}

