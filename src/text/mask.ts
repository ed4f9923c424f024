/**
 * Personal-data masking: applied to every message before anything is stored (the
 * interaction log, demand signals and their examples, and so the dashboard and exports).
 *
 * Citizens paste their 身份证号, 手机号 and bank-card numbers into a chat without thinking,
 * introduce themselves and say where they live. None of that may reach the database. We
 * mask generously: a false positive costs a few hidden characters in a report, a false
 * negative leaks a citizen's identity.
 *
 * Order matters. Invisible characters go first (a zero-width space inside a number would
 * hide it from every pattern), then what contains digits and letters (e-mail, QQ, 微信号,
 * passports, plates), then addresses and names, and last the bare digit runs.
 */
import { maskAddresses, maskNames } from './mask-people.js';
import { maskDigitRuns, maskEmail, maskLetteredIds, maskPlates, maskQq, maskWechatId } from './mask-numbers.js';
import { stripInvisible } from './invisible.js';

/**
 * The version of the rules below. Change it whenever they change: at the next start the
 * server masks again, once, what was stored under the older rules (storage's `remask`).
 */
export const MASK_RULES = '2026-11 issue 13';

export const MASKS = {
  idNumber: '[身份证号]',
  mobile: '[手机号]',
  phone: '[电话号码]',
  bankCard: '[银行卡号]',
  number: '[长数字]',
  email: '[邮箱]',
  qq: '[QQ号]',
  wechat: '[微信号]',
  plate: '[车牌号]',
  passport: '[证件号]',
  name: '[姓名]',
  address: '[地址]',
} as const;

export type MaskKind = keyof typeof MASKS;

/** Full-width and compatibility forms to plain (１３８ → 138, ① → 1), invisible characters out. */
export function cleanForMasking(text: string): string {
  return stripInvisible(text.normalize('NFKC'))
    // Combining marks on digits, Latin letters or punctuation (1\u0301) only hide them.
    .replace(/(?<=[\p{Nd}A-Za-z\p{P}\p{S}\s])\p{M}+/gu, '');
}

export function maskPersonalData(text: string): string {
  let out = cleanForMasking(text);
  out = maskEmail(out, MASKS.email);
  out = maskQq(out, MASKS.qq);
  out = maskWechatId(out, MASKS.wechat);
  out = maskLetteredIds(out, MASKS.passport);
  out = maskPlates(out, MASKS.plate);
  out = maskAddresses(out, MASKS.address);
  out = maskNames(out, MASKS.name);
  return maskDigitRuns(out, (kind) => MASKS[kind === 'qq' ? 'qq' : kind]);
}
