import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { launchChromium } from './support/browser';
import { newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AppPage, SessionScreens } from './support/pages';

/**
 * Signing in at the office's second desk with an account an administrator made at the first: the
 * desk says, in both languages, why a name it has not received yet is refused (in the words it uses
 * for a wrong password), and once it has synced, the account signs in and chooses its own password.
 */

const managerAtA = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };
const receptionAtB = { username: 'reception', password: 'the doors open at eight', displayName: 'خالد العمر' };
const temporary = 'temporary pass 2026';
const noura = { username: 'noura', password: 'a pass phrase of her own', displayName: 'نورة العتيبي' };

async function ok(host: RunningHost, name: string, input: unknown): Promise<unknown> {
  const answer = await host.call(name, input);
  if (!answer.ok) throw new Error(`${name} was refused: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

describe('signing in at another desk of the office', () => {
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
    await setUpWith(deskA, managerAtA);
    await setUpWith(deskB, receptionAtB);
    const address = `127.0.0.1:${server.port}`;
    const { code } = await createPairingCode(server.database.db, new Date());
    await ok(deskA, 'office.pair', { address, fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' });
    const made = (await ok(deskA, 'office.newPairingCode', {})) as { code: string };
    await ok(deskB, 'office.pair', { address, fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' });
    await ok(deskB, 'session.signOut', {});
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.load(deskB.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await deskA?.stop();
    await deskB?.stop();
    await server?.close();
  });

  it('refuses, in plain words and both languages, an account the desk has not received yet', async () => {
    await ok(deskA, 'users.create', { username: noura.username, displayName: noura.displayName, role: 'officer', password: temporary });
    const screens = new SessionScreens(page);
    await screens.signIn({ ...noura, password: temporary });
    const refusal = page.getByRole('alert');
    await refusal.getByText(/لا يعمل هنا إلا بعد أن يتزامن هذا المكتب مع خادم المكتب/).waitFor();
    await app.screenshot('office-sign-in-not-yet-ar');

    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await screens.signIn({ ...noura, password: temporary });
    await refusal.getByText(/works here only once this desk has synced with the office server/).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await app.screenshot('office-sign-in-not-yet-en');
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
  });

  it('signs the account in once the desk has synced, and has it choose its own password', async () => {
    // Someone who already signs in at desk B does so while the server can be reached: the desk syncs.
    await ok(deskA, 'office.syncNow', {});
    await ok(deskB, 'session.signIn', receptionAtB);
    await ok(deskB, 'office.syncNow', {});
    await ok(deskB, 'session.signOut', {});

    // The sign-in screen stayed as it was, the refusal on it: the same name and password, again.
    const screens = new SessionScreens(page);
    await screens.signIn({ ...noura, password: temporary });
    await page.getByRole('heading', { name: 'تغيير كلمة المرور' }).waitFor();
    await app.screenshot('office-sign-in-first-ar');
    await page.getByLabel('كلمة المرور الحالية').fill(temporary);
    await page.getByLabel(/^كلمة المرور الجديدة/).fill(noura.password);
    await page.getByLabel('تأكيد كلمة المرور الجديدة').fill(noura.password);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation').waitFor();
    const state = (await ok(deskB, 'session.state', {})) as { user: { username: string } | null };
    expect(state.user?.username).toBe(noura.username);
    await app.switchLanguage('English');
    await app.screenshot('office-sign-in-done-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });
});
