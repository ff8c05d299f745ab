import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { databaseKeyOf } from '../support/database';
import { launchChromium } from './support/browser';
import { addAccount, newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AppPage } from './support/pages';

/**
 * The audit log's end, end to end: someone with the database key cuts the log's last entries while
 * Wasl is stopped; when it starts again the administrator reads the warning on the home screen and on
 * the audit page, in Arabic and in English, verifying the log names the break, and acknowledging it
 * takes the warning away while the log keeps it.
 */

const admin = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'my own desk password', displayName: 'خالد العمر' };

describe('entries cut from the end of the audit log', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    const databasePath = join(newDataFolder(), 'wasl.db');
    host = await startHost(databasePath);
    await setUpWith(host, admin);
    expect((await host.call('session.lock', {})).ok).toBe(true);
    expect((await host.call('session.unlock', { password: admin.password })).ok).toBe(true);
    await host.stop();

    // With the key and the files, the guards dropped and the last two entries deleted. The setup wrote five
    // (setting up, the starter library, the shipped questionnaire, the policy under document control, signing in)
    // and the lock and unlock two more: entries 6 and 7 go.
    const key = await databaseKeyOf(join(databasePath, '..', 'wasl.keyring'), admin.username, admin.password);
    const opened = openDatabase(databasePath, { key });
    try {
      opened.sqlite.exec('DROP TRIGGER audit_log_no_delete');
      opened.sqlite.exec('DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 2)');
    } finally {
      opened.sqlite.close();
    }

    host = await startHost(databasePath);
    // An officer tries what only an administrator may do: the log names the refusal in words.
    expect((await host.call('session.signIn', { username: admin.username, password: admin.password })).ok).toBe(true);
    await addAccount(host, officer, 'officer');
    expect((await host.call('session.signIn', { username: officer.username, password: officer.password })).ok).toBe(true);
    expect((await host.call('users.replaceRecoveryKey', { password: officer.password })).error?.code).toBe('forbidden');
    expect((await host.call('session.signOut', {})).ok).toBe(true);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.open(host.url, admin);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const warning = () => page.getByRole('alert').filter({ hasText: /حُذفت قيود من آخر سجل التدقيق|Entries were cut from the end of the audit log/ });

  it('warns the administrator on the home screen as soon as they sign in', async () => {
    await warning().waitFor();
    // What happened, in words an administrator follows: which entry is missing, where the log now ends, and how.
    expect(await warning().textContent()).toContain('لم يجد وصل في السجل القيد رقم 7 كما حفظه خارج قاعدة البيانات، ووجد آخر قيد فيه رقم 5.');
    expect(await warning().textContent()).toContain('شخصًا فتح ملف قاعدة البيانات مباشرة، من خارج وصل');
    expect(await warning().textContent()).toContain('سُجِّل ذلك في القيد رقم 6.');
    await app.screenshot('audit-break-home-ar', { withoutNotices: true });
  });

  it('names the break on the audit page, where verifying the log reports it, in Arabic and English', async () => {
    await warning().getByRole('link', { name: 'فتح سجل التدقيق' }).click();
    await page.getByRole('heading', { name: 'سجل التدقيق' }).waitFor();
    await warning().waitFor();
    await page.getByRole('button', { name: 'التحقق من سلامة السجل' }).click();
    await page.getByText('السجل غير سليم: القيد رقم 6 يسجّل أن قيودًا حُذفت من آخر السجل قبله.').waitFor();
    await app.screenshot('audit-break-ar', { withoutNotices: true });
    // The log's own entries read in words, not as the summary's keys and hashes.
    const log = page.getByRole('table', { name: 'سجل التدقيق' });
    await expect.poll(() => log.textContent()).toContain('كان السجل قد بلغ القيد رقم 7، ووُجد منتهيًا عند القيد رقم 5');
    const refused = log.getByRole('row').filter({ hasText: 'رفض إجراء' });
    expect(await refused.textContent()).toContain(officer.displayName);
    expect(await refused.textContent()).toContain('ليس من صلاحيات دوره');
    expect(await refused.textContent()).toContain('اسم الإجراء في البرنامج: users.replaceRecoveryKey');
    expect(await log.textContent()).not.toContain('anchorHash');

    await app.switchLanguage('English');
    await warning().waitFor();
    expect(await warning().textContent()).toContain('Wasl did not find entry 7 in the log as it had kept it outside the database; the last entry it found was 5.');
    expect(await page.getByRole('table', { name: 'Audit log' }).getByRole('row').filter({ hasText: 'Action refused' }).textContent()).toContain(
      'Not permitted for their role',
    );
    await app.screenshot('audit-break-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });

  it('goes away once the administrator acknowledges it; the log still reports the break', async () => {
    await warning().getByRole('button', { name: 'اطلعتُ على الأمر، أخفِ التنبيه' }).click();
    await warning().waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'التحقق من سلامة السجل' }).click();
    await page.getByText(/السجل غير سليم: القيد رقم 6/).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'الرئيسية' }).click();
    await page.getByRole('heading', { name: 'أهلاً بك في وصل' }).waitFor();
    expect(await warning().count()).toBe(0);
  });
});
