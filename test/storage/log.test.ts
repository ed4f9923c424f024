/**
 * The storage suite, run against every backend (SQLite, and PostgreSQL on a real
 * throwaway cluster): the write side (batches after the reply, signals with examples, a
 * message key stored once, a failing database keeps records and writes them later) and
 * the read side (every Reports method on the same data, with the same answers).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { InteractionRecord, Storage } from '../../src/storage/types.js';
import { maskPersonalData } from '../../src/text/mask.js';
import { cleanTemps, unmetRecord } from '../helpers.js';
import { runnable } from './backends.js';

const rec = unmetRecord;

const DAY = 86_400_000;
const NOW = new Date('2026-11-20T10:00:00.000Z');
const ago = (days: number, hours = 0) => new Date(NOW.getTime() - days * DAY - hours * 3_600_000);

/** A fixed month of exchanges: what every backend must report the same way. */
function month(): InteractionRecord[] {
  return [
    rec({ at: ago(0, 1), channel: 'web', kind: 'answer', itemId: 'idcard-lost', field: '所需材料', score: 0.9, signalKey: null, userHash: 'a' }),
    rec({ at: ago(0, 2), channel: 'wechat', kind: 'answer', itemId: 'idcard-lost', field: null, score: 0.8, signalKey: null, userHash: 'b', messageKey: 'wechat:msg:1' }),
    rec({ at: ago(1), channel: 'wechat', kind: 'clarify', score: 0.5, signalKey: null, userHash: 'b' }),
    rec({ at: ago(2), channel: 'api', kind: 'fallback', text: '驾驶证丢了', signalKey: '丢 驾驶证', userHash: 'c' }),
    rec({ at: ago(3), channel: 'api', kind: 'fallback', text: '驾驶证丢了怎么办', signalKey: '丢 驾驶证', userHash: 'd' }),
    rec({ at: ago(9), channel: 'web', kind: 'fallback', text: '驾照丢了', signalKey: '丢 驾驶证', userHash: 'e' }),
    rec({ at: ago(10), channel: 'web', kind: 'fallback', text: '护照过期', signalKey: '护照 过期', userHash: 'f' }),
    rec({ at: ago(12), channel: 'web', kind: 'chat', score: 1, signalKey: null, userHash: 'g' }),
    rec({ at: ago(20), channel: 'api', kind: 'answer', itemId: 'residence-permit-apply', field: '办理时限', score: 0.7, signalKey: null, userHash: 'h', latencyMs: 0.25 }),
    rec({ at: ago(40), channel: 'api', kind: 'emergency', score: 1, signalKey: null, userHash: 'i' }),
  ];
}

