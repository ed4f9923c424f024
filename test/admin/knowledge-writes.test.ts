/** Knowledge writes (a publish, a rollback, 教给归并) run one at a time per admin context. */
import { describe, expect, test } from '@jest/globals';
import type { AdminContext } from '../../src/admin/context.js';
import { oneKnowledgeWriteAtATime } from '../../src/admin/knowledge-writes.js';

describe('one knowledge write at a time', () => {
  test('a write starts only when the one before ended, failed or not; another context does not wait', async () => {
    const ctx = {} as AdminContext;
    const other = {} as AdminContext;
    const events: string[] = [];
    const write = (name: string, ms: number, fail = false) => async () => {
      events.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const a = oneKnowledgeWriteAtATime(ctx, write('a', 30, true));
    const b = oneKnowledgeWriteAtATime(ctx, write('b', 5));
    const c = oneKnowledgeWriteAtATime(other, write('c', 1));
    await expect(a).rejects.toThrow('a');
    await expect(b).resolves.toBe('b');
    await expect(c).resolves.toBe('c');
    expect(events.filter((e) => !e.startsWith('c'))).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(events.indexOf('c end')).toBeLessThan(events.indexOf('a end'));
  });
});
