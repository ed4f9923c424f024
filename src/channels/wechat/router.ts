/**
 * WeChat official account (公众号) channel at /wechat, following the platform's server
 * protocol: URL verification (GET), passive replies to messages and events (POST), plain
 * or 安全模式 (encrypted).
 *
 * WeChat waits 5 s for a reply and retries up to 3 times: a retry (same MsgId, or for
 * events FromUserName + CreateTime) gets the same reply and is logged once, even while the
 * first is still being answered (the context's `replies`). Whatever goes
 * wrong inside, the answer is a reply or "success", never a 5xx (which makes WeChat tell
 * the citizen "该公众号暂时无法提供服务").
 */
import express, { Router, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { Reply } from '../../contract/reply.js';
import type { ChannelContext } from '../../contract/context.js';
import { WechatCrypto } from './crypto.js';
import { freshTimestamp, safeEqual, sign } from './signature.js';
import { MORE_NOTE, splitReply } from './split.js';
import { encryptedReply, parseMessage, textReply, type WechatMessage } from './xml.js';

const MORE_WORDS = new Set(['更多', '继续', '下一页', '下一部分', '后面呢', 'more']);
const NON_TEXT_REPLY =
  '目前只能回答文字问题，请用文字描述您要咨询的事项，例如“身份证丢了怎么补办”。紧急情况请拨打 110。';

export function wechatRouter(ctx: ChannelContext): Router {
  const token = ctx.config.WECHAT_TOKEN ?? '';
  const crypto =
    ctx.config.WECHAT_ENCODING_AES_KEY && ctx.config.WECHAT_APPID
      ? new WechatCrypto(ctx.config.WECHAT_ENCODING_AES_KEY, ctx.config.WECHAT_APPID)
      : null;
  const maxBytes = ctx.config.WECHAT_REPLY_MAX_BYTES;

  const router = Router();

  const query = (req: Request, key: string) => (typeof req.query[key] === 'string' ? (req.query[key] as string) : '');

  // URL verification when the server address is set in the official-account console.
  router.get('/', (req, res) => {
    const [signature, timestamp, nonce, echostr] = ['signature', 'timestamp', 'nonce', 'echostr'].map((k) => query(req, k)) as [string, string, string, string];
    if (!signature || !freshTimestamp(timestamp) || !safeEqual(sign(token, timestamp, nonce), signature)) {
      res.status(401).type('text/plain').send('invalid signature');
      return;
    }
    res.type('text/plain').send(echostr);
  });

  router.post('/', express.text({ type: () => true, limit: '64kb' }), async (req: Request, res: Response) => {
    const timestamp = query(req, 'timestamp');
    const nonce = query(req, 'nonce');
    const body = typeof req.body === 'string' ? req.body : '';
    const encrypted = query(req, 'encrypt_type') === 'aes';

    // Authenticate before anything else: a forged call is refused and never logged.
    let inner: string;
    if (encrypted) {
      const outer = parseMessage(body);
      const enc = outer?.Encrypt ?? '';
      if (!crypto || !enc || !freshTimestamp(timestamp) || !safeEqual(sign(token, timestamp, nonce, enc), query(req, 'msg_signature'))) {
        res.status(401).type('text/plain').send('invalid signature');
        return;
      }
      try {
        inner = crypto.decrypt(enc);
      } catch {
        res.status(401).type('text/plain').send('invalid message');
        return;
      }
    } else {
      if (!freshTimestamp(timestamp) || !safeEqual(sign(token, timestamp, nonce), query(req, 'signature'))) {
        res.status(401).type('text/plain').send('invalid signature');
        return;
      }
      inner = body;
    }

    const seal = (xml: string): string => {
      if (!encrypted || !crypto) return xml;
      const ts = String(Math.floor(Date.now() / 1000));
      const n = randomBytes(8).toString('hex');
      const enc = crypto.encrypt(xml);
      return encryptedReply(enc, sign(token, ts, n, enc), ts, n);
    };

    try {
      const msg = parseMessage(inner);
      if (!msg || !msg.FromUserName || !msg.ToUserName) {
        res.type('text/plain').send('success');
        return;
      }
      const from = msg.FromUserName;
      const to = msg.ToUserName;
      const key = msg.MsgId ? `msg:${msg.MsgId}` : `evt:${from}:${msg.CreateTime ?? ''}:${msg.Event ?? ''}`;
      // The reply text is kept for retries, not the XML: that names the citizen's openid,
      // and a shared store must not hold raw WeChat ids.
      // A retry gets the same XML: same text, same CreateTime.
      const kept = await ctx.replies.once(key, async () => JSON.stringify({ content: await handle(msg, `wechat:${key}`), at: Date.now() }));
      const { content, at } = JSON.parse(kept) as { content: string | null; at: number };
      if (content === null) res.type('text/plain').send('success');
      else res.type('application/xml').send(seal(textReply(from, to, content, at)));
    } catch (err) {
      ctx.metrics.channelErrors.inc({ channel: 'wechat' });
      ctx.logger.error({ err }, 'wechat message failed');
      if (!res.headersSent) res.type('text/plain').send('success');
    }
  });

  /** The reply text for a message, or null for "success" (nothing to say). */
  async function handle(msg: WechatMessage, messageKey: string): Promise<string | null> {
    const user = msg.FromUserName ?? '';
    const type = msg.MsgType ?? '';
    const askText = async (text: string) => deliver(user, await ctx.ask({ user, text, channel: 'wechat', messageKey }));

    if (type === 'text') {
      const text = msg.Content ?? '';
      const next = MORE_WORDS.has(text.trim().toLowerCase()) ? await ctx.continuations.next(user) : undefined;
      if (next !== undefined) {
        ctx.note({ user, text, channel: 'wechat', messageKey }, { kind: 'chat', text: next, item: null, field: null, score: 1, options: [] });
        return next;
      }
      return askText(text);
    }
    if (type === 'voice' && msg.Recognition) return askText(msg.Recognition);
    if (type === 'event') {
      const event = (msg.Event ?? '').toLowerCase();
      if (event === 'subscribe') {
        const welcome = await ctx.ask({ user, text: '帮助', channel: 'wechat', messageKey });
        return deliver(user, { ...welcome, text: `感谢关注！${welcome.text}` });
      }
      if (event === 'click') {
        const question = ctx.menuQuestion(msg.EventKey ?? '') ?? '帮助';
        return askText(question);
      }
      return null; // unsubscribe, VIEW, location reports …: nothing to say
    }
    // image, voice without recognition, video, shortvideo, location, link, file …
    ctx.note({ user, text: `[${type || '未知'}消息]`, channel: 'wechat', messageKey }, { kind: 'chat', text: NON_TEXT_REPLY, item: null, field: null, score: 1, options: [] });
    return NON_TEXT_REPLY;
  }

  /** Fit the reply into one passive message; keep the rest for "更多" (a new reply replaces what was kept). */
  async function deliver(user: string, reply: Reply): Promise<string> {
    const [first = '', ...rest] = splitReply(reply.text, maxBytes);
    await ctx.continuations.keep(user, rest);
    return first;
  }

  return router;
}

export { MORE_NOTE };
