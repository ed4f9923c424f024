/**
 * "申请政府信息公开要交钱吗 想查某个派出所的执法数据", "申请书应载明哪些内容": how to apply for
 * disclosure is the item the matcher leans on for any question that tells of an application,
 * while the question asks one fact of it, which an item of its own holds (the fee, what the
 * application must say, how long the reply takes). Disclosure items have no sections to
 * route such a fact to, so the fact picks the item, found by its title.
 */
import type { Brain } from '../engine/brain.js';
import type { AnalyzedQuery } from '../search/analyze.js';
import type { KnowledgeItem } from '../knowledge/types.js';
import type { ItemScore } from './evidence.js';
import { titledItems } from './titled.js';

/** The general item facts are taken from. */
const HUB_TITLE = /怎样申请/;

/** `anyItem`: the fact asked alone ("要花钱不", no other word) after any disclosure item, not only
 *  the hub (after asking for help writing the application: dev AO); the others only make sense of
 *  an application, and a fee word beside others (对收费决定不服, 举报民警收钱) is about those. */
const FACTS: readonly { asks: (query: AnalyzedQuery) => boolean; title: RegExp; anyItem?: boolean }[] = [
  // 要钱吗, 收费不: the field phrases of the fee.
  { asks: (q) => q.field === '收费依据及标准', title: /收费/, anyItem: true },
  // 申请书应载明哪些内容, 有固定格式吗 哪些项必须填写.
  { asks: (q) => /(申请书?|申请表)[^，。,.!?！？]{0,10}(载明|写明|写哪些|写什么|哪些内容|什么内容|格式|必须填|哪些项)/.test(q.text), title: /写明的内容/ },
  // 逾期未答复 … 可通过何种途径救济: what to do about no reply in time (dev AX, BC, K). "一个多月了还没回复
  // 正常吗" asks the time limit, not a remedy.
  { asks: (q) => NO_REPLY.test(q.text) && REMEDY.test(q.text), title: /救济途径/ },
  // 多少天能回, 多久答复: the reply's time.
  { asks: (q) => q.field === '办理时限', title: /答复期限/ },
];

/** No reply to an application (逾期未获答复, 没有回复), and a remedy asked for. */
const NO_REPLY = /(未|没|不)(予|有|获|得到)?(答复|回复)/;
const REMEDY = /途径|救济|维权|复议|诉讼|起诉|措施|渠道/;

function titled(brain: Pick<Brain, 'items'>, title: RegExp): KnowledgeItem | undefined {
  return titledItems(brain, title).find((i) => i.kind === 'disclosure');
}

/** The disclosure item for the fact the message asks, when `item` is the how-to-apply hub (or, for
 *  some facts, any disclosure item); else null. */
export function disclosureFactItem(brain: Pick<Brain, 'items'>, item: KnowledgeItem, query: AnalyzedQuery): KnowledgeItem | null {
  if (item.kind !== 'disclosure') return null;
  const hub = HUB_TITLE.test(item.title);
  for (const { asks, title, anyItem } of FACTS) {
    if (!(hub || (anyItem && !query.concepts.length)) || !asks(query)) continue;
    const fact = titled(brain, title);
    if (fact && fact !== item) return fact;
  }
  return null;
}

/** Asking how to apply, in so many words. */
const HOW_TO_APPLY = /(怎么|咋|如何|怎样|能不能|能|可以)(在网上|网上|线上|书面|当面)?(提出|提交)?申请/;

/**
 * Among disclosure items that score alike with the how-to-apply hub among them, the one the
 * message decides: the fact it asks (disclosureFactItem), else the hub when it asks how to apply.
 */
export function disclosureChoice(brain: Pick<Brain, 'items'>, choices: readonly ItemScore[], query: AnalyzedQuery): KnowledgeItem | null {
  const items = choices.map((c) => brain.items.get(c.id));
  if (items.some((i) => !i || i.kind !== 'disclosure')) return null;
  const hub = items.find((i) => i && HUB_TITLE.test(i.title));
  if (!hub) return null;
  return disclosureFactItem(brain, hub, query) ?? (HOW_TO_APPLY.test(query.text) ? hub : null);
}

/** Where the annual report itself can be read ("去哪看你们2020年的…年报", "年度报告在何处可查阅"). */
const WHERE_REPORT = /(年报|年度报告|报告全文)[^，。,.!?！？]{0,6}(在哪|去哪|哪里|何处|哪儿|在什么地方)[^，。,.!?！？]{0,4}(看|查|找|查阅|下载)|(在哪|去哪|哪里|何处|哪儿)[^，。,.!?！？]{0,4}(看|查|找|查阅|下载)[^，。,.!?！？]{0,16}(年报|年度报告)/;
const REPORTS_TITLE = /年度报告/;

/**
 * Where the annual report is to be read is the disclosure item about the reports, not the
 * report's overview the matcher leans to when the message names the year: null unless `item`
 * is a report item and the message asks where the report is.
 */
export function whereReport(brain: Pick<Brain, 'items'>, item: KnowledgeItem, text: string): KnowledgeItem | null {
  // (Figures on a subject asked for, "…数据在年报哪里能看到", are that subject's report item.)
  if (item.kind !== 'report' || !WHERE_REPORT.test(text) || /数据|多少|几件|情况/.test(text)) return null;
  return titled(brain, REPORTS_TITLE) ?? null;
}
