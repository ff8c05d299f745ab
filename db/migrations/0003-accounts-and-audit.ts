import type { Migration } from './index';

/**
 * Accounts with roles, the tamper-evident audit log, and the mark left on a beneficiary whose personal
 * data was destroyed. The built-in desk account becomes the system account: it owns what was recorded
 * before accounts existed and what Wasl does by itself, and nobody can sign in as it.
 */
export const accountsAndAudit: Migration = {
  version: 3,
  name: 'accounts-and-audit',
  statements: [
    `ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'system'
       CHECK (role IN ('system', 'officer', 'supervisor', 'administrator'))`,
    `ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))`,
    `ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'ar' CHECK (language IN ('ar', 'en'))`,
    `ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1))`,
    `ALTER TABLE users ADD COLUMN last_sign_in_at TEXT`,
    `UPDATE users SET active = 0 WHERE role = 'system'`,

    `ALTER TABLE beneficiaries ADD COLUMN erased_at TEXT`,

    // One row per event, chained: each row's hash covers its content and the previous row's hash.
    `CREATE TABLE audit_log (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      at TEXT NOT NULL,
      actor_id TEXT REFERENCES users(id),
      action TEXT NOT NULL,
      entity_type TEXT,
      entity_id TEXT,
      summary TEXT NOT NULL CHECK (json_valid(summary)),
      changes_digest TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX audit_log_by_entity ON audit_log (entity_id, seq)`,
    `CREATE INDEX audit_log_by_actor ON audit_log (actor_id, seq)`,
    `CREATE INDEX audit_log_by_action ON audit_log (action, seq)`,
    `CREATE INDEX audit_log_by_time ON audit_log (at)`,
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,

    // The personal values of a change (field, old, new) live apart from the chained row, which keeps
    // only their digest: erasing a person removes these values and the chain still verifies.
    `CREATE TABLE audit_changes (
      entry_id TEXT PRIMARY KEY NOT NULL REFERENCES audit_log(id),
      changes TEXT NOT NULL CHECK (json_valid(changes))
    ) STRICT`,
    `CREATE TRIGGER audit_changes_no_update BEFORE UPDATE ON audit_changes
     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
    `CREATE TRIGGER audit_changes_erase_only BEFORE DELETE ON audit_changes
     WHEN NOT EXISTS (
       SELECT 1 FROM audit_log AS entry JOIN audit_log AS erasure
         ON erasure.entity_id = entry.entity_id AND erasure.action = 'beneficiary.erased'
       WHERE entry.id = OLD.entry_id)
     BEGIN SELECT RAISE(ABORT, 'change values are removed only when their beneficiary is erased'); END`,
  ],
};
