import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AppPage, goTo } from './support/pages';

/**
 * Replacing the database key from Settings, end to end: the dialog says what will happen and asks
 * for the password again, a progress bar follows the steps, then the new recovery key is shown
 * once with the accounts that must now be reset; in Arabic, then in English.
 */

const admin = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'temporary pass 2026', displayName: 'خالد العمر' };
const RECOVERY_KEY = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/;

describe('replacing the database key', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    await setUpWith(host, admin);
    expect((await host.call('users.create', { ...officer, role: 'officer' })).ok).toBe(true);
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

  it('asks for the password again, follows the steps, shows the new recovery key once and the accounts to reset', async () => {
    await goTo(page, 'الإعدادات', 'الإعدادات');
    await page.getByRole('button', { name: 'استبدال مفتاح قاعدة البيانات…' }).click();
    const confirm = page.getByRole('dialog', { name: 'استبدال مفتاح قاعدة البيانات' });
    await confirm.getByText('يحتفظ حسابك بكلمة مرورك.', { exact: false }).waitFor();
    await app.screenshot('key-rotation-confirm-ar');
    await confirm.getByLabel('كلمة مرورك').fill('not my password at all');
    await confirm.getByRole('button', { name: 'استبدال المفتاح' }).click();
    await confirm.getByText('كلمة المرور الحالية غير صحيحة.').waitFor();
    await confirm.getByLabel('كلمة مرورك').fill(admin.password);
    await confirm.getByLabel('كلمة مرورك').press('Enter');

    const done = page.getByRole('dialog', { name: 'استُبدل مفتاح قاعدة البيانات' });
    await done.waitFor();
    const key = (await done.getByTestId('recovery-key').textContent())?.replace(/\s/g, '') ?? '';
    expect(key).toMatch(RECOVERY_KEY);
    await done.getByRole('list', { name: 'حسابات يجب إعادة تعيينها' }).getByText(`${officer.displayName} (${officer.username})`).waitFor();
    await app.screenshot('key-rotation-done-ar');
    const toUsers = done.getByRole('button', { name: 'تم، إعادة تعيين الحسابات' });
    expect(await toUsers.isDisabled()).toBe(true);
    await done.getByRole('checkbox').check();
    await toUsers.click();
    await page.getByRole('heading', { name: 'المستخدمون' }).waitFor();
    expect(await page.getByTestId('recovery-key').count()).toBe(0);

    // The officer's old password opens nothing any more.
    const refused = await host.call('session.signIn', { username: officer.username, password: officer.password });
    expect(refused.error?.code).toBe('sign_in_failed');
  });

  it('reads the same in English', async () => {
    // The refused sign-in above left the administrator's session as it was: no new sign-in is needed.
    await app.switchLanguage('English');
    await goTo(page, 'Settings', 'Settings');
    await page.getByRole('button', { name: 'Replace the database key…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Replace the database key' });
    await confirm.getByLabel('Your password').fill(admin.password);
    await app.screenshot('key-rotation-confirm-en');
    await confirm.getByRole('button', { name: 'Replace the key' }).click();
    const done = page.getByRole('dialog', { name: 'The database key was replaced' });
    await done.waitFor();
    // The officer was left without a key by the first replacement and has not been reset since.
    await done.getByText(`${officer.displayName} (${officer.username})`).waitFor();
    await app.screenshot('key-rotation-done-en');
  });
});
