/**
 * "在这边能补吗", "户口能上在这边吗", "在洛阳能换身份证不": whether one may do a business at a
 * place asks two facts at once, whether one may (办理条件) and where (受理部门): the answer
 * holds both (companions.ts). This file says which messages ask it.
 */
import type { Brain } from '../engine/brain.js';
import { homePlaces } from '../intents/home.js';
import { escapeRegExp } from '../intents/match.js';

/** A place as citizens name the one they are at or mean: here, there, a city or province. */
const NEAR = ['这边', '这儿', '这里', '这', '当地', '本地', '那边', '那儿', '外地', '外省', '学校这边', '学校那边', '学校', '户籍地', '老家', '俺这', '俺这儿', '俺这边', '我这', '我这边', '咱这', '咱这儿', '咱这边'];
/** Doing the business (补, 换, 办, 上户口, 落户, 注销 …). */
const DO = '(?:补|换|办|上|落|迁|注销|销户|开|签)';
/** The question's end: 吗, 不, 么, 没, 中不中, 行不行, 能不能 …. */
const ASK = '(?:吗|不|么|没|中不中|行不行|能不能|可不可以|可以不|[?？])';

const patterns = new WeakMap<object, RegExp>();

function compiled(brain: Pick<Brain, 'intents' | 'knowledge'>): RegExp {
  let re = patterns.get(brain.intents);
  if (!re) {
    const { offices } = brain.knowledge;
    const places = [...homePlaces(offices.get('city'), offices.get('province')), ...(brain.intents.otherPlace?.places ?? []), ...NEAR]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    const place = `(?:${places})`;
    const may = '(?:能|可以|能不能|可不可以)';
    re = new RegExp(
      [
        // 在这边能补吗, 在洛阳能换身份证不, 能在这补吗, 能不能在这边补
        `(?:${may}[^，。,.!?！？ ]{0,2})?(?:在|到|回)${place}(?:这边|那边)?[^，。,.!?！？ ]{0,2}${may}?[^，。,.!?！？ ]{0,2}(?:直接)?${DO}[^，。,.!?！？ ]{0,6}${ASK}`,
        // 能不能在学校这边换 (the question said first)
        `(?:能不能|可不可以)(?:在|到|回)${place}(?:这边|那边)?[^，。,.!?！？ ]{0,2}(?:直接)?${DO}`,
        // 户口能上在这边吗, 能落我这吗, 能上俺洛阳这边不 (the place after the doing)
        `${may}${DO}(?:在|到)?(?:俺|我|咱)?${place}(?:这边|那边)?[^，。,.!?！？ ]{0,2}${ASK}`,
        // 身份证异地能补办吗, 外地可以办不 (away from home, no 在 said: dev AV)
        `(?:异地|外地|外省|跨省)${may}[^，。,.!?！？ ]{0,2}(?:直接)?${DO}[^，。,.!?！？ ]{0,6}${ASK}`,
        // 孩子户口上哪边, 随谁那边 (which parent's place)
        `(?:上|落|报|随|跟)(?:哪边|谁那边|谁那儿|谁那|哪头)`,
        // 打110能不能直接给我开个户籍证明 (110 taken for an office)
        `110[^，。,.!?！？ ]{0,4}${may}[^，。,.!?！？ ]{0,4}(?:给)?[^，。,.!?！？ ]{0,2}${DO}`,
        // 俺村那个派出所中不中, 镇上派出所能办不 (an office near home named)
        `(?:村|镇上|镇里|镇|乡里|乡上|乡|县里|县城|区里)[^，。,.!?！？ ]{0,4}(?:派出所|户籍窗口|户政)[^，。,.!?！？ ]{0,3}${may}?${DO}?[^，。,.!?！？ ]{0,2}${ASK}`,
      ].join('|'),
    );
    patterns.set(brain.intents, re);
  }
  return re;
}

/** Whether the message asks if the business may be done at a place. */
export function asksWhetherThere(brain: Pick<Brain, 'intents' | 'knowledge'>, text: string): boolean {
  return compiled(brain).test(text);
}
