/**
 * The admin's day, in a real browser: log in, see what a citizen asked through the web
 * chat and the bot could not answer, mark it handled, export the CSV and read it back.
 * A broken knowledge file during the run keeps the old answers and shows the error.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../browser.js';
import { fixtureKnowledge, householdItem } from '../engine/fixture.js';
import { cleanTemps, postJson, tempDir, testServer } from '../helpers.js';
import { addStaff, PASSWORD } from './staff.js';

const TOKEN = 'browser-admin-token-456';

describe('admin dashboard in Chromium', () => {
  const kb = fixtureKnowledge({ a: householdItem('permit-apply', '甲证申领', ['办甲证', '甲证怎么办'], ['甲证']) });
  let server: Awaited<ReturnType<typeof testServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await testServer({ ADMIN_TOKEN: TOKEN, KNOWLEDGE_DIR: kb });
    await addStaff(server, '值班管理员', 'admin');
    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    cleanTemps();
  });

  test('a citizen’s unanswered question becomes a signal the admin handles and exports', async () => {
    // The citizen, in the web chat.
    await page.goto(server.url + '/');
    await page.getByLabel('输入您的问题').fill('摩托车驾照年审在哪办');
    await page.keyboard.press('Enter');
    await page.locator('.msg.bot[data-kind="fallback"]').waitFor();
    await page.getByLabel('输入您的问题').fill('<script>window.__pwned=1</script>乙证怎么办');
    await page.keyboard.press('Enter');
    await page.locator('.msg.bot').nth(2).waitFor();
    await server.ctx.log.flush();

    // The admin logs in.
    await page.goto(server.url + '/admin');
    await page.getByLabel('账号').fill('值班管理员');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '概览' }).waitFor();
    const row = page.locator('table.signals tr', { hasText: '摩托车驾照年审在哪办' });
    await expect(row.count()).resolves.toBe(1);

    // The <script> a citizen typed shows as text, and never runs.
    await expect(page.locator('table.signals').innerText()).resolves.toContain('<script>window.__pwned=1</script>');
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();

    // Open the signal, mark it handled with a note.
    await row.locator('a').click();
    await page.getByRole('heading', { name: '为什么没答上来：最接近的条目' }).waitFor();
    await expect(page.locator('#snippet').innerText()).resolves.toContain('  - 摩托车驾照年审在哪办');
    await page.getByLabel('已补充知识').check();
    await page.getByLabel('备注').fill('交管业务，已在兜底提示中指向交管12123');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.status-covered').first().waitFor();

    // Export the signals CSV and read it back.
    await page.goto(server.url + '/admin/export');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出信号 CSV' }).click()]);
    const file = join(tempDir(), 'signals.csv');
    await download.saveAs(file);
    const csv = readFileSync(file);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain('摩托车驾照年审在哪办');
    expect(text).toContain('已补充知识');
    expect(text).toContain('交管业务');
  });

  test('a broken knowledge file keeps the old answers and shows the error on the dashboard', async () => {
    writeFileSync(join(kb, 'items', 'broken.md'), '---\nid: permit-apply\ntitle: 重复的编号\ncategory: 不存在的分类\n---\n');
    const until = Date.now() + 10_000;
    while (server.ctx.engine.lastReload.ok && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect((await postJson(`${server.url}/api/ask`, { user: 'after-break', text: '办甲证' })).body.item?.id).toBe('permit-apply');
    await page.goto(server.url + '/admin');
    const alert = page.locator('.error[role="alert"]');
    await expect(alert.innerText()).resolves.toContain('broken.md:4');
  });
});
