/**
 * Wechaty channel: a WeChat account driven by a Wechaty puppet answers citizens.
 *
 * Direct text messages are answered; in groups only when the bot is @-mentioned. Its own
 * messages, official accounts' messages and anything sent before it started are ignored,
 * and each contact is limited to a few messages a minute. The login QR code is printed in
 * the terminal. The puppet is chosen by WECHATY_PUPPET (a package name), or passed in
 * (tests pass wechaty-puppet-mock).
 */
import qrcodeTerminal from 'qrcode-terminal';
import { WechatyBuilder, types, type Message, type Wechaty } from 'wechaty';
import type { ChannelContext } from '../../contract/context.js';

/** Restart delays after the puppet drops: 1 s, 2 s, 4 s … up to a minute. */
export function backoffMs(attempt: number, baseMs = 1000, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
}

export interface WechatyChannel {
  bot: Wechaty;
  /** Restarts after unexpected stops so far. */
  restarts(): number;
  stop(): Promise<void>;
}

export interface WechatyOptions {
  /** A puppet package name (wechaty-puppet-wechat4u …) or a puppet instance. */
  puppet: string | object;
  puppetToken?: string;
  /** Messages per contact per minute. */
  perMinute?: number;
  /** Called with the QR code URL; the default prints it in the terminal. */
  onScan?: (qrcode: string) => void;
  /** First restart delay after a drop (doubles each failed attempt). */
  backoffBaseMs?: number;
}

const TOO_MANY = '您发消息太快了，请稍等一分钟再问。紧急情况请拨打 110。';

export async function startWechaty(ctx: ChannelContext, options: WechatyOptions): Promise<WechatyChannel> {
  const startedAt = Date.now();
  const perMinute = options.perMinute ?? 10;
  const recent = new Map<string, number[]>();

  const bot = WechatyBuilder.build({
    name: 'wenzheng',
    // wechaty's option type names puppet packages as a string union; any installed puppet works.
    puppet: options.puppet as never,
    puppetOptions: options.puppetToken ? { token: options.puppetToken } : undefined,
  });

  bot.on('scan', (qrcode, status) => {
    if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) return;
    if (options.onScan) options.onScan(qrcode);
    else {
      ctx.logger.info('Wechaty: 请用微信扫描下面的二维码登录');
      qrcodeTerminal.generate(qrcode, { small: true });
    }
  });
  bot.on('login', (user) => ctx.logger.info({ user: user.name() }, 'Wechaty logged in'));
  bot.on('logout', () => ctx.logger.warn('Wechaty logged out'));
  bot.on('error', (err) => {
    ctx.metrics.channelErrors.inc({ channel: 'wechaty' });
    ctx.logger.error({ err }, 'Wechaty error');
  });

  bot.on('message', async (msg: Message) => {
    try {
      await onMessage(msg);
    } catch (err) {
      // One channel's failure must not reach the others (or crash the process).
      ctx.metrics.channelErrors.inc({ channel: 'wechaty' });
      ctx.logger.error({ err }, 'Wechaty message failed');
    }
  });

  async function onMessage(msg: Message): Promise<void> {
    if (msg.self()) return;
    if (msg.date().getTime() < startedAt - 1000) return;
    if (msg.type() !== types.Message.Text) return;
    const talker = msg.talker();
    if (talker.type() === types.Contact.Official) return;
    const room = msg.room();
    if (room && !(await msg.mentionSelf())) return;

    const now = Date.now();
    const times = (recent.get(talker.id) ?? []).filter((t) => now - t < 60_000);
    times.push(now);
    recent.set(talker.id, times);
    if (times.length > perMinute) {
      if (times.length === perMinute + 1) await msg.say(TOO_MANY);
      return;
    }

    const text = room ? await msg.mentionText() : msg.text();
    const reply = await ctx.ask({ user: talker.id, text, channel: 'wechaty', messageKey: `wechaty:${msg.id}` });
    if (room) await room.say(reply.text, talker);
    else await msg.say(reply.text);
  }

  // The puppet can drop (network, WeChat kicking the session): restart with backoff.
  let stopping = false;
  let attempt = 0;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;
  const restart = () => {
    if (stopping) return;
    const delay = backoffMs(attempt++, options.backoffBaseMs);
    ctx.logger.warn({ delayMs: delay, attempt }, 'Wechaty stopped unexpectedly; restarting');
    timer = setTimeout(() => {
      bot.start().then(
        () => {
          restarts++;
          attempt = 0;
          ctx.logger.info({ restarts }, 'Wechaty restarted');
        },
        (err: unknown) => {
          ctx.metrics.channelErrors.inc({ channel: 'wechaty' });
          ctx.logger.error({ err }, 'Wechaty restart failed');
          restart();
        },
      );
    }, delay);
    timer.unref();
  };
  bot.on('stop', () => {
    if (!stopping) restart();
  });

  await bot.start();
  return {
    bot,
    restarts: () => restarts,
    stop: async () => {
      stopping = true;
      clearTimeout(timer);
      await bot.stop();
    },
  };
}
