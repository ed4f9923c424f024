/** Staff accounts for tests: made through the real account code, logged in over real HTTP. */
import { createAccount } from '../../src/admin/accounts/accounts.js';
import type { Running } from '../../src/server/start.js';
import type { Role } from '../../src/storage/accounts.js';

export const PASSWORD = 'Correct-Horse-42';

/** An account with a password already chosen (no change at first login) unless `temporary`. */
export async function addStaff(server: Running, name: string, role: Role, opts: { temporary?: boolean } = {}): Promise<void> {
  const { user } = await createAccount(server.ctx.accounts, { name, role, createdBy: 'test', password: PASSWORD });
  if (!opts.temporary) await server.ctx.accounts.update(user.id, { mustChangePassword: false });
}

export interface Session {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>): Promise<Response>;
}

/** Log in with name and password; the session's cookie and CSRF token (read from a page). */
export async function login(server: Running, name: string, password = PASSWORD): Promise<Session> {
  const res = await fetch(`${server.url}/admin/login`, { method: 'POST', body: new URLSearchParams({ name, password }), redirect: 'manual' });
  if (res.status !== 303) throw new Error(`login ${name}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) => fetch(server.url + path, { headers: { cookie }, redirect: 'manual' });
  const page = await (await get('/admin/password')).text();
  const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(page)?.[1] ?? '';
  const post = (path: string, form: Record<string, string>) =>
    fetch(server.url + path, { method: 'POST', headers: { cookie }, body: new URLSearchParams({ csrf, ...form }), redirect: 'manual' });
  return { cookie, csrf, get, post };
}

import type { ItemDraft } from '../../src/admin/editor/draft.js';
import { sectionField } from '../../src/admin/editor/draft.js';

/** A draft as the editor's form posts it. */
export function formOf(d: ItemDraft, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {
    id: d.id,
    title: d.title,
    category: d.category,
    summary: d.summary,
    aliases: d.aliases.join('\n'),
    keywords: d.keywords.join('\n'),
    basis: d.basis.join('\n'),
    updated: d.updated,
    year: d.year,
  };
  for (const [name, body] of Object.entries(d.sections)) out[sectionField(name)] = body;
  return { ...out, ...extra };
}

/** The version (base) hidden in an editor page. */
export function baseOf(page: string): string {
  return /name="base" value="([0-9a-f]*)"/.exec(page)?.[1] ?? '';
}
