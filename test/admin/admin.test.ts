import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cleanTemps, postJson, requestFrom, testServer } from '../helpers.js';
import { addStaff, login, PASSWORD } from './staff.js';

const TOKEN = 'admin-token-for-tests-123';

describe('admin HTTP surface', () => {
  let server: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => {
    server = await testServer({ ADMIN_TOKEN: TOKEN });
    await addStaff(server, '管理甲', 'admin');
    await postJson(`${server.url}/api/ask`, { user: 'a1', text: '我想办理养狗证怎么弄' });
    await postJson(`${server.url}/api/ask`, { user: 'a2', text: '身份证丢了怎么办' });
    await server.ctx.log.flush();
  });
  afterAll(async () => {
    await server.close();
    cleanTemps();
  });

  // Each path from its own address: wrong tokens count per address (5, then 429).
  test.each(['/admin/api/summary', '/admin/api/signals', '/admin/api/interactions', '/admin/export/signals.csv'].map((p, i) => [p, `127.0.0.${30 + i}`]))('%s is 401 without or with a wrong token', async (path, from) => {
    expect((await requestFrom(from, server.url + path)).status).toBe(401);
    expect((await requestFrom(from, server.url + path, { headers: { authorization: 'Bearer wrong-token-xxxxxxxx' } })).status).toBe(401);
    expect((await requestFrom(from, server.url + path, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
  });

  test('pages redirect to the login form; a wrong password is refused', async () => {
    const res = await fetch(`${server.url}/admin`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login');
    const wrong = await fetch(`${server.url}/admin/login`, { method: 'POST', body: new URLSearchParams({ name: '管理甲', password: 'nope' }), redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    // The API token is for scripts: it does not open a browser session.
    const token = await fetch(`${server.url}/admin/login`, { method: 'POST', body: new URLSearchParams({ name: 'token', password: TOKEN }), redirect: 'manual' });
    expect(token.status).toBe(401);
  });

  test('a good login sets an HttpOnly SameSite=Strict cookie that opens the dashboard', async () => {
    const res = await fetch(`${server.url}/admin/login`, { method: 'POST', body: new URLSearchParams({ name: '管理甲', password: PASSWORD }), redirect: 'manual' });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${server.url}/admin`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('群众需求信号');
    expect(body).toContain('养狗');
    expect(body).toContain('当前用户：<strong>管理甲</strong>（管理员）');
  });

  test('the JSON API answers a Bearer token', async () => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    // JSON of our own API; asserted on field by field.
    const summary = (await (await fetch(`${server.url}/admin/api/summary`, { headers })).json()) as any;
    expect(summary.periods[0].messages).toBeGreaterThanOrEqual(2);
    const signals = (await (await fetch(`${server.url}/admin/api/signals`, { headers })).json()) as any;
    expect(signals.signals.some((s: { examples: string[] }) => s.examples.includes('我想办理养狗证怎么弄'))).toBe(true);
    const interactions = (await (await fetch(`${server.url}/admin/api/interactions`, { headers })).json()) as any;
    expect(interactions.interactions.length).toBeGreaterThanOrEqual(2);
  });

  test('CSV exports are UTF-8 with a BOM and neutralise formulas', async () => {
    await postJson(`${server.url}/api/ask`, { user: 'a3', text: '=HYPERLINK("http://evil")' });
    await server.ctx.log.flush();
    const res = await fetch(`${server.url}/admin/export/interactions.csv`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('身份证丢了怎么办');
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  test('form posts without the CSRF token are refused', async () => {
    const { cookie } = await login(server, '管理甲');
    const res = await fetch(`${server.url}/admin/reload`, { method: 'POST', headers: { cookie }, body: new URLSearchParams({}), redirect: 'manual' });
    expect(res.status).toBe(403);
  });

  test('without ADMIN_TOKEN and without accounts the admin side does not exist; an account opens it', async () => {
    const s = await testServer();
    expect((await fetch(`${s.url}/admin/api/summary`)).status).toBe(404);
    expect((await fetch(`${s.url}/admin/login`)).status).toBe(404);
    await addStaff(s, '首位管理员', 'admin');
    expect((await fetch(`${s.url}/admin/login`)).status).toBe(200);
    // No token configured: a Bearer header is no way in.
    expect((await fetch(`${s.url}/admin/api/summary`, { headers: { authorization: 'Bearer anything-at-all-123' } })).status).toBe(401);
    await s.close();
  });
});
