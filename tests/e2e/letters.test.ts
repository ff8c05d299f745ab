import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { aLineHolds, letters as lettersOf } from '../support/pdf-text';
import { addAccount, newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AppPage, focusedLabel, goTo, LettersRegister, press } from './support/pages';

/**
 * An outgoing letter, written and saved at the letters desk: the editor shows the template's own
 * opening and closing around the text, so the officer does not type them again (and is warned when
 * the text ends with the closing anyway); the letter saves as a PDF printed like the report, named by
 * its number and date in the officer's language.
 */

const SHOTS = '/tmp/shots-letters';
const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const authority = { nameAr: 'مديرية سجون المنطقة الشرقية', nameEn: 'Eastern Province Prisons Directorate' };
const subject = 'طلب زيارة استثنائية';
const body = 'نفيدكم بأن أسرة النزيل تطلب زيارة استثنائية بمناسبة العيد.';
const closing = 'وتقبلوا خالص التحية والتقدير';

/** The association's outgoing numbers, counted afresh each Hijri year; and the Gregorian date today in Riyadh. */
function today() {
  const part = (calendar: string, type: string) =>
    new Intl.DateTimeFormat(`en-u-ca-${calendar}-nu-latn`, { timeZone: 'Asia/Riyadh', year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(new Date())
      .find((candidate) => candidate.type === type)
      ?.value.replace(/\D/g, '') ?? '';
  return {
    hijriYear: part('islamic-umalqura', 'year'),
    gregorian: `${part('gregory', 'year')}-${part('gregory', 'month')}-${part('gregory', 'day')}`,
  };
}

describe('an outgoing letter at the letters desk', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let letters: LettersRegister;
  const { hijriYear, gregorian } = today();
  const number = `${hijriYear}/0001`;
  const typedNumber = `${hijriYear}/0002`;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    await setUpWith(host, admin);
    const saved = await host.call<{ id: string }>('authorities.save', { id: null, ...authority, active: true });
    expect(saved.ok, JSON.stringify(saved.error)).toBe(true);
    // Written the day before, to be saved today.
    const written = await host.call('letters.register', { direction: 'outgoing', authorityId: saved.value!.id, subject, body, beneficiaryId: null, requestId: null });
    expect(written.ok, JSON.stringify(written.error)).toBe(true);
    await addAccount(host, officer, 'officer');
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    letters = new LettersRegister(page);
    await app.open(host.url, officer);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows the template’s opening and closing around the text, and warns when the closing is typed again', async () => {
    await goTo(page, 'الصادر والوارد', 'الصادر والوارد');
    await press(page.getByRole('button', { name: 'خطاب صادر جديد' }));
    const form = page.getByRole('dialog', { name: 'خطاب صادر جديد' });
    await form.waitFor();
    // What the letterhead prints on its own, shown where it will stand, not editable.
    const opening = form.getByRole('note', { name: 'افتتاحية القالب' });
    const templateClosing = form.getByRole('note', { name: 'خاتمة القالب' });
    expect(await opening.textContent()).toContain('السلام عليكم ورحمة الله وبركاته');
    expect(await templateClosing.textContent()).toContain(closing);
    const bodyBox = form.getByLabel('نص الخطاب');
    const [openingBox, bodyBoxPlace, closingBox] = await Promise.all([opening.boundingBox(), bodyBox.boundingBox(), templateClosing.boundingBox()]);
    expect(openingBox!.y).toBeLessThan(bodyBoxPlace!.y);
    expect(closingBox!.y).toBeGreaterThan(bodyBoxPlace!.y + bodyBoxPlace!.height - 1);

    await form.getByLabel('الجهة المرسل إليها').fill('مديرية سجون');
    await page.getByRole('option', { name: authority.nameAr }).click();
    await form.getByLabel('الموضوع').fill(subject);
    await bodyBox.fill(`${body}\n\n${closing}،`);
    const warning = form.getByRole('alert').filter({ hasText: 'مرتين' });
    await warning.waitFor();
    await page.screenshot({ path: `${SHOTS}/letter-closing-warning-ar.png` });
    await bodyBox.fill(body);
    await warning.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+Enter');
    await form.waitFor({ state: 'hidden' });
    // A new outgoing letter opens on the letterhead: the closing is there once, from the template.
    const preview = page.getByRole('dialog', { name: 'الخطاب على ورق الجمعية' });
    await preview.waitFor();
    await expect.poll(() => letters.preview().textContent()).toContain('بمناسبة العيد');
    expect((await letters.preview().textContent())?.split('خالص التحية').length).toBe(2);
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
    await letters.row(typedNumber).waitFor();
  });

  it('saves the letter as a PDF printed like the report, named by its number and date', async () => {
    const details = await letters.open(number);
    await press(details.getByRole('button', { name: 'معاينة وطباعة' }));
    const preview = page.getByRole('dialog', { name: 'الخطاب على ورق الجمعية' });
    await preview.waitFor();
    await expect.poll(() => letters.preview().textContent()).toContain(subject);
    const saving = page.waitForEvent('download');
    await press(preview.getByRole('button', { name: /حفظ الخطاب/ }));
    const download = await saving;
    expect(download.suggestedFilename()).toBe(`خطاب-${hijriYear}-0001-${gregorian}.pdf`);
    const path = join(newDataFolder(), 'letter.pdf');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of ['طلب زيارة استثنائية', 'بمناسبة العيد', authority.nameAr]) expect(aLineHolds(text, words), words).toBe(true);
    // The closing comes from the template, once.
    const closingLines = text.split('\n').filter((line) => lettersOf(line.replace(/[،,.]/g, '')) === lettersOf(closing));
    expect(closingLines.length).toBe(1);
    await page.screenshot({ path: `${SHOTS}/letter-preview-ar.png` });
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
  });

  it('does the same in English: the template shown around the text, the file named in English', async () => {
    await page.keyboard.press('Escape');
    await app.switchLanguage('English');
    await press(page.getByRole('button', { name: 'New outgoing letter' }));
    const form = page.getByRole('dialog', { name: 'New outgoing letter' });
    await form.waitFor();
    expect(await form.getByRole('note', { name: 'The template’s closing' }).textContent()).toContain(closing);
    await form.getByLabel('Text', { exact: true }).fill(`${body}\n${closing}`);
    await form.getByRole('alert').filter({ hasText: 'twice' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/letter-closing-warning-en.png` });
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });

    const details = await letters.open(number);
    await press(details.getByRole('button', { name: /Preview and print/ }));
    const preview = page.getByRole('dialog', { name: /letterhead/ });
    await preview.waitFor();
    await expect.poll(() => letters.preview().textContent()).toContain(subject);
    const saving = page.waitForEvent('download');
    await press(preview.getByRole('button', { name: /Save letter/ }));
    expect((await saving).suggestedFilename()).toBe(`letter-${hijriYear}-0001-${gregorian}.pdf`);
    expect(await focusedLabel(page)).not.toBe('');
    await page.screenshot({ path: `${SHOTS}/letter-preview-en.png` });
  });
});
