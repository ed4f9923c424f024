/**
 * WeChat official account (公众号) channel at /wechat, following the platform's server
 * protocol: URL verification (GET), passive replies to messages and events (POST), plain
 * or 安全模式 (encrypted).
 *
 * Requests are authenticated first (authenticate.ts: the URL signature before the body is
 * read). WeChat waits 5 s for a reply and retries up to 3 times: a retry (same MsgId, or
 * for events FromUserName + CreateTime + Event + EventKey) gets the same reply and is
 * logged once, even while the first is still being answered (the context's `replies`).
 * Whatever goes wrong inside, the answer is a reply or "success", never a 5xx or a 413
 * (which make WeChat tell the citizen "该公众号暂时无法提供服务").
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { Reply } from '../../contract/reply.js';
import type { ChannelContext } from '../../contract/context.js';
import { wechatGate } from './authenticate.js';
import { WechatCrypto } from './crypto.js';
import { safeEqual, sign } from './signature.js';
import { MORE_NOTE, splitReply } from './split.js';
import { encryptedReply, parseMessage, peekEncrypt, peekFields, textReply, type WechatMessage } from './xml.js';

const MORE_WORDS = new Set(['更多', '继续', '下一页', '下一部分', '后面呢', 'more']);
/** Bodies up to this are parsed as XML. */
const BODY_LIMIT = 64 * 1024;
/** A signed body is read up to this; beyond it the answer is "success". */
const HARD_BODY_LIMIT = 1024 * 1024;
/** The fields read from a message too long to parse. */
const PEEKED = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'MsgId', 'Event', 'EventKey'] as const;
const TOO_LONG_REPLY = '您的消息太长了，我没能读完。请分几次发送，每次说一件事，例如“身份证丢了怎么补办”。紧急情况请拨打 110。';
const NON_TEXT_REPLY =
  '目前只能回答文字问题，请用文字描述您要咨询的事项，例如“身份证丢了怎么补办”。紧急情况请拨打 110。';

export function wechatRouter(ctx: ChannelContext): Router {
  const token = ctx.config.WECHAT_TOKEN ?? '';
  const crypto =
    ctx.config.WECHAT_ENCODING_AES_KEY && ctx.config.WECHAT_APPID
      ? new WechatCrypto(ctx.config.WECHAT_ENCODING_AES_KEY, ctx.config.WECHAT_APPID)
      : null;
  const maxBytes = ctx.config.WECHAT_REPLY_MAX_BYTES;
  const gate = wechatGate(ctx, token, !!crypto);

  const router = Router();

  const query = (req: Request, key: string) => (typeof req.query[key] === 'string' ? (req.query[key] as string) : '');

  // URL verification when the server address is set in the official-account console.
  router.get('/', (req, res) => {
    const problem = gate.urlProblem(req);
    if (problem && problem !== 'aes_not_configured') return gate.refuse(req, res, problem);
    res.type('text/plain').send(query(req, 'echostr'));
  });

  // The URL is checked before the body is even read; a signed body is read up to a hard
  // limit, and one over the parse limit is answered politely without being parsed.
  router.post('/', gate.checkUrl, express.text({ type: () => true, limit: HARD_BODY_LIMIT }), async (req: Request, res: Response) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const encrypted = query(req, 'encrypt_type') === 'aes';
    const tooLong = Buffer.byteLength(body) > BODY_LIMIT;

    // 安全模式: the encrypted body's own signature, then decryption (which checks the AppID).
    let inner = body;
    if (encrypted && crypto) {
      const enc = (tooLong ? peekEncrypt(body) : parseMessage(body)?.Encrypt) ?? '';
      if (!enc || !safeEqual(sign(token, query(req, 'timestamp'), query(req, 'nonce'), enc), query(req, 'msg_signature'))) {
        return gate.refuse(req, res, 'bad_msg_signature');
      }
      try {
        inner = crypto.decrypt(enc);
      } catch {
        return gate.refuse(req, res, 'decrypt_failed');
      }
    }

    const seal = (xml: string): string => {
      if (!encrypted || !crypto) return xml;
      const ts = String(Math.floor(Date.now() / 1000));
      const n = randomBytes(8).toString('hex');
      const enc = crypto.encrypt(xml);
      return encryptedReply(enc, sign(token, ts, n, enc), ts, n);
    };
    // "success" is always plain, in 安全模式 too, and for a retry as for the first time.
    const send = (xml: string) => (xml === 'success' ? res.type('text/plain').send(xml) : res.type('application/xml').send(seal(xml)));

    try {
      const long = tooLong || Buffer.byteLength(inner) > BODY_LIMIT;
      const msg = long ? peekFields(inner, PEEKED) : parseMessage(inner);
      if (!msg || !msg.FromUserName || !msg.ToUserName) return send('success');
      const from = msg.FromUserName;
      const to = msg.ToUserName;
      // Events have no MsgId: sender, time, event and its key (two menu clicks in one second).
      const key = msg.MsgId ? `msg:${msg.MsgId}` : `evt:${from}:${msg.CreateTime ?? ''}:${msg.Event ?? ''}:${msg.EventKey ?? ''}`;
      // The reply text is kept for retries, not the XML: that names the citizen's openid,
      // and a shared store must not hold raw WeChat ids.
      // A retry gets the same XML: same text, same CreateTime; "success" stays plain.
      const kept = await ctx.replies.once(key, async () =>
        JSON.stringify({ content: long ? tooLongReply(msg, `wechat:${key}`) : await handle(msg, `wechat:${key}`), at: Date.now() }),
      );
      const { content, at } = JSON.parse(kept) as { content: string | null; at: number };
      send(content === null ? 'success' : textReply(from, to, content, at));
    } catch (err) {
      ctx.metrics.channelErrors.inc({ channel: 'wechat' });
      ctx.logger.error({ err }, 'wechat message failed');
      if (!res.headersSent) res.type('text/plain').send('success');
    }
  });

  // A signed body over the hard limit, or cut off: "success", never an error page (WeChat
  // would show the citizen "该公众号暂时无法提供服务").
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    const e = err as { status?: number; type?: string };
    if (e.status === 413 || e.type === 'entity.too.large') return gate.refuse(req, res, 'body_too_large', 200);
    if (e.status && e.status < 500) return void res.status(200).type('text/plain').send('success');
    next(err);
  });

  /** A signed message too long to read: say so politely, record that it came. */
  function tooLongReply(msg: WechatMessage, messageKey: string): string | null {
    const user = msg.FromUserName ?? '';
    if (msg.MsgType && msg.MsgType !== 'text') return null;
    ctx.note({ user, text: '[超长消息]', channel: 'wechat', messageKey }, { kind: 'chat', text: TOO_LONG_REPLY, item: null, field: null, score: 1, options: [] });
    return TOO_LONG_REPLY;
  }

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
