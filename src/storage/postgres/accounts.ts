/**
 * Staff accounts in PostgreSQL (the `staff_users` table), the same AccountStore as
 * SQLite's (sqlite/accounts.ts), so every instance knows every account.
 */
import type pg from 'pg';
import { DuplicateUserError, PATCH_COLUMNS, type AccountStore, type NewStaffUser, type StaffUser, type StaffUserPatch } from '../accounts.js';
import { isoColumn } from './reports.js';

const SELECT = `SELECT id, name, role, password_hash AS "passwordHash", must_change_password AS "mustChangePassword", disabled,
  ${isoColumn('created_at')} AS "createdAt", created_by AS "createdBy", ${isoColumn('updated_at')} AS "updatedAt", ${isoColumn('last_login_at')} AS "lastLoginAt"
  FROM staff_users`;

export class PostgresAccounts implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(user: NewStaffUser): Promise<StaffUser> {
    try {
      const { rows } = await this.pool.query<{ id: number }>(
        `INSERT INTO staff_users (name, role, password_hash, must_change_password, created_at, created_by, updated_at)
         VALUES ($1, $2, $3, $4, now(), $5, now()) RETURNING id`,
        [user.name, user.role, user.passwordHash, user.mustChangePassword, user.createdBy],
      );
      return (await this.byId(rows[0]?.id ?? 0)) as StaffUser;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new DuplicateUserError(user.name);
      throw err;
    }
  }

  async byName(name: string): Promise<StaffUser | undefined> {
    return (await this.pool.query<StaffUser>(`${SELECT} WHERE name = $1`, [name])).rows[0];
  }

  async byId(id: number): Promise<StaffUser | undefined> {
    if (!Number.isSafeInteger(id) || id < 1 || id > 2 ** 31 - 1) return undefined;
    return (await this.pool.query<StaffUser>(`${SELECT} WHERE id = $1`, [id])).rows[0];
  }

  async list(): Promise<StaffUser[]> {
    return (await this.pool.query<StaffUser>(`${SELECT} ORDER BY name COLLATE "C"`)).rows;
  }

  async update(id: number, patch: StaffUserPatch): Promise<StaffUser | undefined> {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof StaffUserPatch, string][]) {
      const v = patch[key];
      if (v === undefined) continue;
      values.push(v);
      sets.push(`${column} = $${values.length}`);
    }
    if (sets.length && (await this.byId(id))) {
      values.push(id);
      await this.pool.query(`UPDATE staff_users SET ${sets.join(', ')}, updated_at = now() WHERE id = $${values.length}`, values);
    }
    return this.byId(id);
  }

  async count(): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_users')).rows[0]?.n ?? 0;
  }
}
