/**
 * What the admin pages get from the server: the engine through its public methods, the
 * read side of the interaction log, the log's health, a knowledge reload and the logger.
 * An interface, so admin depends on no server code (the server builds the object).
 */
import type { ContextLogger } from '../contract/context.js';
import type { Engine, ReloadResult } from '../engine/engine.js';
import type { LogHealth, Reports } from '../storage/types.js';

export interface AdminContext {
  /** Knowledge status (`brain`, `lastReload`), `preview` and `params`: read, never changed here. */
  engine: Engine;
  /** Dashboard figures, demand signals, exports. */
  reports: Reports;
  logHealth(): LogHealth;
  /** Rebuild the knowledge now (the dashboard button); the result says whether it took. */
  reload(reason: string): Promise<ReloadResult>;
  logger: ContextLogger;
}
