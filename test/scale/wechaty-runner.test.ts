/**
 * One Wechaty runner among several instances: two servers on one real Redis, both with a
 * puppet configured; only the lease holder starts the bot, and when it stops, the one
 * standing by takes over.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { cleanTemps, testServer } from '../helpers.js';
import { services, startRedis, type RedisServer } from '../services.js';

const missing = services().redis;
if (missing) console.warn(`SKIPPED: Wechaty runner lease tests: ${missing}`);

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

(missing ? describe.skip : describe)('the Wechaty bot runs on one instance only', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
    cleanTemps();
  });

  test('the first instance runs it, the second stands by and takes over when the first stops', async () => {
    const env = { REDIS_URL: redis.url };
    const first = await testServer(env, { wechatyPuppet: new PuppetMock({ mocker: new mock.Mocker() }), watch: false });
    const second = await testServer(env, { wechatyPuppet: new PuppetMock({ mocker: new mock.Mocker() }), watch: false, wechatyStandbyMs: 100 });
    expect(first.runsWechaty()).toBeDefined();
    expect(second.runsWechaty()).toBeUndefined();
    await first.close();
    await until(() => second.runsWechaty() !== undefined);
    await second.close();
  }, 30_000);
});
