import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import { launchChromium } from './support/browser';
import { newDataFolder, startHost, type RunningHost } from './support/host';
import { AppPage } from './support/pages';

/**
 * Exports from the screens, end to end: the administrator filters the registry and downloads it as
 * an Excel workbook and as CSV, in Arabic and in English, choosing each time whether its ID and phone
 * numbers go with it, and finds each export in the audit log with that choice. The downloaded files
 * are read back as a spreadsheet would read them.
 */

const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const people = [
  { firstName: 'فاطمة', fatherName: 'عبدالله', grandfatherName: 'حسن', familyName: 'العلي', gender: 'female', idNumber: '104455667', phone: '0561234567' },
  { firstName: 'محمد', fatherName: 'سعد', grandfatherName: 'علي', familyName: 'الدوسري', gender: 'male', idNumber: '104455668', phone: '0561234568' },
];

describe('exports from the list screens', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let folder: string;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    folder = newDataFolder();
    host = await startHost(join(folder, 'wasl.db'));
    expect((await host.call('session.setup', { associationName: 'جمعية العناية بالسجناء بالأحساء', ...admin })).ok).toBe(true);
    for (const person of people) {
      const registered = await host.call('beneficiaries.register', {
        fields: {
          firstName: person.firstName, fatherName: person.fatherName, grandfatherName: person.grandfatherName, familyName: person.familyName,
          latinName: null, idType: 'national_id', idNumber: withSaudiCheckDigit(person.idNumber), nationality: 'SA', residencyStatus: 'citizen',
          gender: person.gender, birthDate: '1990-01-01', districtId: null, address: null, phones: [person.phone], category: 'family_member',
          prisonerRelation: 'wife', prisonerName: null, prisonerFacility: null, prisonerStatus: null, needs: ['financial'], needsNotes: null,
          needsPriority: null, consentGiven: true, consentDate: '2026-01-01', consentMethod: 'written', status: 'active', notes: null, household: [],
        },
      });
      expect(registered.ok, JSON.stringify(registered.error)).toBe(true);
    }
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    // Set up through the api, the desk is signed in as its administrator already.
    await app.load(host.url);
    await page.getByRole('navigation').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** The registry's export dialog, where its ID and phone numbers are chosen. */
  const columnsDialog = () => page.getByRole('dialog', { name: /تصدير سجل المستفيدين|Export the registry/ });

  /**
   * Chooses a format in the registry's export menu, then in its dialog ticks the sensitive columns
   * asked for (from the keyboard) and exports with Ctrl+Enter; answers the downloaded file.
   */
  async function download(format: RegExp, tick: RegExp[] = []): Promise<{ name: string; content: Buffer }> {
    await page.getByRole('button', { name: /^(تصدير|Export)$/ }).click();
    await page.getByRole('menuitem', { name: format }).click();
    const dialog = columnsDialog();
    await dialog.waitFor();
    for (const box of tick) {
      await dialog.getByRole('checkbox', { name: box }).focus();
      await page.keyboard.press('Space');
    }
    const started = page.waitForEvent('download');
    await page.keyboard.press('Control+Enter');
    const file = await started;
    const path = join(folder, file.suggestedFilename());
    await file.saveAs(path);
    return { name: file.suggestedFilename(), content: readFileSync(path) };
  }

  it('downloads the registry as a right-to-left Arabic workbook', async () => {
    await page.goto(`${host.origin}/#/beneficiaries`);
    await page.getByRole('heading', { name: 'المستفيدون' }).waitFor();
    await page.getByRole('button', { name: 'تصدير' }).click();
    await page.getByRole('menuitem', { name: /Excel/ }).waitFor();
    await app.screenshot('exports-menu-ar');
    await page.keyboard.press('Escape');
    const file = await download(/Excel/);
    expect(file.name).toMatch(/^wasl-beneficiaries-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('المستفيدون');
    expect(sheet.views[0]?.rightToLeft).toBe(true);
    expect(sheet.getRow(1).getCell(2).value).toBe('الاسم');
    expect(sheet.rowCount).toBe(3);
    expect([2, 3].map((row) => String(sheet.getRow(row).getCell(2).value))).toEqual(['فاطمة عبدالله حسن العلي', 'محمد سعد علي الدوسري']);
    expect(sheet.getRow(2).getCell(9).value).toBeInstanceOf(Date);
    await page.getByText(/صُدِّر سجلان إلى/).waitFor();
  });

  it('downloads it as CSV in English, with a byte-order mark', async () => {
    await app.switchLanguage('English');
    await page.getByRole('heading', { name: 'Beneficiaries' }).waitFor();
    const file = await download(/CSV/);
    expect(file.name).toMatch(/\.csv$/);
    const text = file.content.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('File number,Name,Name in English,Category,District,Eligibility,Status,Erased,Registered,Hijri date (Registered)');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain("Prisoner's family");
    await app.screenshot('exports-done-en', { withoutNotices: false });
  });

  it('leaves each export in the audit log, with what and how many', async () => {
    const audit = await host.call<{ entries: Array<{ action: string; summary: Record<string, unknown> }> }>('audit.list', { action: 'records.exported', limit: 10 });
    expect(audit.ok).toBe(true);
    const entries = audit.value?.entries ?? [];
    expect(entries.map((entry) => [entry.summary.subject, entry.summary.format, entry.summary.count])).toEqual([
      ['beneficiaries', 'csv', 2],
      ['beneficiaries', 'xlsx', 2],
    ]);
  });

  it('asks before the registry’s ID and phone numbers leave, each off until ticked, and records the choice', async () => {
    await app.switchLanguage('العربية');
    await page.getByRole('heading', { name: 'المستفيدون' }).waitFor();
    await page.getByRole('button', { name: 'تصدير' }).click();
    await page.getByRole('menuitem', { name: /Excel/ }).click();
    const dialog = columnsDialog();
    await dialog.waitFor();
    const ids = dialog.getByRole('checkbox', { name: 'تضمين أرقام الهوية' });
    const phones = dialog.getByRole('checkbox', { name: 'تضمين أرقام الجوال' });
    expect([await ids.isChecked(), await phones.isChecked()]).toEqual([false, false]);
    await expect(dialog.textContent()).resolves.toContain('بيانات شخصية حساسة');
    await expect(dialog.textContent()).resolves.toContain('يُسجَّل اختيارك في سجل التدقيق');
    // The cursor starts on the first choice; Escape leaves without exporting.
    await expect.poll(async () => ids.evaluate((element) => element === document.activeElement)).toBe(true);
    await app.screenshot('exports-sensitive-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Phone numbers only: the supervisor follows people up by phone.
    const file = await download(/Excel/, [/تضمين أرقام الجوال/]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 4)).toEqual(['رقم الملف', 'الاسم', 'الاسم بالإنجليزية', 'أرقام الجوال']);
    expect(headers).not.toContain('رقم الهوية');
    expect([2, 3].map((row) => sheet.getRow(row).getCell(4).value)).toEqual(['056 123 4567', '056 123 4568']);
    const cells: unknown[] = [];
    sheet.eachRow((row) => cells.push(...(row.values as unknown[])));
    expect(cells).not.toContain(withSaudiCheckDigit(people[0]!.idNumber));

    // Both, in English; the next export asks afresh, both off again.
    await app.switchLanguage('English');
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menuitem', { name: /CSV/ }).click();
    await columnsDialog().waitFor();
    expect(await columnsDialog().getByRole('checkbox', { name: 'Include phone numbers' }).isChecked()).toBe(false);
    await app.screenshot('exports-sensitive-en');
    await page.keyboard.press('Escape');
    await columnsDialog().waitFor({ state: 'detached' });
    const csv = await download(/CSV/, [/Include ID numbers/, /Include phone numbers/]);
    const [header, first] = csv.content.toString('utf8').slice(1).split('\r\n');
    expect(header?.split(',').slice(0, 6)).toEqual(['File number', 'Name', 'Name in English', 'ID type', 'ID number', 'Phone numbers']);
    expect(first?.split(',').slice(3, 6)).toEqual(['National ID', withSaudiCheckDigit(people[0]!.idNumber), '056 123 4567']);

    const audit = await host.call<{ entries: Array<{ action: string; summary: Record<string, unknown> }> }>('audit.list', { action: 'records.exported', limit: 2 });
    expect(audit.value?.entries.map((entry) => [entry.summary.format, entry.summary.withIdNumbers, entry.summary.withPhoneNumbers])).toEqual([
      ['csv', true, true],
      ['xlsx', false, true],
    ]);
  });

  it('closes a date’s calendar with Escape and leaves the dialog it was opened from, and its form, open', async () => {
    await app.switchLanguage('العربية');
    await page.goto(`${host.origin}/#/letters`);
    await page.getByRole('heading', { name: 'الصادر والوارد' }).waitFor();
    await page.keyboard.press('Alt+KeyI');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/رقم الخطاب الوارد/).fill('45/ق/1448');
    const date = dialog.getByLabel(/تاريخ الخطاب/).first();
    await date.focus();
    await page.keyboard.press('Alt+ArrowDown');
    const month = page.getByRole('grid');
    await month.waitFor();
    await expect.poll(async () => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('gridcell');
    await page.keyboard.press('Escape');
    await month.waitFor({ state: 'detached' });
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByLabel(/رقم الخطاب الوارد/).inputValue()).toBe('45/ق/1448');
    await expect.poll(async () => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
  });
});