for (const backend of runnable()) {
  describe(`storage on ${backend.name}`, () => {
    const open: Storage[] = [];
    const fresh = async (onError?: (err: unknown) => void) => {
      const s = await backend.open(onError);
      open.push(s);
      return s;
    };
    beforeAll(() => backend.start(), 60_000);
    afterAll(async () => {
      for (const s of open) await s.close();
      await backend.stop();
      cleanTemps();
    });

    test('records are written after the reply, grouped into signals with examples', async () => {
      const { log, reports } = await fresh();
      log.record(rec({ text: '驾驶证丢了' }));
      log.record(rec({ text: '驾驶证丢了咋办' }));
      log.record(rec({ text: '驾驶证丢了' }));
      log.record(rec({ text: '护照过期', signalKey: '护照 过期' }));
      log.record(rec({ kind: 'answer', signalKey: null, itemId: 'idcard-lost' }));
      expect(await reports.interactionCount()).toBe(0); // not yet: the write waits for the event loop
      await log.flush();
      expect(await reports.interactionCount()).toBe(5);
      const [top, second] = await reports.signals();
      expect(top).toMatchObject({ key: '丢 驾驶证', count: 3, status: 'new', examples: ['驾驶证丢了', '驾驶证丢了咋办'] });
      expect(second).toMatchObject({ key: '护照 过期', count: 1, examples: ['护照过期'] });
      expect(log.health()).toMatchObject({ open: true, pending: 0, written: 5, writeFailures: 0 });
    });

    test('a message key is stored once, and counts once towards its signal, in one batch or across batches', async () => {
      const { log, reports } = await fresh();
      log.record(rec({ messageKey: 'wx:1' }));
      log.record(rec({ messageKey: 'wx:1' }));
      await log.flush();
      log.record(rec({ messageKey: 'wx:1' }));
      log.record(rec({ messageKey: 'wx:2', kind: 'answer', signalKey: null }));
      log.record(rec({ messageKey: 'wx:2', kind: 'answer', signalKey: null }));
      await log.flush();
      log.record(rec({ messageKey: 'wx:2', kind: 'answer', signalKey: null }));
      await log.flush();
      expect(await reports.interactionCount()).toBe(2);
      expect((await reports.signals())[0]?.count).toBe(1);
    });

    test('a failing database: no throw, failure counted, records kept and written once it works again', async () => {
      const errors: unknown[] = [];
      const storage = await fresh((err) => errors.push(err));
      await backend.sql(storage, 'ALTER TABLE interactions RENAME TO interactions_away');
      storage.log.record(rec({ messageKey: 'k1' }));
      storage.log.record(rec({ kind: 'answer', signalKey: null }));
      expect(await storage.log.flush()).toBe(false);
      expect(storage.log.health()).toMatchObject({ pending: 2, writeFailures: 1 });
      expect(errors.length).toBeGreaterThanOrEqual(1);
      await backend.sql(storage, 'ALTER TABLE interactions_away RENAME TO interactions');
      expect(await storage.log.flush()).toBe(true);
      expect(await storage.reports.interactionCount()).toBe(2);
      expect(storage.log.health().pending).toBe(0);
    });

    test('retention takes the examples and labels no kept message says; stored texts are masked again once per rules version (issue 13, finding 2)', async () => {
      const { log, reports } = await fresh();
      const tag = (label: string) => ({ kind: 'unmet' as const, itemId: null, label });
      log.record(rec({ at: ago(40), text: '驾驶证丢了很久了', signalKey: '丢 驾驶证', signal: tag('驾驶证丢了很久了') }));
      log.record(rec({ at: ago(1), text: '驾驶证丢了咋办', signalKey: '丢 驾驶证' }));
      log.record(rec({ at: ago(40), text: '养狗证 138.1234.5678', signalKey: '养狗证 138.1234.5678', signal: tag('养狗证 138.1234.5678') }));
      await log.flush();
      expect(await reports.purge(ago(30))).toBe(2);
      const bySignal = new Map((await reports.signals({ limit: 10 })).map((s) => [s.key, s]));
      expect(bySignal.get('丢 驾驶证')).toMatchObject({ count: 2, examples: ['驾驶证丢了咋办'], label: '驾驶证丢了咋办' });
      expect(bySignal.get('养狗证 138.1234.5678')).toMatchObject({ count: 1, examples: [], label: null });

      log.record(rec({ at: ago(1), text: '身份证4103.0219.9001.0112.34丢了', signalKey: '补办 身份证 4103.0219.9001.0112.34', signal: tag('身份证4103.0219.9001.0112.34丢了') }));
      await log.flush();
      const mask = (t: string) => maskPersonalData(t);
      expect(await reports.remask(mask, 'rules-1')).toBeGreaterThan(0);
      expect(await reports.remask(mask, 'rules-1')).toBe(0); // once per rules version
      const texts = (await reports.interactions(new Date(0), new Date(Date.now() + 1))).map((r) => r.text);
      expect(texts.join('|')).not.toMatch(/4103|1234/);
      const signals = await reports.signals({ limit: 10 });
      expect(JSON.stringify(signals)).not.toMatch(/4103|1234/);
      expect(signals.map((s) => s.key).sort()).toEqual(['丢 驾驶证', '养狗证 [手机号]', '补办 身份证 [身份证号]']);
    });

    test('a message with NUL and control characters is stored, and so is everything after it', async () => {
      const { log, reports } = await fresh();
      log.record(rec({ text: 'a\u0000b\u0007c', kind: 'answer', signalKey: null }));
      log.record(rec({ text: 'x\u0000', signalKey: '丢\u0000驾驶证' }));
      log.record(rec({ text: '之后的', kind: 'answer', signalKey: null }));
      expect(await log.flush()).toBe(true);
      const texts = (await reports.interactions(new Date(0), new Date(Date.now() + 1))).map((r) => r.text.replace(/\u0000/g, ''));
      expect(texts.sort()).toEqual(['ab\u0007c', 'x', '之后的'].sort());
    });

    if (backend.name === 'postgres') {
      test('a record the database refuses for its data is dropped (and counted); the rest of its batch goes in', async () => {
        const errors: unknown[] = [];
        const { log, reports } = await fresh((err) => errors.push(err));
        log.record(rec({ kind: 'answer', signalKey: null, text: 'before' }));
        log.record(rec({ kind: 'answer', signalKey: null, at: new Date(Number.NaN) }));
        log.record(rec({ text: 'after' }));
        expect(await log.flush()).toBe(true);
        expect(await reports.interactionCount()).toBe(2);
        expect(log.health()).toMatchObject({ pending: 0, dropped: 1, written: 2 });
        expect(errors.length).toBeGreaterThanOrEqual(1);
      });
    }

    test('records after close are ignored; close writes what was queued', async () => {
      const storage = await backend.open();
      storage.log.record(rec());
      await storage.close();
      expect(storage.log.health().open).toBe(false);
      storage.log.record(rec());
      expect(storage.log.health().pending).toBe(0);
    });

    test('staff accounts: created, found, changed, listed; a taken name refused', async () => {
      const { accounts } = await fresh();
      const made = await accounts.create({ name: '张三', role: 'editor', passwordHash: '$argon2id$x', mustChangePassword: true, createdBy: 'cli' });
      expect(made).toMatchObject({ name: '张三', role: 'editor', mustChangePassword: true, disabled: false, createdBy: 'cli', lastLoginAt: null });
      expect(made.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      await expect(accounts.create({ name: '张三', role: 'viewer', passwordHash: 'h', mustChangePassword: true, createdBy: 'cli' })).rejects.toThrow('已经存在');
      await accounts.create({ name: 'admin', role: 'admin', passwordHash: 'h', mustChangePassword: false, createdBy: 'cli' });
      const changed = await accounts.update(made.id, { role: 'viewer', disabled: true, mustChangePassword: false, lastLoginAt: '2026-11-20T10:00:00.000Z' });
      expect(changed).toMatchObject({ role: 'viewer', disabled: true, mustChangePassword: false, lastLoginAt: '2026-11-20T10:00:00.000Z' });
      expect(await accounts.update(999, { role: 'admin' })).toBeUndefined();
      expect((await accounts.byName('张三'))?.id).toBe(made.id);
      expect(await accounts.byName('nobody')).toBeUndefined();
      expect((await accounts.list()).map((u) => u.name)).toEqual(['admin', '张三']);
      expect(await accounts.count()).toBe(2);
    });

    test('the audit trail: recorded, queried newest first, never updated, young entries never deleted', async () => {
      const storage = await fresh();
      const { audit } = storage;
      const old = await audit.record({ actor: '张三', role: 'editor', via: 'session', ip: '10.0.0.1', action: 'knowledge_publish', target: 'idcard-lost', detail: { before: 'a', after: 'b' }, at: new Date(Date.now() - 400 * 86_400_000) });
      const recent = await audit.record({ actor: 'API 令牌', role: 'admin', via: 'token', ip: '10.0.0.2', action: 'export', target: 'signals.csv' });
      expect(recent).toMatchObject({ actor: 'API 令牌', action: 'export', detail: {} });
      expect((await audit.query()).map((e) => e.id)).toEqual([recent.id, old.id]);
      expect(await audit.query({ actor: '张三' })).toMatchObject([{ target: 'idcard-lost', detail: { before: 'a', after: 'b' } }]);
      expect(await audit.query({ target: 'csv' })).toHaveLength(1);
      expect(await audit.query({ before: recent.id })).toHaveLength(1);
      // Matched by message: a native addon's error may come from another realm than jest's.
      await expect(backend.sql(storage, "UPDATE audit SET actor = 'x'")).rejects.toMatchObject({ message: expect.stringMatching(/append-only/) });
      await expect(backend.sql(storage, 'DELETE FROM audit')).rejects.toMatchObject({ message: expect.stringMatching(/180 days/) });
      expect(await audit.purge(new Date())).toBe(1); // only the entry older than 180 days
      expect(await audit.query()).toHaveLength(1);
    });

    test('signals by meaning: kinds, labels, verdicts once per answer, merges, moves, splits, corrections, regrouping', async () => {
      const { log, reports } = await fresh();
      const tag = (label: string) => ({ kind: 'unmet' as const, itemId: null, label });
      log.record(rec({ text: '驾照丢了', signalKey: 'k:驾照', signal: tag('驾照丢了') }));
      log.record(rec({ text: '驾驶证掉了', signalKey: 'k:驾照', signal: tag('驾驶证掉了') }));
      log.record(rec({ text: '护照过期', signalKey: 'k:护照', signal: tag('护照过期') }));
      log.record(rec({ text: '护照到期了', signalKey: 'k:护照2', signal: tag('护照到期了') }));
      const verdict = (ref: string, helpful: boolean, question: string) =>
        log.feedback({ at: new Date(), channel: 'web', userHash: 'u', ref, helpful, itemId: 'idcard-lost', field: null, question, signalKey: helpful ? null : 'k:答非所问', signal: { kind: 'unhelpful', itemId: 'idcard-lost', label: question } });
      verdict('r1', true, '身份证丢了');
      verdict('r2', false, '身份证被偷了');
      verdict('r2', false, '身份证被偷了'); // the same answer again: ignored
      verdict('r3', false, '身份证不见了');
      expect(await log.flush()).toBe(true);

      const signals = await reports.signals();
      const byKey = new Map(signals.map((x) => [x.key, x]));
      expect(byKey.get('k:驾照')).toMatchObject({ kind: 'unmet', count: 2, label: '驾驶证掉了', examples: ['驾照丢了', '驾驶证掉了'] });
      expect(byKey.get('k:答非所问')).toMatchObject({ kind: 'unhelpful', itemId: 'idcard-lost', count: 2 });
      expect(await reports.signals({ kind: 'unhelpful' })).toHaveLength(1);
      expect(await reports.itemFeedback(new Date(Date.now() - 60_000))).toEqual([
        { itemId: 'idcard-lost', helpful: 1, unhelpful: 2, helpfulRate: 1 / 3, worst: expect.arrayContaining([{ question: '身份证被偷了', count: 1 }]) },
      ]);
      expect((await reports.signalExamples()).map((x) => x.key).sort()).toEqual(['k:答非所问', 'k:护照', 'k:护照2', 'k:驾照'].sort());

      const a = byKey.get('k:护照')!.id;
      const b = byKey.get('k:护照2')!.id;
      const lost = byKey.get('k:驾照')!.id;
      expect(await reports.mergeSignals(a, byKey.get('k:答非所问')!.id, 'admin', {})).toBe(false); // different kinds never merge
      expect(await reports.mergeSignals(a, b, '张三', { [a]: '护照过期或到期' })).toBe(true);
      expect(await reports.signal(b)).toBeUndefined();
      expect(await reports.signal(a)).toMatchObject({ count: 2, label: '护照过期或到期', examples: ['护照过期', '护照到期了'] });
      // A record keyed to the merged signal counts towards the one it went into.
      log.record(rec({ text: '护照到期', signalKey: 'k:护照2', signal: tag('护照到期') }));
      await log.flush();
      expect((await reports.signal(a))?.count).toBe(3);

      expect(await reports.moveExample(lost, '驾驶证掉了', a, '张三', {})).toBe(true);
      expect((await reports.signal(lost))?.examples).toEqual(['驾照丢了']);
      const split = await reports.splitSignal(a, ['护照到期了'], '李四', (id) => ({ [id]: '护照到期了' }));
      expect(split).toEqual(expect.any(Number));
      expect(await reports.signal(split!)).toMatchObject({ key: 'k:护照 · 拆分', label: '护照到期了', examples: ['护照到期了'] });
      expect((await reports.corrections(a)).map((c) => c.action)).toEqual(['split', 'move', 'merge']);
      expect((await reports.corrections()).length).toBe(3);

      expect(await reports.meta('regrouped')).toBeNull();
      await reports.regroup({ merges: [{ id: lost, others: [split!] }], labels: {}, actor: 'migration', metaKey: 'regrouped', metaValue: '1' });
      expect(await reports.meta('regrouped')).toBe('1');
      expect(await reports.signal(split!)).toBeUndefined(); // unmet into unmet: merged
      expect((await reports.corrections(lost))[0]).toMatchObject({ action: 'regroup', actor: 'migration', otherId: split });
    });

    describe('reports on a fixed month', () => {
      let storage: Storage;
      beforeAll(async () => {
        storage = await fresh();
        for (const r of month()) storage.log.record(r);
        await storage.log.flush();
      });

      test('periods and channels', async () => {
        const { reports } = storage;
        expect(await reports.period('7 天', ago(7), NOW)).toEqual({
          label: '7 天', since: ago(7).toISOString(), messages: 5, questions: 5, answered: 2, clarified: 1, fellBack: 2, answerRate: 0.4,
        });
        expect(await reports.period('空', ago(100), ago(90))).toMatchObject({ messages: 0, questions: 0, answerRate: 0 });
        expect(await reports.byChannel(ago(30))).toEqual([
          { channel: 'web', messages: 4, answered: 1, fellBack: 2 },
          { channel: 'api', messages: 3, answered: 1, fellBack: 2 },
          { channel: 'wechat', messages: 2, answered: 1, fellBack: 0 },
        ]);
      });

      test('daily counts, every day present, oldest first', async () => {
        const days = await storage.reports.daily(14, NOW);
        expect(days).toHaveLength(14);
        expect(days[0]?.day).toBe('2026-11-07');
        expect(days.at(-1)).toEqual({ day: '2026-11-20', answered: 2, clarified: 0, fellBack: 0, other: 0 });
        expect(days.find((d) => d.day === '2026-11-08')).toEqual({ day: '2026-11-08', answered: 0, clarified: 0, fellBack: 0, other: 1 });
        expect(days.reduce((n, d) => n + d.answered + d.clarified + d.fellBack + d.other, 0)).toBe(8);
      });

      test('top items and sections', async () => {
        expect(await storage.reports.topItems(ago(30))).toEqual([
          { itemId: 'idcard-lost', count: 2 },
          { itemId: 'residence-permit-apply', count: 1 },
        ]);
        const fields = await storage.reports.topFields(ago(30));
        expect(fields.sort((a, b) => a.field.localeCompare(b.field))).toEqual([
          { field: '办理时限', count: 1 },
          { field: '所需材料', count: 1 },
        ]);
        expect(await storage.reports.topFields(ago(30), 1)).toHaveLength(1);
      });

      test('signals with trends, one signal, status updates', async () => {
        const { reports } = storage;
        const signals = await reports.signals({}, NOW);
        expect(signals.map((s) => [s.key, s.count, s.last7, s.prev7])).toEqual([
          ['丢 驾驶证', 3, 2, 1],
          ['护照 过期', 1, 0, 1],
        ]);
        const lost = signals[0]!;
        expect(lost).toMatchObject({ firstSeen: ago(2).toISOString(), lastSeen: ago(2).toISOString(), examples: ['驾驶证丢了', '驾驶证丢了怎么办', '驾照丢了'], status: 'new', note: null });
        expect(await reports.signal(lost.id)).toEqual((await reports.signals())[0]); // trends counted from now
        expect(await reports.signal(999_999)).toBeUndefined();
        expect(await reports.updateSignal(lost.id, 'seen', '已转交车管所')).toBe(true);
        expect(await reports.updateSignal(999_999, 'seen', null)).toBe(false);
        expect(await reports.signals({ status: ['seen'] }, NOW)).toMatchObject([{ key: '丢 驾驶证', status: 'seen', note: '已转交车管所' }]);
        expect(await reports.signals({ since: ago(5) }, NOW)).toHaveLength(1);
        expect(await reports.signals({ limit: 1 }, NOW)).toHaveLength(1);
        await reports.updateSignal(lost.id, 'new', null);
      });

      test('interactions in a range, oldest first, hashed and masked as stored', async () => {
        const rows = await storage.reports.interactions(ago(21), NOW);
        expect(rows.map((r) => r.userHash)).toEqual(['h', 'g', 'f', 'e', 'd', 'c', 'b', 'b', 'a']);
        expect(rows[0]).toMatchObject({ at: ago(20).toISOString(), channel: 'api', kind: 'answer', itemId: 'residence-permit-apply', field: '办理时限', score: 0.7, latencyMs: 0.25, signalId: null });
        expect(typeof rows[0]?.id).toBe('number');
        expect(rows.find((r) => r.userHash === 'c')?.signalId).toEqual(expect.any(Number));
        expect(await storage.reports.interactions(ago(21), NOW, 2)).toHaveLength(2);
      });

      test('retention purges old interactions; signal counts stay', async () => {
        const { reports } = storage;
        expect(await reports.interactionCount()).toBe(10);
        expect(await reports.purge(ago(30))).toBe(1);
        expect(await reports.purge(ago(30))).toBe(0);
        expect(await reports.interactionCount()).toBe(9);
        expect((await reports.signals({}, NOW))[0]?.count).toBe(3);
      });
    });
  });
}
