import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import { launchChromium } from './support/browser';
import { addAccount, newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AccountScreens, AppPage, focusedLabel, QueueCards, tabTo } from './support/pages';

/**
 * What the desk's screens show, read as the officer sees them: a letter number typed with an Arabic
 * letter in it reads as typed, on one line, in the register, on the request's page and in the input
 * box, in Arabic and in English; the supervisor finds the requests waiting for their decision on the
 * home screen, the longest waiting first; and a change made from the search box shows at once in the
 * home screen's counts and on the inquiries page, without anyone reloading them.
 */

const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const supervisor = { username: 'noura', password: 'the second floor office', displayName: 'نورة القحطاني' };

/** The sender's numbers, as the officer types them: digits around an Arabic letter. */
const mixedNumber = '8821/س/1448';
const shortNumber = '4471/ص';
const PRISONS_AUTHORITY = '019ab9a0-0000-7000-8000-00000000a001';
const VISIT_PERMIT = '019ab9a0-0000-7000-8000-00000000b002';
const fullName = 'مريم صالح علي الخالدي';

/** The screenshots looked at by hand: the project's folder, and a copy kept apart for review. */
const SHOTS = '/tmp/shots-display';

/**
 * How an element's text reads on screen: its characters in the order they are drawn from left to
 * right, then read in the element's own direction the way a reader reads it: right to left for rtl,
 * a group of digits or Latin letters always left to right within. Text that reads as typed gives back
 * the very string typed. Also on how many lines the characters stand.
 */
async function onScreen(element: Locator): Promise<{ text: string; drawn: string; reading: string; direction: string; lines: number }> {
  const shown = await element.evaluate((root) => {
    const direction = getComputedStyle(root).direction;
    const drawn: Array<{ character: string; x: number; top: number }> = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let index = 0; index < text.length; index += 1) {
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const box = range.getBoundingClientRect();
        drawn.push({ character: text[index]!, x: box.left + box.width / 2, top: Math.round(box.top) });
      }
    }
    return {
      text: root.textContent ?? '',
      drawn: [...drawn].sort((a, b) => a.x - b.x).map((entry) => entry.character).join(''),
      direction,
      lines: new Set(drawn.map((entry) => entry.top)).size,
    };
  });
  const groups = shown.drawn.match(/[0-9A-Za-z]+|./gu) ?? [];
  return { ...shown, reading: shown.direction === 'rtl' ? [...groups].reverse().join('') : shown.drawn };
}

