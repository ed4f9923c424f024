/**
 * Personal-data masking: applied to every message before anything is stored or logged.
 *
 * Citizens paste their 身份证号, 手机号 and bank-card numbers into a chat without thinking.
 * None of that may reach the database or the logs. We mask generously: a false positive
 * costs a few hidden digits in a report, a false negative leaks a citizen's identity.
 */

// 18-digit resident ID (last char may be X) and the old 15-digit form; digits may be
// separated by spaces or dashes when pasted.
const ID_18 = /(?<![0-9])[1-9](?:[\s-]?[0-9]){16}[\s-]?[0-9xX](?![0-9])/g;
const ID_15 = /(?<![0-9])[1-9](?:[\s-]?[0-9]){14}(?![0-9xX])/g;
// Mainland mobile numbers, optionally with +86 / 86 and separators.
const MOBILE = /(?<![0-9])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]){8}(?![0-9])/g;
// Bank cards: 12–19 digits (groups of 4 pasted with spaces are common).
const BANK_CARD = /(?<![0-9])[0-9](?:[\s-]?[0-9]){11,18}(?![0-9])/g;

// Anything else with 11 or more digits (an ID glued to other digits, a card number of
// unusual length): hidden whole, since it is a number nobody needs to read back.
const LONG_NUMBER = /[0-9](?:[\s-]?[0-9]){10,}[xX]?/g;

export const MASKS = {
  idNumber: '[身份证号]',
  mobile: '[手机号]',
  bankCard: '[银行卡号]',
  number: '[长数字]',
} as const;

export function maskPersonalData(text: string): string {
  return text
    .replace(ID_18, MASKS.idNumber)
    .replace(MOBILE, MASKS.mobile)
    .replace(ID_15, MASKS.idNumber)
    .replace(BANK_CARD, MASKS.bankCard)
    .replace(LONG_NUMBER, MASKS.number);
}
