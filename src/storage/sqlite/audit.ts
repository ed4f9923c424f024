/**
 * The audit trail in SQLite (the `audit` table of the interaction log's file). The table's
 * triggers make it append-only: an UPDATE is refused, and so is a DELETE of an entry younger
 * than 180 days, whoever runs it.
 */
import type Database from 'better-sqlite3';
import { AUDIT_MIN_DAYS, type AuditAction, type AuditEntry, type AuditEvent, type AuditLog, type AuditQuery, type AuditVia } from '../audit.js';
import type { Role } from '../accounts.js';

interface Row {
  id: number;
  at: string;
  actor: string;
  role: Role | null;
  via: AuditVia;
  ip: string;
  action: AuditAction;
  target: string;
  detail: string;
}

const toEntry = (r: Row): AuditEntry => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> });

export class SqliteAudit implements AuditLog {
  constructor(private readonly source: { readonly db: Database.Database }) {}

  private get db(): Database.Database {
    return this.source.db;
  }

  async record(e: AuditEvent): Promise<AuditEntry> {
    const at = (e.at ?? new Date()).toISOString();
    const detail = JSON.stringify(e.detail ?? {});
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO audit (at, actor, role, via, ip, action, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(at, e.actor, e.role, e.via, e.ip, e.action, e.target, detail);
    return toEntry({ id: Number(lastInsertRowid), at, actor: e.actor, role: e.role, via: e.via, ip: e.ip, action: e.action, target: e.target, detail });
  }

  async query(q: AuditQuery = {}): Promise<AuditEntry[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.from) where.push('at >= ?'), args.push(q.from.toISOString());
    if (q.to) where.push('at < ?'), args.push(q.to.toISOString());
    if (q.actor) where.push('actor = ?'), args.push(q.actor);
    if (q.action) where.push('action = ?'), args.push(q.action);
    if (q.target) where.push("instr(target, ?) > 0"), args.push(q.target);
    if (q.before) where.push('id < ?'), args.push(q.before);
    const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, q.limit ?? 200) as Row[]).map(toEntry);
  }

  async purge(olderThan: Date): Promise<number> {
    const floor = Date.now() - AUDIT_MIN_DAYS * 86_400_000;
    const cut = new Date(Math.min(olderThan.getTime(), floor));
    return this.db.prepare('DELETE FROM audit WHERE at < ?').run(cut.toISOString()).changes;
  }
}
