/**
 * Schema migrations, applied in order and recorded in SQLite's `user_version`.
 * Add a new entry at the end; never edit one that has shipped.
 */
export const MIGRATIONS: string[] = [
  // 1: exchanges and the demand signals they form.
  `CREATE TABLE signals (
     id INTEGER PRIMARY KEY,
     key TEXT NOT NULL UNIQUE,
     count INTEGER NOT NULL DEFAULT 0,
     first_seen TEXT NOT NULL,
     last_seen TEXT NOT NULL,
     examples TEXT NOT NULL DEFAULT '[]',
     status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'seen', 'covered', 'ignored')),
     note TEXT
   );
   CREATE TABLE interactions (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     channel TEXT NOT NULL,
     user_hash TEXT NOT NULL,
     text TEXT NOT NULL,
     kind TEXT NOT NULL,
     item_id TEXT,
     field TEXT,
     score REAL NOT NULL,
     latency_ms REAL NOT NULL,
     signal_id INTEGER REFERENCES signals(id),
     message_key TEXT UNIQUE
   );
   CREATE INDEX interactions_at ON interactions(at);
   CREATE INDEX interactions_signal ON interactions(signal_id);
   CREATE INDEX signals_last_seen ON signals(last_seen);`,
];
