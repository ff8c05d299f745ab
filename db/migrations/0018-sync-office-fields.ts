import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

/**
 * The merge weighs every change against a field as the office's order had it just before the change,
 * so that every desk finds the same conflicts (services/sync/apply.ts). A desk's own edit is in its
 * record before the office has placed it: until it comes back, what the field held in the office's
 * order is kept here (its version, author and value, and the desk's latest edit of it on its way),
 * written by the capture triggers in the edit's transaction. Rows come and go with the desk's edits
 * in flight; a person's erasure removes theirs.
 */
export const syncOfficeFields: Migration = {
  version: 18,
  name: 'sync-office-fields',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_office_fields (
      entity TEXT NOT NULL,
      row_id TEXT NOT NULL,
      field TEXT NOT NULL,
      hlc TEXT NOT NULL,
      user_id TEXT NOT NULL,
      value ANY,
      own_hlc TEXT NOT NULL,
      PRIMARY KEY (entity, row_id, field)
    ) STRICT, WITHOUT ROWID`);
    recreateCaptureTriggers(sqlite);
  },
};
