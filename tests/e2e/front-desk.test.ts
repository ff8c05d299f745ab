import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import { launchChromium } from './support/browser';
import { newDataFolder, startHost, type RunningHost } from './support/host';
import { AppPage, focusedLabel, RegisterForm, SessionScreens, tabTo } from './support/pages';

/**
 * The front desk, end to end: the built app on the loopback host, in Debian's Chromium, driven from
 * the keyboard. One story, in order: an empty desk, a registration, finding the person again in
 * other spellings and digits, an eligibility decision, English and back, and a restart.
 */

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const toArabicIndic = (digits: string) => digits.replace(/\d/g, (digit) => ARABIC_INDIC[Number(digit)]!);

const nationalId = withSaudiCheckDigit('107324568');
const admin = { username: 'manager', password: 'a quiet morning in hofuf', displayName: 'سارة الملحم' };
const fullName = 'عبد الله محمد إبراهيم آل مبارك';

describe('the front desk', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let databasePath: string;
  let port: number;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    databasePath = join(newDataFolder(), 'wasl.db');
    host = await startHost(databasePath);
    port = Number(new URL(host.url).port);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.load(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('sets up a new desk: the association, the first administrator, and a recovery key shown once', async () => {
    const screens = new SessionScreens(page);
    await app.screenshot('setup-ar');
    const recoveryKey = await screens.setUp('جمعية العناية بالسجناء بالأحساء', admin);
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    await app.screenshot('recovery-key-ar');
    // Continuing needs the confirmation that the key was kept.
    expect(await page.getByRole('button', { name: 'متابعة إلى وصل' }).isDisabled()).toBe(true);
    await screens.confirmRecoveryKeyKept();
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
  });

  it('opens in Arabic, right to left, on a friendly empty home screen', async () => {
    expect(await app.direction()).toEqual({ dir: 'rtl', lang: 'ar' });
    expect(await app.navigationIsOnTheRight()).toBe(true);
    await expect.poll(() => page.getByText('لا يوجد مستفيدون مسجلون بعد').isVisible()).toBe(true);
    // The page was opened with a one-time code, traded at once for a cookie its scripts cannot read:
    // no secret is left in the address, in the page's reach, or in its storage.
    expect(page.url()).not.toContain('token=');
    expect(page.url()).not.toContain('code=');
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain(host.token);
    await app.screenshot('home-empty-ar');
  });

  it('registers a beneficiary from the keyboard, with Arabic-Indic digits and a Hijri birth date', async () => {
    const form = new RegisterForm(page);
    await form.openWithShortcut();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent)).toContain('رقم الهوية');
    await page.keyboard.type(toArabicIndic(nationalId));
    await form.typeInto('الاسم الأول', 'عبد الله');
    await form.typeInto('اسم الأب', 'محمد');
    await form.typeInto('اسم الجد', 'إبراهيم');
    await form.typeInto('اسم العائلة', 'آل مبارك');
    await form.typeInto('الاسم بالإنجليزية', 'Abdullah Al-Mubarak');
    await form.choose('ذكر', 'ذكر');
    await form.typeInto('تاريخ الميلاد', '1410/05/12');
    await expect.poll(() => page.getByText(/1989/).first().isVisible()).toBe(true);
    await form.typeInto('الجوال', '٠٥٥ ١٢٣ ٤٥٦٧');
    await form.pick('الحي / المدينة', 'الهفوف');
    await form.choose('سجين', 'مفرج عنه');
    await form.check('وافق المستفيد على معالجة بياناته');
    await app.screenshot('register-form-ar');
    await form.saveWithShortcut();

    await page.getByRole('heading', { name: fullName }).waitFor();
    expect(await page.getByText(nationalId, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('055 123 4567').isVisible()).toBe(true);
    // The toast rises in the bottom corner at the end of the line (left in Arabic), clear of the search box.
    const toast = await page.getByRole('alert').filter({ hasText: 'سُجّل المستفيد برقم الملف' }).boundingBox();
    const searchBox = await page.getByRole('button', { name: 'البحث عن مستفيد' }).boundingBox();
    const viewport = page.viewportSize();
    expect(toast && searchBox && viewport).toBeTruthy();
    if (toast && searchBox && viewport) {
      expect(toast.y).toBeGreaterThan(searchBox.y + searchBox.height);
      expect(toast.y + toast.height).toBeGreaterThan(viewport.height / 2);
      expect(toast.x + toast.width).toBeLessThan(viewport.width / 2);
    }
    await app.screenshot('beneficiary-ar');
  });

  it('refuses a wrong ID number at the field with a clear Arabic message, saving nothing', async () => {
    const form = new RegisterForm(page);
    await form.openWithShortcut();
    await page.keyboard.type('1000000001');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByText('رقم الهوية غير صحيح (خانة التحقق لا تطابق). راجع الرقم من البطاقة.').isVisible()).toBe(true);
    await form.saveWithShortcut();
    await expect.poll(() => page.getByText('بعض الحقول تحتاج تصحيحاً قبل الحفظ.').isVisible()).toBe(true);
    await app.screenshot('register-errors-ar');
    const stats = await host.call<{ total: number }>('beneficiaries.stats', {});
    expect(stats.value?.total).toBe(1);
  });

  it('finds the person by a differently spelled name and by Arabic-Indic ID digits', async () => {
    const search = app.search();
    await search.openWithShortcut();
    await search.type('عبدالله المبارك');
    await expect.poll(() => search.results.first().textContent()).toContain(fullName);
    await app.screenshot('search-ar');

    await search.type(toArabicIndic(nationalId.slice(0, 6)));
    await expect.poll(() => search.results.first().textContent()).toContain(fullName);

    await search.type('ابراهيم عبد الله');
    await expect.poll(() => search.results.first().textContent()).toContain(fullName);
    await search.openHighlighted();
    await page.getByRole('heading', { name: fullName }).waitFor();
  });

  it('records an eligibility decision on the three criteria', async () => {
    await page.keyboard.press('d');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The dialog puts the officer on the first criterion.
    await expect.poll(() => focusedLabel(page)).toBe('ضمن نطاق خدمات الجمعية');
    await page.keyboard.press('Space');
    await tabTo(page, 'مقيم إقامة نظامية في المملكة العربية السعودية');
    await page.keyboard.press('Space');
    await tabTo(page, 'مستفيد من خدمات الجمعية أو برامجها أو مناشطها');
    await page.keyboard.press('Space');
    await app.screenshot('eligibility-ar');
    // Ctrl+Enter saves from any field, as in every other dialog.
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByText('مستحق', { exact: true }).count()).toBeGreaterThan(0);
    const found = await host.call<{ hits: { eligibility: string }[] }>('search.beneficiaries', { query: nationalId });
    expect(found.value?.hits[0]?.eligibility).toBe('eligible');
    await app.screenshot('beneficiary-decided-ar');
  });

  it('logs the interview from the file with a few keystrokes, and shows it on the timeline', async () => {
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'تسجيل تواصل' });
    await dialog.waitFor();
    // The summary has the focus; the channel is the front desk's (in person), the time is now.
    await expect.poll(() => focusedLabel(page)).toBe('ملخص التواصل');
    await page.keyboard.type('راجع يسأل عن موعد صرف المساعدة الشهرية.');
    // An inquiry (the purpose the form opens with) answered on the spot: the answer follows the question.
    await tabTo(page, 'الإجابة');
    await page.keyboard.type('يُصرف في الخامس والعشرين من كل شهر ميلادي.');
    await app.screenshot('contact-ar');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    const timeline = page.getByRole('region', { name: 'سجل التعامل' });
    await expect.poll(() => timeline.textContent()).toContain('راجع يسأل عن موعد صرف المساعدة الشهرية');
    expect(await timeline.textContent()).toContain('مقابلة شخصية');
    // The eligibility decision is on the same timeline, below the newer contact.
    expect(await timeline.textContent()).toMatch(/راجع يسأل[\s\S]*قرار أحقية: مستحق/);
    await app.screenshot('timeline-ar');
    // Answered on the spot: in the inquiries answered, with no time waited.
    const answered = await host.call<Array<{ question: string; status: string; minutesToAnswer: number }>>('inquiries.answered', {});
    expect(answered.value?.map(({ question, status, minutesToAnswer }) => ({ question, status, minutesToAnswer }))).toEqual([
      { question: 'راجع يسأل عن موعد صرف المساعدة الشهرية.', status: 'answered', minutesToAnswer: 0 },
    ]);
  });

  it('logs an inquiry left for later from the keyboard, and finds it waiting in the inquiries queue', async () => {
    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'تسجيل تواصل' });
    await dialog.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('ملخص التواصل');
    await page.keyboard.type('يسأل هل تشمل المساعدة الدراسية أبناء النزيل في المرحلة الجامعية.');
    // Not answered now: one Tab to the switch, Space turns it off, and the answer's fields go away.
    await page.keyboard.press('Tab');
    // The switch's label holds its hint too.
    await expect.poll(() => focusedLabel(page)).toMatch(/^أُجيب الآن/);
    await page.keyboard.press('Space');
    await expect.poll(() => dialog.getByLabel(/^الإجابة/).count()).toBe(0);
    await app.screenshot('contact-inquiry-pending-ar');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByText('سُجّل الاستفسار، وهو في قائمة الاستفسارات المنتظرة.').isVisible()).toBe(true);

    await page.getByRole('navigation').getByRole('link', { name: 'الاستفسارات' }).focus();
    await page.keyboard.press('Enter');
    const queue = page.getByRole('table', { name: 'الاستفسارات المنتظرة' });
    await queue.waitFor();
    const row = queue.getByRole('row').filter({ hasText: 'يسأل هل تشمل المساعدة الدراسية' });
    await expect.poll(() => row.textContent()).toContain(fullName);
    expect(await row.textContent()).toContain('مقابلة شخصية');
    expect(await page.getByText('في الانتظار: 1').isVisible()).toBe(true);
    await app.screenshot('inquiries-queue-ar');
  });

  it('remembers the purpose as it remembers the channel, and offers the person\'s phone for a phone contact', async () => {
    const search = app.search();
    await search.openWithShortcut();
    await search.type(nationalId);
    await expect.poll(() => search.results.first().textContent()).toContain(fullName);
    await search.openHighlighted();
    await page.getByRole('heading', { name: fullName }).waitFor();

    await page.keyboard.press('c');
    const dialog = page.getByRole('dialog', { name: 'تسجيل تواصل' });
    await dialog.waitFor();
    await dialog.getByText('هاتف', { exact: true }).click();
    // The number called is the person's first phone, and stays editable.
    const numberCalled = dialog.getByLabel('رقم الهاتف');
    await expect.poll(() => numberCalled.inputValue()).toBe('055 123 4567');
    expect(await numberCalled.isEditable()).toBe(true);
    await dialog.getByLabel('الغرض', { exact: true }).click();
    await page.getByRole('option', { name: 'متابعة', exact: true }).click();
    await dialog.getByLabel('ملخص التواصل').fill('اتصل يتابع موعد الصرف.');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });

    // The next contact opens on the same channel and the same purpose.
    await expect.poll(() => page.getByText('سُجّل التواصل.').isVisible()).toBe(true);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('c');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByLabel('الغرض', { exact: true }).inputValue()).toBe('متابعة');
    expect(await dialog.getByRole('radio', { name: 'هاتف' }).isChecked()).toBe(true);
    // Offered again once the person's phones are read.
    await expect.poll(() => numberCalled.inputValue()).toBe('055 123 4567');
    await app.screenshot('contact-remembered-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('opens the search with Ctrl+K while the Arabic keyboard layout is on', async () => {
    // On the Arabic layout the K key types ن: the shortcut goes by the key, not the letter.
    await page.evaluate(() =>
      document.documentElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'ن', code: 'KeyK', ctrlKey: true, bubbles: true })),
    );
    await page.getByRole('dialog').getByRole('combobox').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  it('warns before registering a likely duplicate, starting from what was typed in the search box', async () => {
    const search = app.search();
    await search.openWithShortcut();
    await search.type('عبدالله محمد ابراهيم المبارك');
    // The last two rows: register the person typed, then log a contact with someone not registered.
    await expect.poll(() => search.results.last().textContent()).toContain('تسجيل تواصل مع شخص غير مسجل');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await search.openHighlighted();
    await page.getByRole('heading', { name: 'تسجيل مستفيد جديد' }).waitFor();
    const form = new RegisterForm(page);
    expect(await page.getByLabel('الاسم الأول').inputValue()).toBe('عبدالله');
    await tabTo(page, /رقم الهوية/);
    await page.keyboard.type(withSaudiCheckDigit('108765432'));
    await form.choose('ذكر', 'ذكر');
    await form.typeInto('الجوال', '0551234567');
    await form.choose('سجين', 'مفرج عنه');
    await form.check('وافق المستفيد على معالجة بياناته');
    await form.saveWithShortcut();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('هل هو الشخص نفسه؟').waitFor();
    expect(await dialog.getByText(fullName).isVisible()).toBe(true);
    await app.screenshot('duplicate-warning-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const stats = await host.call<{ total: number }>('beneficiaries.stats', {});
    expect(stats.value?.total).toBe(1);
  });

  it('asks before leaving a half-filled form, and stays when the officer says no', async () => {
    // The duplicate warning above left its form filled in and unsaved.
    expect(page.url()).toContain('#/beneficiaries/new');
    // The app's own question, in Arabic, with "stay" ready for Enter.
    await page.keyboard.press('Alt+l');
    const question = page.getByRole('dialog', { name: 'بيانات لم تُحفظ' });
    await question.getByText('في النموذج بيانات لم تُحفظ. هل تريد تركها؟').waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('البقاء في النموذج');
    await page.keyboard.press('Enter');
    await question.waitFor({ state: 'hidden' });
    expect(page.url()).toContain('#/beneficiaries/new');
    expect(await page.getByLabel('الاسم الأول').inputValue()).toBe('عبدالله');
  });

  it('lists beneficiaries with filters', async () => {
    await page.keyboard.press('Alt+l');
    await page.getByRole('dialog', { name: 'بيانات لم تُحفظ' }).getByRole('button', { name: 'المغادرة دون حفظ' }).click();
    await page.getByRole('table').waitFor();
    await expect.poll(() => page.getByRole('table').getByText(fullName).isVisible()).toBe(true);
    await app.screenshot('list-ar');
  });

  it('switches to English, left to right, and every screen follows', async () => {
    await app.switchLanguage('English');
    expect(await app.direction()).toEqual({ dir: 'ltr', lang: 'en' });
    expect(await app.navigationIsOnTheRight()).toBe(false);
    await app.screenshot('list-en');
    await page.keyboard.press('Alt+h');
    await page.getByText('Who is here today?').waitFor();
    await app.screenshot('home-en');

    const search = app.search();
    await search.openWithShortcut();
    await search.type('عبد الله');
    await expect.poll(() => search.results.first().textContent()).toContain(fullName);
    await app.screenshot('search-en');
    await search.openHighlighted();
    await page.getByRole('heading', { name: fullName }).waitFor();
    expect(await page.getByText('Eligibility for service').isVisible()).toBe(true);
    await app.screenshot('beneficiary-en');

    await page.keyboard.press('d');
    await page.getByRole('dialog').waitFor();
    await app.screenshot('eligibility-en');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await page.keyboard.press('e');
    await page.getByRole('heading', { name: /Edit the file of/ }).waitFor();
    await app.screenshot('edit-en');

    const form = new RegisterForm(page);
    await form.openWithShortcut();
    await page.getByRole('heading', { name: 'Register a new beneficiary' }).waitFor();
    await app.screenshot('register-form-en');
    await form.saveWithShortcut();
    await page.getByText('Some fields need correcting before saving.').waitFor();
    expect(await page.getByText('The ID number is required.').isVisible()).toBe(true);
    await app.screenshot('register-errors-en');
  });

  it('switches back to Arabic', async () => {
    await app.switchLanguage('العربية');
    expect(await app.direction()).toEqual({ dir: 'rtl', lang: 'ar' });
    expect(await app.navigationIsOnTheRight()).toBe(true);
    const search = app.search();
    await search.openWithShortcut();
    await search.type(nationalId);
    await expect.poll(() => search.results.first().textContent()).toContain(fullName);
    await search.openHighlighted();
    await page.keyboard.press('e');
    await page.getByRole('heading', { name: `تعديل ملف ${fullName}` }).waitFor();
    expect(await page.getByLabel('اسم العائلة').inputValue()).toBe('آل مبارك');
    await app.screenshot('edit-ar');
  });

  it('keeps everything, including the language, across a restart of the host', async () => {
    await host.stop();
    host = await startHost(databasePath, port);
    await app.load(host.url);
    await app.screenshot('sign-in-ar');
    await new SessionScreens(page).signIn(admin);
    await page.getByRole('navigation').waitFor();
    expect(await app.direction()).toEqual({ dir: 'rtl', lang: 'ar' });
    const search = app.search();
    await search.openWithShortcut();
    await search.type('مبارك');
    await expect.poll(() => search.results.first().textContent()).toContain(fullName);
    await search.close();
    await page.keyboard.press('Alt+h');
    await page.getByText('من يراجعنا اليوم؟').waitFor();
    await app.screenshot('home-ar');
  });
});
