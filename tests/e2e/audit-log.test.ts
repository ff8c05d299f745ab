import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { databaseKeyOf } from '../support/database';
import { launchChromium } from './support/browser';
import { newDataFolder, startHost, type RunningHost } from './support/host';
import { AppPage } from './support/pages';

/**
 * The audit log's end, end to end: someone with the database key cuts the log's last entries while
 * Wasl is stopped; when it starts again the administrator reads the warning on the home screen and on
 * the audit page, in Arabic and in English, verifying the log names the break, and acknowledging it
 * takes the warning away while the log keeps it.
 */

const admin = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };

describe('entries cut from the end of the audit log', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    const databasePath = join(newDataFolder(), 'wasl.db');
    host = await startHost(databasePath);
    expect((await host.call('session.setup', { associationName: 'جمعية العناية بالسجناء بالأحساء', ...admin })).ok).toBe(true);
    expect((await host.call('session.lock', {})).ok).toBe(true);
    expect((await host.call('session.unlock', { password: admin.password })).ok).toBe(true);
    await host.stop();

    // With the key and the files, the guards dropped and the last two entries deleted.
    const key = await databaseKeyOf(join(databasePath, '..', 'wasl.keyring'), admin.username, admin.password);
    const opened = openDatabase(databasePath, { key });
    try {
      opened.sqlite.exec('DROP TRIGGER audit_log_no_delete');
      opened.sqlite.exec('DELETE FROM audit_log WHERE seq IN (SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 2)');
    } finally {
      opened.sqlite.close();
    }

    host = await startHost(databasePath);
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
    expect(await warning().textContent()).toContain('لم يعد السجل يصل إلى القيد رقم 4');
    await app.screenshot('audit-break-home-ar', { withoutNotices: true });
  });

  it('names the break on the audit page, where verifying the log reports it, in Arabic and English', async () => {
    await warning().getByRole('link', { name: 'فتح سجل التدقيق' }).click();
    await page.getByRole('heading', { name: 'سجل التدقيق' }).waitFor();
    await warning().waitFor();
    await page.getByRole('button', { name: 'التحقق من سلامة السجل' }).click();
    await page.getByText('السجل غير سليم: القيد رقم 3 يسجّل أن قيودًا حُذفت من آخر السجل قبله.').waitFor();
    await app.screenshot('audit-break-ar', { withoutNotices: true });

    await app.switchLanguage('English');
    await warning().waitFor();
    expect(await warning().textContent()).toContain('no longer reached entry 4');
    await app.screenshot('audit-break-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });

  it('goes away once the administrator acknowledges it; the log still reports the break', async () => {
    await warning().getByRole('button', { name: 'اطلعتُ على الأمر، أخفِ التنبيه' }).click();
    await warning().waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'التحقق من سلامة السجل' }).click();
    await page.getByText(/السجل غير سليم: القيد رقم 3/).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'الرئيسية' }).click();
    await page.getByRole('heading', { name: 'أهلاً بك في وصل' }).waitFor();
    expect(await warning().count()).toBe(0);
  });
});
