/**
 * Staff accounts behind a small asynchronous interface: the admin side (src/admin/accounts)
 * decides roles, password rules and hashing; a store only keeps what it is given. SQLite
 * implements it (sqlite/accounts.ts); a shared database implements the same for several
 * instances. A password reaches a store only as its hash.
 */

/** 管理员 (users, settings, everything), 编辑 (knowledge and signals), 查看 (dashboards and reports). */
export type Role = 'admin' | 'editor' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'editor', 'viewer'];

export interface StaffUser {
  id: number;
  /** The login name (unique, compared as written). */
  name: string;
  role: Role;
  /** argon2id hash in PHC form ($argon2id$v=19$…): never the password. */
  passwordHash: string;
  /** Set for a new or reset account: the next login must choose a new password. */
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface NewStaffUser {
  name: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
  createdBy: string;
}

export type StaffUserPatch = Partial<Pick<StaffUser, 'role' | 'passwordHash' | 'mustChangePassword' | 'disabled' | 'lastLoginAt'>>;

/** The table column of each field an update may change (the same in every backend). */
export const PATCH_COLUMNS: Record<keyof StaffUserPatch, string> = {
  role: 'role',
  passwordHash: 'password_hash',
  mustChangePassword: 'must_change_password',
  disabled: 'disabled',
  lastLoginAt: 'last_login_at',
};

export interface AccountStore {
  /** Throws DuplicateUserError when the name is taken. */
  create(user: NewStaffUser): Promise<StaffUser>;
  byName(name: string): Promise<StaffUser | undefined>;
  byId(id: number): Promise<StaffUser | undefined>;
  /** Every account, by name. */
  list(): Promise<StaffUser[]>;
  /** Change some fields; the updated account, or undefined when there is none with that id. */
  update(id: number, patch: StaffUserPatch): Promise<StaffUser | undefined>;
  count(): Promise<number>;
}

export class DuplicateUserError extends Error {
  constructor(readonly account: string) {
    super(`账号“${account}”已经存在`);
  }
}
