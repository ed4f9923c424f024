/**
 * Look-alike items the message itself tells apart, whatever the matcher leans to: each rule
 * takes the item read (the top item, a topic, or one of the items asked back between) and the
 * message, and names the look-alike the message tells of, found by title, or null. The rules,
 * in the order tried:
 *
 * - someone seven or older without a 户口, a child's age, a child's first card (age.ts);
 * - a residence permit replaced or renewed (permit-renewal.ts);
 * - this city's side of leaving it (move-out-side.ts);
 * - where a child was born (born-abroad.ts);
 * - a cancellation for someone who died (death-told.ts);
 * - how long one must live here for a residence permit (permit-stay.ts);
 * - coming back to settle after emigrating (settle-back.ts);
 * - a child joining parents whose own move is done (child-after-parents.ts);
 * - an entry written wrong on a 户口簿 or a card (written-wrong.ts);
 * - a move into a home one bought oneself, or a child's into a home bought for school (own-home.ts);
 * - a move out after a divorce (after-divorce.ts);
 * - a parent who lives with a grown child, or a grandparent moving in (parent-follows-child.ts);
 * - a child born to parents who never married (unmarried-birth.ts);
 * - graduating after enrolling, and staff hired rather than students or graduates (school-stage.ts);
 * - a card thought lost and found again, asked of its expiry (found-again.ts);
 * - a 户口簿 replaced by someone living away, not the card's cross-province service (book-not-card.ts).
 *
 * Between items asked back between only (a conversation's topic carries what the message leaves
 * out, so these do not move a follow-up): a move asked with no reason told (bare-move.ts).
 */
import type { Brain } from '../engine/brain.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import { firstCardForChild, itemForAge, unregisteredForAge } from './age.js';
import { afterDivorce } from './after-divorce.js';
import { bareMove } from './bare-move.js';
import { bookNotCard } from './book-not-card.js';
import { bornWhereItem } from './born-abroad.js';
import { childAfterParents } from './child-after-parents.js';
import { deathCancellation } from './death-told.js';
import { foundAgain } from './found-again.js';
import type { ItemScore } from './evidence.js';
import { moveOutSide } from './move-out-side.js';
import { childIntoBoughtHome, ownHome } from './own-home.js';
import { grandparentMovesIn, parentFollowsChild, parentJoinsChild } from './parent-follows-child.js';
import { permitRenewal } from './permit-renewal.js';
import { permitForStay } from './permit-stay.js';
import { graduateAfterEnrol, hiredByEmployer, hiredNotEnrolled } from './school-stage.js';
import { settleBack } from './settle-back.js';
import { unmarriedBirth } from './unmarried-birth.js';
import { writtenWrongRules } from './written-wrong.js';

type Rule = (brain: Brain, item: KnowledgeItem, text: string) => KnowledgeItem | null | undefined;

const RULES: readonly Rule[] = [unregisteredForAge, itemForAge, firstCardForChild, permitRenewal, moveOutSide, bornWhereItem, deathCancellation, permitForStay, settleBack, childAfterParents, ...writtenWrongRules, ownHome, childIntoBoughtHome, afterDivorce, parentFollowsChild, parentJoinsChild, grandparentMovesIn, unmarriedBirth, graduateAfterEnrol, hiredNotEnrolled, hiredByEmployer, foundAgain, bookNotCard];
const AMONG_RULES: readonly Rule[] = [bareMove];

/** The look-alike of `item` the message tells of, for a first question and a follow-up alike; else null. */
export function toldApart(brain: Brain, item: KnowledgeItem, text: string): KnowledgeItem | null {
  return firstTold(RULES, brain, item, text);
}

function firstTold(rules: readonly Rule[], brain: Brain, item: KnowledgeItem, text: string): KnowledgeItem | null {
  for (const rule of rules) {
    const told = rule(brain, item, text);
    if (told) return told;
  }
  return null;
}

/**
 * Among items asked back between ("您想问的是哪一项？"), the one the message tells apart from
 * another of them ("能不能先告诉我换居住证要带什么": the renewal, not the application); else null.
 */
export function toldAmong(brain: Brain, choices: readonly ItemScore[], text: string): KnowledgeItem | null {
  for (const choice of choices) {
    const item = brain.items.get(choice.id);
    const told = item && (toldApart(brain, item, text) ?? firstTold(AMONG_RULES, brain, item, text));
    if (told && choices.some((c) => c.id === told.id)) return told;
  }
  return null;
}
