import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { EnrolmentFees } from '../../electron/api/program-fees';
import { aLineHolds, plain } from '../support/pdf-text';
import { applyTo, courseFields, eligiblePerson, openProgram, type ProgramCall } from '../support/programs';
import { ASSOCIATION_NAME, type RunningHost } from './support/host';
import { focusedLabel, press, QueueCards, type AppPage } from './support/pages';
import { callsOf, deskWithStaff, openPersonFile, screensSignedIn, switchAccount } from './support/programs';

/**
 * A fee's fairness, from the keyboard: an officer asks, in the enrolment's dialog, for a partial
 * waiver with a reason; the supervisor finds it in their queue and approves it; the officer records
 * the payment of the rest and prints its receipt, Arabic on the letterhead with the amount in words.
 */

const SHEETS = '/tmp/shots-program-fees';
const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const supervisor = { username: 'noura', password: 'the supervisor decides fairly', displayName: 'نورة السبيعي' };
const PROGRAM = 'دورة النجارة المهنية';

describe('a fee waived in part and the rest paid, from the enrolment’s dialog', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let enrolmentId: string;
  let person: { id: string; fileNumber: string; fullName: string };

  let call: ProgramCall;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    mkdirSync(SHEETS, { recursive: true });
    host = await deskWithStaff(admin, [
      [officer, 'officer'],
      [supervisor, 'supervisor'],
    ]);
    call = callsOf(host);
    const fields = courseFields({
      nameAr: PROGRAM,
      nameEn: 'Vocational carpentry',
      kind: 'rehabilitation',
      description: 'تدريب عملي على النجارة',
      capacity: 12,
      startsOn: todayInRiyadh(),
      endsOn: todayInRiyadh(new Date(Date.now() + 40 * 24 * 60 * 60 * 1000)),
      place: 'ورشة الجمعية',
    });
    const program = await openProgram(call, fields, { amount: 15_000, covers: 'الأدوات والمواد' });
    person = await eligiblePerson(call, { firstName: 'ماجد', familyName: 'القحطاني', category: 'released_prisoner', prisonerStatus: 'released' });
    enrolmentId = (await applyTo(call, program.id, person.id)).id;
    await call('session.signOut', {});

    ({ browser, page, app } = await screensSignedIn(host, officer));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** The enrolment's dialog, opened from the person's programs on their file. */
  const openEnrolment = async (program: RegExp | string = PROGRAM): Promise<Locator> => {
    await openPersonFile(page, person);
    const row = page.getByRole('region', { name: /البرامج|Programs/ }).getByRole('row').filter({ hasText: program });
    await row.waitFor();
    await press(row);
    const dialog = page.getByRole('dialog', { name: new RegExp(typeof program === 'string' ? program : program.source) });
    await dialog.getByRole('region', { name: /الرسوم|Fees/ }).waitFor();
    return dialog;
  };

  const switchTo = async (account: { username: string; password: string }) => {
    await page.keyboard.press('Escape');
    await switchAccount(page, account);
  };

  it('lets the officer ask for a partial waiver with a reason, from the keyboard', async () => {
    const dialog = await openEnrolment();
    const fees = dialog.getByRole('region', { name: 'الرسوم' });
    await expect.poll(() => fees.textContent()).toContain('150.00');
    await press(fees.getByRole('button', { name: 'طلب إعفاء' }));
    const request = page.getByRole('dialog', { name: 'طلب إعفاء من الرسوم' });
    // The amount has the cursor (a partial waiver is the usual ask); Tab goes on to the reason.
    await expect.poll(() => focusedLabel(page)).toBe('المبلغ المعفى (ريال)');
    await page.keyboard.type('50');
    await page.keyboard.press('Tab');
    expect(await focusedLabel(page)).toBe('السبب');
    await page.keyboard.type('عاطل عن العمل منذ خروجه ويعول أسرته');
    await page.keyboard.press('Control+Enter');
    await request.waitFor({ state: 'hidden' });
    await expect.poll(() => fees.textContent()).toContain('بانتظار المشرف');
    // One request at a time: asking again waits for the decision.
    expect(await fees.getByRole('button', { name: 'طلب إعفاء' }).isDisabled()).toBe(true);
  });

  it('puts the request in the supervisor’s queue, where they approve it with a note', async () => {
    await switchTo(supervisor);
    await page.keyboard.press('Alt+H');
    const cards = new QueueCards(page);
    const title = 'طلبات إعفاء من الرسوم بانتظار قرارك';
    await expect.poll(() => cards.count(title)).toBe(1);
    const list = await cards.open(title);
    await expect.poll(() => list.textContent()).toContain(person.fullName);
    expect(await list.textContent()).toContain('إعفاء جزئي بمبلغ 50.00 ريال من 150.00 ريال');
    await app.screenshot('program-fees-queue-ar');
    await press(list.getByRole('button', { name: 'البت في الطلب' }));
    const decision = page.getByRole('dialog', { name: 'البت في طلب الإعفاء' });
    await expect.poll(() => decision.textContent()).toContain('عاطل عن العمل منذ خروجه ويعول أسرته');
    await expect.poll(() => focusedLabel(page)).toBe('ملاحظة القرار');
    await page.keyboard.type('يستحق الإعفاء الجزئي');
    await page.keyboard.press('Control+Enter');
    await decision.waitFor({ state: 'hidden' });
    // Decided, it leaves the queue; the enrolment shows it approved and what is left to pay.
    await expect.poll(() => cards.count(title)).toBe(0);
    const dialog = await openEnrolment();
    const fees = dialog.getByRole('region', { name: 'الرسوم' });
    await expect.poll(() => fees.textContent()).toContain('موافق عليه');
    expect(await fees.textContent()).toContain('يستحق الإعفاء الجزئي');
    expect(await fees.textContent()).toContain('100.00');
  });

  it('records the payment of the rest, numbered, and prints its receipt: Arabic, A4, on the letterhead, with the amount in words', async () => {
    await switchTo(officer);
    const dialog = await openEnrolment();
    const fees = dialog.getByRole('region', { name: 'الرسوم' });
    await press(fees.getByRole('button', { name: 'تسجيل دفعة' }));
    const payment = page.getByRole('dialog', { name: 'تسجيل دفعة' });
    // The amount has the cursor, filled with the balance; the method and the day are as usual.
    await expect.poll(() => focusedLabel(page)).toBe('المبلغ (ريال)');
    expect(await payment.getByRole('textbox', { name: 'المبلغ (ريال)' }).inputValue()).toBe('100.00');
    // A dialog over the enrolment's dialog: the page as it is.
    await page.waitForTimeout(250);
    await page.screenshot({ path: 'test-results/screenshots/program-fees-payment-ar.png' });
    await page.keyboard.press('Control+Enter');
    await payment.waitFor({ state: 'hidden' });
    await call('session.signIn', { username: officer.username, password: officer.password });
    const recorded = await call<EnrolmentFees>('programFees.ofEnrolment', { enrolmentId });
    expect(recorded).toMatchObject({ waived: 5_000, paid: 10_000, balance: 0 });
    const number = recorded.payments[0]!.receiptNumber;
    await expect.poll(() => fees.textContent()).toContain(number);
    await app.screenshot('program-fees-ar');
    // Voiding is a supervisor's: the officer who took the money has no button for it.
    expect(await fees.getByRole('button', { name: `إلغاء الدفعة ${number}` }).count()).toBe(0);

    const saving = page.waitForEvent('download');
    await press(fees.getByRole('button', { name: `طباعة سند القبض ${number}` }));
    const download = await saving;
    expect(download.suggestedFilename()).toBe(`سند-قبض-${number.replace('/', '-')}.pdf`);
    const path = join(SHEETS, 'receipt.pdf');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of ['سند قبض', ASSOCIATION_NAME, person.fullName, PROGRAM, 'الأدوات والمواد', 'فقط مائة ريال لا غير', 'نقدًا', officer.displayName]) {
      expect(aLineHolds(text, words), words).toBe(true);
    }
    expect(plain(text)).toContain(number);
    expect(plain(text)).toContain('100.00');
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SHEETS, 'receipt')]);
  });

  it('reads the same in English, left to right, and prints an English receipt', async () => {
    await page.keyboard.press('Escape');
    await app.switchLanguage('English');
    const dialog = await openEnrolment(/Vocational carpentry/);
    const fees = dialog.getByRole('region', { name: 'Fees' });
    await expect.poll(() => fees.textContent()).toContain('Approved');
    await app.screenshot('program-fees-en');
    const number = (await call<EnrolmentFees>('programFees.ofEnrolment', { enrolmentId })).payments[0]!.receiptNumber;
    const saving = page.waitForEvent('download');
    await press(fees.getByRole('button', { name: `Print receipt ${number}` }));
    const download = await saving;
    expect(download.suggestedFilename()).toBe(`receipt-${number.replace('/', '-')}.pdf`);
    const path = join(SHEETS, 'receipt-en.pdf');
    await download.saveAs(path);
    const text = plain(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }));
    for (const words of ['Receipt', 'Vocational carpentry', 'One hundred riyals only', 'Cash']) expect(text).toContain(words);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SHEETS, 'receipt-en')]);
    await page.keyboard.press('Escape');
    await app.switchLanguage('العربية');
  });
});
