/**
 * "户口在洛阳 想迁到广州 老婆在那边 ‖ 还得回洛阳跑一趟吗": whatever takes the citizen's 户口 out of
 * this city (a spouse, a job, a home bought elsewhere), a question about this city's side of it
 * (going back to it for the move-out, what must be done here) is the general move-out item's,
 * which tells how the move-out works since the one-stop reform. The matcher leans to the reason
 * (夫妻投靠, 人才落户). Dev writers file these, and the move told as leaving this city for another, under
 * 户口迁出 (dev AW, U, F, T), and a
 * move *into* this city asked the same way ("嫁到洛阳了 要先回老家开迁出吗") under its reason
 * (dev AI, AN, P), so only this city named as the side left counts. Items found by title.
 */
import type { Brain } from '../engine/brain.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import { placeStem } from '../intents/home.js';
import { titledItems } from './titled.js';
import { escapeRegExp } from '../intents/match.js';

const MOVE_OUT_TITLE = /户口迁出/;

const patterns = new WeakMap<object, RegExp | null>();

/** Going back to this city for the move-out, or what this city's side must do. */
function leavingHere(brain: Pick<Brain, 'knowledge'>): RegExp | null {
  let re = patterns.get(brain.knowledge);
  if (re === undefined) {
    const city = brain.knowledge.offices.get('city');
    const here = city ? escapeRegExp(placeStem(city)) : null;
    re = here
      ? new RegExp(
          `(回|到|去)${here}[^，。,.!?！？]{0,6}(跑一趟|跑一下|开迁移证|开户口迁移证|办迁出|迁出)|${here}这边[^，。,.!?！？]{0,3}(要办啥|要办什么|要开啥|要开什么|办啥|开啥)` +
            // … or the move told as leaving this city for another ("从洛阳把户口迁去杭州", "户口在洛阳 想迁到广州").
            `|从${here}[^，。,.!?！？]{0,6}(迁到|迁去|迁往|迁出)(?!${here})|户口在${here}[^。!?！？]{0,8}(迁到|迁去|迁往)(?!${here})`,
        )
      : null;
    patterns.set(brain.knowledge, re);
  }
  return re;
}

/**
 * The move-out item, when `item` is a move item and the message asks about this city's side of
 * leaving; else null. A follow-up on the move-out itself stays there (the conversation read
 * together would move it to the reason told before).
 */
export function moveOutSide(brain: Pick<Brain, 'items' | 'knowledge'>, item: KnowledgeItem, text: string): KnowledgeItem | null {
  if (!leavingHere(brain)?.test(text)) return null;
  return titledItems(brain, MOVE_OUT_TITLE).find((i) => i.kind === item.kind && i.category === item.category) ?? null;
}
