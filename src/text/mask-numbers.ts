/**
 * Personal numbers and handles: 身份证号 (18 and old 15 digits), 手机号 and landlines,
 * bank cards, any other long number, e-mail, QQ, 微信号, licence plates, passports and
 * permits (港澳通行证 …), Hong Kong identity cards.
 *
 * A number counts as one however it is written: digits (any script, full-width, circled)
 * or Chinese numerals (一三八…, 幺, 壹贰叁), with up to three separator characters between
 * groups (spaces, . / _ , ， - — · and the like). The masker (mask.ts) strips invisible
 * characters before these patterns run.
 */

/**
 * Characters that may sit between the digit groups of one number. Not ':' (times: 8:30-12:00)
 * and not '、' (lists: 第1、2、3条), which nobody writes inside a phone or ID number.
 */
const SEP = String.raw`[\s.,/\\_|;~*#'"+=^()\-‐‑‒–—―−，。；·・•～“”‘’（）]`;
/** One digit: any script's decimal digit, or a Chinese numeral as phone numbers are read. */
const DIGIT = String.raw`[\p{Nd}零〇一二三四五六七八九幺壹贰叁肆伍陆柒捌玖]`;
const GAP = `${SEP}{0,3}`;
/** A run of digits with separators, and an ID's final X. */
const DIGIT_RUN = new RegExp(`${DIGIT}(?:${GAP}${DIGIT})*(?:${GAP}[xX](?![A-Za-z]))?`, 'gu');

const CHINESE_DIGITS: Record<string, string> = {
  零: '0', 〇: '0', 一: '1', 幺: '1', 壹: '1', 二: '2', 贰: '2', 三: '3', 叁: '3', 四: '4', 肆: '4',
  五: '5', 伍: '5', 六: '6', 陆: '6', 七: '7', 柒: '7', 八: '8', 捌: '8', 九: '9', 玖: '9',
};

/** The digits of a run as ASCII; a digit of another script we cannot read becomes '?'. */
function digitsOf(run: string): string {
  let out = '';
  for (const ch of run) {
    if (ch >= '0' && ch <= '9') out += ch;
    else if (CHINESE_DIGITS[ch]) out += CHINESE_DIGITS[ch];
    else if (/\p{Nd}/u.test(ch)) out += '?';
  }
  return out;
}

export type NumberKind = 'idNumber' | 'mobile' | 'phone' | 'bankCard' | 'number';

/** What a number with these digits is, or null when it is short enough to be harmless. */
export function classifyDigits(digits: string, endsWithX: boolean): NumberKind | null {
  const n = digits.length;
  if (endsWithX) return n === 17 ? 'idNumber' : null;
  if (/^(?:0086|86)?1[3-9]\d{9}$/.test(digits)) return 'mobile';
  if (n === 18 && /^[1-9]\d{16}[\d?]$/.test(digits)) return 'idNumber';
  if (n === 15 && /^[1-9]\d{14}$/.test(digits)) return 'idNumber';
  if (/^0\d{9,11}$/.test(digits)) return 'phone';
  if (n >= 12 && n <= 19 && /^\d+$/.test(digits)) return 'bankCard';
  if (n >= 11) return 'number';
  return null;
}

type Placeholder = (kind: NumberKind | 'qq') => string;

// A date (2020.1.1, 2020-12-31) or a range of them is a run of digits, but no one's number.
const DATE = String.raw`(?:19|20)\d\d[./-](?:0?[1-9]|1[0-2])[./-](?:0?[1-9]|[12]\d|3[01])`;
const DATES_ONLY = new RegExp(String.raw`^${DATE}(?:\s*[-~～—–至到]\s*${DATE})*$`);

/** Numbers of 11 or more digits however separated; a trailing X only as an ID's check digit. */
export function maskDigitRuns(text: string, placeholder: Placeholder): string {
  return text.replace(DIGIT_RUN, (run) => {
    if (DATES_ONLY.test(run)) return run;
    const x = /[xX]$/.test(run);
    const digits = digitsOf(run);
    const kind = classifyDigits(digits, x);
    if (kind) return placeholder(kind);
    if (!x) return run;
    // Not an ID: the X is an ordinary letter, the digits before it are judged alone.
    const body = run.replace(new RegExp(`${GAP}[xX]$`, 'u'), '');
    const bodyKind = classifyDigits(digitsOf(body), false);
    return bodyKind ? placeholder(bodyKind) + run.slice(body.length) : run;
  });
}

const QQ = new RegExp(String.raw`((?:qq|扣扣|企鹅)(?:号码|号|账号|帐号)?\s*(?:是|为|:)?\s*)(${DIGIT}(?:${GAP}${DIGIT})*)`, 'giu');

/** A QQ number is short (5–12 digits): only masked after a word that says it is one. */
export function maskQq(text: string, mask: string): string {
  return text.replace(QQ, (all, cue: string, run: string) => {
    const n = digitsOf(run).length;
    return n >= 5 && n <= 12 ? cue + mask : all;
  });
}

const EMAIL = /[A-Za-z0-9._%+-]+ ?@ ?[A-Za-z0-9-]+(?: ?\. ?[A-Za-z0-9-]+)*/g;
const WECHAT_ID = /((?:微信|威信|v信|vx|wx|weixin|wechat)(?:号码|号|账号|帐号|id)?\s*(?:是|为|:)?\s*)([A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])/giu;
const WXID = /wxid_[A-Za-z0-9]{4,}/gi;

export function maskEmail(text: string, mask: string): string {
  return text.replace(EMAIL, mask);
}

/** 微信号 after a word that says it is one, and WeChat's internal wxid_… anywhere. */
export function maskWechatId(text: string, mask: string): string {
  return text.replace(WXID, mask).replace(WECHAT_ID, (_all, cue: string) => cue + mask);
}

// 港澳 / Macau identity cards: a letter or two, six digits, a check digit in brackets.
const HK_ID = /(?<![A-Za-z0-9])[A-Za-z]{1,2}\d{6}\s*[(（]\s*[0-9Aa]\s*[)）]/g;
// Passports (E12345678, EA1234567, G…), 港澳通行证 (C…), 回乡证 (H…), and any other code of
// one to three letters followed by seven or more digits.
const LETTERED_ID = /(?<![A-Za-z0-9])[A-Za-z]{1,3}[\s.·-]?\d(?:[\s-]?\d){6,}(?![0-9])/g;

export function maskLetteredIds(text: string, mask: string): string {
  return text.replace(HK_ID, mask).replace(LETTERED_ID, mask);
}

// Licence plates: province, a letter, then five characters (six for new-energy cars), at
// least two of them digits; 挂 / 学 / 警 / 港 / 澳 may end it.
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PLATE = new RegExp(`[${PROVINCES}][A-Za-z]\\s?[·•.\\-]?\\s?(?:[A-Za-z0-9]{5,6}|[A-Za-z0-9]{4}[挂学警港澳领])(?![A-Za-z0-9])`, 'gu');

export function maskPlates(text: string, mask: string): string {
  return text.replace(PLATE, (plate) => ((plate.slice(2).match(/[0-9]/g)?.length ?? 0) >= 2 ? mask : plate));
}
