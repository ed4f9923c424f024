/**
 * Our business the message tells outright, which the matcher's "not ours" (learned from the
 * other departments' questions that share its background words) does not override:
 *
 * - "刚来洛阳 租的房子 房东不给登记": a tenant whose landlord will not help with the registration
 *   asks about their own residence registration (居住登记); the matcher, taught that renting is
 *   the housing office's business, read not ours at 0.73–0.95. The landlord's own rental
 *   registration (房东要去做出租房屋登记) is not this.
 * - "考研报名要户籍证明 户口在洛阳 人在外地学校那边能开吗": a 户籍证明 asked to be issued is the
 *   item on household certificates (what can and cannot be issued), however much the exam or the
 *   school around it reads as education's (not ours 0.92).
 * - "签注要带啥": a bare 签注 is the residence permit's yearly endorsement.
 *
 * Items found by title. (A birth abroad told is the born-abroad item's, with its own conditions:
 * born-abroad.ts.)
 */
import type { Brain } from '../engine/brain.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import { titledItems } from './titled.js';

const RULES: readonly { says: RegExp; title: RegExp }[] = [
  // The landlord refusing (不给, 不让, 不配合 …) the tenant's registration or permit.
  { says: /房东[^。!?！？]{0,8}(不给|不让|不肯|不同意|不配合|不愿意|不愿)[^。!?！？]{0,6}(登记|居住证|暂住证|居住登记|报住|登上)/, title: /^居住登记$/ },
  // A bare 签注, with no travel document or trip named: the residence permit's yearly endorsement
  // (three dev writers, P, AZ, BE: "签注要带啥"); 港澳通行证签注 and 赴港商务签注 stay the exit-entry office's.
  { says: /^(?!.*(港|澳|台|通行证|护照|出入境|签证|旅游|出国|出境|商务|探亲|个人游|团队游|留学)).*签注/, title: /居住证签注/ },
  // A 户籍证明 (户口证明) to be issued: where, how, whether it can be.
  { says: /(户籍证明|户口证明)[^。!?！？]{0,24}(能开|能不能开|可以开|在哪开|去哪开|哪里开|哪儿开|咋开|怎么开|开不开|给开)/, title: /户籍类证明/ },
];

/** The item the message tells outright it asks about, whatever the matcher reads as not ours; else null. */
export function toldOurs(brain: Pick<Brain, 'items'>, text: string): KnowledgeItem | null {
  const rule = RULES.find((r) => r.says.test(text));
  return rule ? titledItems(brain, rule.title)[0] ?? null : null;
}
