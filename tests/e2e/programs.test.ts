import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aLineHolds, plain } from '../support/pdf-text';
import { ASSOCIATION_NAME, type RunningHost } from './support/host';
import { focusedLabel, press, tabTo, type AppPage } from './support/pages';
import { callsOf, deskWithStaff, screensSignedIn } from './support/programs';

/**
 * The programs catalog from the keyboard, as a supervisor builds a course: the program is created in
 * its editor, its schedule entered as weekly days between two dates, its fee published (the dialog
 * says a published fee never changes), registration opened, and its sheet printed as a PDF on the
 * letterhead with the fee and the date it was announced. Both languages are looked at.
 */

const SHEETS = '/tmp/shots-programs';
const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const supervisor = { username: 'huda', password: 'programs start on sunday', displayName: 'هدى الصالح' };
const name = 'دورة الحاسب للمفرج عنهم';

/** Today in Riyadh and a day some weeks on, as yyyy-mm-dd. */
function riyadhDate(daysFromNow: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + daysFromNow * 86_400_000));
}

describe('a program built from the keyboard', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  const startsOn = riyadhDate(0);
  const endsOn = riyadhDate(27);

  beforeAll(async () => {
    mkdirSync(SHEETS, { recursive: true });
    host = await deskWithStaff(admin, [[supervisor, 'supervisor']]);
    await callsOf(host)('session.signOut', {});
    ({ browser, page, app } = await screensSignedIn(host, supervisor));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('creates a program in its editor, from the keyboard', async () => {
    await page.keyboard.press('Alt+G');
    await page.getByRole('heading', { name: 'البرامج', level: 2 }).waitFor();
    // The empty catalog says so once its list has come: waited for, not looked at the instant the heading shows.
    await page.getByText('لا توجد برامج بعد.').waitFor();
    await press(page.getByRole('button', { name: 'برنامج جديد' }));
    const editor = page.getByRole('dialog', { name: 'برنامج جديد' });
    await editor.waitFor();
    // The officer types the name first: the focus is there.
    await expect.poll(() => focusedLabel(page)).toBe('الاسم بالعربية');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Computer skills course');
    await tabTo(page, 'المكان');
    await page.keyboard.type('مقر الجمعية بالهفوف');
    await tabTo(page, 'الوصف');
    await page.keyboard.type('مهارات الحاسب الأساسية وبرامج المكتب للبحث عن عمل.');
    await tabTo(page, 'الشروط (تظهر للمستفيد وتُطبع)');
    await page.keyboard.type('الالتزام بمواعيد الجلسات.');
    await tabTo(page, 'مفرج عنه');
    await page.keyboard.press('Space');
    await tabTo(page, 'يبدأ في');
    await page.keyboard.type(startsOn);
    await tabTo(page, 'ينتهي في');
    await page.keyboard.type(endsOn);
    await tabTo(page, 'يتطلب مقابلة شخصية');
    await page.keyboard.press('Space');
    await page.screenshot({ path: `${SHEETS}/program-editor-ar.png` });
    await page.keyboard.press('Control+Enter');
    await editor.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name, level: 2 }).waitFor();
    expect(await page.getByText('مخطط', { exact: true }).first().isVisible()).toBe(true);
  });

  it('says at the field what is wrong with an edit, and saves nothing', async () => {
    await press(page.getByRole('button', { name: 'تعديل' }));
    const editor = page.getByRole('dialog', { name: 'تعديل البرنامج' });
    await editor.waitFor();
    await tabTo(page, 'أقل عمر');
    await page.keyboard.type('50');
    await page.keyboard.press('Tab');
    await page.keyboard.type('30');
    await page.keyboard.press('Control+Enter');
    await editor.getByText('أقل عمر لا يتجاوز أعلى عمر.').waitFor();
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden' });
    expect(await page.getByText('كل الأعمار').isVisible()).toBe(true);
  });

  it('adds weekly sessions between the program’s dates', async () => {
    await press(page.getByRole('button', { name: 'إضافة جلسات' }));
    const dialog = page.getByRole('dialog', { name: 'إضافة جلسات' });
    await dialog.waitFor();
    // The days of the week come first: Sunday has the focus.
    await expect.poll(() => focusedLabel(page)).toBe('الأحد');
    await page.keyboard.press('Space');
    await tabTo(page, 'الثلاثاء');
    await page.keyboard.press('Space');
    await tabTo(page, 'من الساعة (24 ساعة)');
    await page.keyboard.type('16:00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1800');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    // Four weeks of Sundays and Tuesdays: eight sessions.
    await page.getByRole('heading', { name: 'الجلسات (8)' }).waitFor();
    expect(await page.getByRole('table', { name: 'الجلسات', exact: true }).locator('tbody tr').count()).toBe(8);
  });

  it('adds a single date, typed and added with Enter', async () => {
    await press(page.getByRole('button', { name: 'إضافة جلسات' }));
    const dialog = page.getByRole('dialog', { name: 'إضافة جلسات' });
    await dialog.waitFor();
    await dialog.getByLabel('تواريخ محددة').focus();
    await page.keyboard.press('Space');
    await tabTo(page, 'التاريخ');
    await page.keyboard.type(endsOn);
    await page.keyboard.press('Enter');
    // Enter added the date to the list, and saved nothing yet.
    await dialog.getByRole('button', { name: 'حذف التاريخ' }).waitFor();
    expect(await dialog.isVisible()).toBe(true);
    await tabTo(page, 'من الساعة (24 ساعة)');
    await page.keyboard.type('10:00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12:00');
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'الجلسات (9)' }).waitFor();
  });

  it('publishes the fee, after saying that a published fee never changes, and opens registration', async () => {
    expect(await page.getByText('لم تُعلن رسوم بعد.', { exact: false }).first().isVisible()).toBe(true);
    await press(page.getByRole('button', { name: 'إعلان الرسوم' }));
    const dialog = page.getByRole('dialog', { name: 'إعلان الرسوم' });
    await dialog.waitFor();
    expect(await dialog.getByRole('note').textContent()).toContain('لا تُعدّل ولا تُحذف أبداً');
    await expect.poll(() => focusedLabel(page)).toBe('المبلغ بالريال (0 = مجاني)');
    await page.keyboard.type('١٥٠٫٥');
    await page.keyboard.press('Tab');
    await page.keyboard.type('الحقيبة التدريبية والشهادة');
    await page.screenshot({ path: `${SHEETS}/publish-fee-ar.png` });
    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    const fees = page.getByRole('table', { name: 'الرسوم المعلنة' });
    await fees.waitFor();
    expect(await fees.textContent()).toContain('150.50 ريال');
    expect(await fees.textContent()).toContain('الحقيبة التدريبية والشهادة');

    await press(page.getByRole('button', { name: 'فتح التسجيل' }));
    const opening = page.getByRole('dialog', { name: 'فتح التسجيل' });
    await opening.waitFor();
    await page.keyboard.press('Control+Enter');
    await opening.waitFor({ state: 'hidden' });
    await page.getByText('مفتوح للتسجيل', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'بدء التنفيذ' }).waitFor();
    await app.screenshot('program-page-ar', { withoutNotices: true });
  });

  it('prints the program sheet: Arabic, A4, on the letterhead, with the fee and the date it was announced', async () => {
    const saving = page.waitForEvent('download');
    await press(page.getByRole('button', { name: 'طباعة بطاقة البرنامج' }));
    const download = await saving;
    expect(download.suggestedFilename()).toBe(`بطاقة-برنامج-${riyadhDate(0)}.pdf`);
    const path = join(SHEETS, 'program-sheet.pdf');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of [name, ASSOCIATION_NAME, 'الرسوم المعلنة', 'الحقيبة التدريبية والشهادة', 'شروط البرنامج', 'الالتزام بمواعيد الجلسات', 'الجدول']) {
      expect(aLineHolds(text, words), words).toBe(true);
    }
    expect(plain(text)).toContain('150.50');
    expect(plain(text)).toContain('16:00');
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SHEETS, 'program-sheet')]);
  });

  it('lists the program with its status, dates, places and fee, in Arabic and in English', async () => {
    await page.keyboard.press('Alt+G');
    await page.getByRole('heading', { name: 'البرامج', level: 2 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('150.50 ريال');
    expect(await row.textContent()).toContain('مفتوح للتسجيل');
    await app.screenshot('programs-list-ar', { withoutNotices: true });

    await app.switchLanguage('English');
    await page.getByRole('heading', { name: 'Programs', level: 2 }).waitFor();
    const englishRow = page.getByRole('row').filter({ hasText: 'Computer skills course' });
    await englishRow.waitFor();
    expect(await englishRow.textContent()).toContain('Open for registration');
    expect(await englishRow.textContent()).toContain('150.50 SAR');
    await app.screenshot('programs-list-en', { withoutNotices: true });
    await press(englishRow.getByRole('button', { name: 'Computer skills course' }));
    await page.getByRole('heading', { name, level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Start running' }).waitFor();
    await app.screenshot('program-page-en', { withoutNotices: true });
  });

  /** Opens an export menu from the keyboard, goes down to a format with the arrows, and answers the file downloaded. */
  async function exportFromKeyboard(button: string | RegExp, format: RegExp, name: string): Promise<{ fileName: string; content: Buffer }> {
    await tabTo(page, button, 80);
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: format }).waitFor();
    // The visible part only (a full-page capture resizes the window, which closes the menu), once it has faded in.
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/screenshots/${name}-menu.png` });
    for (let step = 0; step < 3 && !(await page.getByRole('menuitem', { name: format }).evaluate((item) => item === document.activeElement)); step += 1) {
      await page.keyboard.press('ArrowDown');
    }
    const saving = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const download = await saving;
    const path = join(SHEETS, download.suggestedFilename());
    await download.saveAs(path);
    return { fileName: download.suggestedFilename(), content: readFileSync(path) };
  }

  it('exports a session’s attendance sheet and the programs list from the keyboard', async () => {
    // The roster has nobody yet: its export waits for someone to export.
    expect(await page.getByRole('region', { name: 'Enrolled' }).getByRole('button', { name: 'Export' }).isDisabled()).toBe(true);
    const sheet = await exportFromKeyboard('Export the attendance of session 1', /CSV/, 'attendance-export-en');
    expect(sheet.fileName).toMatch(/^wasl-attendanceSheet-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(sheet.content.toString('utf8').slice(1).trimEnd()).toBe('Beneficiary,File number,Attendance,Note');

    await page.keyboard.press('Alt+G');
    await page.getByRole('heading', { name: 'Programs', level: 2 }).waitFor();
    const list = await exportFromKeyboard('Export', /Excel/, 'programs-export-en');
    expect(list.fileName).toMatch(/^wasl-programs-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(list.content as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!;
    expect(rows.name).toBe('Programs');
    expect((rows.getRow(2).values as unknown[]).slice(1, 8)).toEqual(['Computer skills course', 'Training', 'Open for registration', 20, 0, 0, 150.5]);

    await app.switchLanguage('العربية');
    await page.getByRole('heading', { name: 'البرامج', level: 2 }).waitFor();
    const arabic = await exportFromKeyboard('تصدير', /CSV/, 'programs-export-ar');
    const [header, row] = arabic.content.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(header?.split(',').slice(0, 3)).toEqual(['البرنامج', 'النوع', 'الحالة']);
    expect(row?.split(',').slice(0, 3)).toEqual([name, 'تدريب', 'مفتوح للتسجيل']);
  });
});
