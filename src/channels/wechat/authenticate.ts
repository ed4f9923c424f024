/**
 * Who may talk to /wechat: WeChat signs every request's URL (signature = SHA-1 of the
 * Token, timestamp and nonce), in plain and in 安全模式 alike. That is checked first, from
 * the query string alone, before the body is read: a forged request costs a hash, never
 * the reading or parsing of its body. 安全模式 then checks msg_signature over the
 * encrypted body, and decryption checks the AppID.
 *
 * Every refusal is counted in metrics by reason and logged, throttled per reason. A stale
 * timestamp on a correctly signed request means a replay or a wrong clock; when it is
 * WeChat's own traffic the server's clock is off and every message is being refused, so
 * the log line says so and by how much.
 */
import type { NextFunction, Request, Response } from 'express';
import { Throttle } from '../../contract/throttle.js';
import type { ChannelContext } from '../../contract/context.js';
import { MAX_SKEW_SECONDS, freshTimestamp, safeEqual, sign } from './signature.js';

export type RefusalReason =
  | 'missing_signature'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'aes_not_configured'
  | 'bad_msg_signature'
  | 'decrypt_failed'
  | 'body_too_large';

const WHY: Record<RefusalReason, string> = {
  missing_signature: 'no signature in the URL: not from WeChat',
  bad_signature: 'bad signature: not from WeChat, or WECHAT_TOKEN differs from the Token in the official-account console',
  stale_timestamp: 'timestamp too far from this server’s clock',
  aes_not_configured: 'an encrypted (安全模式) message, but WECHAT_ENCODING_AES_KEY is not set: set it (and WECHAT_APPID) as in the console',
  bad_msg_signature: 'bad msg_signature over the encrypted body',
  decrypt_failed: 'cannot decrypt: WECHAT_ENCODING_AES_KEY or WECHAT_APPID differs from the console’s',
  body_too_large: 'a signed request with a body over the hard limit; answered "success"',
};

const query = (req: Request, key: string) => (typeof req.query[key] === 'string' ? (req.query[key] as string) : '');

export interface Gate {
  /** Count, log (throttled) and answer a refusal. */
  refuse(req: Request, res: Response, reason: RefusalReason, status?: number): void;
  /** Middleware: the URL signature and timestamp, before anything reads the body. */
  checkUrl(req: Request, res: Response, next: NextFunction): void;
  /** The reason a URL is refused, or null when WeChat signed it just now. */
  urlProblem(req: Request): RefusalReason | null;
}

export function wechatGate(ctx: ChannelContext, token: string, aesConfigured: boolean): Gate {
  const throttle = new Throttle();

  const refuse: Gate['refuse'] = (req, res, reason, status = 401) => {
    ctx.metrics.wechatRefused.inc({ reason });
    const held = throttle.hit(reason);
    if (held !== null) {
      const fields: Record<string, unknown> = { reason, heldBack: held };
      let message = `refused a WeChat request: ${WHY[reason]}`;
      if (reason === 'stale_timestamp') {
        const skew = Math.round(Number(query(req, 'timestamp')) - Date.now() / 1000);
        fields.skewSeconds = skew;
        message =
          `refused a correctly signed WeChat request whose timestamp is ${Math.abs(skew)} s ${skew < 0 ? 'behind' : 'ahead of'} this server's clock ` +
          `(more than ${MAX_SKEW_SECONDS} s): a replay, or this server's clock is off — if so every official-account message is refused until the clock is fixed (check NTP)`;
      }
      ctx.logger.warn(fields, message);
    }
    const body = reason === 'body_too_large' ? 'success' : reason === 'decrypt_failed' ? 'invalid message' : 'invalid signature';
    if (!res.headersSent) res.status(status).type('text/plain').send(body);
  };

  const urlProblem: Gate['urlProblem'] = (req) => {
    const signature = query(req, 'signature');
    if (!signature) return 'missing_signature';
    const timestamp = query(req, 'timestamp');
    if (!safeEqual(sign(token, timestamp, query(req, 'nonce')), signature)) return 'bad_signature';
    if (!freshTimestamp(timestamp)) return 'stale_timestamp';
    if (query(req, 'encrypt_type') === 'aes' && !aesConfigured) return 'aes_not_configured';
    return null;
  };

  return {
    refuse,
    urlProblem,
    checkUrl(req, res, next) {
      const problem = urlProblem(req);
      if (problem) return refuse(req, res, problem, problem === 'aes_not_configured' ? 400 : 401);
      next();
    },
  };
}
