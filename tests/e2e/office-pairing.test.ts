import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { launchChromium } from './support/browser';
import { newDataFolder, startHost, type RunningHost } from './support/host';
import { AppPage } from './support/pages';

/**
 * Pairing a desk with the office server from the settings screen, as an administrator does with the
 * server's console beside them: the address, the fingerprint compared, the code typed.
 */

const admin = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };

describe('pairing the desk with the office server', () => {
  let server: OfficeServer;
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    server = await startOfficeServer({ dataDirectory: newDataFolder(), host: '127.0.0.1', port: 0 });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    expect((await host.call('session.setup', { associationName: 'جمعية العناية بالسجناء بالأحساء', ...admin })).ok).toBe(true);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.load(host.url);
    await page.getByRole('navigation').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await server?.close();
  });

  it('shows the server’s fingerprint to compare, refuses a wrong code in Arabic, and pairs with the right one', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'الإعدادات' }).click();
    const section = page.getByRole('region', { name: 'خادم المكتب' });
    await section.getByLabel('عنوان الخادم').fill(`127.0.0.1:${server.port}`);
    await section.getByRole('button', { name: 'اتصال' }).click();
    await section.getByText('قارن هذه البصمة بالبصمة التي يعرضها الخادم:').waitFor();
    expect((await section.getByLabel(server.fingerprint).textContent())?.replace(/\s+/g, ':').replace(/:+/g, ':')).toBe(server.fingerprint);
    // The code field is where the administrator types next.
    await section.getByLabel('رمز الربط').fill('ABCD-EFGH-JKMN');
    await section.getByLabel('اسم هذا المكتب').fill('الاستقبال 1');
    await app.screenshot('office-pairing-ar');
    await page.keyboard.press('Control+Enter');
    await section.getByText('لا يمكن استخدام رمز الربط هذا').waitFor();

    const { code } = await createPairingCode(server.database.db, new Date());
    await section.getByLabel('رمز الربط').fill(code.toLowerCase());
    await page.keyboard.press('Control+Enter');
    await section.getByText('مربوط بخادم المكتب').waitFor();
    const desks = await server.database.db.selectFrom('desks').select('name').execute();
    expect(desks).toEqual([{ name: 'الاستقبال 1' }]);
    await app.screenshot('office-paired-ar', { withoutNotices: true });
  });

  it('makes a code on the paired desk that pairs a second desk, with the office’s key', async () => {
    const section = page.getByRole('region', { name: 'خادم المكتب' });
    await section.getByRole('button', { name: 'إنشاء رمز ربط لمكتب آخر' }).click();
    const shown = section.getByLabel('رمز الربط');
    await shown.waitFor();
    const code = (await shown.textContent()) ?? '';
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await app.screenshot('office-code-ar', { withoutNotices: true });

    const secondHost = await startHost(join(newDataFolder(), 'wasl.db'));
    const secondPage = await browser.newPage();
    try {
      expect((await secondHost.call('session.setup', { associationName: 'جمعية العناية بالسجناء بالأحساء', ...admin })).ok).toBe(true);
      await new AppPage(secondPage).load(secondHost.url);
      await secondPage.getByRole('navigation').getByRole('link', { name: 'الإعدادات' }).click();
      const second = secondPage.getByRole('region', { name: 'خادم المكتب' });
      await second.getByLabel('عنوان الخادم').fill(`127.0.0.1:${server.port}`);
      await secondPage.keyboard.press('Enter');
      await second.getByLabel('رمز الربط').fill(code);
      await second.getByLabel('اسم هذا المكتب').fill('الاستقبال 2');
      await secondPage.keyboard.press('Control+Enter');
      await second.getByText('مربوط بخادم المكتب').waitFor();
      const desks = await server.database.db.selectFrom('desks').select('name').orderBy('paired_at').execute();
      expect(desks.map((desk) => desk.name)).toEqual(['الاستقبال 1', 'الاستقبال 2']);
    } finally {
      await secondPage.close();
      await secondHost.stop();
    }
  });

  it('shows the paired desk in English, left to right', async () => {
    await app.switchLanguage('English');
    const section = page.getByRole('region', { name: 'Office server' });
    await section.getByText('Paired with the office server').waitFor();
    await expect.poll(() => section.textContent()).toContain(`https://127.0.0.1:${server.port}`);
    await app.screenshot('office-paired-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });

  it('tells the administrator, in plain words and both languages, of a desk whose history was cut or rewritten', async () => {
    // How the server finds a desk's history broken is tested in tests/integration/office-audit-witness.test.ts;
    // here the server has found it, and the administrator reads it at the next round.
    await server.database.db
      .updateTable('desks')
      .set({ chain_broken_at: new Date('2026-12-06T09:30:00Z'), chain_broken_reason: 'rewritten', chain_broken_seq: '12' })
      .where('name', '=', 'الاستقبال 2')
      .execute();
    const section = page.getByRole('region', { name: 'خادم المكتب' });
    await section.getByRole('button', { name: 'زامن الآن' }).click();
    const sentence = section.getByText('قُطع أو أُعيدت كتابته (اكتُشف في', { exact: false });
    await sentence.waitFor();
    expect(await sentence.textContent()).toContain('سجل المكتب «\u2068الاستقبال 2\u2069»');
    await page.getByRole('status').filter({ hasText: 'مكاتب قُطع سجلها أو أُعيدت كتابته' }).waitFor();
    await app.screenshot('office-flagged-desk-ar', { withoutNotices: true });

    await app.switchLanguage('English');
    const english = page.getByRole('region', { name: 'Office server' });
    const said = english.getByText('was cut or rewritten (found on', { exact: false });
    await said.waitFor();
    expect(await said.textContent()).toContain('The history of desk \u2068الاستقبال 2\u2069 was cut');
    await expect.poll(() => english.textContent()).toContain('Its record can no longer be trusted as is: check it.');
    await app.screenshot('office-flagged-desk-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });
});
