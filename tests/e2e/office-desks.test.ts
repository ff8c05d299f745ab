import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version as WASL_VERSION } from '../../package.json';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { launchChromium } from './support/browser';
import { newDataFolder, startHost, type RunningHost } from './support/host';
import { AppPage } from './support/pages';

/**
 * The office's desks as an administrator sees them in Settings (Office server): each desk, this one
 * marked, when it was last seen, what it holds unsent, its version; the server's health; revoking
 * another desk with the reason asked in a dialog, from the keyboard. And the report's line naming
 * each desk and when it last synced.
 */

const admin = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };
const association = 'جمعية العناية بالسجناء بالأحساء';

describe('the office’s desks in Settings', () => {
  let server: OfficeServer;
  let deskA: RunningHost;
  let deskB: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    server = await startOfficeServer({ dataDirectory: newDataFolder(), host: '127.0.0.1', port: 0 });
    deskA = await startHost(join(newDataFolder(), 'wasl.db'));
    deskB = await startHost(join(newDataFolder(), 'wasl.db'));
    const address = `127.0.0.1:${server.port}`;
    expect((await deskA.call('session.setup', { associationName: association, ...admin })).ok).toBe(true);
    expect((await deskB.call('session.setup', { associationName: association, ...admin })).ok).toBe(true);
    const { code } = await createPairingCode(server.database.db, new Date());
    expect((await deskA.call('office.pair', { address, fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' })).ok).toBe(true);
    const made = await deskA.call<{ code: string }>('office.newPairingCode', {});
    expect((await deskB.call('office.pair', { address, fingerprint: server.fingerprint, code: made.value!.code, deskName: 'Reception 2' })).ok).toBe(true);
    for (const desk of [deskA, deskB, deskA]) expect((await desk.call('office.syncNow', {})).ok).toBe(true);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.load(deskA.url);
    await page.getByRole('navigation').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await deskA?.stop();
    await deskB?.stop();
    await server?.close();
  });

  it('lists every desk, this one marked, with the server’s health, in Arabic', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'الإعدادات' }).click();
    const list = page.getByRole('table', { name: 'مكاتب الجمعية' });
    await list.getByRole('row', { name: /Reception 2/ }).waitFor();
    const thisDesk = list.getByRole('row', { name: /الاستقبال 1/ });
    await expect.poll(() => thisDesk.textContent()).toContain('هذا المكتب');
    await expect.poll(() => thisDesk.textContent()).toContain(WASL_VERSION);
    await page.getByText('خادم المكتب يستجيب').waitFor();
    // Only the other desk can be removed from here.
    expect(await thisDesk.getByRole('button').count()).toBe(0);
    await page.getByRole('region', { name: 'مكاتب الجمعية' }).scrollIntoViewIfNeeded();
    await app.screenshot('office-desks-ar', { withoutNotices: true });
  });

  it('revokes the other desk with its reason, from the keyboard; Esc cancels and changes nothing', async () => {
    const list = page.getByRole('table', { name: 'مكاتب الجمعية' });
    await list.getByRole('button', { name: 'إزالة المكتب Reception 2 من مكاتب الجمعية' }).click();
    const dialog = page.getByRole('dialog', { name: 'إزالة مكتب من مكاتب الجمعية' });
    // The reason is where the administrator types first.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('required'))).not.toBeNull();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await server.database.db.selectFrom('desks').select('name').where('revoked_at', 'is not', null).execute()).toEqual([]);

    await list.getByRole('button', { name: 'إزالة المكتب Reception 2 من مكاتب الجمعية' }).click();
    await dialog.waitFor();
    // An empty reason is refused in plain words, and nothing is revoked.
    await page.keyboard.press('Control+Enter');
    await dialog.getByText('هذا الحقل مطلوب', { exact: false }).waitFor();
    await page.keyboard.type('سُرق جهاز الاستقبال');
    await app.screenshot('office-revoke-desk-ar');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => list.getByRole('row', { name: /Reception 2/ }).textContent()).toContain('أُزيل في');
    expect(await server.database.db.selectFrom('desks').select('name').where('revoked_at', 'is not', null).execute()).toEqual([{ name: 'Reception 2' }]);
    await app.screenshot('office-desk-revoked-ar', { withoutNotices: true });
  });

  it('shows the desks list in English, left to right', async () => {
    await app.switchLanguage('English');
    const list = page.getByRole('table', { name: 'The office’s desks' });
    await expect.poll(() => list.getByRole('row', { name: /الاستقبال 1/ }).textContent()).toContain('This desk');
    await expect.poll(() => list.getByRole('row', { name: /Reception 2/ }).textContent()).toContain('Removed on');
    await page.getByText('The office server answers').waitFor();
    await page.getByRole('region', { name: 'The office’s desks' }).scrollIntoViewIfNeeded();
    await app.screenshot('office-desks-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });

  it('names under the report each desk and when it last synced', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'التقارير' }).click();
    const line = page.getByText('البيانات حتى', { exact: false });
    await line.waitFor();
    await expect.poll(() => line.locator('..').textContent()).toContain('الاستقبال 1');
    await line.scrollIntoViewIfNeeded();
    await app.screenshot('report-data-up-to-ar', { withoutNotices: true });
    await app.switchLanguage('English');
    await page.getByText('Data up to', { exact: false }).waitFor();
    await app.screenshot('report-data-up-to-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });

  it('refuses a new account while the office server is out of reach, says why, and saves nothing', async () => {
    // The office's accounts are the server's: it takes every change to them first.
    await server.close();
    await page.getByRole('navigation').getByRole('link', { name: 'المستخدمون' }).click();
    await page.getByRole('heading', { name: 'المستخدمون' }).waitFor();
    const rowsBefore = await page.getByRole('row').count();
    await page.getByRole('button', { name: 'إضافة مستخدم' }).click();
    const dialog = page.getByRole('dialog', { name: 'مستخدم جديد' });
    await dialog.getByLabel('الاسم كما يظهر في السجلات').fill('نورة الدوسري');
    await dialog.getByLabel('اسم المستخدم').fill('noura');
    await dialog.getByLabel('كلمة مرور مؤقتة').fill('a temporary pass phrase for today');
    await page.keyboard.press('Control+Enter');
    await dialog.getByText('الحسابات يحفظها خادم المكتب، ولا يمكن الوصول إليه الآن').waitFor();
    await app.screenshot('office-account-needs-server-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('row').count()).toBe(rowsBefore);
    await app.switchLanguage('English');
    await page.getByRole('button', { name: 'Add a user' }).click();
    const english = page.getByRole('dialog', { name: 'New user' });
    await english.getByLabel('Name as shown in records').fill('Noura Aldosari');
    await english.getByLabel('Username').fill('noura');
    await english.getByLabel('Temporary password').fill('a temporary pass phrase for today');
    await page.keyboard.press('Control+Enter');
    await english.getByText('Accounts are held by the office server, which cannot be reached now').waitFor();
    await app.screenshot('office-account-needs-server-en');
    await page.keyboard.press('Escape');
    await app.switchLanguage('العربية');
  });
});
