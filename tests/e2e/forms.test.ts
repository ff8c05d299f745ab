import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import { launchChromium } from './support/browser';
import { newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AppPage, focusedLabel, RegisterForm, tabTo } from './support/pages';

/**
 * Nothing typed is lost: Enter in a choice list picks, never saves; text that names no option stays
 * with a message and stops the save; a refused save takes the officer to the field; leaving a form
 * with unsaved changes asks in the app's own dialog; Ctrl+Enter saves every dialog.
 */

const SHOTS = '/tmp/shots-forms';
const admin = { username: 'manager', password: 'a quiet morning in hofuf', displayName: 'سارة الملحم' };
const TARAF_DISTRICT_ID = '01a211b8-b732-7238-bee0-09e511d49604';

interface BeneficiaryDetail {
  id: string;
  fullName: string;
  districtId: string | null;
}

/** The value the focused control shows. */
const focusedValue = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? '');

/** Whether an element is inside the window as the officer sees it now. */
async function isInView(page: Page, text: string | RegExp): Promise<boolean> {
  const box = await page.getByText(text).first().boundingBox();
  const viewport = page.viewportSize();
  return Boolean(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height);
}

/** The registration form's fields every test fills the same way, from the keyboard. */
async function fillIdentity(form: RegisterForm, page: Page, id: string, names: { first: string; family: string }): Promise<void> {
  await expect.poll(() => focusedLabel(page)).toContain('رقم الهوية');
  await page.keyboard.type(id);
  await form.typeInto('الاسم الأول', names.first);
  await form.typeInto('اسم الأب', 'محمد');
  await form.typeInto('اسم الجد', 'علي');
  if (names.family) await form.typeInto('اسم العائلة', names.family);
  await form.choose('ذكر', 'ذكر');
}

/** Where each letter sits on the standard Arabic keyboard: the key event an officer's keyboard sends. */
const ARABIC_KEYS: Record<string, { code: string; keyCode: number }> = {
  ز: { code: 'Period', keyCode: 190 },
  م: { code: 'KeyL', keyCode: 76 },
};

/**
 * Presses a letter as the Arabic layout does, with its key event (Playwright would only insert the
 * text of a letter its US layout lacks, without the key press a list answers).
 */
async function pressArabicLetter(page: Page, letter: string): Promise<void> {
  const key = ARABIC_KEYS[letter];
  if (!key) throw new Error(`No key for ${letter}`);
  const session = await page.context().newCDPSession(page);
  const event = { key: letter, code: key.code, windowsVirtualKeyCode: key.keyCode, nativeVirtualKeyCode: key.keyCode };
  await session.send('Input.dispatchKeyEvent', { type: 'keyDown', text: letter, unmodifiedText: letter, ...event });
  await session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...event });
  await session.detach();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

