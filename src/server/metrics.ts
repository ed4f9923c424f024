/**
 * Prometheus metrics (prom-client), served at GET /metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  messages: Counter<'channel' | 'kind'>;
  latency: Histogram<'channel'>;
  logWriteFailures: Counter;
  reloads: Counter<'result'>;
  channelErrors: Counter<'channel'>;
  pendingRecords: Gauge;
  /** Interaction records given up because the database refused them for too long (a full disk). */
  logRecordsLost: Counter;
  /** 1 while the interaction log cannot write. */
  logFailing: Gauge;
  /** Wrong admin or metrics tokens, by where they were tried. */
  authFailures: Counter<'via'>;
  /** Requests refused because their address tried too many wrong tokens. */
  authRefused: Counter<'via'>;
  /** Official-account requests refused, by reason (bad_signature, stale_timestamp, decrypt_failed …). */
  wechatRefused: Counter<'reason'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'wenzheng_' });
  return {
    registry,
    messages: new Counter({ name: 'wenzheng_messages_total', help: 'Messages answered, by channel and reply kind', labelNames: ['channel', 'kind'], registers: [registry] }),
    latency: new Histogram({
      name: 'wenzheng_reply_seconds',
      help: 'Time to compute a reply (engine only), by channel',
      labelNames: ['channel'],
      buckets: [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 0.1, 0.5],
      registers: [registry],
    }),
    logWriteFailures: new Counter({ name: 'wenzheng_log_write_failures_total', help: 'Failed interaction-log writes (records are kept and retried)', registers: [registry] }),
    reloads: new Counter({ name: 'wenzheng_knowledge_reloads_total', help: 'Knowledge reloads, by result', labelNames: ['result'], registers: [registry] }),
    channelErrors: new Counter({ name: 'wenzheng_channel_errors_total', help: 'Unexpected errors inside a channel adapter', labelNames: ['channel'], registers: [registry] }),
    pendingRecords: new Gauge({ name: 'wenzheng_log_pending_records', help: 'Interaction records waiting to be written', registers: [registry] }),
    logRecordsLost: new Counter({ name: 'wenzheng_log_records_lost_total', help: 'Interaction records given up because the database refused them while the queue in memory was full (a full disk)', registers: [registry] }),
    logFailing: new Gauge({ name: 'wenzheng_log_failing', help: '1 while the interaction log cannot write (records wait in memory and are retried)', registers: [registry] }),
    authFailures: new Counter({ name: 'wenzheng_auth_failures_total', help: 'Wrong admin or metrics tokens, by where they were tried (login, bearer, metrics)', labelNames: ['via'], registers: [registry] }),
    wechatRefused: new Counter({ name: 'wenzheng_wechat_refused_total', help: 'Official-account requests refused, by reason (bad_signature, stale_timestamp, decrypt_failed …)', labelNames: ['reason'], registers: [registry] }),
    authRefused: new Counter({ name: 'wenzheng_auth_refused_total', help: 'Requests refused (429) because their address tried too many wrong tokens', labelNames: ['via'], registers: [registry] }),
  };
}
