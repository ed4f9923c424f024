/**
 * "在这边买了房 能落户不" then "老婆孩子能跟着一起迁过来吗": family moving along with the move the
 * conversation is about (随迁) is that move's condition, not a child joining its parents or a
 * spouse's own move, though the matcher reads 孩子 and 迁过来 as those (dev BU, BY). Only a
 * topic whose own text speaks of family moving along (随迁) keeps such a follow-up: the
 * knowledge, not a list here, says which moves take family with them. A family move itself
 * (投靠: joining a spouse, a parent, a child) does not: the child a wife brings along joins its
 * mother, a move of its own (move-minor-to-parents, as eight dev writers label it).
 */
import type { KnowledgeItem } from '../knowledge/types.js';

const FAMILY = '(老婆|媳妇|爱人|妻子|丈夫|老公|对象|孩子|娃|小孩|儿子|闺女|女儿|父母|爸妈|老人|家属|家里人|一家|全家)';
const ALONG = '(跟着|随着|一起|一块儿?|一道|随迁|也能|也可以|能不能也)';
/** Family named, then along, then moving: 媳妇孩子能跟着一块儿落过来不, 家属能随迁吗. */
const FAMILY_ALONG = new RegExp(`${FAMILY}[^。!?！？]{0,8}${ALONG}[^。!?！？]{0,6}(迁|落|过来|办|来)`);
/** The topic's text speaks of family moving along with it; a family move's title says 投靠. */
const TAKES_FAMILY = /随迁/;
const FAMILY_MOVE = /投靠/;

/** Whether the message asks if family may move along with `topic`'s move, and the topic takes family. */
export function asksFamilyAlong(topic: KnowledgeItem, text: string): boolean {
  return FAMILY_ALONG.test(text) && !FAMILY_MOVE.test(topic.title) && topic.sections.some((s) => TAKES_FAMILY.test(s.body));
}
