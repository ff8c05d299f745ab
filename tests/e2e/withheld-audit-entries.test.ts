import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { addAccount, newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AppPage } from './support/pages';

/**
 * The audit page as the staff member a complaint is about reads it: the entries about the complaint
 * and the contact that brought it are there (what was done, when, by whom), and say in the reader's
 * language that their details are withheld, rather than showing an empty cell that looks broken.
 */

const admin = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };
const supervisor = { username: 'huda', password: 'my own supervisor password', displayName: 'هدى العلي' };
const COMPLAINT_SUBJECT = 'رفعت المشرفة صوتها على المراجع';

describe('the audit page, read by the staff member a complaint is about', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    await setUpWith(host, admin);
    const supervisorId = await addAccount(host, supervisor, 'supervisor');
    expect((await host.call('session.signIn', { username: admin.username, password: admin.password })).ok).toBe(true);
    // Someone not registered calls to complain about the supervisor.
    const contact = await host.call<{ id: string }>('contacts.log', {
      beneficiaryId: null,
      personName: 'مراجع يشكو',
      personPhone: '0559876543',
      channel: 'phone',
      direction: 'incoming',
      purpose: 'complaint',
      summary: 'اتصل يشكو من تعامل المشرفة',
    });
    expect(contact.ok).toBe(true);
    const complaint = await host.call('complaints.receive', {
      kind: 'complaint',
      beneficiaryId: null,
      personName: 'مراجع يشكو',
      about: 'staff',
      aboutStaffId: supervisorId,
      subject: COMPLAINT_SUBJECT,
      sourceContactId: contact.value?.id,
    });
    expect(complaint.ok).toBe(true);
    expect((await host.call('session.signOut', {})).ok).toBe(true);
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.open(host.url, supervisor);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows that an entry’s details are withheld, in Arabic and English, and nothing of the complaint', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'سجل التدقيق' }).click();
    const log = page.getByRole('table', { name: 'سجل التدقيق' });
    await log.waitFor();
    const withheld = log.getByRole('row').filter({ hasText: 'التفاصيل محجوبة عنك' });
    // The contact logged and the complaint received.
    await expect.poll(() => withheld.count()).toBeGreaterThanOrEqual(2);
    expect(await withheld.filter({ hasText: 'سارة الملحم' }).count()).toBeGreaterThanOrEqual(2);
    expect(await log.textContent()).not.toContain(COMPLAINT_SUBJECT);
    await app.screenshot('audit-withheld-ar', { withoutNotices: true });

    await app.switchLanguage('English');
    const englishLog = page.getByRole('table', { name: 'Audit log' });
    await expect.poll(() => englishLog.getByRole('row').filter({ hasText: 'Details withheld from you' }).count()).toBeGreaterThanOrEqual(2);
    await app.switchLanguage('العربية');
  });
});
