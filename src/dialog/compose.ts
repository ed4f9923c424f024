/**
 * Reply texts: how an item, a section, a menu or an apology reads on a phone screen.
 * Plain text with light structure (【】 headings, numbered lines), because WeChat shows
 * no Markdown. Local facts come from offices.yaml through `render`.
 */
import type { Brain } from '../engine/brain.js';
import type { ReplyOption } from '../contract/reply.js';
import { HOUSEHOLD_CATEGORIES, type KnowledgeItem } from '../knowledge/types.js';
import type { OutOfScopeTopic } from '../intents/types.js';

/** The pseudo-section that shows an item's legal basis (front matter `basis`). */
export const BASIS = '依据';

/** Sections a citizen is offered from an item's menu, in order. */
export const MENU_SECTIONS = ['办理条件', '办理流程', '所需材料', '办理时限', '收费依据及标准', '受理部门'];

/** Lead sections shown in full with a whole-item answer (not household: those use the menu). */
const LEAD_SECTION = '答复要点';

/** Markdown a phone shows badly → plain text. */
function plain(markdown: string): string {
  return markdown
    .replace(/^#{3,6}\s*/gm, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/^\s*[-*]\s+/gm, '· ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function render(brain: Brain, markdown: string): string {
  return plain(brain.knowledge.offices.render(markdown));
}

function heading(item: KnowledgeItem, section?: string): string {
  const year = item.year ? `（${item.year}年）` : '';
  return section ? `【${item.title}${year} · ${section}】` : `【${item.title}${year}】`;
}

export function sectionNames(item: KnowledgeItem): string[] {
  if (item.kind === 'household') return [...MENU_SECTIONS, BASIS];
  return [...item.sections.map((s) => s.name).filter((n) => n !== LEAD_SECTION), BASIS];
}

export function hasSection(item: KnowledgeItem, name: string): boolean {
  return name === BASIS || item.sections.some((s) => s.name === name);
}

/**
 * An item's section menu. Built once per item and shared: every session that talks about
 * the item keeps this menu, and at 100,000 sessions per-session copies cost ~40 MB.
 */
const menus = new WeakMap<KnowledgeItem, readonly ReplyOption[]>();

export function sectionOptions(item: KnowledgeItem): readonly ReplyOption[] {
  let menu = menus.get(item);
  if (!menu) {
    menu = Object.freeze(sectionNames(item).map((name, i) => Object.freeze({ n: i + 1, id: `${item.id}#${name}`, title: name })));
    menus.set(item, menu);
  }
  return menu;
}

function basisText(item: KnowledgeItem): string {
  return `依据：${item.basis.join('；')}`;
}

/** A whole item: the short answer, the lead section if any, and a menu of the rest. */
export function itemText(brain: Brain, item: KnowledgeItem, options: readonly ReplyOption[]): string {
  const lead = item.sections.find((s) => s.name === LEAD_SECTION);
  const parts = [heading(item), render(brain, item.summary)];
  if (lead) parts.push(render(brain, lead.body));
  return withMenu(parts.join('\n\n'), options);
}

/** A reply's text with the item's menu under it ("回复数字查看：" and the sections), if any. */
function withMenu(text: string, options: readonly ReplyOption[]): string {
  return options.length ? `${text}\n\n${['回复数字查看：', ...options.map((o) => `${o.n}. ${o.title}`)].join('\n')}` : text;
}

/** What a section answer says last, unless the item's menu follows instead. */
const ASK_MORE = '可继续问这个事项的材料、流程、时限、费用、地点。';

/**
 * Facts a citizen asks about that an item may state in several sections, and how to find
 * their lines there (fields.yaml names them: "办理条件/谁来办理"). Who may apply, whether in
 * person or through a relative, is a condition to citizens; the items say it where it
 * applies (本人带材料 in the steps, 委托书 in the materials, 户主 or 亲属 in the conditions).
 */
export const WHO_APPLIES = '谁来办理';
/** A fact of 办理条件 too: by when the citizen must (or may) act, and how long a document is
 *  valid. Writers of blind-written sets label such questions 办理条件 (the brief's "rules of
 *  the matter such as validity periods"), while items often state the deadline under 办理时限
 *  ("城市在 3 日以内…申报迁入登记"), beside the office's own processing time. */
const DEADLINE = '期限';
const FACTS: Record<string, { heading: string; line: RegExp; otherwise: string | null }> = {
  [WHO_APPLIES]: {
    heading: '谁来办理（摘自本事项各节）',
    line: /委托(?!的社区)|代办|代为|代理|受托|监护人|陪同|本人(?:带|到|或|亲自|申请|申报|前往|办理|（)|户主(?:或|代|持|带|到)|亲属(?:代|办|申|带)|父母一方(?:带|到)|抚养人/,
    otherwise: '本事项没有写明能否由他人代办；能否代办、代办要带什么，以派出所告知为准。',
  },
  [DEADLINE]: {
    heading: '期限与有效期（摘自本事项各节）',
    // The citizen's own deadlines and a document's validity, not how long the office takes
    // ("45 日内发证"): the verbs after 以内 are the citizen's (申报, 申请, 落户 …).
    line: /有效期|期满之日前|到期前|葬前|申报期限|(?:以内|之内|日内|天内|个月内)[^。；，]{0,8}(?:申报|申请|换领|落户|注销|登记|办理)/,
    otherwise: null,
  },
};

/** The lines of an item's other sections about one fact (FACTS), each once. */
function factLines(brain: Brain, item: KnowledgeItem, fact: string, shown: string): string | null {
  const about = FACTS[fact];
  if (!about) return null;
  const lines = item.sections
    .filter((s) => MENU_SECTIONS.includes(s.name) && s.name !== '受理部门')
    .flatMap((s) => s.body.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l && about.line.test(l) && !shown.includes(l));
  const unique = [...new Set(lines)].map((l) => render(brain, l.replace(/^(\d+\.|[-*])\s*/, '- ')));
  if (!unique.length && about.otherwise === null) return null;
  return `【${about.heading}】\n${unique.length ? unique.join('\n') : about.otherwise}`;
}

/** One section of an item, with its legal basis, and the item's menu under it when given;
 *  with `fact`, the item's lines about that fact from its other sections too; with `also`,
 *  further sections after it, each under its own heading. */
export function sectionText(brain: Brain, item: KnowledgeItem, name: string, menu: readonly ReplyOption[] = [], fact: string | null = null, also: readonly string[] = []): string {
  if (name === BASIS) {
    return [heading(item, BASIS), ...item.basis.map((b) => `· ${b}`), `（信息核实日期：${item.updated}）`].join('\n');
  }
  const section = item.sections.find((s) => s.name === name);
  const body = section ? render(brain, section.body) : render(brain, item.summary);
  const about = fact && factLines(brain, item, fact, section?.body ?? '');
  const more = also.flatMap((n) => item.sections.filter((s) => s.name === n)).map((s) => `${heading(item, s.name)}\n${render(brain, s.body)}`);
  const text = [heading(item, name), body, ...(about ? [about] : []), ...more, basisText(item)].join('\n\n');
  return menu.length ? withMenu(text, menu) : `${text}\n\n${ASK_MORE}`;
}

export function clarifyText(options: ReplyOption[]): string {
  return ['您想问的是哪一项？请回复数字：', ...options.map((o) => `${o.n}. ${o.title}`)].join('\n');
}

export const ASK_WHICH_ITEM =
  '请问您要办理哪项业务？例如：“居住证要什么材料”“身份证补办多少钱”“出生登记去哪办”。回复“帮助”可查看我能回答的全部事项。';

export function fallbackText(brain: Brain, topics: OutOfScopeTopic[]): string {
  const hints = [...new Set(topics.map((t) => t.hint))];
  const reply = render(brain, brain.intents.fallback.reply);
  return hints.length ? `${hints.join('\n')}\n\n${reply}` : reply;
}

/** The help menu: the intent's text and what the knowledge covers, by area. */
export function helpText(brain: Brain, intro: string): string {
  const byCategory = new Map<string, string[]>();
  for (const item of brain.knowledge.items) {
    const list = byCategory.get(item.category) ?? [];
    list.push(item.title.replace(/（.*?）/g, ''));
    byCategory.set(item.category, list);
  }
  const lines: string[] = [];
  for (const category of HOUSEHOLD_CATEGORIES) {
    const titles = byCategory.get(category);
    if (titles) lines.push(`· ${category}：${titles.slice(0, 4).join('、')}${titles.length > 4 ? '等' : ''}`);
  }
  if (byCategory.has('政府信息公开')) lines.push('· 政府信息公开：怎么申请、答复期限、收费、不予公开的情形、不服怎么办');
  if (byCategory.has('年度报告')) lines.push('· 年度报告：本局政府信息公开工作年度报告中的数据');
  return [render(brain, intro), ...lines, '', '例如：“身份证丢了怎么补办”“居住证要什么材料”“申请信息公开多久答复”。紧急情况请拨打 110。'].join('\n');
}
