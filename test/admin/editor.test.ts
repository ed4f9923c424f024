/**
 * The knowledge editor (issue 16), over real HTTP on a real server: the Markdown it writes
 * (unchanged fields keep their exact text), problems by field, previews built in their own
 * process (live tokenising and answers untouched), publish with the version check, the
 * folder still passing `npm run knowledge:check`, history and rollback, an alias from a
 * demand signal, and the question sets the preview may and may not run.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { draftFromText, type ItemDraft } from '../../src/admin/editor/draft.js';
import { renderItem } from '../../src/admin/editor/markdown.js';
import { loadDevSet } from '../../src/admin/editor/question-set.js';
import { isSealedSet, loadQuestions } from '../../src/knowledge/questions.js';
import { addWords } from '../../src/text/tokenizer.js';
import { fixtureKnowledge, householdItem } from '../engine/fixture.js';
import { cleanTemps, INTENTS_DIR, KNOWLEDGE_DIR, postJson, ROOT, testServer } from '../helpers.js';
import { addStaff, baseOf, formOf, login } from './staff.js';

const run = promisify(execFile);
afterAll(cleanTemps);

describe('the Markdown the editor writes', () => {
  const files = ['items', 'disclosure', 'report'].flatMap((f) => readdirSync(join(KNOWLEDGE_DIR, f)).filter((n) => n.endsWith('.md')).map((n) => join(KNOWLEDGE_DIR, f, n)));

  test('every shipped item, opened in the form and written back unchanged, is byte-identical', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file, same: renderItem(text, draftFromText(text)).text === text }).toEqual({ file, same: true });
    }
  });

  test('a changed alias and a changed section rewrite only their own lines; spans point at fields', () => {
    const text = readFileSync(join(KNOWLEDGE_DIR, 'items', 'idcard-lost.md'), 'utf8');
    const d = draftFromText(text);
    const edited: ItemDraft = { ...d, aliases: [...d.aliases, '身份证被狗叼走了: 咋整'], sections: { ...d.sections, 办理时限: '一般 45 日内发证。' } };
    const { text: out, spans } = renderItem(text, edited);
    const before = text.split('\n');
    const after = out.split('\n');
    const removed = before.filter((l) => !after.includes(l));
    const added = after.filter((l) => !before.includes(l));
    expect(added).toEqual(['  - "身份证被狗叼走了: 咋整"', '一般 45 日内发证。']);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((l) => d.sections['办理时限']?.includes(l))).toBe(true);
    expect(draftFromText(out)).toEqual(edited);
    const [from, to] = spans.get('aliases') ?? [0, 0];
    expect(after.slice(from - 1, to)).toContain('  - "身份证被狗叼走了: 咋整"');
  });
});

describe('question sets', () => {
  test('previews run the dev set; the held-out and blind sets are refused before they are opened', () => {
    expect(loadDevSet().length).toBeGreaterThan(100);
    expect(isSealedSet('test/questions/holdout.yaml')).toBe(true);
    expect(isSealedSet('test/questions/blind-a.yaml')).toBe(true);
    // A path that does not even exist: refused by its name, never read.
    expect(() => loadQuestions('/nonexistent/blind-z.yaml')).toThrow(/sealed/);
    expect(() => loadDevSet('/nonexistent/holdout.yaml')).toThrow(/sealed/);
  });
});

describe('editing over HTTP', () => {
  const kb = fixtureKnowledge({
    'permit-apply': householdItem('permit-apply', '甲证申领', ['办甲证', '甲证怎么办', '申请甲证'], ['甲证']),
    'permit-renew': householdItem('permit-renew', '甲证换领', ['甲证到期换领', '甲证过期了'], ['换领']),
  });
  let s: Awaited<ReturnType<typeof testServer>>;
  const ask = async (text: string) => (await postJson(`${s.url}/api/ask`, { user: `u-${Math.random()}`, text })).body;

  beforeAll(async () => {
    s = await testServer({ KNOWLEDGE_DIR: kb, ADMIN_TOKEN: 'editor-tests-token-1' }, { watch: false });
    await addStaff(s, '周编辑', 'editor');
    await addStaff(s, '吴编辑', 'editor');
    await addStaff(s, '郑查看', 'viewer');
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  test('problems show next to their fields, and nothing is published', async () => {
    const ed = await login(s, '周编辑');
    const page = await (await ed.get('/admin/knowledge/permit-apply')).text();
    const d = draftFromText(readFileSync(join(kb, 'items', 'permit-apply.md'), 'utf8'));
    const res = await ed.post('/admin/knowledge/permit-apply/publish', formOf({ ...d, title: '', sections: { ...d.sections, 所需材料: '' }, updated: '2026-13-45' }, { base: baseOf(page) }));
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toMatch(/class="field-error" role="alert" data-field="title">title（事项名称）不能为空|data-field="title"/);
    expect(body).toContain('data-field="updated"');
    expect(body).toContain('data-field="section:所需材料"');
    expect(readFileSync(join(kb, 'items', 'permit-apply.md'), 'utf8')).toContain('title: 甲证申领');
  });

  test('a preview is built in its own process: live tokenising and answers do not change until publish', async () => {
    const ed = await login(s, '周编辑');
    const word = '乙丙证明书';
    const liveWords = s.ctx.engine.brain.tokenizer.words(`${word}怎么开`);
    expect(liveWords).not.toContain(word); // jieba does not know it yet
    const before = await ask(`${word}怎么开`);
    const page = await (await ed.get('/admin/knowledge/permit-renew')).text();
    const d = draftFromText(readFileSync(join(kb, 'items', 'permit-renew.md'), 'utf8'));
    const res = await ed.post('/admin/knowledge/permit-renew/preview', formOf({ ...d, aliases: [...d.aliases, `${word}怎么开`], keywords: [...d.keywords, word] }, { base: baseOf(page), questions: `${word}怎么开\n甲证过期了` }));
    const body = await res.text();
    expect(res.status).toBe(200);
    // Side by side: the draft answers with the item, the published knowledge does not.
    expect(body).toMatch(/<tr class="changed"><td>乙丙证明书怎么开<\/td>/);
    expect(body).toContain('开发问题集共');
    // The live process: the same cut, the same answer.
    expect(s.ctx.engine.brain.tokenizer.words(`${word}怎么开`)).toEqual(liveWords);
    expect(await ask(`${word}怎么开`)).toEqual(before);
    expect(before.item?.id).not.toBe('permit-renew');
    // The control: had the draft been built here, the live cut would have changed.
    addWords([word]);
    expect(s.ctx.engine.brain.tokenizer.words(`${word}怎么开`)).not.toEqual(liveWords);
  }, 60_000);

  test('publish writes the file, the bot answers the new way, the folder passes knowledge:check, the audit has before and after', async () => {
    const ed = await login(s, '周编辑');
    expect((await ask('丁证丢了咋补')).item?.id).not.toBe('permit-apply');
    const page = await (await ed.get('/admin/knowledge/permit-apply')).text();
    const d = draftFromText(readFileSync(join(kb, 'items', 'permit-apply.md'), 'utf8'));
    const res = await ed.post('/admin/knowledge/permit-apply/publish', formOf({ ...d, aliases: [...d.aliases, '丁证丢了咋补'] }, { base: baseOf(page), reason: '补充别名' }));
    expect(res.status).toBe(303);
    expect(readFileSync(join(kb, 'items', 'permit-apply.md'), 'utf8')).toContain('  - 丁证丢了咋补');
    expect((await ask('丁证丢了咋补')).item?.id).toBe('permit-apply');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'src/knowledge/check-cli.ts')], { cwd: ROOT, env: { ...process.env, KNOWLEDGE_DIR: kb, INTENTS_DIR } });
    expect(stdout).toContain('0 个错误');
    const entry = (await s.ctx.audit.query({ action: 'knowledge_publish' }))[0];
    expect(entry).toMatchObject({ actor: '周编辑', role: 'editor', via: 'session', target: 'permit-apply' });
    expect(entry?.detail).toMatchObject({ file: 'knowledge/items/permit-apply.md', reason: '补充别名', fields: [{ field: '别名（群众的问法，每行一条）', before: d.aliases.join('\n'), after: [...d.aliases, '丁证丢了咋补'].join('\n') }] });
    const versions = await s.ctx.versions.history('knowledge/items/permit-apply.md');
    expect(versions[0]?.version.author).toBe('周编辑');
  }, 60_000);

  test('two editors on one item: the second publish is a conflict shown to its editor, and overwrites nothing', async () => {
    const zhou = await login(s, '周编辑');
    const wu = await login(s, '吴编辑');
    const pageZ = await (await zhou.get('/admin/knowledge/permit-renew')).text();
    const pageW = await (await wu.get('/admin/knowledge/permit-renew')).text();
    const d = draftFromText(readFileSync(join(kb, 'items', 'permit-renew.md'), 'utf8'));
    const first = await zhou.post('/admin/knowledge/permit-renew/publish', formOf({ ...d, summary: '周编辑改的简要答复。' }, { base: baseOf(pageZ) }));
    expect(first.status).toBe(303);
    const second = await wu.post('/admin/knowledge/permit-renew/publish', formOf({ ...d, summary: '吴编辑改的简要答复。' }, { base: baseOf(pageW) }));
    expect(second.status).toBe(409);
    const body = await second.text();
    expect(body).toContain('已被“周编辑”于');
    expect(body).toContain('周编辑改的简要答复。'); // their change, in the diff
    expect(body).toContain('吴编辑改的简要答复。'); // my draft, kept in the form
    expect(readFileSync(join(kb, 'items', 'permit-renew.md'), 'utf8')).toContain('周编辑改的简要答复。');
    // A 查看 cannot publish: no button, and 403.
    const viewer = await login(s, '郑查看');
    const vpage = await (await viewer.get('/admin/knowledge/permit-renew')).text();
    expect(vpage).not.toContain('>发布</button>');
    expect(vpage).not.toContain('>预览</button>');
    expect((await viewer.post('/admin/knowledge/permit-renew/publish', formOf(d, { base: baseOf(vpage) }))).status).toBe(403);
  }, 60_000);

  test('history shows the diff; rollback restores the old text exactly and is audited', async () => {
    const ed = await login(s, '周编辑');
    const history = await (await ed.get('/admin/knowledge/permit-apply/history')).text();
    expect(history).toContain('<ins>+  - 丁证丢了咋补</ins>');
    const original = /data-version="(v\d+)"[\s\S]*?data-version="(v\d+)"/.exec(history)?.[2] ?? '';
    expect(original).toMatch(/^v\d+$/);
    const before = (await s.ctx.versions.get(original))?.snapshot.get('knowledge/items/permit-apply.md');
    const res = await ed.post('/admin/knowledge/permit-apply/rollback', { version: original, base: baseOf(history) });
    expect(res.status).toBe(303);
    expect(readFileSync(join(kb, 'items', 'permit-apply.md'), 'utf8')).toBe(before);
    expect((await ask('丁证丢了咋补')).item?.id).not.toBe('permit-apply');
    expect((await s.ctx.audit.query({ action: 'knowledge_rollback' }))[0]).toMatchObject({ actor: '周编辑', target: 'permit-apply', detail: { to: original } });
  }, 60_000);

  test('a new item from the template: the id is checked, the file lands in its folder, the bot answers it', async () => {
    const ed = await login(s, '周编辑');
    copyFileSync(join(KNOWLEDGE_DIR, '_template.md'), join(kb, '_template.md'));
    const page = await (await ed.get('/admin/knowledge/new')).text();
    expect(page).toContain('事项正式名称'); // the template's values
    const template = draftFromText(readFileSync(join(kb, '_template.md'), 'utf8'));
    const draft: ItemDraft = {
      ...template,
      id: 'permit-apply',
      title: '己证申领',
      category: '居住登记与居住证',
      aliases: ['己证怎么申领', '办己证要啥'],
      keywords: ['己证'],
      basis: ['《居住证暂行条例》'],
      updated: '2026-11-26',
    };
    const taken = await ed.post('/admin/knowledge/new/publish', formOf(draft, { base: '' }));
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('编号“permit-apply”已被另一个条目使用');
    const res = await ed.post('/admin/knowledge/new/publish', formOf({ ...draft, id: 'permit-ji' }, { base: '' }));
    expect(res.status).toBe(303);
    expect(readFileSync(join(kb, 'items', 'permit-ji.md'), 'utf8')).toMatch(/^---\nid: permit-ji\ntitle: 己证申领\n/);
    expect((await ask('己证怎么申领')).item?.id).toBe('permit-ji');
    expect((await s.ctx.audit.query({ action: 'knowledge_publish', target: 'permit-ji' }))[0]?.detail).toMatchObject({ new: true, file: 'knowledge/items/permit-ji.md' });
  }, 60_000);

  test('an alias straight from a demand signal: the form opens with it added; publishing marks the signal handled', async () => {
    await ask('戊证在哪里申请呀');
    await s.ctx.log.flush();
    const signal = (await s.ctx.reports.signals()).find((x) => x.examples.includes('戊证在哪里申请呀'));
    expect(signal).toBeDefined();
    const ed = await login(s, '周编辑');
    const signalPage = await (await ed.get(`/admin/signals/${signal?.id}`)).text();
    expect(signalPage).toContain('添加为别名');
    const page = await (await ed.get(`/admin/knowledge/edit?item=permit-apply&alias=${encodeURIComponent('戊证在哪里申请呀')}&signal=${signal?.id}`)).text();
    expect(page).toContain('戊证在哪里申请呀');
    const d = draftFromText(readFileSync(join(kb, 'items', 'permit-apply.md'), 'utf8'));
    const res = await ed.post('/admin/knowledge/permit-apply/publish', formOf({ ...d, aliases: [...d.aliases, '戊证在哪里申请呀'] }, { base: baseOf(page), signal: String(signal?.id) }));
    expect(res.status).toBe(303);
    expect((await s.ctx.reports.signal(signal?.id ?? 0))?.status).toBe('covered');
    expect((await s.ctx.audit.query({ action: 'signal_status' }))[0]).toMatchObject({ actor: '周编辑' });
  }, 60_000);
});
