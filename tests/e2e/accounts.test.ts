import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import { launchChromium } from './support/browser';
import { newDataFolder, startHost, type RunningHost } from './support/host';
import { AppPage, focusedLabel, RegisterForm, SessionScreens } from './support/pages';

/**
 * Accounts at the desk, end to end: an administrator adds an officer and checks the audit log; the
 * officer signs in, must choose their own password, sees only an officer's menu, and locks the
 * screen mid-registration without losing what was typed.
 */

const admin = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', temporary: 'temporary pass 2026', chosen: 'my own desk password', displayName: 'خالد العمر' };

describe('accounts at the desk', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let screens: SessionScreens;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    const setup = await host.call('session.setup', { associationName: 'جمعية العناية بالسجناء بالأحساء', ...admin });
    expect(setup.ok).toBe(true);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    screens = new SessionScreens(page);
    // The desk was set up and signed in as its administrator: the browser opens on the home screen.
    await app.load(host.url);
    await page.getByRole('navigation').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('lets the administrator add an officer with a temporary password', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'المستخدمون' }).click();
    await page.getByRole('heading', { name: 'المستخدمون' }).waitFor();
    await page.getByRole('button', { name: 'إضافة مستخدم' }).click();
    const dialog = page.getByRole('dialog', { name: 'مستخدم جديد' });
    await dialog.getByLabel('الاسم كما يظهر في السجلات').fill(officer.displayName);
    await dialog.getByLabel('اسم المستخدم').fill(officer.username);
    // A weak temporary password is refused in the officer's language before anything is saved.
    await dialog.getByLabel('كلمة مرور مؤقتة').fill('12345');
    await dialog.getByRole('button', { name: 'إنشاء الحساب' }).click();
    await dialog.getByText('كلمة المرور قصيرة').first().waitFor();
    await dialog.getByLabel('كلمة مرور مؤقتة').fill(officer.temporary);
    // Saved from the keyboard, like every other dialog's form.
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: new RegExp(officer.displayName) });
    await expect.poll(() => row.textContent()).toContain('بانتظار تغيير كلمة المرور');
    await app.screenshot('users-ar');
  });

  it('shows the audit log to the administrator, and proves it intact', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'سجل التدقيق' }).click();
    await page.getByRole('heading', { name: 'سجل التدقيق' }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'سجل التدقيق' }).textContent()).toContain('إنشاء حساب مستخدم');
    await page.getByRole('button', { name: 'التحقق من سلامة السجل' }).click();
    await page.getByText(/السجل سليم/).waitFor();
    await app.screenshot('audit-ar');
  });

  it('lets the administrator choose a backup folder, make a backup, and see it on the home screen', async () => {
    const folder = newDataFolder();
    await page.getByRole('navigation').getByRole('link', { name: 'النسخ الاحتياطي' }).click();
    await page.getByRole('heading', { name: 'النسخ الاحتياطي', level: 2 }).waitFor();
    // The example paths keep their left-to-right order inside the Arabic hint: `\\server` starts with its backslashes.
    expect(await page.getByText(/^المسار الكامل، مثل/).textContent()).toBe('المسار الكامل، مثل \u2066E:\\Wasl backups\u2069 أو \u2066\\\\server\\share\\Wasl\u2069');
    await page.getByLabel('مجلد النسخ الاحتياطي').fill(folder);
    await page.getByRole('button', { name: 'حفظ' }).click();
    await page.getByRole('button', { name: 'أنشئ نسخة الآن' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'النسخ الموجودة في المجلد' }).getByRole('row').count()).toBe(2);
    await app.screenshot('backups-ar');
    await page.keyboard.press('Alt+h');
    await page.getByRole('status').getByText(/آخر نسخة احتياطية سليمة/).waitFor();
  });

  it('issues a new recovery key after the password is typed again, shows it once, and offers a fresh backup', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'الإعدادات' }).click();
    await page.getByRole('heading', { name: 'الإعدادات', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'إصدار مفتاح استرداد جديد' }).click();
    const confirm = page.getByRole('dialog', { name: 'إصدار مفتاح استرداد جديد' });
    await confirm.getByLabel('كلمة المرور الخاصة بك').fill('not my password at all');
    await confirm.getByRole('button', { name: 'إصدار المفتاح الجديد' }).click();
    await confirm.getByText('كلمة المرور الحالية غير صحيحة.').waitFor();
    await confirm.getByLabel('كلمة المرور الخاصة بك').fill(admin.password);
    // Saved from the keyboard like every other dialog's form.
    await page.keyboard.press('Control+Enter');

    const shown = page.getByRole('dialog', { name: 'مفتاح الاسترداد الجديد' });
    const key = (await shown.getByTestId('recovery-key').textContent())?.replace(/\s/g, '') ?? '';
    // The password's form is gone: focus waits on printing the key, inside the dialog, not on the page behind.
    await expect.poll(() => focusedLabel(page)).toBe('طباعة');
    expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
    await shown.getByText('النسخ الاحتياطية السابقة ما زالت تُفتح بالمفتاح القديم').waitFor();
    await app.screenshot('recovery-key-new-ar');
    const toBackups = shown.getByRole('button', { name: 'تم، أنشئ نسخة احتياطية جديدة' });
    expect(await toBackups.isDisabled()).toBe(true);
    await shown.getByLabel('طبعت المفتاح الجديد أو كتبته، وستحتفظ به الإدارة').check();
    await toBackups.click();
    await page.getByRole('heading', { name: 'النسخ الاحتياطي', level: 2 }).waitFor();
    expect(await page.getByTestId('recovery-key').count()).toBe(0);
  });

  it("exports a person's data for an access request, and destroys it on request, keeping the file's count", async () => {
    const person = await host.call<{ id: string; fileNumber: string }>('beneficiaries.register', {
      fields: {
        firstName: 'نورة', fatherName: 'سعد', grandfatherName: 'علي', familyName: 'الدوسري', latinName: null,
        idType: 'national_id', idNumber: withSaudiCheckDigit('100000077'), nationality: 'SA', residencyStatus: 'citizen', gender: 'female',
        birthDate: '1990-04-02', phones: ['0551112233'], districtId: null, address: null, category: 'family_member',
        prisonerRelation: 'wife', prisonerName: null, prisonerFacility: null, prisonerStatus: 'serving_sentence', household: [],
        needs: ['financial'], needsPriority: 'medium', needsNotes: null, consentGiven: true, consentDate: '2026-11-01',
        consentMethod: 'written', status: 'active', notes: null,
      },
    });
    expect(person.ok, JSON.stringify(person.error)).toBe(true);
    const { id, fileNumber } = person.value!;
    await page.goto(`${host.origin}/#/beneficiaries/${id}`);
    await page.getByRole('heading', { name: 'نورة سعد علي الدوسري' }).waitFor();
    // The supervisor's view of the file: who looked at it and who changed it.
    await page.getByRole('table', { name: 'من اطلع على هذا الملف ومن عدّله' }).getByText('تسجيل مستفيد').waitFor();

    await page.getByRole('button', { name: 'إجراءات أخرى' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: 'تصدير بيانات المستفيد' }).click();
    const file = await (await download).path();
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('الدوسري');

    await page.getByRole('button', { name: 'إجراءات أخرى' }).click();
    await page.getByRole('menuitem', { name: 'إتلاف البيانات الشخصية' }).click();
    const dialog = page.getByRole('dialog', { name: 'إتلاف البيانات الشخصية' });
    await dialog.getByLabel('سبب الإتلاف').fill('طلب المستفيدة إتلاف بياناتها كتابياً');
    await dialog.getByLabel(/اكتب رقم الملف/).fill('2026-99999');
    await dialog.getByRole('button', { name: 'إتلاف البيانات نهائياً' }).click();
    await dialog.getByText('رقم الملف المكتوب لا يطابق ملف هذا المستفيد.', { exact: false }).first().waitFor();
    await app.screenshot('erase-ar');
    await dialog.getByLabel(/اكتب رقم الملف/).fill(fileNumber);
    await dialog.getByRole('button', { name: 'إتلاف البيانات نهائياً' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('بيانات متلفة').waitFor();
    expect(await page.getByRole('heading', { name: 'نورة سعد علي الدوسري' }).count()).toBe(0);
    await page.keyboard.press('Alt+h');
    await page.getByText('المستفيدون المسجلون').waitFor();
  });

  it("shows the administrator's screens in English, left to right", async () => {
    await app.switchLanguage('English');
    for (const [link, heading, shot] of [
      ['Users', 'Users', 'users-en'],
      ['Audit log', 'Audit log', 'audit-en'],
      ['Backups', 'Backups', 'backups-en'],
      ['Settings', 'Settings', 'settings-en'],
    ] as const) {
      await page.getByRole('navigation').getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
      await app.screenshot(shot);
    }
    expect(await app.direction()).toEqual({ dir: 'ltr', lang: 'en' });
    await app.switchLanguage('العربية');
    await page.getByRole('navigation').getByRole('link', { name: 'الإعدادات' }).click();
    await page.getByRole('heading', { name: 'الإعدادات', level: 2 }).waitFor();
    await app.screenshot('settings-ar');
  });

  it('answers a wrong password with one plain message, then lets the officer in to choose a password', async () => {
    await page.getByRole('button', { name: 'حسابي' }).click();
    await page.getByRole('menuitem', { name: 'تسجيل الخروج' }).click();
    await screens.signIn({ username: officer.username, password: 'not the password' });
    await page.getByRole('alert').getByText(/^اسم المستخدم أو كلمة المرور غير صحيحة/).waitFor();
    await app.screenshot('sign-in-refused-ar');

    await screens.signIn({ username: officer.username, password: officer.temporary });
    await page.getByRole('heading', { name: 'تغيير كلمة المرور' }).waitFor();
    await app.screenshot('change-password-required-ar');
    await page.getByLabel('كلمة المرور الحالية').fill(officer.temporary);
    await page.getByLabel(/^كلمة المرور الجديدة/).fill(officer.chosen);
    await page.getByLabel('تأكيد كلمة المرور الجديدة').fill(officer.chosen);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').waitFor();
    // An officer's menu: no audit log, no user accounts.
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'سجل التدقيق' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'المستخدمون' }).count()).toBe(0);
  });

  it('locks the screen with Ctrl+Shift+L mid-registration, hiding the form, and keeps what was typed', async () => {
    const form = new RegisterForm(page);
    await form.openWithShortcut();
    await form.typeInto('الاسم الأول', 'فاطمة');
    await page.keyboard.press('Control+Shift+L');
    const lock = screens.lockScreen();
    await lock.waitFor();
    expect(await page.getByLabel('الاسم الأول').isVisible()).toBe(false);
    expect(await page.getByText('فاطمة').count()).toBe(0);
    await app.screenshot('lock-ar');

    // The cursor is in the password box: typing and Enter unlock without a click, even after a wrong try.
    expect(await lock.getByLabel('كلمة المرور').evaluate((input) => input === document.activeElement)).toBe(true);
    await page.keyboard.type('wrong password here');
    await page.keyboard.press('Enter');
    await lock.getByRole('alert').waitFor();
    await page.keyboard.type(officer.chosen);
    await page.keyboard.press('Enter');
    await lock.waitFor({ state: 'detached' });
    expect(await page.getByLabel('الاسم الأول').inputValue()).toBe('فاطمة');
  });

  it('shows the lock screen in English too', async () => {
    await page.keyboard.press('Control+Shift+L');
    const lock = screens.lockScreen();
    await lock.waitFor();
    await lock.getByRole('button', { name: 'English' }).click();
    await page.getByRole('dialog', { name: 'Screen locked' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await app.screenshot('lock-en');
    await screens.unlock(officer.chosen);
    expect(await page.getByLabel('First name').inputValue()).toBe('فاطمة');
  });
});
