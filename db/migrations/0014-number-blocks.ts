import { recreateCaptureTriggers } from '../sync-capture';
import type { Migration } from './index';

/**
 * The numbers people see on a desk paired with the office server: the blocks of each series the
 * office reserved for this desk (its own, never sent: `next` is the lowest number it has not given
 * yet), and the numbers reserved but never given, recorded void in the office's record so that a
 * register has no silent gap.
 */
export const numberBlocks: Migration = {
  version: 14,
  name: 'number-blocks',
  run(sqlite) {
    sqlite.exec(`CREATE TABLE IF NOT EXISTS number_blocks (
      series TEXT NOT NULL,
      first INTEGER NOT NULL,
      last INTEGER NOT NULL CHECK (last >= first),
      next INTEGER NOT NULL CHECK (next BETWEEN first AND last + 1),
      PRIMARY KEY (series, first)
    ) STRICT`);
    sqlite.exec(`CREATE TABLE IF NOT EXISTS voided_numbers (
      id TEXT PRIMARY KEY NOT NULL,
      series TEXT NOT NULL,
      number INTEGER NOT NULL,
      voided_at TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('year_ended')),
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
      created_by TEXT NOT NULL REFERENCES users(id), updated_by TEXT NOT NULL REFERENCES users(id),
      UNIQUE (series, number)
    ) STRICT`);
    recreateCaptureTriggers(sqlite);
  },
};
