/**
 * Official-account XML in and out. Parsing uses fast-xml-parser with entity processing
 * off (no entity expansion tricks) and every value kept as a string (a MsgId is 64-bit).
 * Replies are built by hand: a fixed shape with CDATA, where "]]>" is split safely.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type WechatMessage = Record<string, string>;

const parser = new XMLParser({
  ignoreAttributes: true,
  processEntities: false,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** The fields of <xml>…</xml> as strings, or null when the body is not such a document. */
export function parseMessage(body: string): WechatMessage | null {
  if (!body || XMLValidator.validate(body) !== true) return null;
  let doc: unknown;
  try {
    doc = parser.parse(body);
  } catch {
    return null;
  }
  const xml = (doc as { xml?: unknown } | null)?.xml;
  if (!xml || typeof xml !== 'object') return null;
  const out: WechatMessage = {};
  for (const [k, v] of Object.entries(xml as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  }
  return out;
}

/**
 * A few short fields of a message too long to parse (over the body limit): read by a
 * bounded pattern from its start, where WeChat puts them. Only for a request already
 * authenticated; the long field itself (Content, Encrypt) is not read here.
 */
export function peekFields(body: string, names: readonly string[]): WechatMessage {
  const out: WechatMessage = {};
  const head = body.slice(0, 4096);
  for (const name of names) {
    const m = new RegExp(`<${name}>\\s*(?:<!\\[CDATA\\[([^\\]<]{0,256})\\]\\]>|([^<]{0,256}))\\s*</${name}>`).exec(head);
    const value = m?.[1] ?? m?.[2];
    if (value !== undefined) out[name] = value.trim();
  }
  return out;
}

/** The Encrypt field of a 安全模式 envelope too long to parse: base64 only, nothing else. */
export function peekEncrypt(body: string): string | null {
  return /<Encrypt>\s*<!\[CDATA\[([A-Za-z0-9+/=]+)\]\]>\s*<\/Encrypt>/.exec(body)?.[1] ?? /<Encrypt>([A-Za-z0-9+/=]+)<\/Encrypt>/.exec(body)?.[1] ?? null;
}

export function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function textReply(to: string, from: string, content: string, now = Date.now()): string {
  return (
    `<xml><ToUserName>${cdata(to)}</ToUserName><FromUserName>${cdata(from)}</FromUserName>` +
    `<CreateTime>${Math.floor(now / 1000)}</CreateTime><MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(content)}</Content></xml>`
  );
}

export function encryptedReply(encrypt: string, signature: string, timestamp: string, nonce: string): string {
  return (
    `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature>` +
    `<TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`
  );
}
