import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import { launchChromium } from './support/browser';
import { newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AppPage, RegisterForm, SessionScreens } from './support/pages';

/**
 * The core (database, session, services) runs in a process of its own. When it stops in the middle
 * of the day (here: killed), the window stays, says calmly what happened on the sign-in screen, and
 * what was saved before is all there after signing in again.
 */

const admin = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };

describe('a core that stops in the middle of the day', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    await setUpWith(host, admin);
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

  it('is started again: the sign-in screen says so, and what was saved before is kept', async () => {
    const form = new RegisterForm(page);
    await form.openWithShortcut();
    const nationalId = withSaudiCheckDigit('107733021');
    await form.typeInto('رقم الهوية / الإقامة', nationalId);
    await form.typeInto('الاسم الأول', 'هادي');
    await form.typeInto('اسم الأب', 'محمد');
    await form.typeInto('اسم الجد', 'علي');
    await form.typeInto('اسم العائلة', 'الخالدي');
    await form.choose('ذكر', 'ذكر');
    await form.choose('سجين', 'مفرج عنه');
    await form.check('وافق المستفيد على معالجة بياناته');
    await form.saveWithShortcut();
    await page.getByRole('heading', { name: 'هادي محمد علي الخالدي', exact: true }).waitFor();
    const savedId = /#\/beneficiaries\/([^/]+)$/.exec(await page.evaluate(() => location.hash))?.[1] ?? '';
    expect(savedId).not.toBe('');

    process.kill(host.corePid, 'SIGKILL');
    // The officer goes on working: the next call finds the session gone, and the gate shows the sign-in.
    await page.keyboard.press('Alt+l');
    const notice = page.getByText('توقف وصل على غير المتوقع ثم عاد للعمل');
    await notice.waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: 'تسجيل الدخول' }).isVisible()).toBe(true);
    await app.screenshot('core-restarted-ar');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Wasl stopped unexpectedly and started again').waitFor();
    await app.screenshot('core-restarted-en');

    await new SessionScreens(page).signIn(admin);
    await page.getByRole('navigation').waitFor();
    expect(await page.getByText('Wasl stopped unexpectedly and started again').isVisible()).toBe(false);
    const kept = await host.call<BeneficiaryDetail>('beneficiaries.get', { id: savedId });
    expect(kept.value?.idNumber).toBe(nationalId);
  });
});
