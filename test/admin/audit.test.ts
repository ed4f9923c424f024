/**
 * The audit trail (issue 16): append-only in the database itself, kept at least 180 days,
 * filtered on the page, CSV for 管理员, JSON at /admin/api/audit for 管理员 or the API token.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { SqliteAudit } from '../../src/storage/sqlite/audit.js';
import { SqliteLog } from '../../src/storage/sqlite/log.js';
import { cleanTemps, tempDir, testServer } from '../helpers.js';
import { addStaff, login } from './staff.js';

const DAY = 86_400_000;
afterAll(cleanTemps);

describe('the audit table', () => {
  test('refuses updates and deletions of entries younger than 180 days; purges older ones', async () => {
    const log = SqliteLog.open(join(tempDir(), 'a.sqlite'));
    const audit = new SqliteAudit(log);
    const base = { actor: '甲', role: 'admin' as const, via: 'session' as const, ip: '127.0.0.1', target: 'x' };
    await audit.record({ ...base, action: 'login', at: new Date(Date.now() - 400 * DAY) });
    await audit.record({ ...base, action: 'login', at: new Date(Date.now() - 179 * DAY) });
    const recent = await audit.record({ ...base, action: 'export', detail: { rows: 3 } });
    expect(() => log.db.prepare("UPDATE audit SET actor = 'someone else' WHERE id = ?").run(recent.id)).toThrow(/append-only/);
    expect(() => log.db.prepare('DELETE FROM audit WHERE id = ?').run(recent.id)).toThrow(/180 days/);
    // Asked to purge everything older than a day: only what is past 180 days goes.
    expect(await audit.purge(new Date(Date.now() - DAY))).toBe(1);
    expect((await audit.query()).map((e) => e.action)).toEqual(['export', 'login']);
    expect((await audit.query({ action: 'export' }))[0]?.detail).toEqual({ rows: 3 });
    await log.close();
  });
});

describe('the audit trail over HTTP', () => {
  const TOKEN = 'audit-token-for-scripts-1';
  let s: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    s = await testServer({ ADMIN_TOKEN: TOKEN }, { watch: false });
    await addStaff(s, '管理乙', 'admin');
    await addStaff(s, '编辑丙', 'editor');
  });
  afterAll(async () => {
    await s?.close();
  });

  test('each step names who, in which role, how and from where; filters; CSV for 管理员; JSON for scripts', async () => {
    const editor = await login(s, '编辑丙');
    expect((await editor.get('/admin/export/signals.csv')).status).toBe(200);
    const admin = await login(s, '管理乙');
    const headers = { authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${s.url}/admin/export/interactions.csv`, { headers })).status).toBe(200);

    const json = (await (await fetch(`${s.url}/admin/api/audit?action=export`, { headers })).json()) as { entries: { actor: string; role: string; via: string; target: string; ip: string }[] };
    expect(json.entries.map((e) => [e.actor, e.via, e.target])).toEqual([
      ['API 令牌', 'token', 'interactions.csv'],
      ['编辑丙', 'session', 'signals.csv'],
    ]);
    expect(json.entries[1]?.ip).toMatch(/127\.0\.0\.1/);
    const mine = (await (await fetch(`${s.url}/admin/api/audit?actor=${encodeURIComponent('编辑丙')}`, { headers })).json()) as { entries: { action: string }[] };
    expect(mine.entries.map((e) => e.action)).toEqual(['export', 'login']);

    const page = await (await admin.get('/admin/audit?action=login')).text();
    expect(page).toContain('data-actor="管理乙"');
    expect(page).toContain('data-actor="编辑丙"');
    expect(page).not.toContain('data-action="export"');
    const csv = await admin.get('/admin/export/audit.csv?actor=' + encodeURIComponent('编辑丙'));
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('编辑丙');
    expect(text).toContain('signals.csv');
    expect(text).not.toContain('API 令牌');
    expect((await editor.get('/admin/export/audit.csv')).status).toBe(403);
    expect((await admin.get('/admin/api/audit')).status).toBe(200);
  });
});
