/**
 * The audit trail behind a small asynchronous interface: every administrative action (who,
 * in which role, how — an account's session, the API token or the shell —, from which
 * address, what, on what, with the details such as a knowledge change's before and after).
 * Append-only: the interface has no update, and deletion only of entries past the retention
 * period, never younger than AUDIT_MIN_DAYS (the SQLite table refuses it by trigger too).
 */
import type { Role } from './accounts.js';

/** Administrative actions, with the names staff read on the audit page and in its CSV. */
export const AUDIT_ACTIONS = {
  login: '登录',
  login_failed: '登录失败',
  logout: '退出',
  password_change: '修改密码',
  user_create: '新建账号',
  user_update: '修改账号',
  knowledge_publish: '发布知识',
  knowledge_rollback: '回滚知识',
  knowledge_reload: '重新加载知识库',
  signal_status: '处理需求信号',
  signal_merge: '合并需求信号',
  signal_move: '移动需求信号的例句',
  signal_split: '拆分需求信号',
  signal_teach: '教给归并',
  export: '导出',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** How the actor was recognised. */
export type AuditVia = 'session' | 'token' | 'cli' | 'anonymous';

/** Audit entries are kept at least this long (等级保护: six months), whatever is configured. */
export const AUDIT_MIN_DAYS = 180;

export interface AuditEvent {
  /** An account's name, "API 令牌" for ADMIN_TOKEN, "命令行 user@host" for the shell, or "（未知账号）". */
  actor: string;
  role: Role | null;
  via: AuditVia;
  /** The client address (or the shell). */
  ip: string;
  action: AuditAction;
  /** What was acted on: an item id, a signal number, an account name, an export … */
  target: string;
  /** Before/after, reason, counts: small JSON-able details. Never a password or a token. */
  detail?: Record<string, unknown>;
  /** For imports and tests; the store's clock otherwise. */
  at?: Date;
}

export interface AuditEntry extends Required<Omit<AuditEvent, 'at'>> {
  id: number;
  at: string;
}

export interface AuditQuery {
  from?: Date;
  /** Exclusive. */
  to?: Date;
  actor?: string;
  action?: AuditAction;
  /** Part of the target. */
  target?: string;
  limit?: number;
  /** Entries with a smaller id only (paging backwards). */
  before?: number;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<AuditEntry>;
  /** Newest first. */
  query(q?: AuditQuery): Promise<AuditEntry[]>;
  /** Delete entries older than `olderThan`, never younger than AUDIT_MIN_DAYS; how many went. */
  purge(olderThan: Date): Promise<number>;
}
