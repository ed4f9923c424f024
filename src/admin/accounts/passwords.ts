/**
 * Passwords: the rule (at least 12 characters of at least 3 kinds — lower-case, upper-case,
 * digits, anything else — and not containing the account name), argon2id hashing with
 * @node-rs/argon2 (its defaults: 19 MiB, 2 passes; ~12 ms here), and temporary passwords
 * for new and reset accounts. Only hashes are kept; a password is never logged.
 */
import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PASSWORD_KINDS = 3;

const KINDS: { name: string; test: RegExp }[] = [
  { name: '小写字母', test: /[a-z]/ },
  { name: '大写字母', test: /[A-Z]/ },
  { name: '数字', test: /[0-9]/ },
  { name: '其他符号', test: /[^a-zA-Z0-9]/ },
];

/** What is wrong with a new password, in words for staff; null when it is acceptable. */
export function passwordProblem(password: string, name: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符（现在 ${length} 个）`;
  if (length > 256) return '密码太长（最多 256 个字符）';
  const kinds = KINDS.filter((k) => k.test.test(password)).length;
  if (kinds < MIN_PASSWORD_KINDS) return `密码要包含以下至少 ${MIN_PASSWORD_KINDS} 类：${KINDS.map((k) => k.name).join('、')}（现在 ${kinds} 类）`;
  if (name && password.toLowerCase().includes(name.toLowerCase())) return '密码不能包含账号名';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for a malformed hash alike. */
export async function checkPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of no one's password, compared when the account does not exist, so a wrong name
 * takes as long as a wrong password (the login never tells which was wrong).
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  return (decoy ??= hash(`decoy-${randomInt(1e9)}-Aa1!`));
}

// Letters and digits that cannot be mistaken for each other when read aloud or copied.
const ALPHABET = { lower: 'abcdefghjkmnpqrstuvwxyz', upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ', digit: '23456789', other: '-_!#%+=' };

/** A random 16-character temporary password with every kind (meets the rule). */
export function temporaryPassword(): string {
  const all = Object.values(ALPHABET).join('');
  const chars = Object.values(ALPHABET).map((set) => set[randomInt(set.length)] as string);
  while (chars.length < 16) chars.push(all[randomInt(all.length)] as string);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
