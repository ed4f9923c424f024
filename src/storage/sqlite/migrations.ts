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
  // 2: staff accounts and the audit trail (append-only: no update ever, no delete of an
  // entry younger than 180 days, refused by the database itself).
  `CREATE TABLE staff_users (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
     password_hash TEXT NOT NULL,
     must_change_password INTEGER NOT NULL DEFAULT 1,
     disabled INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     last_login_at TEXT
   );
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     role TEXT,
     via TEXT NOT NULL,
     ip TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT NOT NULL,
     detail TEXT NOT NULL DEFAULT '{}'
   );
   CREATE INDEX audit_at ON audit(at);
   CREATE INDEX audit_actor ON audit(actor, at);
   CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
   BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
   CREATE TRIGGER audit_keep_180_days BEFORE DELETE ON audit
   WHEN old.at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-180 days')
   BEGIN SELECT RAISE(ABORT, 'audit entries are kept at least 180 days'); END;`,
  // 3: demand grouping by meaning (issue 15): signals get a kind (unmet / 答非所问), the item
  // of an unhelpful answer, a label (the most representative phrasing) and, once merged,
  // the signal they went into; verdicts on answers; the grouping corrections admins made;
  // and the store's own notes (which data migrations ran).
  `ALTER TABLE signals ADD COLUMN kind TEXT NOT NULL DEFAULT 'unmet' CHECK (kind IN ('unmet', 'unhelpful'));
   ALTER TABLE signals ADD COLUMN item_id TEXT;
   ALTER TABLE signals ADD COLUMN label TEXT;
   ALTER TABLE signals ADD COLUMN merged_into INTEGER REFERENCES signals(id);
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     channel TEXT NOT NULL,
     user_hash TEXT NOT NULL,
     ref TEXT NOT NULL UNIQUE,
     helpful INTEGER NOT NULL,
     item_id TEXT NOT NULL,
     field TEXT,
     question TEXT NOT NULL,
     signal_id INTEGER REFERENCES signals(id)
   );
   CREATE INDEX feedback_at ON feedback(at);
   CREATE INDEX feedback_item ON feedback(item_id);
   CREATE TABLE signal_corrections (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL CHECK (action IN ('merge', 'move', 'split', 'regroup')),
     signal_id INTEGER NOT NULL,
     other_id INTEGER,
     examples TEXT NOT NULL DEFAULT '[]'
   );
   CREATE INDEX signal_corrections_signal ON signal_corrections(signal_id);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];
