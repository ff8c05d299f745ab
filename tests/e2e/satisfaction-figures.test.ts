import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../electron/api/contacts';
import type { OfferView } from '../../electron/api/satisfaction';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import type { ProgramCall } from '../support/programs';
import type { RunningHost } from './support/host';
import { chooseOption, goTo, type AppPage } from './support/pages';
import { callsOf, deskWithStaff, screensSignedIn, switchAccount } from './support/programs';

/**
 * The satisfaction figures, read as an officer and as a supervisor: the officer's own cases only,
 * CSAT, NPS and the response rate with their formulas and counts, a figure on too few withheld, the
 * questions' averages and bars, the comments as written; the supervisor cuts them by officer; the
 * weekly report's satisfaction section, beside the week before, with the comments.
 */

const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const colleague = { username: 'fahad', password: 'the second desk by the window', displayName: 'فهد الدوسري' };
const supervisor = { username: 'noura', password: 'the supervisor decides fairly', displayName: 'نورة السبيعي' };

describe('the satisfaction figures and the report’s section', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let call: ProgramCall;

  /** Interviews held by whoever is signed in, each offered the questionnaire and answered by phone. */
  async function answeredBy(account: { username: string; password: string }, all: Array<Record<string, unknown>>) {
    await call('session.signIn', { username: account.username, password: account.password });
    for (const answers of all) {
      const contact = await call<ContactView>('contacts.log', { channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary: 'مقابلة', personName: 'زائر' });
      const offer = await call<OfferView>('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'kiosk', contactId: contact.id });
      await call('satisfaction.recordByPhone', { offerId: offer.id, answers, named: false });
    }
  }

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await deskWithStaff(admin, [
      [officer, 'officer'],
      [colleague, 'officer'],
      [supervisor, 'supervisor'],
    ]);
    call = callsOf(host);
    // The officer's seven: five satisfied (CSAT 71.4), four answered the 0–10 question (too few for NPS).
    await answeredBy(officer, [
      { overall: 5, respect: 5, recommend: 10, comment: 'الموظف كان متعاونًا وشرح لي كل شيء بوضوح.' },
      { overall: 5, respect: 5, recommend: 9 },
      { overall: 4, respect: 4, recommend: 8 },
      { overall: 4, respect: 5, speed: 2, comment: 'الانتظار في الاستقبال طويل.' },
      { overall: 4, respect: 4 },
      { overall: 2, respect: 3, recommend: 3 },
      { overall: 1, respect: 2 },
    ]);
    // The colleague's five, all unsatisfied: the officer never sees them.
    await answeredBy(colleague, [{ overall: 1 }, { overall: 2 }, { overall: 2 }, { overall: 1 }, { overall: 2, comment: 'لم يتصل بي أحد.' }]);
    await call('session.signOut', {});
    ({ browser, page, app } = await screensSignedIn(host, officer));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows an officer their own cases’ figures, each with its formula and count, a figure on too few withheld', async () => {
    await goTo(page, 'الرضا', 'رضا المستفيدين');
    await expect.poll(() => page.getByText('أرقام حالاتك أنت.').isVisible()).toBe(true);
    const csat = page.getByTestId('figure-csat');
    await expect.poll(() => csat.textContent()).toContain('71.4%');
    expect(await csat.textContent()).toContain('ن = 7');
    expect(await csat.textContent()).toContain('نسبة الرضا = عدد الإجابات التي أعطت 4 أو 5');
    await expect.poll(() => page.getByTestId('figure-nps').textContent()).toContain('العدد أقل من أن يُحكم به (4 إجابات');
    expect(await page.getByTestId('figure-responseRate').textContent()).toContain('100%');
    expect(await page.getByTestId('question-respect').textContent()).toContain('4');
    const comments = page.getByRole('list', { name: 'الملاحظات' });
    await expect.poll(() => comments.textContent()).toContain('الانتظار في الاستقبال طويل.');
    expect(await comments.textContent()).not.toContain('لم يتصل بي أحد.');
    expect(await app.navigationIsOnTheRight()).toBe(true);
    await app.screenshot('satisfaction-figures-ar');

    await app.switchLanguage('English');
    await page.getByRole('heading', { name: 'Beneficiary satisfaction', level: 2 }).waitFor();
    await expect.poll(() => page.getByTestId('figure-csat').textContent()).toContain('CSAT = responses scoring 4 or 5');
    expect(await page.getByTestId('figure-nps').textContent()).toContain('Too few to judge (4 responses');
    await app.screenshot('satisfaction-figures-en');
    await app.switchLanguage('العربية');
  });

  it('lets a supervisor read everyone’s, cut by officer, from the keyboard', async () => {
    await switchAccount(page, supervisor);
    await goTo(page, 'الرضا', 'رضا المستفيدين');
    await expect.poll(() => page.getByTestId('figure-csat').textContent()).toContain('41.7%');
    await chooseOption(page, 'التقسيم حسب', 'الموظف');
    const groups = page.getByRole('table', { name: /حسب الموظف/ });
    await expect.poll(() => groups.textContent()).toContain(colleague.displayName);
    expect(await groups.textContent()).toContain(officer.displayName);
    await expect.poll(() => page.getByRole('list', { name: 'الملاحظات' }).textContent()).toContain('لم يتصل بي أحد.');
    await app.screenshot('satisfaction-figures-office-ar');
  });

  it('puts the satisfaction section in the weekly report, beside the week before, with the comments', async () => {
    await goTo(page, 'التقارير', /التقرير/);
    await page.keyboard.press('Alt+T');
    const section = page.getByRole('region', { name: 'رضا المستفيدين' });
    await expect.poll(() => section.textContent(), { timeout: 15_000 }).toContain('41.7%');
    expect(await section.textContent()).toContain('ن: 12 / 0');
    expect(await section.textContent()).toContain('الموظف كان متعاونًا وشرح لي كل شيء بوضوح.');
    await app.screenshot('satisfaction-report-ar');
    await app.switchLanguage('English');
    await expect.poll(() => page.getByRole('region', { name: 'Beneficiary satisfaction' }).textContent()).toContain('Satisfaction (CSAT) — n: 12 / 0');
    await app.screenshot('satisfaction-report-en');
    await app.switchLanguage('العربية');
  });
});
