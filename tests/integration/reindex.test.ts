import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { latestSchemaVersion } from '../../db/migrate';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import { ADMIN, expectOk, openTestHost, openTestWasl, validFields, type TestWasl } from '../support/database';

/** The migration that re-folds the names by the search's rules (db/migrations/0011-names-refolded.ts). */
const NAMES_REFOLDED = 11;

/**
 * Leaves the database as a Wasl before names were re-folded by a migration left it: at the version
 * before, with the folding rules its open-time re-index recorded (or none, if it never recorded any).
 */
function asBeforeNamesRefolded(sqlite: Database.Database, recordedRules: number | null): void {
  sqlite.prepare('DELETE FROM schema_migrations WHERE version >= ?').run(NAMES_REFOLDED);
  if (recordedRules === null) return;
  const at = '2026-11-01T08:00:00.000Z';
  sqlite
    .prepare(`INSERT INTO settings (id, key, value, created_at, updated_at, created_by, updated_by) VALUES (?, 'search.normalizerVersion', ?, ?, ?, ?, ?)`)
    .run('00000000-0000-7000-8000-0000000000aa', JSON.stringify(recordedRules), at, at, SYSTEM_USER_ID, SYSTEM_USER_ID);
}

const recordedRulesKey = (sqlite: Database.Database) => sqlite.prepare(`SELECT count(*) FROM settings WHERE key = 'search.normalizerVersion'`).pluck().get();
const schemaVersion = (sqlite: Database.Database) => sqlite.prepare('SELECT max(version) FROM schema_migrations').pluck().get();

/** People registered under older folding rules must stay findable once the rules change. */
describe('re-indexing names when the folding rules change', () => {
  let wasl: TestWasl | undefined;
  afterEach(async () => {
    await wasl?.cleanup();
    wasl = undefined;
  });

  it.each([
    ['indexed by older rules', 1],
    ['indexed before the rules were counted', null],
  ])('rebuilds the folded names and the index once, when opening a database %s', async (_case, recordedRules) => {
    wasl = await openTestWasl();
    const fields = validFields({ firstName: 'علاء', fatherName: 'حسن', grandfatherName: 'علي', familyName: 'بو خمسين' });
    const registered = await wasl.dispatch('beneficiaries.register', { fields });
    expect(registered.ok).toBe(true);
    await wasl.close();

    // What an older build left behind: other folded names, an index without this person, an older version.
    const stale = openDatabase(wasl.databasePath, { key: wasl.key });
    stale.sqlite.exec(`UPDATE beneficiaries SET name_normalized = 'علاء حسن علي بو خمسين'`);
    stale.sqlite.exec('DELETE FROM beneficiary_name_index');
    asBeforeNamesRefolded(stale.sqlite, recordedRules);
    await stale.close();

    const reopened = openTestHost(wasl.dir).wasl;
    expectOk(await reopened.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
    try {
      for (const query of ['علا', 'بوخمسين', 'علاء حسن علي بو خمسين']) {
        const found = await reopened.dispatch('search.beneficiaries', { query });
        expect(found.ok && (found.value as { hits: unknown[] }).hits.length, query).toBe(1);
      }
      const duplicates = await reopened.dispatch('beneficiaries.checkDuplicates', {
        firstName: 'علاء', fatherName: 'حسن', grandfatherName: 'علي', familyName: 'بوخمسين',
        phones: fields.phones,
      });
      expect(duplicates.ok && (duplicates.value as { likely: unknown[] }).likely.length).toBe(1);
    } finally {
      await reopened.close();
    }
    const migrated = openDatabase(wasl.databasePath, { key: wasl.key });
    try {
      expect(schemaVersion(migrated.sqlite)).toBe(latestSchemaVersion());
      expect(recordedRulesKey(migrated.sqlite)).toBe(0);
    } finally {
      await migrated.close();
    }
  });

  it('leaves the index as it is when the open-time re-index already brought it to these rules', async () => {
    wasl = await openTestWasl();
    expectOk(await wasl.dispatch('beneficiaries.register', { fields: validFields() }));
    await wasl.close();
    const before = openDatabase(wasl.databasePath, { key: wasl.key });
    // A marker a re-index would overwrite: if it is still there after the migration, nobody was re-folded.
    before.sqlite.exec(`UPDATE beneficiaries SET name_normalized = 'left as it was'`);
    asBeforeNamesRefolded(before.sqlite, 3);
    await before.close();

    const reopened = openTestHost(wasl.dir).wasl;
    expectOk(await reopened.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
    await reopened.close();
    const after = openDatabase(wasl.databasePath, { key: wasl.key });
    try {
      expect(after.sqlite.prepare('SELECT name_normalized FROM beneficiaries').pluck().all()).toEqual(['left as it was']);
      expect(schemaVersion(after.sqlite)).toBe(latestSchemaVersion());
      expect(recordedRulesKey(after.sqlite)).toBe(0);
    } finally {
      await after.close();
    }
  });
});
