/**
 * What the admin pages get from the server: the engine through its public methods, the
 * read side of the interaction log, staff accounts, admin sessions, the audit trail, the
 * one store of knowledge versions, the knowledge folders, a knowledge reload and the
 * logger. An interface, so admin depends on no server code (the server builds the object).
 */
import type { ContextLogger } from '../contract/context.js';
import type { RateLimitStore } from '../contract/state.js';
import type { Engine, ReloadResult } from '../engine/engine.js';
import type { KnowledgeVersionStore } from '../knowledge/versions/store.js';
import type { AccountStore } from '../storage/accounts.js';
import type { AdminSessionStore } from '../storage/admin-sessions.js';
import type { AuditLog } from '../storage/audit.js';
import type { LogHealth, Reports } from '../storage/types.js';

export interface AdminContext {
  /** Knowledge status (`brain`, `lastReload`), `preview` and `params`: read, never changed here. */
  engine: Engine;
  /** Dashboard figures, demand signals, exports. */
  reports: Reports;
  accounts: AccountStore;
  adminSessions: AdminSessionStore;
  audit: AuditLog;
  /** History and rollback of published knowledge (src/knowledge/versions). */
  versions: KnowledgeVersionStore;
  /** The live knowledge and intents folders (published items are written here) and DATA_DIR (drafts). */
  folders: { knowledgeDir: string; intentsDir: string; dataDir: string };
  logHealth(): LogHealth;
  /** Counters for a rate limiter shared by every instance; absent: each process counts alone. */
  rateLimitStore?: (prefix: string) => RateLimitStore;
  /** Rebuild the knowledge now (the dashboard button, a publish); the result says whether it took. */
  reload(reason: string): Promise<ReloadResult>;
  logger: ContextLogger;
  /** The weekly report: the system's Chromium for its PDF. */
  weekly: { chromiumPath: string };
}
