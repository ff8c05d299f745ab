// The capture of the office's record: triggers that queue each change to a synced table, in the
// transaction that made it, only while the connection's capture is on; their columns follow the
// tables' (a migration that changes a synced table must make them again).
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { SYNCED_TABLES, sentColumns } from '../../db/sync-capture';
import { tempDir } from '../support/database';

let folder: string;
let opened: OpenedDatabase;
const ACTOR = '00000000-0000-7000-8000-000000000001';

beforeAll(() => {
  folder = tempDir();
  opened = openDatabase(join(folder, 'wasl.db'), { key: randomBytes(32) });
  migrate(opened.sqlite);
});

afterAll(async () => {
  await opened.close();
  rmSync(folder, { recursive: true, force: true });
});

const outbox = () => opened.sqlite.prepare('SELECT entity, row_id, action, hlc, base_hlc, changed, row_after FROM sync_outbox ORDER BY seq').all() as Array<Record<string, string | null>>;
const stamp = { created_at: '2026-12-07T08:00:00.000Z', updated_at: '2026-12-07T08:00:00.000Z', created_by: ACTOR, updated_by: ACTOR };

let serial = 0;
function captureOn(): void {
  opened.capture.newOpId = () => `01a24ebc-0000-7000-8000-${String(++serial).padStart(12, '0')}`;
  opened.capture.nextHlc = () => `2026-12-07T08:00:00.000Z-${serial.toString(16).padStart(4, '0')}-00000000000000aa`;
  opened.capture.actor = () => ACTOR;
  opened.capture.enabled = true;
}

describe('the capture triggers', () => {
  it('carry exactly the columns each synced table sends, as the table has them now', () => {
    for (const table of SYNCED_TABLES) {
      const triggers = opened.sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE 'sync_capture_%' ORDER BY name`).all(table) as Array<{ name: string; sql: string }>;
      expect(triggers.map((trigger) => trigger.name), table).toEqual(['delete', 'insert', 'update'].map((action) => `sync_capture_${table}_${action}`));
      const insert = triggers.find((trigger) => trigger.name.endsWith('_insert'))!.sql;
      const row = /json_object\(([^)]*)\)/.exec(insert)![1]!;
      const keys = [...row.matchAll(/'([a-z_0-9]+)', NEW\./g)].map((match) => match[1]);
      expect(keys, table).toEqual(sentColumns(opened.sqlite, table));
      expect(keys, table).not.toContain('seq');
    }
  });

  it('queue nothing while the capture is off: a desk working alone, a migration, the jobs’ connections', () => {
    opened.sqlite.prepare(`INSERT INTO holidays (id, date, name, ${Object.keys(stamp).join(', ')}) VALUES ('h-off', '2026-12-01', 'يوم', ?, ?, ?, ?)`).run(...Object.values(stamp));
    expect(outbox()).toEqual([]);
  });

  it('queue an insertion whole, an update with the names of the columns it changed and never their old values, a deletion by its id alone', () => {
    captureOn();
    try {
      opened.sqlite.prepare(`INSERT INTO holidays (id, date, name, ${Object.keys(stamp).join(', ')}) VALUES ('h-1', '2026-12-02', 'اليوم الوطني', ?, ?, ?, ?)`).run(...Object.values(stamp));
      opened.sqlite.prepare(`UPDATE holidays SET name = 'يوم التأسيس' WHERE id = 'h-1'`).run();
      // Written again as it was: nothing to share.
      opened.sqlite.prepare(`UPDATE holidays SET name = 'يوم التأسيس' WHERE id = 'h-1'`).run();
      opened.sqlite.prepare(`DELETE FROM holidays WHERE id = 'h-1'`).run();
      const queued = outbox();
      expect(queued.map((row) => [row.entity, row.row_id, row.action])).toEqual([
        ['holidays', 'h-1', 'insert'],
        ['holidays', 'h-1', 'update'],
        ['holidays', 'h-1', 'delete'],
      ]);
      expect(JSON.parse(queued[0]!.row_after!)).toMatchObject({ id: 'h-1', name: 'اليوم الوطني' });
      expect(JSON.parse(queued[1]!.changed!).filter((column: string | null) => column !== null)).toEqual(['name']);
      expect(JSON.stringify(queued[1])).not.toContain('اليوم الوطني');
      expect(queued[2]).toMatchObject({ changed: null, row_after: null });
      // Each change names the version of the row it was made on: none for a new row, then the change before.
      expect(queued.map((row) => row.base_hlc)).toEqual([null, queued[0]!.hlc, queued[1]!.hlc]);
      expect(opened.sqlite.prepare(`SELECT hlc FROM sync_row_versions WHERE entity = 'holidays' AND row_id = 'h-1'`).pluck().get()).toBe(queued[2]!.hlc);
    } finally {
      opened.capture.enabled = false;
    }
  });

  it('queue nothing of a transaction that was rolled back', () => {
    captureOn();
    const before = outbox().length;
    try {
      expect(() =>
        opened.sqlite.transaction(() => {
          opened.sqlite.prepare(`INSERT INTO holidays (id, date, name, ${Object.keys(stamp).join(', ')}) VALUES ('h-2', '2026-12-03', 'يوم', ?, ?, ?, ?)`).run(...Object.values(stamp));
          throw new Error('the save failed');
        })(),
      ).toThrow('the save failed');
      expect(outbox()).toHaveLength(before);
    } finally {
      opened.capture.enabled = false;
    }
  });
});
