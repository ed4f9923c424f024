/**
 * HTTP throughput with autocannon: POST /api/ask, POST /wechat (plain XML, signed, a new
 * MsgId per request) and a bare Express hello-world, one after another on this machine.
 */
import autocannon from 'autocannon';
import { createHash } from 'node:crypto';

export interface HttpResult {
  target: string;
  reqPerSec: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export async function load(target: string, url: string, seconds: number, connections: number, request: autocannon.Request): Promise<HttpResult> {
  const result = await autocannon({ url, duration: seconds, connections, requests: [request] });
  return {
    target,
    reqPerSec: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function askRequest(questions: string[]): autocannon.Request {
  let i = 0;
  return {
    method: 'POST',
    path: '/api/ask',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      i++;
      return { ...req, body: JSON.stringify({ user: `bench-${i % 5000}`, text: questions[i % questions.length] }) };
    },
  };
}

export function wechatRequest(token: string, questions: string[]): autocannon.Request {
  let i = 0;
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = 'bench';
  const signature = createHash('sha1').update([token, ts, nonce].sort().join('')).digest('hex');
  return {
    method: 'POST',
    path: `/wechat?timestamp=${ts}&nonce=${nonce}&signature=${signature}`,
    headers: { 'content-type': 'text/xml' },
    setupRequest: (req) => {
      i++;
      const q = questions[i % questions.length] ?? '';
      const body = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o${i % 5000}]]></FromUserName><CreateTime>${ts}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${q}]]></Content><MsgId>${Date.now()}${i}</MsgId></xml>`;
      return { ...req, body };
    },
  };
}

export const helloRequest: autocannon.Request = {
  method: 'POST',
  path: '/hello',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ user: 'u', text: '你好' }),
};
