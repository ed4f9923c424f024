/**
 * The audit trail in PostgreSQL (the `audit` table), the same AuditLog as SQLite's: its
 * trigger makes it append-only (no UPDATE; no DELETE of an entry younger than 180 days),
 * whoever runs the statement.
 */
import type pg from 'pg';
import { AUDIT_MIN_DAYS, type AuditEntry, type AuditEvent, type AuditLog, type AuditQuery } from '../audit.js';
import { isoColumn } from './reports.js';

const SELECT = `SELECT id, ${isoColumn('at')} AS at, actor, role, via, ip, action, target, detail FROM audit`;

export class PostgresAudit implements AuditLog {
  constructor(private readonly pool: pg.Pool) {}

  async record(e: AuditEvent): Promise<AuditEntry> {
    const { rows } = await this.pool.query<AuditEntry>(
      `INSERT INTO audit (at, actor, role, via, ip, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING id, ${isoColumn('at')} AS at, actor, role, via, ip, action, target, detail`,
      [e.at ?? new Date(), e.actor, e.role, e.via, e.ip, e.action, e.target, JSON.stringify(e.detail ?? {})],
    );
    return rows[0] as AuditEntry;
  }

  async query(q: AuditQuery = {}): Promise<AuditEntry[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      args.push(value);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (q.from) add('at >= ?', q.from);
    if (q.to) add('at < ?', q.to);
    if (q.actor) add('actor = ?', q.actor);
    if (q.action) add('action = ?', q.action);
    if (q.target) add('strpos(target, ?) > 0', q.target);
    if (q.before) add('id < ?', q.before);
    args.push(q.limit ?? 200);
    return (await this.pool.query<AuditEntry>(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${args.length}`, args)).rows;
  }

  async purge(olderThan: Date): Promise<number> {
    const floor = Date.now() - AUDIT_MIN_DAYS * 86_400_000;
    const cut = new Date(Math.min(olderThan.getTime(), floor));
    return (await this.pool.query('DELETE FROM audit WHERE at < $1', [cut])).rowCount ?? 0;
  }
}
