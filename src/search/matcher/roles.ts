/**
 * Who and when, as features: the facts that tell neighbouring items apart but that a bag
 * of words cannot see. "把我爸妈的户口迁到我这" and "把孩子的户口迁到我这" share every
 * word that matters except who moves; "孩子刚满月" and "孩子两岁了还没上户口" differ only
 * in how old the child is. These patterns read those roles and turn them into features
 * (r:mover=parent, r:dest=child, a:newborn …) the linear model can weigh.
 *
 * The mover is the last person named shortly before the verb of moving (in "我爸妈的户口"
 * that is 爸妈, not 我); the destination is the first person named after it in the same clause,
 * or the speaker for 迁过来 ("moved over here").
 */
import { smallNumber } from '../../text/chinese-number.js';

const ROLE: Record<string, string> = {};
const add = (role: string, words: string[]) => words.forEach((w) => (ROLE[w] = role));
add('parent', ['爸妈', '父母', '老两口', '二老', '老丈人', '丈母娘', '岳父', '岳母', '公公', '婆婆', '老爷子', '老太太', '爸爸', '妈妈', '爸', '妈', '爹', '娘', '老人', '父亲', '母亲']);
add('child', ['俺儿', '我儿', '咱儿', '孩子', '儿子', '女儿', '闺女', '娃', '孙子', '孙女', '外孙', '小孩', '宝宝', '妮儿', '孩儿', '子女', '儿女', '二宝', '大宝']);
add('spouse', ['老婆', '媳妇', '老公', '丈夫', '妻子', '爱人', '对象', '男人', '另一半']);
add('self', ['我', '俺', '自己', '本人']);
const PERSON = new RegExp(Object.keys(ROLE).sort((a, b) => b.length - a.length).join('|'), 'g');

const TOWARD = /(迁到|迁往|迁去|迁进|迁入|落到|落在|转到|投靠|投奔|挂到|放到)/g;
const HITHER = /(迁过来|迁来|落过来|迁回来|挪过来|转过来)/g;
/** How far before the verb the mover may be named, and after it the destination. */
const BEFORE = 16;
const AFTER = 6;

/** A number as citizens type it (俩 and 仨 too); months leave out 一 (一个月 is still in time). */
const N = '[一二三四五六七八九十两俩仨几0-9]+';
const AGE: [string, RegExp][] = [
  // 满月了 is a month old, still a newborn's registration to every writer; 过了满月 is past it.
  // 半个月 (出生半个月了, dev BH) is within the month; 一个半月 is past it (JUST_PAST_A_MONTH).
  ['newborn', new RegExp(`(刚出生|刚生|刚满月|(?<![过出]了?)满月|刚生下|才生|生了?${N}天|出生${N}天|月子|(?<!一个)半个月)`)],
  ['late', new RegExp(`([两俩仨三四五六七八九十几0-9]+个?多?月|半年|半岁|一岁|${N}岁|好几年|几年了|十几年|[过出]了?满月)`)],
];

// (Not said as a rule: "超过一个月就麻烦了" tells no age.)
const JUST_PAST_A_MONTH = /一个(多|半)月|(过|超过|超)了?一个月(?!就|会|要|得|的话|以上的)/;

/** A child's age told in days ("生下来40天了", "出生四十五天"): past a month is late. */
const DAYS = /(?:生下来|出生|生了|生|满|已经|都)(\d{1,3}|[二三四五六七八九]?十[一二三四五六七八九]?)多?天/;
const A_MONTH_OF_DAYS = 31;

function daysTold(text: string): number | null {
  const n = DAYS.exec(text)?.[1];
  return n ? smallNumber(n) : null;
}

/**
 * The child's age a message tells, if any: past the first month wins when both are told. A
 * month and a half (一个半月, 过了一个月) is late here too; the features leave it out, since
 * outside a child's registration "申请一个多月了" is a wait, not an age.
 */
export function childAge(text: string): 'newborn' | 'late' | null {
  const told = AGE.filter(([, re]) => re.test(text)).map(([age]) => age);
  if (JUST_PAST_A_MONTH.test(text) || (daysTold(text) ?? 0) > A_MONTH_OF_DAYS) told.push('late');
  return told.includes('late') ? 'late' : told.includes('newborn') ? 'newborn' : null;
}

/** The destination is named before the clause ends: in "迁到深圳 我在那边上班" 我 is not where the 户口 goes. */
function clause(text: string): string {
  return text.split(/[\s，。,.!?！？；;]/, 1)[0] ?? '';
}

function people(text: string): string[] {
  return [...text.matchAll(PERSON)].map((m) => ROLE[m[0]] as string);
}

export function roleFeatures(text: string): string[] {
  const out = new Set<string>();
  const note = (mover: string | undefined, dest: string | undefined) => {
    if (mover) out.add(`r:mover=${mover}`);
    if (dest) out.add(`r:dest=${dest}`);
    if (mover && dest) out.add(`r:${mover}>${dest}`);
  };
  for (const m of text.matchAll(TOWARD)) {
    const at = m.index ?? 0;
    note(people(text.slice(Math.max(0, at - BEFORE), at)).at(-1), people(clause(text.slice(at + m[0].length, at + m[0].length + AFTER)))[0]);
  }
  for (const m of text.matchAll(HITHER)) {
    const at = m.index ?? 0;
    note(people(text.slice(Math.max(0, at - BEFORE), at)).at(-1), 'self');
  }
  for (const [age, re] of AGE) if (re.test(text)) out.add(`a:${age}`);
  return [...out];
}
