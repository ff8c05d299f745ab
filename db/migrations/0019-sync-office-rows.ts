import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

/**
 * A row this desk deleted is gone from its record before the office has placed the deletion: until it
 * comes back, the row as it was is kept here, written by the capture triggers in the deletion's
 * transaction, so that the merge takes the other desks' changes of it meanwhile, and weighs the
 * deletion against them, as every other desk does (services/sync/apply.ts). The stamps of a row the
 * desk edits are now kept with its other fields as the office's order has them (sync_office_fields):
 * the row's version in that order is the latest of its fields'. A person's erasure removes theirs.
 */
export const syncOfficeRows: Migration = {
  version: 19,
  name: 'sync-office-rows',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS sync_office_rows (
      entity TEXT NOT NULL,
      row_id TEXT NOT NULL,
      row_json TEXT NOT NULL,
      own_hlc TEXT NOT NULL,
      PRIMARY KEY (entity, row_id)
    ) STRICT, WITHOUT ROWID`);
    recreateCaptureTriggers(sqlite);
  },
};
