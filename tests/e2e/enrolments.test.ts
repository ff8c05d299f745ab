import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import { aLineHolds } from '../support/pdf-text';
import { courseFields, eligiblePerson, openProgram, type ProgramCall } from '../support/programs';
import { ASSOCIATION_NAME, type RunningHost } from './support/host';
import { chooseOption, focusedLabel, press, type AppPage } from './support/pages';
import { callsOf, deskWithStaff, openPersonFile, screensSignedIn } from './support/programs';

/**
 * An officer enrols a person in a program from their file, mid-conversation and from the keyboard: P
 * opens the programs open for them, a few letters of the name and Enter pick one, Ctrl+Enter enrols.
 * The person's programs show it, and the program's roster lists them. The interview form prints in
 * Arabic, A4, on the letterhead.
 */

const SHEETS = '/tmp/shots-enrolments';
const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const PROGRAM = 'دورة النجارة المهنية';

describe('enrolling a person in a program from their file', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let programId: string;
  let person: { id: string; fileNumber: string; fullName: string };

  let call: ProgramCall;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    mkdirSync(SHEETS, { recursive: true });
    host = await deskWithStaff(admin, [[officer, 'officer']]);
    call = callsOf(host);
    const fields = courseFields({
      nameAr: PROGRAM,
      nameEn: 'Vocational carpentry',
      kind: 'rehabilitation',
      description: 'تدريب عملي على النجارة',
      conditions: 'الالتزام بالحضور',
      categories: ['released_prisoner'],
      hasInterview: true,
      capacity: 12,
      startsOn: todayInRiyadh(),
      endsOn: todayInRiyadh(new Date(Date.now() + 40 * 24 * 60 * 60 * 1000)),
      place: 'ورشة الجمعية',
    });
    programId = (await openProgram(call, fields, { amount: 10_000, covers: 'الأدوات' })).id;
    person = await eligiblePerson(call, { firstName: 'ماجد', familyName: 'القحطاني', category: 'released_prisoner', prisonerStatus: 'released' });
    await call('session.signOut', {});

    ({ browser, page, app } = await screensSignedIn(host, officer));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const openFile = () => openPersonFile(page, person);

  it('enrols them with P, a few letters and Enter, and Ctrl+Enter, and shows the program on their file', async () => {
    await openFile();
    await page.getByRole('region', { name: 'البرامج' }).getByText('لم يسجّل في أي برنامج بعد.').waitFor();
    await page.keyboard.press('p');
    const picker = page.getByRole('dialog', { name: 'تسجيل في برنامج' });
    await picker.waitFor();
    // The program list has the cursor; once the programs open for the person are in it, a few letters
    // narrow it, and the arrow goes down it until the program is lit.
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: new RegExp(PROGRAM) }).waitFor();
    await chooseOption(page, /البرنامج/, new RegExp(PROGRAM), 'نجار');
    await expect.poll(() => picker.getByRole('combobox').inputValue()).toContain(PROGRAM);
    expect(await picker.getByRole('combobox').inputValue()).toContain('يتطلب مقابلة');
    await app.screenshot('enrolment-picker-ar');
    await page.keyboard.press('Control+Enter');
    await picker.waitFor({ state: 'hidden' });

    const programs = page.getByRole('region', { name: 'البرامج' });
    const row = programs.getByRole('row').filter({ hasText: PROGRAM });
    await row.waitFor();
    expect(await row.textContent()).toContain('قدّم طلبًا');
    // On the person's timeline too.
    await page.getByRole('region', { name: 'سجل التعامل' }).getByText('قدّم طلب التسجيل').first().waitFor();
  });

  it('lists them on the program’s roster, in Arabic and in English', async () => {
    await page.evaluate((id) => {
      window.location.hash = `/programs/${id}`;
    }, programId);
    const roster = page.getByRole('region', { name: 'المسجلون' });
    await roster.getByRole('row').filter({ hasText: person.fullName }).waitFor();
    // Applying takes no place yet: acceptance does.
    expect(await roster.textContent()).toContain('المقاعد: 0 من 12');
    await app.screenshot('program-roster-ar', { withoutNotices: true });

    await app.switchLanguage('English');
    const english = page.getByRole('region', { name: 'Enrolled' });
    await english.getByRole('row').filter({ hasText: person.fullName }).waitFor();
    expect(await english.textContent()).toContain('Places: 0 of 12');
    expect(await english.textContent()).toContain('Applied');
    await app.screenshot('program-roster-en', { withoutNotices: true });

    await openFile();
    await page.keyboard.press('p');
    const picker = page.getByRole('dialog', { name: 'Enrol in a program' });
    await picker.waitFor();
    await page.keyboard.press('ArrowDown');
    await picker.page().getByRole('option', { name: /Vocational carpentry/ }).waitFor();
    await app.screenshot('enrolment-picker-en');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
    await app.switchLanguage('العربية');
  });

  it('prints the interview form: Arabic, A4, on the letterhead, with the interview filled in', async () => {
    const [enrolment] = await call<Array<{ id: string }>>('enrolments.ofPerson', { beneficiaryId: person.id });
    const interviewer = await call<Array<{ id: string; displayName: string }>>('complaints.staffOptions', {});
    const officerId = interviewer.find((account) => account.displayName === officer.displayName)!.id;
    await call('enrolments.scheduleInterview', { id: enrolment!.id, interviewOn: todayInRiyadh(), interviewerId: officerId });

    await openFile();
    const row = page.getByRole('region', { name: 'البرامج' }).getByRole('row').filter({ hasText: PROGRAM });
    await row.waitFor();
    await press(row);
    const dialog = page.getByRole('dialog', { name: new RegExp(PROGRAM) });
    await dialog.getByRole('button', { name: 'تسجيل نتيجة المقابلة' }).waitFor();
    const saving = page.waitForEvent('download');
    await press(dialog.getByRole('button', { name: 'طباعة نموذج المقابلة' }));
    const download = await saving;
    expect(download.suggestedFilename()).toBe(`نموذج-مقابلة-${person.fileNumber.replace(/[^0-9A-Za-z]+/g, '-')}.pdf`);
    const path = join(SHEETS, 'interview-form.pdf');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of ['نموذج المقابلة الشخصية', ASSOCIATION_NAME, PROGRAM, person.fullName, officer.displayName, 'توقيع المتقدم']) {
      expect(aLineHolds(text, words), words).toBe(true);
    }
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SHEETS, 'interview-form')]);
  });

  it('records the interview and accepts them from the keyboard, in the enrolment’s dialog', async () => {
    const dialog = page.getByRole('dialog', { name: new RegExp(PROGRAM) });
    await press(dialog.getByRole('button', { name: 'تسجيل نتيجة المقابلة' }));
    // The result has the cursor: the arrow and Enter choose it, Ctrl+Enter saves.
    await expect.poll(() => focusedLabel(page)).toContain('النتيجة');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ملتزم ومتحمس للتعلم');
    await app.screenshot('enrolment-interview-ar');
    await page.keyboard.press('Control+Enter');
    await dialog.getByText('أجريت المقابلة', { exact: true }).first().waitFor();
    await press(dialog.getByRole('button', { name: 'قبول', exact: true }));
    await expect.poll(() => focusedLabel(page)).toBe('ملاحظة');
    await page.keyboard.press('Control+Enter');
    // Accepted, the next move is offered: starting to attend.
    await dialog.getByRole('button', { name: 'بدء الحضور' }).waitFor();
    expect(await dialog.textContent()).toContain('ملتزم ومتحمس للتعلم');
    await app.screenshot('enrolment-dialog-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('region', { name: 'البرامج' }).getByRole('row').filter({ hasText: PROGRAM });
    await expect.poll(() => row.textContent()).toContain('مقبول');

    await app.switchLanguage('English');
    await press(page.getByRole('region', { name: 'Programs' }).getByRole('row').filter({ hasText: 'Vocational carpentry' }));
    const english = page.getByRole('dialog', { name: /Vocational carpentry/ });
    await english.getByRole('button', { name: 'Start attending' }).waitFor();
    await app.screenshot('enrolment-dialog-en');
    await page.keyboard.press('Escape');
    await app.switchLanguage('العربية');
  });
});
