import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../electron/api/documents';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { RunningHost } from './support/host';
import type { AppPage } from './support/pages';
import { focusedLabel, goTo, press, tabTo } from './support/pages';
import { callsOf, deskWithStaff, screensSignedIn, switchAccount } from './support/programs';

/**
 * The policy under control, from the keyboard: an officer reads the issue in force, approved by the
 * board; the supervisor drafts issue 02 and records its approval (the session typed in Arabic-Indic
 * digits), after which issue 01 reads as superseded; with the next review three weeks away, the
 * supervisor's home screen reminds them of it (and, in red, of the bylaws' review, overdue since
 * yesterday), and the officer's does not; a review of the bylaws that changes nothing answers theirs.
 */

const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const supervisor = { username: 'noura', password: 'the supervisor decides fairly', displayName: 'نورة السبيعي' };

const DAY_MS = 24 * 60 * 60 * 1000;
const today = todayInRiyadh();
const inThreeWeeks = todayInRiyadh(new Date(Date.now() + 21 * DAY_MS));
const yesterday = todayInRiyadh(new Date(Date.now() - DAY_MS));
const nextYear = todayInRiyadh(new Date(Date.now() + 365 * DAY_MS));
const REMINDER = 'مراجعة الوثائق المعتمدة';

describe('the policy as a controlled document', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await deskWithStaff(admin, [
      [officer, 'officer'],
      [supervisor, 'supervisor'],
    ]);
    await callsOf(host)('session.signOut', {});
    ({ browser, page, app } = await screensSignedIn(host, officer));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('lets an officer read the policy in force, issue 01 approved by the board, from the side menu', async () => {
    // No reminder on an officer's home screen.
    expect(await page.getByRole('status', { name: REMINDER }).count()).toBe(0);
    await goTo(page, 'الوثائق المعتمدة', 'الوثائق المعتمدة');
    const facts = page.getByRole('region', { name: 'سياسة تنظيم العلاقة مع المستفيدين' });
    await expect.poll(() => facts.textContent()).toContain('مجلس الإدارة، الدورة الأولى، الجلسة (1) لعام 2026');
    expect(await facts.textContent()).toContain('POL-01');
    expect(await facts.textContent()).toContain('الإصدار (01)');
    // The first issue was put in by Wasl itself, as the policy was issued.
    expect(await facts.textContent()).toContain('أدرجه وصل عند إعداده');
    // Officers neither draft nor approve.
    expect(await page.getByRole('button', { name: 'إصدار جديد' }).count()).toBe(0);
    const text = page.getByRole('article', { name: 'نص الإصدار (01)' });
    await expect.poll(() => text.textContent()).toContain('الاستبانات الإلكترونية والورقية');
    expect(await text.textContent()).toContain('ساري');
    await app.screenshot('documents-officer-ar', { withoutNotices: true });
  });

  it('lets the supervisor draft issue 02 and record the board’s approval, from the keyboard', async () => {
    await switchAccount(page, supervisor);
    await page.keyboard.press('Alt+D');
    await page.getByRole('heading', { name: 'الوثائق المعتمدة', level: 2 }).waitFor();
    await press(page.getByRole('button', { name: 'إصدار جديد' }));
    const draft = page.getByRole('dialog', { name: 'مسودة الإصدار (02)' });
    await draft.waitFor();
    // "What changed" has the cursor; the text starts from the issue in force.
    await expect.poll(() => focusedLabel(page)).toBe('ما الذي تغيّر عن الإصدار السابق');
    expect(await draft.getByRole('textbox', { name: 'نص الإصدار' }).inputValue()).toContain('الاستبانات الإلكترونية والورقية');
    await page.keyboard.type('إضافة قياس رضا المستفيدين بالاستبانات ومراجعة السياسة سنويًا');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nتُراجع هذه السياسة مرة كل سنة على الأقل.');
    await page.keyboard.press('Control+Enter');
    await draft.waitFor({ state: 'hidden' });

    const issues = page.getByRole('region', { name: 'الإصدارات' });
    await expect.poll(() => issues.textContent()).toContain('مسودة');
    await press(page.getByRole('button', { name: 'تسجيل اعتماد الإصدار 02' }));
    const approval = page.getByRole('dialog', { name: 'اعتماد الإصدار (02)' });
    await approval.waitFor();
    // The board, its term and the year are the last approval's: the cursor is in the session's number.
    await expect.poll(() => focusedLabel(page)).toBe('رقم الجلسة');
    expect(await approval.getByRole('textbox', { name: 'الدورة' }).inputValue()).toBe('1');
    await page.keyboard.type('٢');
    await tabTo(page, 'تاريخ الاعتماد');
    await page.keyboard.type(today);
    await tabTo(page, 'تاريخ السريان');
    await page.keyboard.type(today);
    await tabTo(page, 'تاريخ المراجعة القادمة');
    await page.keyboard.type(inThreeWeeks);
    await app.screenshot('documents-approve-ar', { withoutNotices: true });
    await page.keyboard.press('Control+Enter');
    await approval.waitFor({ state: 'hidden' });

    const facts = page.getByRole('region', { name: 'سياسة تنظيم العلاقة مع المستفيدين' });
    await expect.poll(() => facts.textContent()).toContain('الإصدار (02)');
    expect(await facts.textContent()).toContain('مجلس الإدارة، الدورة الأولى، الجلسة (2) لعام 2026');
    expect(await facts.textContent()).toContain(supervisor.displayName);
    // Its review is three weeks away: the page says so to the supervisor.
    expect(await facts.textContent()).toContain('موعد مراجعة الوثيقة');
  });

  it('keeps issue 01 readable, clearly marked superseded', async () => {
    const issues = page.getByRole('region', { name: 'الإصدارات' });
    const first = issues.getByRole('row').filter({ hasText: '01' }).filter({ hasText: 'مُستبدَل' });
    await first.waitFor();
    await press(issues.getByRole('button', { name: 'قراءة الإصدار 01' }));
    const text = page.getByRole('article', { name: 'نص الإصدار (01)' });
    await expect.poll(() => text.textContent()).toContain('هذا الإصدار مُستبدَل ولم يعد ساريًا: الساري هو الإصدار (02)');
    expect(await text.textContent()).toContain('الاستبانات الإلكترونية والورقية');
    await app.screenshot('documents-superseded-ar', { withoutNotices: true });
  });

  it('reminds the supervisor on the home screen, in both calendars, overdue ones first and in red, and not the officer', async () => {
    // The bylaws, approved by the general assembly last year, were due for review yesterday.
    const call = callsOf(host);
    await call('session.signIn', { username: supervisor.username, password: supervisor.password });
    const bylaws = await call<DocumentDetail>('documents.create', {
      number: 'BYL-01',
      titleAr: 'اللائحة الأساسية للجمعية',
      titleEn: 'Bylaws of the association',
      articleId: null,
      body: 'نص اللائحة الأساسية',
      changes: 'الإصدار الأول',
    });
    await call('documents.approve', { id: bylaws.draftId, approver: 'general_assembly', term: 1, session: 1, sessionYear: 2025, approvedOn: '2025-01-15', effectiveOn: '2025-02-01', nextReviewOn: yesterday });
    await page.keyboard.press('Alt+H');
    const reminder = page.getByRole('status', { name: REMINDER });
    await reminder.waitFor();
    await expect.poll(() => reminder.textContent()).toContain('BYL-01');
    const lines = (await reminder.textContent()) ?? '';
    expect(lines).toContain('تأخرت مراجعة الوثيقة');
    expect(lines.indexOf('BYL-01')).toBeLessThan(lines.indexOf('POL-01'));
    expect(lines).toContain('موعد مراجعة الوثيقة');
    // Hijri beside the Gregorian: the year as Umm al-Qura counts it.
    expect(await reminder.textContent()).toMatch(/14\d\d|١٤[٠-٩][٠-٩]/);
    await app.screenshot('documents-reminder-ar', { withoutNotices: true });

    await app.switchLanguage('English');
    const english = page.getByRole('status', { name: 'Review of controlled documents' });
    await english.waitFor();
    expect(await english.textContent()).toContain('its review is due on');
    await app.screenshot('documents-reminder-en', { withoutNotices: true });
    await page.keyboard.press('Alt+D');
    await page.getByRole('heading', { name: 'Controlled documents', level: 2 }).waitFor();
    // The register lists the documents by number: the bylaws, then the policy.
    await press(page.getByRole('region', { name: 'Documents' }).getByRole('link', { name: /Policy for organizing/ }));
    const facts = page.getByRole('region', { name: 'Policy for organizing the relationship with beneficiaries' });
    await expect.poll(() => facts.textContent()).toContain('Board of directors, first term, session 2 of 2026');
    await app.screenshot('documents-en', { withoutNotices: true });
    const issues = page.getByRole('region', { name: 'Issues' });
    await press(issues.getByRole('button', { name: 'Read issue 01' }));
    await expect.poll(() => page.getByRole('article', { name: 'Text of issue 01' }).textContent()).toContain('This issue is superseded');
    await app.screenshot('documents-superseded-en', { withoutNotices: true });
    await app.switchLanguage('العربية');

    await switchAccount(page, officer);
    await page.keyboard.press('Alt+H');
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    expect(await page.getByRole('status', { name: REMINDER }).count()).toBe(0);
  });

  it('lets the supervisor answer the bylaws’ overdue review with a review that changes nothing, from the keyboard', async () => {
    await switchAccount(page, supervisor);
    await page.keyboard.press('Alt+D');
    await page.getByRole('heading', { name: 'الوثائق المعتمدة', level: 2 }).waitFor();
    await press(page.getByRole('region', { name: 'الوثائق' }).getByRole('link', { name: /اللائحة الأساسية للجمعية/ }));
    const facts = page.getByRole('region', { name: 'اللائحة الأساسية للجمعية' });
    await expect.poll(() => facts.textContent()).toContain('تأخرت مراجعة الوثيقة');
    await press(facts.getByRole('button', { name: 'تسجيل مراجعة دون تعديل' }));
    const dialog = page.getByRole('dialog', { name: 'مراجعة الإصدار (01) دون تعديل' });
    await dialog.waitFor();
    // The cursor is in what the review found; it was made today unless changed.
    await expect.poll(() => focusedLabel(page)).toBe('ما انتهت إليه المراجعة');
    expect(await dialog.getByRole('textbox', { name: 'تاريخ المراجعة', exact: true }).inputValue()).toBe(today);
    await page.keyboard.type('روجعت اللائحة في اجتماع الجمعية العمومية ولا تحتاج تعديلًا');
    await tabTo(page, 'تاريخ المراجعة القادمة');
    await page.keyboard.type(nextYear);
    await app.screenshot('documents-review-ar', { withoutNotices: true });
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });

    const reviews = page.getByRole('region', { name: 'المراجعات دون تعديل' });
    await expect.poll(() => reviews.textContent()).toContain('ولا تحتاج تعديلًا');
    expect(await reviews.textContent()).toContain(supervisor.displayName);
    expect(await facts.textContent()).not.toContain('تأخرت مراجعة الوثيقة');

    // The home screen no longer reminds of the bylaws; the policy's review is still coming.
    await page.keyboard.press('Alt+H');
    const reminder = page.getByRole('status', { name: REMINDER });
    await expect.poll(() => reminder.textContent()).toContain('POL-01');
    expect(await reminder.textContent()).not.toContain('BYL-01');

    await app.switchLanguage('English');
    await page.keyboard.press('Alt+D');
    await press(page.getByRole('region', { name: 'Documents' }).getByRole('link', { name: /Bylaws of the association/ }));
    const english = page.getByRole('region', { name: 'Reviews without change' });
    await expect.poll(() => english.textContent()).toContain('Recorded by');
    await app.screenshot('documents-review-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });
});
