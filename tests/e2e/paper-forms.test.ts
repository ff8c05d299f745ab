import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import type { ContactView } from '../../electron/api/contacts';
import type { PaperFormPdf } from '../../electron/api/paper-forms';
import type { QuestionnaireView } from '../../electron/api/questionnaires';
import type { OfferView } from '../../electron/api/satisfaction';
import type { ProgramCall } from '../support/programs';
import { aLineHolds, plain } from '../support/pdf-text';
import { ASSOCIATION_NAME, type RunningHost } from './support/host';
import { focusedLabel, goTo, press, type AppPage } from './support/pages';
import { callsOf, deskWithStaff, screensSignedIn, switchAccount } from './support/programs';

/**
 * A pile of paper forms typed in from the keyboard, twice: the questionnaire is typed by two officers,
 * a form printed with its code and QR code, the first officer types it, the second types it blind with
 * one answer read otherwise, and the difference is settled against the paper; then the same in English.
 */

const SHEETS = '/tmp/shots-paper-forms';
const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const first = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const second = { username: 'huda', password: 'the second desk by the window', displayName: 'هدى الدوسري' };

describe('a paper form printed, typed in twice with one difference, and settled', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let call: ProgramCall;
  const offers: OfferView[] = [];
  const contacts: ContactView[] = [];

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    mkdirSync(SHEETS, { recursive: true });
    host = await deskWithStaff(admin, [
      [first, 'officer'],
      [second, 'officer'],
    ]);
    call = callsOf(host);
    const shipped = await call<QuestionnaireView>('questionnaires.get', { id: SHIPPED_QUESTIONNAIRE_ID });
    await call('questionnaires.save', { id: shipped.id, content: shipped.current.content, doubleEntry: true });
    await call('session.signIn', { username: first.username, password: first.password });
    for (const summary of ['استفسار عن برنامج التأهيل', 'استفسار عن المساعدات']) {
      const contact = await call<ContactView>('contacts.log', { channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary, personName: 'زائر' });
      contacts.push(contact);
      offers.push(await call<OfferView>('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'paper', contactId: contact.id }));
    }
    await call('session.signOut', {});
    ({ browser, page, app } = await screensSignedIn(host, first));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const openEntry = async (link = 'إدخال الاستبانات الورقية', heading: string | RegExp = 'إدخال الاستبانات الورقية') => {
    await goTo(page, link, heading);
    // The code field has the cursor: the form's code is the first thing typed.
    await expect.poll(() => focusedLabel(page)).toMatch(/^(رمز الاستجابة|Response code)/);
  };

  /** Types a form's code, then its answers one field after the other, Enter between them. */
  const typeForm = async (code: string, answers: string[]) => {
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(page)).toMatch(/^1\. /);
    for (const [index, answer] of answers.entries()) {
      if (answer !== '') await page.keyboard.type(answer);
      if (index < answers.length - 1) await page.keyboard.press('Enter');
    }
  };

  it('prints the form as a PDF with its code on every page', async () => {
    await call('session.signIn', { username: first.username, password: first.password });
    const pdf = await call<PaperFormPdf>('paperForms.form', { offerId: offers[0]!.id, language: 'ar' });
    const path = join(SHEETS, 'form-ar.pdf');
    writeFileSync(path, Buffer.from(pdf.base64, 'base64'));
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1]);
    for (let one = 1; one <= pages; one += 1) {
      expect(plain(execFileSync('pdftotext', ['-f', String(one), '-l', String(one), path, '-'], { encoding: 'utf8' }))).toContain(offers[0]!.code);
    }
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of [ASSOCIATION_NAME, 'استبانة رضا المستفيدين', 'أرغب في ترك اسمي مع إجاباتي']) expect(aLineHolds(text, words), words).toBe(true);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SHEETS, 'form-ar')]);
    const english = await call<PaperFormPdf>('paperForms.form', { offerId: offers[0]!.id, language: 'en' });
    writeFileSync(join(SHEETS, 'form-en.pdf'), Buffer.from(english.base64, 'base64'));
    execFileSync('pdftoppm', ['-png', '-r', '60', join(SHEETS, 'form-en.pdf'), join(SHEETS, 'form-en')]);
  });

  it('lets the first officer type the form from the keyboard, and the code field waits for the next', async () => {
    await openEntry();
    await app.screenshot('paper-forms-code-ar');
    // Lower case, without dashes: the code is forgiving.
    await typeForm(offers[0]!.code.replace(/-/g, '').toLowerCase(), ['4', '5', '٣', '5', '5', '10', 'موظفون متعاونون', '']);
    expect(await page.getByText('الإدخال الأول').count()).toBeGreaterThan(0);
    await app.screenshot('paper-forms-entry-ar');
    await page.keyboard.press('Control+Enter');
    const last = page.getByRole('status').filter({ hasText: 'آخر استمارة' });
    await expect.poll(() => last.textContent()).toContain('يُدخلها موظف آخر');
    await expect.poll(() => focusedLabel(page)).toMatch(/^رمز الاستجابة/);
    expect(await page.getByRole('textbox', { name: /^رمز الاستجابة/ }).inputValue()).toBe('');
    // The same officer may not type its second entry.
    await page.keyboard.type(offers[0]!.code);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('أدخلتَ هذه الاستمارة أول مرة').count()).toBe(1);
  });

  it('lets a second officer type it blind, shows the one difference, and records what the paper says', async () => {
    await switchAccount(page, second);
    await openEntry();
    await typeForm(offers[0]!.code, ['4', '4', '3', '5', '5', '١٠', 'موظفون متعاونون', '']);
    expect(await page.getByText('الإدخال الثاني (دون رؤية الأول)').count()).toBe(1);
    // Nothing of the first typing is on the second officer's screen.
    const values = await page.locator('[data-entry-field]').evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value));
    expect(values).toEqual(['4', '4', '3', '5', '5', '١٠', 'موظفون متعاونون', '']);
    await page.keyboard.press('Control+Enter');
    const last = page.getByRole('status').filter({ hasText: 'آخر استمارة' });
    await expect.poll(() => last.textContent()).toContain('الأسئلة المختلفة: 1');
    await press(last.getByRole('button', { name: 'حسم الفروق' }));
    const settle = page.getByRole('region', { name: 'حسم فروق الإدخال' });
    await expect.poll(() => settle.textContent()).toContain('أُنجزت خدمتي في وقت مناسب');
    const row = settle.getByRole('row').filter({ hasText: 'أُنجزت خدمتي' });
    expect(await row.textContent()).toContain('5 — راضٍ جدًا');
    expect(await row.textContent()).toContain('4 — راضٍ');
    await expect.poll(() => focusedLabel(page)).toMatch(/^ما في الورقة: 2\./);
    await page.keyboard.type('5');
    await app.screenshot('paper-forms-mismatches-ar');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => last.textContent()).toContain('سُجّلت استمارة');
    await expect.poll(() => focusedLabel(page)).toMatch(/^رمز الاستجابة/);

    await call('session.signIn', { username: second.username, password: second.password });
    const [offer] = await call<OfferView[]>('satisfaction.offersOf', { contactId: contacts[0]!.id });
    expect(offer).toMatchObject({ status: 'responded', response: { mode: 'paper' } });
  });

  it('reads the same in English, left to right', async () => {
    await app.switchLanguage('English');
    await page.keyboard.press('Alt+H');
    await openEntry('Paper questionnaire entry', 'Paper questionnaire entry');
    await app.screenshot('paper-forms-code-en');
    await typeForm(offers[1]!.code, ['3', '4', '5', '', '4', '8', 'Clear and kind', '1']);
    await app.screenshot('paper-forms-entry-en');
    await page.keyboard.press('Control+Enter');
    await switchAccount(page, first);
    // Each officer's screens open in their own language.
    await app.switchLanguage('English');
    await openEntry('Paper questionnaire entry', 'Paper questionnaire entry');
    await typeForm(offers[1]!.code, ['3', '4', '5', '', '4', '9', 'Clear and kind', '1']);
    await page.keyboard.press('Control+Enter');
    const last = page.getByRole('status').filter({ hasText: 'Last form' });
    await press(last.getByRole('button', { name: 'Settle the differences' }));
    const settle = page.getByRole('region', { name: 'Settle entry differences' });
    await expect.poll(() => settle.textContent()).toContain('How likely are you to recommend');
    await page.keyboard.type('9');
    await app.screenshot('paper-forms-mismatches-en');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => last.textContent()).toContain('recorded');
    await app.switchLanguage('العربية');
  });
});
