import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { backoffMs } from '../../src/channels/wechaty/bot.js';
import { cleanTemps, testServer } from '../helpers.js';

/** The mocks are event emitters whose typings do not resolve here (typed-emitter). */
type Listener = { on(event: 'message', cb: (m: mock.MessageMock) => void): void };
const listen = (x: unknown) => x as Listener;

/** Wait until `check` passes or time runs out. */
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Wechaty channel with wechaty-puppet-mock', () => {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  let server: Awaited<ReturnType<typeof testServer>>;
  let botUser: mock.ContactMock;
  let citizen: mock.ContactMock;
  const received: { from: string; text: string }[] = [];

  beforeAll(async () => {
    server = await testServer({}, { wechatyPuppet: puppet, wechatyBackoffMs: 50 });
    botUser = mocker.createContact({ name: '问政助手' });
    mocker.login(botUser);
    citizen = mocker.createContact({ name: '市民' });
    listen(citizen).on('message', (m: mock.MessageMock) => {
      if (m.talker().id === botUser.id) received.push({ from: m.talker().id, text: m.text() ?? '' });
    });
    await until(() => server.wechaty?.bot.isLoggedIn ?? false);
  }, 30_000);

  afterAll(async () => {
    await server.close();
    cleanTemps();
  });

  test('a citizen asks, the bot answers, the exchange is in the log', async () => {
    citizen.say('居住证怎么办理').to(botUser);
    await until(() => received.length >= 1);
    expect(received[0]?.text).toContain('居住证');
    await server.ctx.log.flush();
    const row = (await server.ctx.reports.interactions(new Date(0), new Date(Date.now() + 1))).find((r) => r.channel === 'wechaty');
    expect(row).toMatchObject({ text: '居住证怎么办理', kind: 'answer', itemId: 'residence-permit-apply' });
    expect(row?.userHash).not.toContain(citizen.id);
  });

  test('"不是这个" right after an answer is a verdict: an apology, and a 答非所问 signal with the question and the item', async () => {
    const before = received.length;
    citizen.say('身份证到期了怎么换').to(botUser);
    await until(() => received.length >= before + 1);
    citizen.say('不是这个').to(botUser);
    await until(() => received.length >= before + 2);
    expect(received[before + 1]?.text).toContain('抱歉');
    await server.ctx.log.flush();
    const unhelpful = await server.ctx.reports.signals({ kind: 'unhelpful' });
    expect(unhelpful.find((s) => s.examples.includes('身份证到期了怎么换'))).toMatchObject({ kind: 'unhelpful', itemId: 'idcard-renew' });
  });

  test('in a room it answers only when @-mentioned; it ignores its own messages', async () => {
    const room = mocker.createRoom({ topic: '居民群', memberIdList: [botUser.id, citizen.id] });
    const before = received.length;
    const roomReplies: string[] = [];
    listen(room).on('message', (m: mock.MessageMock) => {
      if (m.talker().id === botUser.id) roomReplies.push(m.text() ?? '');
    });
    citizen.say('身份证丢了怎么办').to(room);
    await new Promise((r) => setTimeout(r, 500));
    expect(roomReplies).toHaveLength(0);
    citizen.say('@问政助手 身份证丢了怎么办', [botUser]).to(room);
    await until(() => roomReplies.length >= 1);
    expect(roomReplies[0]).toContain('补领');
    expect(received.length).toBe(before);
  });

  test('when the puppet drops, the bot restarts with backoff and answers again', async () => {
    const channel = server.wechaty!;
    await channel.bot.stop(); // a drop: not our own stop()
    await until(() => channel.restarts() === 1);
    mocker.login(botUser);
    await until(() => channel.bot.isLoggedIn);
    const before = received.length;
    citizen.say('你好').to(botUser);
    await until(() => received.length > before);
    expect(received.at(-1)?.text).toContain('您好');
  });

  test('backoff doubles up to a minute', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffMs(a))).toEqual([1000, 2000, 4000, 8000, 60_000]);
  });
});
