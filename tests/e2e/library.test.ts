import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { addAccount, newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AccountScreens, AppPage, goTo, press, tabTo } from './support/pages';

/**
 * The reference library of a desk just set up: an officer, on their first day, opens it from the
 * keyboard and finds the association's policy there, under its title, issue and date, with the
 * starter articles on registration, the channels, requests and complaints; types a word of the
 * policy and reads it whole. The Arabic articles read right to left in the English view too. The
 * administrator then changes a starter article like any other, and the change outlives a restart.
 */

const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };

const POLICY_TITLE = 'سياسة تنظيم العلاقة مع المستفيدين — الإصدار (01) بتاريخ 2026/01/31م';
const STARTER_TITLES = [
  POLICY_TITLE,
  'تسجيل المستفيد والتحقق من أحقيته للخدمة',
  'قنوات التواصل المعتمدة ومتى تُستخدم كل قناة',
  'مراحل الطلب من الاستلام إلى إشعار المستفيد، ومدد الإنجاز',
  'الشكاوى والملاحظات والمقترحات: كيف تُعالج',
];

describe('the reference library of a new desk', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    await setUpWith(host, admin);
    await addAccount(host, officer, 'officer');
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.open(host.url, officer);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('holds the policy and the starter articles, and the officer reads the policy from a word of it', async () => {
    await goTo(page, 'المكتبة المرجعية', 'المكتبة المرجعية');
    const results = page.getByRole('list', { name: 'نتائج البحث' });
    for (const title of STARTER_TITLES) await results.getByRole('listitem').filter({ hasText: title }).waitFor();
    expect(await page.getByText('المكتبة فارغة').count()).toBe(0);

    // The search box has the cursor: a word only the policy has, then Enter opens the first article found.
    await page.keyboard.type('الاستبانات');
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    await results.getByRole('listitem').filter({ hasText: POLICY_TITLE }).waitFor();
    await page.keyboard.press('Enter');

    const article = page.getByRole('article');
    await article.getByRole('heading', { name: POLICY_TITLE, level: 3 }).waitFor();
    const text = (await article.textContent()) ?? '';
    expect(text).toContain('تضع جمعية العناية بالسجناء بالأحساء هذه السياسة لتنظيم علاقتها بالمستفيدين من خدماتها وبرامجها');
    expect(text).toContain('2- الاستبانات الإلكترونية والورقية.');
    expect(text).toContain('المنعقدة بتاريخ 2026 / 01 / 31 م');
    expect(text).toContain('من المواد الأولى التي جاءت مع وصل، ولم تُعدَّل بعد.');
    // An officer reads the library; only the administrator edits it.
    expect(await article.getByRole('button', { name: 'تعديل' }).count()).toBe(0);
    expect(await app.direction()).toEqual({ dir: 'rtl', lang: 'ar' });
    await app.screenshot('library-policy-ar', { withoutNotices: true });
  });

  it('shows the Arabic policy right to left in the English view', async () => {
    await app.switchLanguage('English');
    await page.getByRole('heading', { name: 'Reference library', level: 2 }).waitFor();
    const article = page.getByRole('article');
    await article.getByRole('heading', { name: POLICY_TITLE, level: 3 }).waitFor();
    expect(await article.textContent()).toContain('One of the starter articles that came with Wasl, not changed yet.');
    const body = article.getByText(/^جمعية العناية بالسجناء بالأحساء/);
    expect(await body.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(await article.getByRole('heading', { name: POLICY_TITLE }).evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    await app.screenshot('library-policy-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });

  it('lets the administrator edit a starter article, from the keyboard, and keeps the edit after a restart', async () => {
    const channelsTitle = STARTER_TITLES[2]!;
    const added = 'تُستقبل المكالمات من الساعة 8 صباحاً حتى 2 ظهراً.';
    await new AccountScreens(page).signOut();
    await new AccountScreens(page).signIn(admin);
    await page.getByRole('navigation').waitFor();
    await goTo(page, 'المكتبة المرجعية', 'المكتبة المرجعية');
    await page.keyboard.type('قنوات التواصل');
    // Matched in its title, it comes first (the policy, which names the channels too, after it).
    await page.getByRole('list', { name: 'نتائج البحث' }).getByRole('listitem').first().filter({ hasText: channelsTitle }).waitFor();
    await page.keyboard.press('Enter');
    const article = page.getByRole('article');
    await article.getByRole('heading', { name: channelsTitle, level: 3 }).waitFor();

    await press(article.getByRole('button', { name: 'تعديل' }));
    const dialog = page.getByRole('dialog', { name: `تعديل «${channelsTitle}»` });
    await dialog.waitFor();
    await tabTo(page, 'النص');
    // Title and body are edited in the article's own direction, whatever the language of the screens.
    for (const field of ['العنوان', 'النص']) {
      expect(await dialog.getByLabel(field).evaluate((element) => getComputedStyle(element).unicodeBidi)).toBe('plaintext');
    }
    await page.keyboard.press('Control+End');
    await page.keyboard.type(`\n${added}`);
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'detached' });
    await article.getByText(added, { exact: false }).waitFor();
    expect(await article.textContent()).toContain(`آخر تعديل: ${admin.displayName}`);
    await app.screenshot('library-edited-ar', { withoutNotices: true });

    // The same dialog in English: the Arabic article is still typed right to left.
    await app.switchLanguage('English');
    await press(article.getByRole('button', { name: 'Edit' }));
    const englishDialog = page.getByRole('dialog', { name: `Edit “${channelsTitle}”` });
    await englishDialog.waitFor();
    expect(await englishDialog.getByLabel('Text').evaluate((element) => getComputedStyle(element).unicodeBidi)).toBe('plaintext');
    await app.screenshot('library-edit-dialog-en', { withoutNotices: true });
    await page.keyboard.press('Escape');
    await englishDialog.waitFor({ state: 'detached' });
    await app.switchLanguage('العربية');

    // Wasl closed and started again on the same data: the edit is there, the article not written again.
    await host.stop();
    host = await startHost(host.databasePath);
    await app.open(host.url, admin);
    await goTo(page, 'المكتبة المرجعية', 'المكتبة المرجعية');
    await page.keyboard.type('ظهرا');
    const results = page.getByRole('list', { name: 'نتائج البحث' });
    // Only the edited article has the new words (the list of every article shows until the search answers).
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    await results.getByRole('listitem').filter({ hasText: channelsTitle }).waitFor();
    await page.keyboard.press('Enter');
    await article.getByText(added, { exact: false }).waitFor();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await expect.poll(() => results.getByRole('listitem').count()).toBe(STARTER_TITLES.length);

    // The installation is one entry in the audit log, made at setup, not again at the restart.
    await goTo(page, 'سجل التدقيق', 'سجل التدقيق');
    const log = page.getByRole('table', { name: 'سجل التدقيق' });
    const installed = log.getByRole('row').filter({ hasText: 'إضافة مواد المكتبة الأولى' });
    await installed.waitFor();
    expect(await installed.count()).toBe(1);
    await app.screenshot('library-audit-ar', { withoutNotices: true });
  });
});