/** The code's own element (the isolate that holds exactly this text) inside `scope`. */
const codeIn = (scope: Locator, code: string) =>
  scope.locator('bdi', { hasText: code }).filter({ hasText: new RegExp(`^${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();

async function expectReadsAsTyped(scope: Locator, code: string): Promise<string> {
  const element = codeIn(scope, code);
  await element.waitFor();
  const shown = await onScreen(element);
  expect(shown.text).toBe(code);
  expect(shown.reading, `«${code}» drawn as «${shown.drawn}», read ${shown.direction}`).toBe(code);
  expect(shown.lines, `«${code}» stands on one line`).toBe(1);
  return shown.direction;
}

describe('what the desk shows: numbers as typed, the decisions waiting, counts that follow a change', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let requestId: string;
  let requestNumber: string;

  const screenshot = async (name: string) => {
    await app.screenshot(name, { withoutNotices: true });
    copyFileSync(join('test-results/screenshots', `${name}.png`), join(SHOTS, `${name}.png`));
  };

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    mkdirSync(SHOTS, { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    await setUpWith(host, admin);
    await addAccount(host, supervisor, 'supervisor');
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const answer = await host.call<T>(name, input);
      expect(answer.ok, `${name}: ${JSON.stringify(answer.error)}`).toBe(true);
      return answer.value as T;
    };
    await call('session.signIn', { username: admin.username, password: admin.password });
    const person = await call<{ id: string }>('beneficiaries.register', {
      fields: {
        firstName: 'مريم', fatherName: 'صالح', grandfatherName: 'علي', familyName: 'الخالدي', latinName: null,
        idType: 'national_id', idNumber: withSaudiCheckDigit('106655443'), nationality: 'SA', residencyStatus: 'citizen', gender: 'female',
        birthDate: '1987-05-12', phones: ['0553214321'], districtId: null, address: null, category: 'family_member',
        prisonerRelation: 'wife', prisonerName: null, prisonerFacility: null, prisonerStatus: 'serving_sentence', household: [],
        needs: ['financial'], needsPriority: 'medium', needsNotes: null, consentGiven: true, consentDate: '2026-11-01',
        consentMethod: 'written', status: 'active', notes: null,
      },
    });
    // A request studied and ready for the supervisor's decision, and one not yet studied.
    const request = await call<{ id: string; number: string }>('requests.open', { beneficiaryId: person.id, typeId: VISIT_PERMIT, summary: 'تصريح زيارة', sourceContactId: null });
    requestId = request.id;
    requestNumber = request.number;
    await call('requests.startReview', { id: requestId, note: null });
    await call('requests.open', { beneficiaryId: person.id, typeId: VISIT_PERMIT, summary: 'تصريح زيارة ثانية', sourceContactId: null });
    // The authority's letters, numbered as it wrote them.
    await call('letters.register', {
      direction: 'incoming', number: mixedNumber, authorityId: PRISONS_AUTHORITY, subject: 'بشأن طلب الزيارة',
      beneficiaryId: person.id, requestId, scan: null,
    });
    await call('letters.register', { direction: 'incoming', number: shortNumber, authorityId: PRISONS_AUTHORITY, subject: 'إفادة', beneficiaryId: null, requestId: null, scan: null });

    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.load(host.url);
    await page.getByRole('navigation').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows a letter number with an Arabic letter as typed, on one line, in the register, on the request and in the input', async () => {
    for (const language of ['ar', 'en'] as const) {
      if (language === 'en') await app.switchLanguage('English');
      await page.goto(`${host.origin}/#/letters`);
      const register = page.getByRole('table', { name: /الصادر والوارد|Letters register/ });
      await register.waitFor();
      const mixedDirection = await expectReadsAsTyped(register, mixedNumber);
      const shortDirection = await expectReadsAsTyped(register, shortNumber);
      expect([mixedDirection, shortDirection]).toEqual(['rtl', 'rtl']);
      await screenshot(`display-letters-${language}`);

      // The input box reads the typed number the same way as the register shows it.
      await page.getByRole('button', { name: /تسجيل خطاب وارد|Register incoming letter/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const input = dialog.getByLabel(/رقم الخطاب الوارد|Incoming letter number/);
      await input.focus();
      await page.keyboard.type(shortNumber);
      expect(await input.evaluate((element) => getComputedStyle(element).direction)).toBe(shortDirection);
      await screenshot(`display-letter-input-${language}`);
      // Emptied again, the form has nothing to keep, and Escape closes it.
      await input.fill('');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });

      await page.goto(`${host.origin}/#/requests/${requestId}`);
      const main = page.getByRole('main');
      await page.getByRole('heading', { name: new RegExp(requestNumber), level: 2 }).waitFor();
      expect(await expectReadsAsTyped(main, mixedNumber)).toBe('rtl');
      // The request's own number is Latin letters and digits: left to right.
      expect(await expectReadsAsTyped(main, requestNumber)).toBe('ltr');
      await screenshot(`display-request-${language}`);
    }
    await app.switchLanguage('العربية');
  });

  it('shows the supervisor the requests waiting for their decision on the home screen, with their age, each opening the request', async () => {
    await new AccountScreens(page).signOut();
    await new AccountScreens(page).signIn(supervisor);
    await page.getByRole('navigation').waitFor();
    const cards = new QueueCards(page);
    const title = 'طلبات بانتظار قرارك';
    await cards.card(title).waitFor();
    expect(await cards.count(title)).toBe(1);
    const list = await cards.open(title);
    const row = list.getByRole('row').filter({ hasText: requestNumber });
    await expect.poll(() => row.textContent()).toContain(fullName);
    expect(await row.textContent()).toContain('قيد الدراسة');
    expect(await row.textContent()).toContain('أقل من يوم عمل');
    await screenshot('display-awaiting-decision-ar');

    await app.switchLanguage('English');
    const english = await cards.open('Requests awaiting your decision');
    await expect.poll(() => english.getByRole('row').filter({ hasText: requestNumber }).textContent()).toContain('less than a working day');
    await screenshot('display-awaiting-decision-en');
    await app.switchLanguage('العربية');

    await (await cards.open(title)).getByRole('link', { name: requestNumber }).click();
    await page.getByRole('heading', { name: new RegExp(requestNumber), level: 2 }).waitFor();
  });

  /** Logs an inquiry left for later with the first person the search box finds, from the keyboard, and closes the search. */
  async function logInquiryFromSearch(question: string): Promise<void> {
    const search = app.search();
    await page.keyboard.press('Control+k');
    await search.box.waitFor();
    await expect.poll(() => search.box.evaluate((element) => element === document.activeElement)).toBe(true);
    await search.type('الخالدي');
    await expect.poll(() => search.results.first().textContent()).toContain(fullName);
    await page.keyboard.press('Control+Enter');
    const dialog = page.getByRole('dialog', { name: 'تسجيل تواصل' });
    await dialog.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('ملخص التواصل');
    await page.keyboard.type(question);
    await tabTo(page, /^أُجيب الآن/);
    await page.keyboard.press('Space');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    // The search box is back, for the next person at the desk: closed, the screen behind it shows.
    await search.close();
  }

  it('updates the home screen’s count when an inquiry is logged from the search box, without leaving the screen', async () => {
    await page.goto(`${host.origin}/#/`);
    const cards = new QueueCards(page);
    const pending = 'استفسارات معلّقة';
    await cards.card(pending).waitFor();
    expect(await cards.count(pending)).toBe(0);

    await logInquiryFromSearch('تسأل عن موعد الزيارة القادمة.');
    await expect.poll(() => cards.count(pending), { timeout: 5_000 }).toBe(1);
    expect(page.url()).toBe(`${host.origin}/#/`);
    await screenshot('display-home-refreshed-ar');
  });

  it('updates the inquiries page’s count the same way', async () => {
    await page.goto(`${host.origin}/#/inquiries`);
    await page.getByText('في الانتظار: 1').waitFor();
    await logInquiryFromSearch('تسأل عن المستندات المطلوبة للزيارة.');
    await expect.poll(() => page.getByText('في الانتظار: 2').isVisible(), { timeout: 5_000 }).toBe(true);
    await expect.poll(() => page.getByRole('table', { name: 'الاستفسارات المنتظرة' }).textContent()).toContain('تسأل عن المستندات المطلوبة للزيارة');
    await screenshot('display-inquiries-refreshed-ar');
  });

  it('shows a figure’s change signed, "+1", left to right inside the Arabic report, and in English', async () => {
    await page.goto(`${host.origin}/#/reports`);
    await page.getByRole('heading', { name: 'التقرير الأسبوعي', level: 2 }).waitFor();
    // The week the person was registered in, to date.
    await page.getByRole('button', { name: 'هذا الأسبوع حتى اليوم' }).click();
    const registered = page.getByRole('row').filter({ hasText: 'مستفيدون جدد' }).first();
    expect(await expectReadsAsTyped(registered, '+1')).toBe('ltr');
    await screenshot('display-report-change-ar');
    await app.switchLanguage('English');
    const english = page.getByRole('row').filter({ hasText: 'New beneficiaries' }).first();
    expect(await expectReadsAsTyped(english, '+1')).toBe('ltr');
    await screenshot('display-report-change-en');
    await app.switchLanguage('العربية');
  });
});
