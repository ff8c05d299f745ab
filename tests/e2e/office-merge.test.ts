import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { PairingCodeMade } from '../../electron/api/office';
import type { ReportFigures } from '../../electron/api/reports';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { newNationalId, validFields } from '../support/database';
import { launchChromium } from './support/browser';
import { newDataFolder, startHost, type RunningHost } from './support/host';
import { AppPage } from './support/pages';

/**
 * Two desks of one office and the server: desk A registers a person and logs a contact while the
 * server is stopped; desk B registers the same ID number and logs a contact too; the server comes
 * back; the supervisor sees the duplicate on the conflicts screen, merges the two files, and the
 * weekly report counts both desks' contacts once.
 */

const ASSOCIATION = 'جمعية العناية بالسجناء بالأحساء';
const admin = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };

describe('one person registered at two desks while the server was down', () => {
  let server: OfficeServer;
  let serverFolder: string;
  let deskA: RunningHost;
  let deskB: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let atA: BeneficiaryDetail;
  let atB: BeneficiaryDetail;
  const idNumber = newNationalId();

  const ok = async <T,>(desk: RunningHost, name: string, input: unknown): Promise<T> => {
    const result = await desk.call<T>(name, input);
    expect(result.error).toBeUndefined();
    return result.value as T;
  };
  const syncAll = async () => {
    for (const desk of [deskA, deskB, deskA]) await ok(desk, 'office.syncNow', {});
  };

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    serverFolder = newDataFolder();
    server = await startOfficeServer({ dataDirectory: serverFolder, host: '127.0.0.1', port: 0 });
    deskA = await startHost(join(newDataFolder(), 'wasl.db'));
    deskB = await startHost(join(newDataFolder(), 'wasl.db'));
    for (const desk of [deskA, deskB]) expect((await desk.call('session.setup', { associationName: ASSOCIATION, ...admin })).ok).toBe(true);
    const address = `127.0.0.1:${server.port}`;
    const { code } = await createPairingCode(server.database.db, new Date());
    await ok(deskA, 'office.pair', { address, fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' });
    const made = await ok<PairingCodeMade>(deskA, 'office.newPairingCode', {});
    await ok(deskB, 'office.pair', { address, fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' });
    await syncAll();
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.load(deskA.url);
    await page.getByRole('navigation').waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await deskA?.stop();
    await deskB?.stop();
    await server?.close();
  });

  it('lets both desks register and log contacts while the server is stopped', async () => {
    const port = server.port;
    await server.close();
    atA = await ok<BeneficiaryDetail>(deskA, 'beneficiaries.register', { fields: validFields({ idNumber, firstName: 'نورة', familyName: 'العتيبي' }) });
    await ok(deskA, 'contacts.log', { beneficiaryId: atA.id, channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary: 'حضرت تسأل عن برامج الأسر' });
    atB = await ok<BeneficiaryDetail>(deskB, 'beneficiaries.register', { fields: validFields({ idNumber, firstName: 'نوره', familyName: 'العتيبي' }) });
    await ok(deskB, 'contacts.log', { beneficiaryId: atB.id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary: 'اتصلت تسأل عن موعد التسجيل' });
    // Each file number is final although the server was down: numbered from each desk's own block.
    expect(atA.fileNumber).not.toBe(atB.fileNumber);

    server = await startOfficeServer({ dataDirectory: serverFolder, host: '127.0.0.1', port });
    await syncAll();
  });

  it('shows the supervisor the duplicate on the conflicts screen, both files side by side, in Arabic and English', async () => {
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'التعارضات بين المكاتب' }).click();
    const card = page.getByRole('region', { name: 'رقم هوية واحد في ملفين' });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain(atA.fileNumber);
    expect(await card.textContent()).toContain(atB.fileNumber);
    // The first choice has the focus: the supervisor's hands stay on the keyboard.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('أبقِ الملف');
    await app.screenshot('office-conflicts-ar', { withoutNotices: true });
    await app.switchLanguage('English');
    await page.getByRole('region', { name: 'One ID number on two files' }).waitFor();
    await app.screenshot('office-conflicts-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });

  it('merges the two files from the keyboard, and the other desk follows', async () => {
    const card = page.getByRole('region', { name: 'رقم هوية واحد في ملفين' });
    await card.getByRole('button', { name: `أبقِ الملف \u2066${atA.fileNumber}\u2069 وادمج الآخر فيه` }).click();
    const dialog = page.getByRole('dialog', { name: 'دمج ملفين' });
    await dialog.waitFor();
    await app.screenshot('office-merge-confirm-ar', { withoutNotices: true });
    // The confirmation has the focus: Enter merges.
    await page.keyboard.press('Enter');
    await page.getByText('لا شيء يحتاج إلى حسم').waitFor();
    await syncAll();

    for (const desk of [deskA, deskB]) {
      expect((await desk.call('beneficiaries.get', { id: atB.id })).error?.code).toBe('not_found');
      const merged = await ok<BeneficiaryDetail>(desk, 'beneficiaries.get', { id: atA.id });
      expect(merged.idNumber).toBe(idNumber);
    }
  });

  it('counts both desks’ contacts once in the weekly report, on either desk', async () => {
    // The report's days are Riyadh's: after 21:00 UTC, today there is tomorrow in UTC.
    const today = todayInRiyadh(new Date());
    for (const desk of [deskA, deskB]) {
      const figures = await ok<ReportFigures>(desk, 'reports.figures', { from: today, to: today });
      expect(figures.current.contacts.total).toBe(2);
    }
    await page.getByRole('navigation').getByRole('link', { name: 'التقارير' }).click();
    // It opens on this week so far, today's contacts in it.
    await page.getByRole('heading', { name: 'المستفيدون والأهلية' }).waitFor();
    const total = page.getByRole('table', { name: 'التواصل' }).getByRole('row').nth(1);
    await expect.poll(async () => ((await total.getByRole('cell').nth(1).textContent()) ?? '').replace(/[\u200e\u200f\u2066-\u2069]/g, '').trim()).toMatch(/^(2|٢)$/);
    await app.screenshot('office-merged-report-ar', { withoutNotices: true });
  });
});
