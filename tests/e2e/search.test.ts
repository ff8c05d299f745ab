import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import { launchChromium } from './support/browser';
import { newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AppPage, focusedLabel } from './support/pages';

/**
 * The search box forgives tired hands, end to end: Arabic typed with the keyboard left on English, a
 * letter wrong in a family name, the end of an ID number; each result says how it was found. And a
 * contact with someone not registered is an action of the results, always the last row, reached
 * with the arrows, even when people were found (the person at the desk may not be one of them).
 */

const SHOTS = '/tmp/shots-search';
const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const ahmad = { firstName: 'أحمد', fatherName: 'سالم', grandfatherName: 'ناصر', familyName: 'الدوسري', idNumber: withSaudiCheckDigit('103456781'), latinName: 'Ahmed Salem Al-Dosari' };
const fatima = { firstName: 'فاطمة', fatherName: 'علي', grandfatherName: 'حسن', familyName: 'الزهراني', idNumber: withSaudiCheckDigit('109934567'), latinName: null };
const ahmadName = 'أحمد سالم ناصر الدوسري';
const fatimaName = 'فاطمة علي حسن الزهراني';

describe('a search that forgives', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const rows = () => page.getByRole('listbox').getByRole('option');
  /** The line over the results that says what a query typed on the English keyboard was read as (its isolates aside). */
  const notice = async () => ((await page.getByRole('dialog').getByRole('status').textContent()) ?? '').replace(/[\u2066-\u2069]/g, '');
  const highlighted = () => page.getByRole('listbox').locator('[role="option"][aria-selected="true"]');

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    await setUpWith(host, admin);
    for (const [index, person] of [ahmad, fatima].entries()) {
      const registered = await host.call('beneficiaries.register', {
        fields: {
          ...person, phones: [`05612345${index}${index}`], idType: 'national_id', nationality: 'SA', residencyStatus: 'citizen',
          gender: person === fatima ? 'female' : 'male', birthDate: '1990-01-01', districtId: null, address: null, category: 'prisoner',
          prisonerRelation: null, prisonerName: null, prisonerFacility: null, prisonerStatus: 'serving_sentence', needs: ['financial'],
          needsNotes: null, needsPriority: 'medium', consentGiven: true, consentDate: '2026-01-01', consentMethod: 'written', status: 'active',
          notes: null, household: [],
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

  it('offers a contact with a person not registered as the last row, even when people were found', async () => {
    const search = app.search();
    await search.openWithShortcut();
    await search.type('أحمد');
    await expect.poll(() => rows().first().textContent()).toContain(ahmadName);
    const last = rows().last();
    await expect.poll(() => last.textContent()).toContain('تسجيل تواصل مع شخص غير مسجل');
    expect(await last.textContent()).toContain('Ctrl');
    // From the first row, up goes round to the last: the contact with someone not registered.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => highlighted().textContent()).toContain('تسجيل تواصل مع شخص غير مسجل');
    await shot('unregistered-row-ar');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'تسجيل تواصل مع شخص غير مسجل' });
    await dialog.waitFor();
    // Logged by name and phone: the name typed in the search box is carried over.
    expect(await dialog.getByLabel(/^الاسم/).inputValue()).toBe('أحمد');
    await shot('unregistered-contact-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Back in the search box, where the officer left it.
    await expect.poll(() => focusedLabel(page)).toBe('البحث عن مستفيد');
  });

  it('opens the same form with its shortcut whichever row is highlighted', async () => {
    // Down from the last row goes round to the first: the person found.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => highlighted().textContent()).toContain(ahmadName);
    await page.keyboard.press('Control+Shift+Enter');
    const dialog = page.getByRole('dialog', { name: 'تسجيل تواصل مع شخص غير مسجل' });
    await dialog.waitFor();
    expect(await dialog.getByLabel(/^الاسم/).inputValue()).toBe('أحمد');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('reads Arabic typed on the English keyboard, and says so', async () => {
    const search = app.search();
    await search.type('hpl] hg],svd');
    await expect.poll(() => rows().first().textContent()).toContain(ahmadName);
    expect(await notice()).toBe('عرض نتائج «احمد الدوسري» المكتوبة على لوحة المفاتيح الإنجليزية');
    expect(await rows().first().textContent()).toContain('كُتب على لوحة المفاتيح الإنجليزية');
    await shot('layout-ar');
    // The person not registered is named in Arabic, as the officer meant to type it.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'تسجيل تواصل مع شخص غير مسجل' });
    await dialog.waitFor();
    expect(await dialog.getByLabel(/^الاسم/).inputValue()).toBe('احمد الدوسري');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('finds a family name with a letter out of place, marked as a close spelling', async () => {
    const search = app.search();
    await search.type('فاطمة الزهارني');
    await expect.poll(() => rows().first().textContent()).toContain(fatimaName);
    expect(await rows().first().textContent()).toContain('كتابة قريبة');
    await shot('close-spelling-ar');
  });

  it('finds a person by the last digits of their ID number, as every result line shows them', async () => {
    const search = app.search();
    await search.type(ahmad.idNumber.slice(-4));
    await expect.poll(() => rows().first().textContent()).toContain(ahmadName);
    expect(await rows().first().textContent()).toContain('بآخر أرقام الهوية');
    await search.type('Aldosari');
    await expect.poll(() => rows().first().textContent()).toContain(ahmadName);
    expect(await rows().first().textContent()).toContain('بالاسم الإنجليزي');
    await search.close();
  });

  it('says the same in English', async () => {
    await app.switchLanguage('English');
    const search = app.search();
    await search.openWithShortcut();
    await search.type('hpl] hg],svd');
    await expect.poll(() => rows().first().textContent()).toContain(ahmadName);
    expect(await notice()).toBe('Showing results for «احمد الدوسري» typed on the English keyboard');
    expect(await rows().first().textContent()).toContain('Typed on the English keyboard');
    expect(await rows().last().textContent()).toContain('Log a contact with a person not registered');
    await shot('layout-en');
    await search.type('فاطمة الزهرني');
    await expect.poll(() => rows().first().textContent()).toContain('Close spelling');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => highlighted().textContent()).toContain('Log a contact with a person not registered');
    await shot('close-spelling-en');
    await search.close();
    await app.switchLanguage('العربية');
  });
});
