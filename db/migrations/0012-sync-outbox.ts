import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

/**
 * The queues of a desk paired with the office server: what it changed, waiting to be sent
 * (sync_outbox, filled by the capture triggers in the same transaction as the change), and what the
 * office's desks sent, received in the office's order and opened (sync_inbox), and what was
 * received but could not be taken (sync_rejected). Until a desk is paired they stay empty.
 */
export const syncOutbox: Migration = {
  version: 12,
  name: 'sync-outbox',
  run(sqlite) {
    // AUTOINCREMENT: a number is never given twice, so a change queued while a push is on its way
    // can never be taken for one of the changes that push carried.
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      op_id TEXT NOT NULL UNIQUE,
      hlc TEXT NOT NULL,
      user_id TEXT NOT NULL,
      entity TEXT NOT NULL,
      row_id TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
      base_hlc TEXT,
      changed TEXT,
      row_after TEXT
    ) STRICT`);
    // Each row's version: the time of its last change this desk made or took in, the base of its next change.
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_row_versions (
      entity TEXT NOT NULL,
      row_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      PRIMARY KEY (entity, row_id)
    ) STRICT, WITHOUT ROWID`);
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_inbox (
      server_seq INTEGER PRIMARY KEY,
      op_id TEXT NOT NULL UNIQUE,
      desk_id TEXT NOT NULL,
      user_id TEXT NOT NULL,
      hlc TEXT NOT NULL,
      entity TEXT NOT NULL,
      row_id TEXT NOT NULL,
      action TEXT NOT NULL,
      base_hlc TEXT,
      changed TEXT,
      row_after TEXT,
      received_at TEXT NOT NULL
    ) STRICT`);
    sqlite.exec(`CREATE INDEX IF NOT EXISTS sync_inbox_by_row ON sync_inbox (entity, row_id, server_seq)`);
    // Operations received that did not open with the office's key, or opened to something that is not
    // a change: set aside (their place in the office's order, who sent them, why), never applied,
    // shown to the administrators; the desk goes on with the next.
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_rejected (
      server_seq INTEGER PRIMARY KEY,
      op_id TEXT NOT NULL,
      desk_id TEXT NOT NULL,
      entity TEXT NOT NULL,
      row_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      received_at TEXT NOT NULL
    ) STRICT`);
    // Written to run again harmlessly on a database taken back to an earlier version by hand.
    recreateCaptureTriggers(sqlite);
  },
};
