/**
 * The admin side of the log in PostgreSQL: the same Reports as SQLite's (sqlite/reports.ts),
 * field for field, so the dashboard, exports and `npm run report` cannot tell them apart.
 * Times come back as the same ISO strings (UTC, milliseconds), counts as numbers.
 */
import type pg from 'pg';
import type { ChannelCount, DailyCount, InteractionRow, PeriodSummary, Reports, SignalQuery, SignalRow, SignalStatus } from '../types.js';

const DAY = 86_400_000;
const ALL_STATUSES: SignalStatus[] = ['new', 'seen', 'covered', 'ignored'];
/** A timestamptz as SQLite's stored form: 2026-11-25T08:00:00.000Z (null stays null). */
export const isoColumn = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const iso = isoColumn;
const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::int`;

const SIGNAL_COLUMNS = `s.id, s.key, s.count, ${iso('s.first_seen')} AS "firstSeen", ${iso('s.last_seen')} AS "lastSeen", s.examples, s.status, s.note,
  (SELECT count(*)::int FROM interactions i WHERE i.signal_id = s.id AND i.at >= $1) AS last7,
  (SELECT count(*)::int FROM interactions i WHERE i.signal_id = s.id AND i.at >= $2 AND i.at < $1) AS prev7`;

export class PostgresReports implements Reports {
  constructor(private readonly pool: pg.Pool) {}

  private async rows<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  async period(label: string, since: Date, until = new Date()): Promise<PeriodSummary> {
    const [row] = await this.rows<{ messages: number; answered: number; clarified: number; fellBack: number }>(
      `SELECT count(*)::int AS messages, ${count("kind = 'answer'")} AS answered, ${count("kind = 'clarify'")} AS clarified, ${count("kind = 'fallback'")} AS "fellBack"
       FROM interactions WHERE at >= $1 AND at < $2`,
      [since, until],
    );
    const { messages = 0, answered = 0, clarified = 0, fellBack = 0 } = row ?? {};
    const questions = answered + clarified + fellBack;
    return { label, since: since.toISOString(), messages, questions, answered, clarified, fellBack, answerRate: questions ? answered / questions : 0 };
  }

  async byChannel(since: Date): Promise<ChannelCount[]> {
    return this.rows<ChannelCount>(
      `SELECT channel, count(*)::int AS messages, ${count("kind = 'answer'")} AS answered, ${count("kind = 'fallback'")} AS "fellBack"
       FROM interactions WHERE at >= $1 GROUP BY channel ORDER BY messages DESC`,
      [since],
    );
  }

  async daily(days: number, now = new Date()): Promise<DailyCount[]> {
    const since = new Date(now.getTime() - (days - 1) * DAY);
    const start = since.toISOString().slice(0, 10);
    const rows = await this.rows<DailyCount>(
      `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${count("kind = 'answer'")} AS answered, ${count("kind = 'clarify'")} AS clarified,
              ${count("kind = 'fallback'")} AS "fellBack", ${count("kind NOT IN ('answer', 'clarify', 'fallback')")} AS other
       FROM interactions WHERE at >= ($1::date AT TIME ZONE 'UTC') GROUP BY day`,
      [start],
    );
    const byDay = new Map(rows.map((r) => [r.day, r]));
    return Array.from({ length: days }, (_, i) => {
      const day = new Date(since.getTime() + i * DAY).toISOString().slice(0, 10);
      return byDay.get(day) ?? { day, answered: 0, clarified: 0, fellBack: 0, other: 0 };
    });
  }

  async topItems(since: Date, limit = 10): Promise<{ itemId: string; count: number }[]> {
    return this.rows(
      `SELECT item_id AS "itemId", count(*)::int AS count FROM interactions WHERE at >= $1 AND item_id IS NOT NULL
       GROUP BY item_id ORDER BY count DESC, item_id LIMIT $2`,
      [since, limit],
    );
  }

  async topFields(since: Date, limit = 10): Promise<{ field: string; count: number }[]> {
    return this.rows(
      `SELECT field, count(*)::int AS count FROM interactions WHERE at >= $1 AND field IS NOT NULL
       GROUP BY field ORDER BY count DESC, field LIMIT $2`,
      [since, limit],
    );
  }

  async signals(opts: SignalQuery = {}, now = new Date()): Promise<SignalRow[]> {
    return this.rows<SignalRow>(
      `SELECT ${SIGNAL_COLUMNS} FROM signals s
       WHERE ($3::timestamptz IS NULL OR s.last_seen >= $3) AND s.status = ANY($4)
       ORDER BY s.count DESC, s.last_seen DESC LIMIT $5`,
      [new Date(now.getTime() - 7 * DAY), new Date(now.getTime() - 14 * DAY), opts.since ?? null, opts.status ?? ALL_STATUSES, opts.limit ?? 100],
    );
  }

  async signal(id: number): Promise<SignalRow | undefined> {
    if (!Number.isSafeInteger(id) || id < 1 || id > 2 ** 31 - 1) return undefined;
    const [row] = await this.rows<SignalRow>(`SELECT ${SIGNAL_COLUMNS} FROM signals s WHERE s.id = $3`, [new Date(Date.now() - 7 * DAY), new Date(Date.now() - 14 * DAY), id]);
    return row;
  }

  async updateSignal(id: number, status: SignalStatus, note: string | null): Promise<boolean> {
    if (!Number.isSafeInteger(id) || id < 1 || id > 2 ** 31 - 1) return false;
    return ((await this.pool.query('UPDATE signals SET status = $1, note = $2 WHERE id = $3', [status, note, id])).rowCount ?? 0) > 0;
  }

  async interactions(from: Date, to: Date, limit = 100_000): Promise<InteractionRow[]> {
    return this.rows<InteractionRow>(
      `SELECT id, ${iso('at')} AS at, channel, user_hash AS "userHash", text, kind, item_id AS "itemId", field, score, latency_ms AS "latencyMs", signal_id AS "signalId"
       FROM interactions WHERE at >= $1 AND at < $2 ORDER BY at, id LIMIT $3`,
      [from, to, Math.min(limit, Number.MAX_SAFE_INTEGER)],
    );
  }

  async interactionCount(): Promise<number> {
    const [row] = await this.rows<{ n: number }>('SELECT count(*)::int AS n FROM interactions');
    return row?.n ?? 0;
  }

  async purge(olderThan: Date): Promise<number> {
    return (await this.pool.query('DELETE FROM interactions WHERE at < $1', [olderThan])).rowCount ?? 0;
  }
}
