/**
 * Staff accounts in SQLite (the `staff_users` table of the interaction log's file), over
 * the log's own connection like the reports. Parameterised statements only.
 */
import type Database from 'better-sqlite3';
import { DuplicateUserError, PATCH_COLUMNS, type AccountStore, type NewStaffUser, type Role, type StaffUser, type StaffUserPatch } from '../accounts.js';

interface Row {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  last_login_at: string | null;
}

const toUser = (r: Row): StaffUser => ({
  id: r.id,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  mustChangePassword: !!r.must_change_password,
  disabled: !!r.disabled,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  lastLoginAt: r.last_login_at,
});

export class SqliteAccounts implements AccountStore {
  constructor(private readonly source: { readonly db: Database.Database }) {}

  private get db(): Database.Database {
    return this.source.db;
  }

  async create(user: NewStaffUser): Promise<StaffUser> {
    const now = new Date().toISOString();
    try {
      const { lastInsertRowid } = this.db
        .prepare(
          `INSERT INTO staff_users (name, role, password_hash, must_change_password, created_at, created_by, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(user.name, user.role, user.passwordHash, user.mustChangePassword ? 1 : 0, now, user.createdBy, now);
      return (await this.byId(Number(lastInsertRowid))) as StaffUser;
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateUserError(user.name);
      throw err;
    }
  }

  async byName(name: string): Promise<StaffUser | undefined> {
    const row = this.db.prepare('SELECT * FROM staff_users WHERE name = ?').get(name) as Row | undefined;
    return row && toUser(row);
  }

  async byId(id: number): Promise<StaffUser | undefined> {
    const row = this.db.prepare('SELECT * FROM staff_users WHERE id = ?').get(id) as Row | undefined;
    return row && toUser(row);
  }

  async list(): Promise<StaffUser[]> {
    return (this.db.prepare('SELECT * FROM staff_users ORDER BY name').all() as Row[]).map(toUser);
  }

  async update(id: number, patch: StaffUserPatch): Promise<StaffUser | undefined> {
    const sets: string[] = [];
    const values: (string | number | null)[] = [];
    for (const [key, column] of Object.entries(PATCH_COLUMNS) as [keyof StaffUserPatch, string][]) {
      const v = patch[key];
      if (v === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
    }
    if (sets.length) {
      this.db.prepare(`UPDATE staff_users SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...values, new Date().toISOString(), id);
    }
    return this.byId(id);
  }

  async count(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM staff_users').get() as { n: number }).n;
  }
}
