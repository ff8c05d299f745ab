import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { ensureNameIndexCurrent } from '../../electron/services/search/reindex';
import { NORMALIZER_VERSION } from '../../electron/services/search/normalize';
import { ADMIN, expectOk, openTestHost, openTestWasl, validFields, type TestWasl } from '../support/database';

/** People registered under older folding rules must stay findable once the rules change. */
describe('re-indexing names when the normalizer changes', () => {
  let wasl: TestWasl | undefined;
  afterEach(async () => {
    await wasl?.cleanup();
    wasl = undefined;
  });

  it('rebuilds the folded names and the index once, when opening a database indexed by other rules', async () => {
    wasl = await openTestWasl();
    const fields = validFields({ firstName: 'علاء', fatherName: 'حسن', grandfatherName: 'علي', familyName: 'بو خمسين' });
    const registered = await wasl.dispatch('beneficiaries.register', { fields });
    expect(registered.ok).toBe(true);
    await wasl.close();

    // What an older build left behind: other folded names, an index without this person, an older version.
    const stale = openDatabase(wasl.databasePath, { key: wasl.key });
    stale.sqlite.exec(`UPDATE beneficiaries SET name_normalized = 'علاء حسن علي بو خمسين'`);
    stale.sqlite.exec('DELETE FROM beneficiary_name_index');
    stale.sqlite.prepare(`UPDATE settings SET value = '1' WHERE key = 'search.normalizerVersion'`).run();
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
  });

  it('does nothing when the index is already current', async () => {
    wasl = await openTestWasl();
    await wasl.dispatch('beneficiaries.register', { fields: validFields() });
    await wasl.close();
    const opened = openDatabase(wasl.databasePath, { key: wasl.key });
    try {
      expect(ensureNameIndexCurrent(opened.sqlite)).toBe(0);
      const version = opened.sqlite.prepare(`SELECT value FROM settings WHERE key = 'search.normalizerVersion'`).get() as { value: string };
      expect(JSON.parse(version.value)).toBe(NORMALIZER_VERSION);
    } finally {
      await opened.close();
    }
  });
});
