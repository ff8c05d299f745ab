import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import { aLineHolds, plain } from '../support/pdf-text';
import { attending, courseFields, openProgram, type ProgramCall } from '../support/programs';
import { ASSOCIATION_NAME, type RunningHost } from './support/host';
import { focusedLabel, press, type AppPage } from './support/pages';
import { callsOf, deskWithStaff, openPersonFile, screensSignedIn } from './support/programs';

/**
 * A supervisor finishes a course on the program's page and the people's files: the page lists the
 * program's sessions once, with whether each one's attendance was taken; someone who met the
 * attendance rule is completed from the keyboard and their certificate prints from the key that has
 * the focus next, in Arabic, A4 landscape, with its verification number; someone who did not is
 * refused until the supervisor writes why; the certificate's number is then verified from the catalog.
 */

const SHEETS = '/tmp/shots-certificates';
const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const supervisor = { username: 'noura', password: 'the supervisor signs the papers', displayName: 'نورة الشمري' };
const PROGRAM = 'دورة الصيانة المنزلية';
const DAY_MS = 24 * 60 * 60 * 1000;
const dayFromToday = (days: number) => todayInRiyadh(new Date(Date.now() + days * DAY_MS));

describe('completing a course and printing its certificate', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let programId = '';
  const people: Array<{ id: string; fullName: string; fileNumber: string }> = [];
  let verificationNumber = '';

  let ok: ProgramCall;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    mkdirSync(SHEETS, { recursive: true });
    host = await deskWithStaff(admin, [[supervisor, 'supervisor']]);
    ok = callsOf(host);
    const fields = courseFields({
      nameAr: PROGRAM,
      nameEn: 'Home maintenance course',
      description: 'أساسيات الصيانة المنزلية',
      maxUnexcusedAbsences: 1,
      followUpAfterAbsences: 3,
      startsOn: dayFromToday(-7),
      endsOn: dayFromToday(20),
    });
    const sessions = { dates: [dayFromToday(-2), dayFromToday(-1), dayFromToday(5)], startsAt: '16:00', endsAt: '18:00', place: 'الورشة' };
    const program = await openProgram(ok, fields, { amount: 0, covers: 'المواد' }, sessions);
    programId = program.id;
    const enrolments: string[] = [];
    for (const [firstName, latinName] of [['سعد', 'Saad Al-Harbi'], ['فيصل', 'Faisal Al-Harbi']] as const) {
      const { person, enrolment } = await attending(ok, programId, { firstName, latinName });
      people.push(person);
      enrolments.push(enrolment.id);
    }
    // Saad attended both sessions held; Faisal missed both without an excuse.
    for (const session of program.sessions.slice(0, 2)) {
      await ok('attendance.record', { sessionId: session.id, exceptions: [{ enrolmentId: enrolments[1], status: 'unexcused', note: null }] });
    }
    await ok('session.signOut', {});
    ({ browser, page, app } = await screensSignedIn(host, supervisor));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const openFile = (person: { id: string; fullName: string }) => openPersonFile(page, person);

  const openEnrolment = async (person: { id: string; fullName: string }) => {
    await openFile(person);
    const row = page.getByRole('region', { name: 'البرامج' }).getByRole('row').filter({ hasText: PROGRAM });
    await row.waitFor();
    await press(row);
    const dialog = page.getByRole('dialog', { name: new RegExp(PROGRAM) });
    await dialog.waitFor();
    return dialog;
  };

  it('lists the program’s sessions once, with whether each one’s attendance was taken, in Arabic and English', async () => {
    await page.evaluate((id) => {
      window.location.hash = `/programs/${id}`;
    }, programId);
    await page.getByRole('heading', { name: 'الجلسات (3)' }).waitFor();
    const lines = page.getByRole('table', { name: 'الجلسات', exact: true }).locator('tbody tr');
    await expect.poll(() => lines.count()).toBe(3);
    // One table of sessions on the page: none besides it names their place.
    expect(await page.getByRole('table').filter({ hasText: 'الورشة' }).count()).toBe(1);
    await expect.poll(() => lines.nth(0).textContent()).toContain('سُجّل 2، غاب 1');
    expect(await lines.nth(2).textContent()).toContain('لم يُسجَّل');
    await app.screenshot('program-sessions-ar', { withoutNotices: true });

    await app.switchLanguage('English');
    await page.getByRole('heading', { name: 'Sessions (3)' }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Sessions', exact: true }).locator('tbody tr').nth(1).textContent()).toContain('2 marked, 1 absent');
    await app.screenshot('program-sessions-en', { withoutNotices: true });
    await app.switchLanguage('العربية');
  });

  it('completes someone who met the rule from the keyboard and prints the certificate with the key that has the focus next', async () => {
    const dialog = await openEnrolment(people[0]!);
    await press(dialog.getByRole('button', { name: 'إتمام البرنامج' }));
    await expect.poll(() => focusedLabel(page)).toBe('ملاحظة');
    await page.keyboard.press('Control+Enter');
    const print = dialog.getByRole('button', { name: 'طباعة الشهادة' });
    await print.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('طباعة الشهادة');
    const saving = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const download = await saving;
    expect(download.suggestedFilename()).toMatch(/^شهادة-إتمام-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]\.pdf$/);
    verificationNumber = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z])\.pdf$/.exec(download.suggestedFilename())![1]!;
    const path = join(SHEETS, 'certificate.pdf');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of ['شهادة إتمام', ASSOCIATION_NAME, PROGRAM, people[0]!.fullName, 'رقم التحقق']) {
      expect(aLineHolds(text, words), words).toBe(true);
    }
    expect(plain(text)).toContain(verificationNumber);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:\s+842\.\d+ x 595\.\d+ pts \(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SHEETS, 'certificate')]);
    await app.screenshot('enrolment-certificate-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('refuses to complete someone who did not meet the rule until the supervisor writes why', async () => {
    const dialog = await openEnrolment(people[1]!);
    await press(dialog.getByRole('button', { name: 'إتمام البرنامج' }));
    // The rule and their figures are shown, and the reason has the cursor.
    await dialog.getByText('حضوره لا يستوفي قاعدة البرنامج للإتمام:').waitFor();
    expect(await dialog.textContent()).toContain('نسبة حضوره 0 ٪، وغيابه بغير عذر 2.');
    await expect.poll(() => focusedLabel(page)).toContain('سبب الإتمام مع ذلك');
    await page.keyboard.press('Control+Enter');
    await dialog.getByText('نسبة حضوره 0 ٪ مع 2 غياب بغير عذر').waitFor();
    await app.screenshot('enrolment-completion-refused-ar');
    await page.keyboard.type('غاب لظرف صحي موثق وأكمل الواجبات');
    await page.keyboard.press('Control+Enter');
    await dialog.getByRole('button', { name: 'طباعة الشهادة' }).waitFor();
    expect(await dialog.textContent()).toContain('غاب لظرف صحي موثق وأكمل الواجبات');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('verifies the certificate’s number from the catalog, typed as it is read out', async () => {
    await page.evaluate(() => {
      window.location.hash = '/programs';
    });
    await press(page.getByRole('button', { name: 'التحقق من شهادة' }));
    const dialog = page.getByRole('dialog', { name: 'التحقق من شهادة إتمام' });
    await dialog.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('رقم التحقق');
    await page.keyboard.type('0000 0000 1');
    await page.keyboard.press('Enter');
    await dialog.getByText('هذا ليس رقم تحقق: راجع حروفه وأرقامه على الشهادة.').waitFor();
    await page.getByRole('textbox', { name: 'رقم التحقق' }).fill('');
    await page.keyboard.type(verificationNumber.toLowerCase().replaceAll('-', ' '));
    await page.keyboard.press('Enter');
    await dialog.getByText('شهادة صحيحة').waitFor();
    expect(await dialog.textContent()).toContain(people[0]!.fullName);
    expect(await dialog.textContent()).toContain(verificationNumber);
    await app.screenshot('certificate-verified-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});
