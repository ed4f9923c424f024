/**
 * Issue 16's day, in real Chromium: a 管理员 creates an 编辑; the 编辑 logs in (changing the
 * temporary password), edits an item, sees a validation error, previews (a question's
 * answer changes; the dev question set's changed answers are shown), publishes, and the bot
 * answers the new way over /api/ask; a rollback restores the old answer; the audit trail
 * shows each step with the right names; a 查看 has no publish button and the server
 * answers 403. The folder passes knowledge:check after the browser's edit.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../browser.js';
import { fixtureKnowledge, householdItem } from '../engine/fixture.js';
import { cleanTemps, INTENTS_DIR, postJson, ROOT, testServer } from '../helpers.js';
import { addStaff, PASSWORD } from './staff.js';

const run = promisify(execFile);
const NEW_PASSWORD = 'Li-Bianji-2026!';

describe('staff accounts, audit and knowledge editing in Chromium', () => {
  const kb = fixtureKnowledge({
    'permit-apply': householdItem('permit-apply', '甲证申领', ['办甲证', '甲证怎么办', '申请甲证'], ['甲证']),
    'permit-renew': householdItem('permit-renew', '甲证换领', ['甲证到期换领', '甲证过期了'], ['换领']),
  });
  let server: Awaited<ReturnType<typeof testServer>>;
  let browser: Browser;
  const ask = async (text: string) => (await postJson(`${server.url}/api/ask`, { user: `b-${Math.random()}`, text })).body as { kind: string; item: { id: string } | null };

  beforeAll(async () => {
    server = await testServer({ ADMIN_TOKEN: 'browser-staff-token-789', KNOWLEDGE_DIR: kb }, { watch: false });
    await addStaff(server, '王科长', 'admin');
    await addStaff(server, '赵查看', 'viewer');
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    cleanTemps();
  });

  async function logIn(page: Page, name: string, password: string) {
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('账号').fill(name);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  test('管理员 → 编辑: edit, validate, preview, publish, roll back; audit; 查看 cannot publish', async () => {
    // The 管理员 creates an 编辑 and reads the temporary password once.
    const admin = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await logIn(admin, '王科长', PASSWORD);
    await admin.getByRole('heading', { name: '概览' }).waitFor();
    await expect(admin.locator('.who').innerText()).resolves.toContain('王科长（管理员）');
    await admin.getByRole('link', { name: '账号' }).click();
    await admin.getByLabel('账号名').fill('李编辑');
    await admin.getByLabel('角色', { exact: true }).selectOption('editor');
    await admin.getByRole('button', { name: '新建账号' }).click();
    const temporary = (await admin.locator('#temporary-password').innerText()).trim();
    expect(temporary.length).toBe(16);

    // The 编辑 logs in and must choose a password first.
    const editor = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await logIn(editor, '李编辑', temporary);
    await editor.getByRole('heading', { name: '修改密码' }).waitFor();
    await editor.getByLabel('当前密码').fill(temporary);
    await editor.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await editor.getByLabel('再输入一次新密码').fill(NEW_PASSWORD);
    await editor.getByRole('button', { name: '保存新密码' }).click();
    await editor.getByRole('heading', { name: '概览' }).waitFor();
    await expect(editor.locator('.who').innerText()).resolves.toContain('李编辑（编辑）');

    // Edit an item: a validation error first, shown at its field.
    await editor.getByRole('link', { name: '知识库' }).click();
    await editor.getByRole('link', { name: '甲证申领' }).click();
    await editor.getByLabel('事项名称').fill('');
    await editor.getByRole('button', { name: '预览' }).click();
    const titleError = editor.locator('.field-error[data-field="title"]');
    await titleError.waitFor();
    await expect(titleError.innerText()).resolves.toContain('不能为空');
    await expect(editor.getByLabel('事项名称').getAttribute('aria-invalid')).resolves.toBe('true');

    // Fix it, add aliases, preview: the answer to the question changes, and the dev set's changes show.
    expect((await ask('丁证丢了咋补')).item?.id).not.toBe('permit-apply');
    await editor.getByLabel('事项名称').fill('甲证申领');
    const aliases = editor.getByLabel('别名（群众的问法，每行一条）');
    await aliases.fill(`${await aliases.inputValue()}\n丁证丢了咋补\n居住证怎么办`);
    await editor.getByLabel('试问的问题（每行一个，草稿和现在的答复并排显示）').fill('丁证丢了咋补');
    await editor.getByRole('button', { name: '预览' }).click();
    await editor.getByRole('heading', { name: '预览：草稿与现在的答复' }).waitFor({ timeout: 60_000 });
    const row = editor.locator('table.answers tr.changed', { hasText: '丁证丢了咋补' });
    await expect(row.locator('td').nth(2).innerText()).resolves.toContain('甲证申领');
    await expect(row.locator('td').nth(1).innerText()).resolves.not.toContain('甲证申领');
    await expect(editor.locator('.set-summary').innerText()).resolves.toMatch(/开发问题集共 \d+ 问/);
    await expect(editor.locator('table.set-changes').innerText()).resolves.toContain('居住证怎么办');
    await expect(editor.locator('pre.diff').first().innerText()).resolves.toContain('+  - 丁证丢了咋补');
    // Still live: nothing published yet.
    expect((await ask('丁证丢了咋补')).item?.id).not.toBe('permit-apply');

    // Publish: the bot answers the new way, and the folder passes knowledge:check.
    await editor.getByLabel('修改说明（记入历史和审计）').fill('补充群众问法');
    await editor.getByRole('button', { name: '发布' }).click();
    await editor.locator('.flash', { hasText: '已发布' }).waitFor({ timeout: 60_000 });
    const published = await ask('丁证丢了咋补');
    expect(published).toMatchObject({ kind: 'answer', item: { id: 'permit-apply' } });
    expect(readFileSync(join(kb, 'items', 'permit-apply.md'), 'utf8')).toContain('  - 丁证丢了咋补');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/knowledge/check-cli.ts')], { cwd: ROOT, env: { ...process.env, KNOWLEDGE_DIR: kb, INTENTS_DIR } });
    expect(stdout).toContain('0 个错误');

    // Roll back from the history: the old answer is back.
    await editor.getByRole('link', { name: '历史与回滚' }).click();
    await expect(editor.locator('pre.diff').first().innerText()).resolves.toContain('丁证丢了咋补');
    await editor.getByRole('button', { name: '回滚到这个版本' }).first().click();
    await editor.locator('.flash', { hasText: '已回滚' }).waitFor({ timeout: 60_000 });
    expect((await ask('丁证丢了咋补')).item?.id).not.toBe('permit-apply');

    // 查看: the button is absent, and the server answers 403.
    const viewer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await logIn(viewer, '赵查看', PASSWORD);
    await viewer.getByRole('heading', { name: '概览' }).waitFor();
    await viewer.goto(`${server.url}/admin/knowledge/permit-apply`);
    await expect(viewer.locator('.who').innerText()).resolves.toContain('赵查看（查看）');
    await expect(viewer.getByRole('button', { name: '发布' }).count()).resolves.toBe(0);
    await expect(viewer.getByRole('link', { name: '导出' }).count()).resolves.toBe(0);
    const csrf = await viewer.locator('input[name="csrf"]').first().getAttribute('value');
    const forbidden = await viewer.request.post(`${server.url}/admin/knowledge/permit-apply/publish`, { form: { csrf: csrf ?? '', title: '查看者改的', base: '' } });
    expect(forbidden.status()).toBe(403);

    // The audit trail, as the 管理员 sees it, with the right names.
    await admin.goto(`${server.url}/admin/audit`);
    const rows = await admin.locator('table.audit tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-actor'), tr.getAttribute('data-action')].join(' ')));
    expect(rows).toEqual(
      expect.arrayContaining(['王科长 login', '王科长 user_create', '李编辑 login', '李编辑 password_change', '李编辑 knowledge_publish', '李编辑 knowledge_rollback', '赵查看 login']),
    );
    const publishRow = admin.locator('table.audit tr[data-action="knowledge_publish"]');
    await expect(publishRow.innerText()).resolves.toContain('permit-apply');
    await publishRow.locator('summary').click();
    await expect(publishRow.locator('table.changes').innerText()).resolves.toContain('丁证丢了咋补');
    await admin.getByLabel('人员').fill('李编辑');
    await admin.getByRole('button', { name: '筛选' }).click();
    await expect(admin.locator('table.audit tbody tr[data-actor="王科长"]').count()).resolves.toBe(0);
  }, 180_000);
});