describe('forms keep what was typed', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  /** A file registered before the tests, with its district: the edits below work on it. */
  let registered: BeneficiaryDetail;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    await setUpWith(host, admin);
    const person = await host.call<BeneficiaryDetail>('beneficiaries.register', {
      fields: {
        firstName: 'نورة', fatherName: 'سعد', grandfatherName: 'علي', familyName: 'الدوسري', latinName: null,
        idType: 'national_id', idNumber: withSaudiCheckDigit('100000077'), nationality: 'SA', residencyStatus: 'citizen', gender: 'female',
        birthDate: '1990-04-02', phones: ['0551112233'], districtId: TARAF_DISTRICT_ID, address: null, category: 'family_member',
        prisonerRelation: 'wife', prisonerName: null, prisonerFacility: null, prisonerStatus: 'serving_sentence', household: [],
        needs: ['financial'], needsPriority: 'medium', needsNotes: null, consentGiven: true, consentDate: '2026-11-01',
        consentMethod: 'written', status: 'active', notes: null,
      },
    });
    if (!person.ok || !person.value) throw new Error(`The file was refused: ${JSON.stringify(person.error)}`);
    registered = person.value;
    // The administrator signs in at the desk, as a person would.
    await host.call('session.signOut', {});
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.open(host.url, admin);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('Enter in the district box picks the district and never saves the form', async () => {
    const form = new RegisterForm(page);
    await form.openWithShortcut();
    await fillIdentity(form, page, withSaudiCheckDigit('104417723'), { first: 'خالد', family: 'الدوسري' });
    await tabTo(page, 'الحي / المدينة');
    await page.keyboard.type('الطرف');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    // Still on the form, with no error summary: Enter belonged to the list.
    expect(await page.evaluate(() => location.hash)).toBe('#/beneficiaries/new');
    expect(await page.getByText('بعض الحقول تحتاج تصحيحاً قبل الحفظ.').isVisible()).toBe(false);
    expect(await focusedValue(page)).toBe('الطرف');
    await page.keyboard.press('Tab');
    expect(await page.getByRole('combobox', { name: 'الحي / المدينة' }).inputValue()).toBe('الطرف');

    await form.choose('سجين', 'مفرج عنه');
    await form.check('وافق المستفيد على معالجة بياناته');
    await form.saveWithShortcut();
    await page.getByRole('heading', { name: 'خالد محمد علي الدوسري' }).waitFor();
    const id = /#\/beneficiaries\/([^/]+)$/.exec(await page.evaluate(() => location.hash))?.[1] ?? '';
    const detail = await host.call<BeneficiaryDetail>('beneficiaries.get', { id });
    expect(detail.value?.districtId).toBe(TARAF_DISTRICT_ID);
  });

  it('keeps text that names no district, says so, and refuses to save it rather than saving no district', async () => {
    await page.evaluate((id) => (location.hash = `#/beneficiaries/${id}/edit`), registered.id);
    await page.getByRole('heading', { name: /تعديل ملف/ }).waitFor();
    const district = page.getByRole('combobox', { name: 'الحي / المدينة' });
    await district.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('حي النخيل الجديد');
    await page.keyboard.press('Tab');
    // Leaving the box keeps the text, with a message on the field.
    expect(await district.inputValue()).toBe('حي النخيل الجديد');
    await expect.poll(() => page.getByText('«حي النخيل الجديد» ليس من خيارات القائمة: اختر منها أو امسح النص').isVisible()).toBe(true);

    // Enter in the box does not save the edit either.
    await district.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => location.hash)).toMatch(/\/edit$/);

    // Ctrl+Enter is refused, naming the field, and nothing changes.
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('حقل واحد بحاجة إلى مراجعة').isVisible()).toBe(true);
    expect(await page.getByText('الحقل: الحي / المدينة').isVisible()).toBe(true);
    expect(await focusedLabel(page)).toBe('الحي / المدينة');
    await shoot(page, 'unmatched-district-ar');
    expect(await page.evaluate(() => location.hash)).toMatch(/\/edit$/);
    const unchanged = await host.call<BeneficiaryDetail>('beneficiaries.get', { id: registered.id });
    expect(unchanged.value?.districtId).toBe(TARAF_DISTRICT_ID);

    // Ctrl+Enter on an open list picks its highlighted option, and holds that save back so it is seen.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('الطر');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => district.inputValue()).toBe('الطرف');
    await expect.poll(() => page.getByText('حقل واحد بحاجة إلى مراجعة').isVisible()).toBe(true);
    expect(await page.evaluate(() => location.hash)).toMatch(/\/edit$/);

    // Clearing the text and leaving the box clears the district, as typed.
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+Enter');
    // Exactly the name: the edit form's own heading ("تعديل ملف …") holds it too.
    await page.getByRole('heading', { name: 'نورة سعد علي الدوسري', exact: true }).waitFor();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/beneficiaries/${registered.id}`);
    const cleared = await host.call<BeneficiaryDetail>('beneficiaries.get', { id: registered.id });
    expect(cleared.value?.districtId).toBeNull();
  });

  it('jumps to an option when a letter is typed on a list, and cycles on the same letter', async () => {
    const form = new RegisterForm(page);
    await form.openWithShortcut();
    await tabTo(page, 'حالة الإقامة');
    await pressArabicLetter(page, 'ز');
    await expect.poll(() => focusedValue(page)).toBe('زائر');
    await pressArabicLetter(page, 'م');
    await expect.poll(() => focusedValue(page)).toBe('مواطن');
    await pressArabicLetter(page, 'م');
    await expect.poll(() => focusedValue(page)).toBe('مقيم نظامي');
    // On an open list too; Enter then keeps the option the letter chose.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('listbox').isVisible()).toBe(true);
    await pressArabicLetter(page, 'ز');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedValue(page)).toBe('زائر');
    expect(await page.evaluate(() => location.hash)).toBe('#/beneficiaries/new');
  });

  it('shows a refused save: focuses the first field in error, far up the form, and says how many need attention', async () => {
    await page.evaluate(() => (location.hash = '#/'));
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/');
    const form = new RegisterForm(page);
    await form.openWithShortcut();
    await expect.poll(() => focusedLabel(page)).toContain('رقم الهوية');
    // Tabbing through fields without typing turns nothing red.
    for (let presses = 0; presses < 6; presses += 1) await page.keyboard.press('Tab');
    expect(await page.locator('main [aria-invalid="true"]').count()).toBe(0);

    await page.getByLabel('رقم الهوية / الإقامة').focus();
    await fillIdentity(form, page, withSaudiCheckDigit('105528834'), { first: 'منيرة', family: '' });
    await form.choose('سجين', 'من أسرة سجين');
    await form.check('وافق المستفيد على معالجة بياناته');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await form.saveWithShortcut();
    await expect.poll(() => focusedLabel(page)).toBe('اسم العائلة');
    await expect.poll(() => page.getByText('حقلان بحاجة إلى مراجعة').isVisible()).toBe(true);
    expect(await isInView(page, 'حقلان بحاجة إلى مراجعة')).toBe(true);
    expect(await page.getByLabel('اسم العائلة').evaluate((input) => input.getBoundingClientRect().top > 0 && input.getBoundingClientRect().bottom < window.innerHeight)).toBe(true);
    await shoot(page, 'two-fields-ar');

    await page.keyboard.type('العتيبي');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await form.saveWithShortcut();
    await expect.poll(() => focusedLabel(page)).toBe('صلة القرابة بالسجين');
    await expect.poll(() => page.getByText('حقل واحد بحاجة إلى مراجعة').isVisible()).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe('#/beneficiaries/new');
  });

  it("asks in the app's own dialog before leaving unsaved work: Stay is focused, Enter and Esc stay", async () => {
    expect(await page.evaluate(() => location.hash)).toBe('#/beneficiaries/new');
    await page.keyboard.press('Alt+h');
    const dialog = page.getByRole('dialog', { name: 'بيانات لم تُحفظ' });
    await dialog.waitFor();
    // The dialog moves the focus to Stay once it has opened.
    await expect.poll(() => focusedLabel(page)).toBe('البقاء في النموذج');
    await shoot(page, 'leave-dialog-ar');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => location.hash)).toBe('#/beneficiaries/new');
    expect(await page.getByLabel('اسم العائلة').inputValue()).toBe('العتيبي');

    await page.keyboard.press('Alt+l');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => location.hash)).toBe('#/beneficiaries/new');

    await page.getByRole('navigation').getByRole('link', { name: 'الرئيسية' }).click();
    await dialog.getByRole('button', { name: 'المغادرة دون حفظ' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/');
  });

  it('saves the new-user dialog with Ctrl+Enter', async () => {
    await page.evaluate(() => (location.hash = '#/users'));
    await page.getByRole('button', { name: 'إضافة مستخدم' }).click();
    const dialog = page.getByRole('dialog', { name: 'مستخدم جديد' });
    await dialog.waitFor();
    await page.keyboard.type('نورة القحطاني');
    await tabTo(page, 'اسم المستخدم');
    await page.keyboard.type('noura');
    await tabTo(page, 'كلمة مرور مؤقتة');
    await page.keyboard.type('temporary pass 2026');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    const users = await host.call<Array<{ username: string; role: string }>>('users.list', {});
    expect(users.value?.find((user) => user.username === 'noura')?.role).toBe('officer');
  });

  it('saves the eligibility dialog with Ctrl+Enter, and points to the reason it refuses without', async () => {
    await page.evaluate((id) => (location.hash = `#/beneficiaries/${id}`), registered.id);
    await page.getByRole('button', { name: 'اتخاذ القرار' }).click();
    const dialog = page.getByRole('dialog', { name: 'قرار الأحقية في الخدمة' });
    await dialog.waitFor();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => focusedLabel(page)).toBe('السبب');
    await expect.poll(() => page.getByText('حقل واحد بحاجة إلى مراجعة').isVisible()).toBe(true);
    await page.keyboard.type('خارج نطاق خدمات الجمعية');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    const detail = await host.call<{ eligibility: string }>('beneficiaries.get', { id: registered.id });
    expect(detail.value?.eligibility).toBe('not_eligible');
  });

  it('in English: the same messages, plurals and dialog', async () => {
    await page.evaluate(() => (location.hash = '#/'));
    await app.switchLanguage('English');
    const form = new RegisterForm(page);
    await form.openWithShortcut();
    await page.getByLabel('First name').fill('خالد');
    await page.getByRole('combobox', { name: 'District / town' }).focus();
    await page.keyboard.type('Nowhere');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('“Nowhere” is not one of the list\'s options: choose one or clear the text').isVisible()).toBe(true);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText('1 field needs attention').isVisible()).toBe(true);
    expect(await page.getByText('The field: District / town').isVisible()).toBe(true);
    await shoot(page, 'unmatched-district-en');
    // With the text cleared, the empty form's own checks: several fields, the first focused.
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByText(/^\d+ fields need attention$/).isVisible()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'District / town' }).inputValue()).toBe('');
    expect(await focusedLabel(page)).toBe('ID / iqama number');
    await shoot(page, 'attention-en');
    await page.keyboard.press('Alt+h');
    const dialog = page.getByRole('dialog', { name: 'Unsaved changes' });
    await dialog.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('Stay on the form');
    await shoot(page, 'leave-dialog-en');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await app.switchLanguage('العربية');
  });
});
