/**
 * Creating and resetting accounts, shared by the accounts page and `npm run admin`: a valid
 * name, a temporary password that must be changed at the first login, only its hash kept.
 */
import type { AccountStore, Role, StaffUser } from '../../storage/accounts.js';
import { hashPassword, temporaryPassword } from './passwords.js';

/** What is wrong with an account name; null when fine. */
export function nameProblem(name: string): string | null {
  if (!/^\S{2,64}$/u.test(name)) return '账号名要 2–64 个字符，不能有空格';
  return null;
}

export async function createAccount(store: AccountStore, input: { name: string; role: Role; createdBy: string; password?: string }): Promise<{ user: StaffUser; password: string }> {
  const problem = nameProblem(input.name);
  if (problem) throw new Error(problem);
  const password = input.password ?? temporaryPassword();
  const user = await store.create({ name: input.name, role: input.role, passwordHash: await hashPassword(password), mustChangePassword: true, createdBy: input.createdBy });
  return { user, password };
}

/** A new temporary password for an account (it must be changed at the next login). */
export async function resetPassword(store: AccountStore, id: number): Promise<string> {
  const password = temporaryPassword();
  await store.update(id, { passwordHash: await hashPassword(password), mustChangePassword: true });
  return password;
}

/** Whether a change would leave no enabled 管理员 (the last one cannot be demoted or disabled). */
export async function wouldLeaveNoAdmin(store: AccountStore, id: number, next: { role: Role; disabled: boolean }): Promise<boolean> {
  if (next.role === 'admin' && !next.disabled) return false;
  const admins = (await store.list()).filter((u) => u.role === 'admin' && !u.disabled);
  return admins.length === 1 && admins[0]?.id === id;
}
