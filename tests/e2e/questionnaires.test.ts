import { mkdirSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../electron/api/contacts';
import type { OfferView } from '../../electron/api/satisfaction';
import type { ProgramCall } from '../support/programs';
import type { RunningHost } from './support/host';
import { chooseOption, focusedLabel, press, tabTo, unnamedButtons, type AppPage } from './support/pages';
import { callsOf, deskWithStaff, screensSignedIn, switchAccount } from './support/programs';

/**
 * A questionnaire built from the keyboard: the administrator types its titles and introduction, adds
 * questions with Alt+Q (a refused save points to the question left empty), picks their kinds, types
 * the choices, moves a question with Alt+↑ and back, saves, and puts it in use. Once it has been
 * offered, the editor says before saving that the save makes version 2, and the page then shows
 * version 2 with version 1 still readable as it was asked. An officer reads it and changes nothing.
 */

const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const TITLE = 'استبانة ورشة النجارة';

describe('a questionnaire built, put in use and changed after its first offer', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let call: ProgramCall;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await deskWithStaff(admin, [[officer, 'officer']]);
    call = callsOf(host);
    await call('session.signOut', {});
    ({ browser, page, app } = await screensSignedIn(host, admin));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** The side menu's link, by its whole name: the paper forms' entry has "questionnaires" in its name too. */
  const openList = async (name: string) => {
    await page.getByRole('navigation').getByRole('link', { name, exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name, level: 2 }).waitFor();
  };
  const question = (number: number): Locator => page.getByRole('group', { name: `السؤال ${number}` });
  /** The question the focus is in, by its heading. */
  const focusedQuestion = () => page.evaluate(() => document.activeElement?.closest('[data-question-uid]')?.getAttribute('aria-label') ?? '');
  const questionTexts = () => page.getByRole('textbox', { name: 'نص السؤال بالعربية' }).evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value));

  it('lists the shipped questionnaire in use, and opens a new one on its Arabic title', async () => {
    await openList('الاستبانات');
    const list = page.getByRole('table', { name: 'الاستبانات' });
    await expect.poll(() => list.textContent()).toContain('استبانة رضا المستفيدين');
    expect(await list.textContent()).toContain('مفعّلة');
    await app.screenshot('questionnaires-list-ar', { withoutNotices: true });
    await press(page.getByRole('button', { name: 'استبانة جديدة' }));
    await page.getByRole('heading', { name: 'استبانة جديدة', level: 2 }).waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('العنوان بالعربية');
  });

  it('is filled from the keyboard: titles, introduction, questions added with Alt+Q, kinds and choices', async () => {
    await page.keyboard.type(TITLE);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Carpentry workshop questionnaire');
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('المقدمة بالعربية');
    await page.keyboard.type('نود معرفة رأيك في ورشة النجارة لنحسّنها.');
    await tabTo(page, 'نص السؤال بالعربية');
    expect(await focusedQuestion()).toBe('السؤال 1');
    await page.keyboard.type('ما مدى رضاك عن الورشة بشكل عام؟');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Overall, how satisfied are you with the workshop?');
    await tabTo(page, 'إجابته إلزامية');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('سؤال الرضا العام (تُحسب منه نسبة الرضا)');
    await page.keyboard.press('Space');

    // A question added is one more of the same kind, its Arabic text under the cursor.
    await page.keyboard.press('Alt+KeyQ');
    await expect.poll(() => focusedQuestion()).toBe('السؤال 2');
    expect(await focusedLabel(page)).toBe('نص السؤال بالعربية');
    await page.keyboard.type('كيف عرفت عن الورشة؟');
    await chooseOption(page, 'نوع السؤال', 'اختيار واحد');
    await tabTo(page, 'الخيار 1 بالعربية');
    await page.keyboard.type('من الجمعية');
    await tabTo(page, 'الخيار 2 بالعربية');
    await page.keyboard.type('من صديق أو قريب');

    // Saved with the third question still empty: refused, and the cursor is put in its text.
    await page.keyboard.press('Alt+KeyQ');
    await expect.poll(() => focusedQuestion()).toBe('السؤال 3');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => question(3).getByText('هذا الحقل مطلوب').count()).toBeGreaterThan(0);
    await expect.poll(() => focusedQuestion()).toBe('السؤال 3');
    expect(await focusedLabel(page)).toBe('نص السؤال بالعربية');
    await page.keyboard.type('ما الذي نحسّنه في الورشة القادمة؟');
    await chooseOption(page, 'نوع السؤال', 'نص حر');
    expect(await question(3).getByRole('textbox', { name: 'الخيار 1 بالعربية' }).count()).toBe(0);
    expect(await unnamedButtons(page.locator('main'))).toEqual([]);
    await app.screenshot('questionnaires-editor-ar', { withoutNotices: true });
  });

  it('moves the question the cursor is in with Alt+↑ and Alt+↓, the cursor going with it', async () => {
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedLabel(page)).toBe('نص السؤال بالعربية');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => questionTexts()).toEqual(['ما مدى رضاك عن الورشة بشكل عام؟', 'ما الذي نحسّنه في الورشة القادمة؟', 'كيف عرفت عن الورشة؟']);
    expect(await focusedQuestion()).toBe('السؤال 2');
    expect(await focusedLabel(page)).toBe('نص السؤال بالعربية');
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => questionTexts()).toEqual(['ما مدى رضاك عن الورشة بشكل عام؟', 'كيف عرفت عن الورشة؟', 'ما الذي نحسّنه في الورشة القادمة؟']);
    expect(await focusedQuestion()).toBe('السؤال 3');
  });

  it('saves as a draft at version 1 with Ctrl+Enter, and is put in use', async () => {
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: TITLE, level: 2 }).waitFor();
    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain('مسودة');
    expect(await main.textContent()).toContain('الإصدار 1');
    expect(await main.textContent()).toContain('من صديق أو قريب');
    await press(page.getByRole('button', { name: 'تفعيل' }));
    await expect.poll(() => main.textContent()).toContain('مفعّلة');
    await page.getByRole('button', { name: 'إيقاف' }).waitFor();
  });

  it('says before saving that an edit after its first offer makes version 2, and keeps version 1 readable', async () => {
    await call('session.signIn', { username: admin.username, password: admin.password });
    const [listed] = (await call<Array<{ id: string; titleAr: string }>>('questionnaires.list', {})).filter((one) => one.titleAr === TITLE);
    const contact = await call<ContactView>('contacts.log', { channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary: 'سؤال عن الورشة', personName: 'زائر' });
    await call<OfferView>('satisfaction.offer', { questionnaireId: listed!.id, mode: 'paper', contactId: contact.id });

    // Offered elsewhere: the page is read again as it opens.
    await press(page.getByRole('button', { name: 'كل الاستبانات' }));
    await press(page.getByRole('table', { name: 'الاستبانات' }).getByRole('button', { name: TITLE }));
    await page.getByRole('heading', { name: TITLE, level: 2 }).waitFor();
    await press(page.getByRole('button', { name: 'تعديل' }));
    await page.getByRole('heading', { name: 'تعديل الاستبانة', level: 2 }).waitFor();
    const notice = page.getByRole('note');
    await expect.poll(() => notice.textContent()).toContain('الحفظ ينشئ الإصدار 2');
    expect(await notice.textContent()).toContain('تبقى الإجابات السابقة على الإصدار 1');
    await page.getByRole('button', { name: /حفظ كإصدار 2/ }).waitFor();
    await page.keyboard.press('Alt+KeyQ');
    await expect.poll(() => focusedQuestion()).toBe('السؤال 4');
    await page.keyboard.type('هل ستحضر ورشة أخرى؟');
    await chooseOption(page, 'نوع السؤال', 'نعم أو لا');
    await app.screenshot('questionnaires-editor-version-ar', { withoutNotices: true });
    await page.keyboard.press('Control+Enter');

    await page.getByRole('heading', { name: TITLE, level: 2 }).waitFor();
    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain('هل ستحضر ورشة أخرى؟');
    const versions = page.getByRole('table', { name: 'الإصدارات' });
    await expect.poll(() => versions.getByRole('row').count()).toBe(3);
    expect(await versions.textContent()).toContain('الإصدار 2');
    await app.screenshot('questionnaires-page-ar', { withoutNotices: true });

    await press(page.getByRole('button', { name: 'عرض الإصدار 1' }));
    const dialog = page.getByRole('dialog', { name: `${TITLE} — الإصدار 1` });
    await expect.poll(() => dialog.textContent()).toContain('ما الذي نحسّنه في الورشة القادمة؟');
    expect(await dialog.textContent()).not.toContain('هل ستحضر ورشة أخرى؟');
    await app.screenshot('questionnaires-version-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('reads in English, left to right', async () => {
    await app.switchLanguage('English');
    await page.getByRole('heading', { name: 'Carpentry workshop questionnaire', level: 2 }).waitFor();
    expect(await app.direction()).toEqual({ dir: 'ltr', lang: 'en' });
    await app.screenshot('questionnaires-page-en', { withoutNotices: true });
    await press(page.getByRole('button', { name: 'Edit' }));
    await page.getByRole('heading', { name: 'Edit questionnaire', level: 2 }).waitFor();
    await app.screenshot('questionnaires-editor-en', { withoutNotices: true });
    await press(page.getByRole('button', { name: 'Cancel' }));
    await openList('Questionnaires');
    await expect.poll(() => page.getByRole('table', { name: 'Questionnaires' }).textContent()).toContain('Carpentry workshop questionnaire');
    await app.screenshot('questionnaires-list-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });

  it('lets an officer read the questionnaires and change none', async () => {
    await switchAccount(page, officer);
    await openList('الاستبانات');
    await expect.poll(() => page.locator('main').textContent()).toContain('يبني المدير الاستبانات');
    expect(await page.getByRole('button', { name: 'استبانة جديدة' }).count()).toBe(0);
    const row = page.getByRole('table', { name: 'الاستبانات' }).getByRole('button', { name: TITLE });
    await press(row);
    await page.getByRole('heading', { name: TITLE, level: 2 }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain('الإصدار 2');
    expect(await page.getByRole('button', { name: 'تعديل' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'إيقاف' }).count()).toBe(0);
  });
});
