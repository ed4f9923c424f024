import { afterAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openReports } from '../../src/storage/open.js';
import { cleanTemps, ROOT, tempDir } from '../helpers.js';

afterAll(cleanTemps);

const TSX = join(ROOT, 'node_modules/.bin/tsx');
function runAsk(args: string[], input?: string, dataDir = tempDir()) {
  const r = spawnSync(TSX, [join(ROOT, 'src/channels/cli/ask.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
  return { ...r, dataDir };
}

describe('batch CLI contract', () => {
  test('the five-line check: 补领, operators, chat, emergency, fallback recorded as a signal', async () => {
    const lines = ['身份证丢了怎么办', '身份证:补办~2^3', '你好', '救命有人抢劫', '今天天气怎么样'].join('\n') + '\n';
    const r = runAsk(['--jsonl'], lines);
    expect(r.status).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ kind: 'answer', item: { id: 'idcard-lost' } });
    expect(['answer', 'clarify', 'fallback']).toContain(out[1].kind);
    expect(out[2].kind).toBe('chat');
    expect(out[3].kind).toBe('emergency');
    expect(out[3].text).toContain('110');
    expect(out[4].kind).toBe('fallback');
    // The six fields always; an answer also names its basis and related questions and
    // carries its ref (for 有用 / 没用): fields are added to the contract, never renamed or removed.
    for (const reply of out) {
      const keys = Object.keys(reply);
      expect(keys.filter((k) => !['basis', 'related', 'ref'].includes(k)).sort()).toEqual(['field', 'item', 'kind', 'options', 'score', 'text']);
      expect(keys.includes('basis')).toBe(reply.item !== null);
      expect(keys.includes('ref')).toBe(reply.kind === 'answer');
    }
    expect(out[0].related.length).toBeGreaterThanOrEqual(2);
    const { reports, close } = await openReports({ dbPath: join(r.dataDir, 'wenzheng.sqlite') });
    const signals = await reports.signals();
    await close();
    expect(signals.some((s) => s.examples.includes('今天天气怎么样'))).toBe(true);
  });

  test('--jsonl keeps sessions per user and accepts plain-text lines', () => {
    const input = [
      JSON.stringify({ user: 'a', text: '居住证怎么办' }),
      JSON.stringify({ user: 'b', text: '身份证丢了' }),
      JSON.stringify({ user: 'a', text: '要什么材料' }),
      '你好',
      '{not json',
    ].join('\n');
    const out = runAsk(['--jsonl'], input).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[2]).toMatchObject({ item: { id: 'residence-permit-apply' }, field: '所需材料' });
    expect(out[3].kind).toBe('chat');
  });

  test('plain mode prints only the reply text; --json the object', () => {
    const text = runAsk(['身份证丢了怎么办']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('补领');
    expect(() => JSON.parse(text.stdout)).toThrow();
    const json = JSON.parse(runAsk(['--json', '你好']).stdout);
    expect(json.kind).toBe('chat');
  });
});
