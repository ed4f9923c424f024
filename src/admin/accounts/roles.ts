/**
 * Roles and what each may do. 管理员: everything, accounts and the audit trail included;
 * 编辑: the knowledge (edit, preview, publish, roll back) and the demand signals; 查看:
 * dashboards and reports only — no edit, no export. The API token (ADMIN_TOKEN, for
 * scripts) acts as 管理员 on the JSON and CSV endpoints, under its own audit name.
 */
import type { Role } from '../../storage/accounts.js';

export const ROLE_NAMES: Record<Role, string> = { admin: '管理员', editor: '编辑', viewer: '查看' };

/** A role from what a person types: 管理员 / 编辑 / 查看, or admin / editor / viewer. */
export function parseRole(s: string | undefined): Role | undefined {
  const t = (s ?? '').trim();
  for (const [role, name] of Object.entries(ROLE_NAMES) as [Role, string][]) if (t === role || t === name) return role;
  return undefined;
}

export type Permission =
  /** Dashboards, signals, knowledge items and their history: reading. */
  | 'read'
  /** Edit, preview, publish, roll back knowledge; reload it. */
  | 'knowledge'
  /** Set a signal's status and note; add an alias from it. */
  | 'signals'
  /** Download the signals CSV. */
  | 'export-signals'
  /** Download citizens' (masked) questions: the interactions CSV and JSON. */
  | 'export-interactions'
  /** Accounts and roles. */
  | 'users'
  /** The audit trail, its filters and CSV. */
  | 'audit';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['read', 'knowledge', 'signals', 'export-signals', 'export-interactions', 'users', 'audit'],
  editor: ['read', 'knowledge', 'signals', 'export-signals'],
  viewer: ['read'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
