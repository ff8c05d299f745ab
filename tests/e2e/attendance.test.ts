import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionAttendance } from '../../electron/api/attendance';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import { applyTo, courseFields, eligiblePerson, openProgram, type ProgramCall } from '../support/programs';
import type { RunningHost } from './support/host';
import { QueueCards, type AppPage } from './support/pages';
import { callsOf, deskWithStaff, screensSignedIn } from './support/programs';

/**
 * A trainer takes a session's attendance from the keyboard, in Arabic: the roster opens on today's
 * session with the first person in focus, L and U mark the exceptions and move on, N writes a note,
 * W records a warning in its own dialog, and Ctrl+Enter saves the whole class at once.
 */

const admin = { username: 'manager', password: 'the board meets on thursday', displayName: 'سارة الملحم' };
const officer = { username: 'fahad', password: 'my own officer password', displayName: 'فهد الدوسري' };
const PROGRAM = 'دورة الحاسب للمفرج عنهم';
/** Registered with these first names; the roster lists them in the order of their names. */
const PEOPLE = ['أحمد', 'بدر', 'خالد'];

describe('taking a session’s attendance from the keyboard', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let sessionId = '';
  const enrolments: string[] = [];

  let ok: ProgramCall;

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await deskWithStaff(admin, [[officer, 'officer']]);
    ok = callsOf(host);
    const today = todayInRiyadh();
    const later = todayInRiyadh(new Date(Date.now() + 30 * 24 * 60 * 60 * 1000));
    const fields = courseFields({
      nameAr: PROGRAM,
      nameEn: 'Computer course for released prisoners',
      followUpAfterAbsences: 1,
      startsOn: today,
      endsOn: later,
    });
    const program = await openProgram(ok, fields, { amount: 0, covers: 'المواد' }, { dates: [today, later], startsAt: '00:00', endsAt: '23:00', place: 'القاعة الأولى' });
    sessionId = program.sessions[0]!.id;
    // The officer enrols them: an absence to follow up is the enrolling officer's.
    await ok('session.signOut', {});
    await ok('session.signIn', { username: officer.username, password: officer.password });
    for (const firstName of PEOPLE) {
      const person = await eligiblePerson(ok, { firstName, fatherName: 'محمد', grandfatherName: 'علي', familyName: 'الحربي' });
      const applied = await applyTo(ok, program.id, person.id);
      await ok('enrolments.accept', { id: applied.id });
      enrolments.push(applied.id);
    }
    await ok('session.signOut', {});
    ({ browser, page, app } = await screensSignedIn(host, officer));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('marks the exceptions, a note and a warning, and saves the class with Ctrl+Enter', async () => {
    await page.keyboard.press('Alt+G');
    await page.getByRole('button', { name: PROGRAM }).click();
    await page.getByRole('heading', { name: PROGRAM }).waitFor();
    await page.getByRole('button', { name: 'تسجيل الحضور', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'تسجيل الحضور' });
    const roster = dialog.getByRole('table', { name: 'كشف الحضور' });
    await roster.waitFor();
    const lines = roster.locator('tbody tr');
    await expect.poll(() => lines.count()).toBe(3);
    // The first person is in focus, everyone present until marked.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^أحمد .*: حاضر$/);

    await page.keyboard.press('KeyL'); // أحمد late, on to بدر
    await page.keyboard.press('KeyU'); // بدر absent without excuse, on to خالد
    await page.keyboard.press('ArrowUp'); // back to بدر for a note
    await page.keyboard.press('KeyN');
    await page.keyboard.type('لم يرد على الهاتف');
    await page.keyboard.press('Enter'); // on to خالد
    await page.keyboard.press('KeyW');
    const note = page.getByRole('dialog', { name: 'ملاحظة انضباط' });
    await note.getByRole('textbox', { name: 'ما حدث' }).waitFor();
    await page.keyboard.type('استخدم الجوال أثناء الجلسة بعد التنبيه');
    await page.keyboard.press('Control+Enter');
    await note.waitFor({ state: 'hidden' });
    await expect.poll(() => lines.nth(2).textContent()).toContain('إنذار واحد');
    // Back on خالد's line, the marks typed before the warning are kept.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^خالد .*: حاضر$/);
    expect(await lines.nth(0).getAttribute('aria-label')).toMatch(/: متأخر$/);
    expect(await lines.nth(1).getAttribute('aria-label')).toMatch(/: غائب بغير عذر$/);
    await app.screenshot('attendance-ar');

    await page.keyboard.press('Control+Enter');
    await dialog.waitFor({ state: 'hidden' });
    await ok('session.signIn', { username: officer.username, password: officer.password });
    const taken = await ok<SessionAttendance>('attendance.session', { sessionId });
    expect(taken.lines.map((line) => [line.beneficiary.fullName.split(' ')[0], line.status, line.note, line.warnings])).toEqual([
      ['أحمد', 'late', null, 0],
      ['بدر', 'unexcused', 'لم يرد على الهاتف', 0],
      ['خالد', 'present', null, 1],
    ]);
    // The sessions' table says how many were marked and absent.
    const sessions = page.getByRole('table', { name: 'الجلسات', exact: true });
    await expect.poll(() => sessions.locator('tbody tr').first().textContent()).toContain('3');
  });

  it('puts the unexcused absence on the officer’s follow-up queue', async () => {
    await page.keyboard.press('Alt+H');
    const cards = new QueueCards(page);
    await expect.poll(() => cards.count('غياب يحتاج متابعة')).toBe(1);
    const list = await cards.open('غياب يحتاج متابعة');
    await expect.poll(() => list.textContent()).toContain('بدر محمد علي الحربي');
    expect(await list.textContent()).toContain(PROGRAM);
    await list.scrollIntoViewIfNeeded();
    await page.waitForTimeout(250);
    await page.screenshot({ path: 'test-results/screenshots/attendance-follow-up-ar.png' });
  });

  it('shows the warning on the person’s timeline', async () => {
    const search = app.search();
    await search.openWithShortcut();
    await search.type('خالد محمد علي الحربي');
    await search.openHighlighted();
    const warning = page.getByText('استخدم الجوال أثناء الجلسة بعد التنبيه');
    await warning.waitFor();
    await warning.scrollIntoViewIfNeeded();
    await page.waitForTimeout(250);
    await page.screenshot({ path: 'test-results/screenshots/attendance-timeline-ar.png' });
    await page.keyboard.press('Alt+G');
    await page.getByRole('button', { name: PROGRAM }).click();
    await page.getByRole('heading', { name: PROGRAM }).waitFor();
  });

  it('reads the same in English, left to right', async () => {
    await app.switchLanguage('English');
    await page.getByRole('button', { name: 'Take attendance', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Take attendance' });
    await dialog.getByRole('table', { name: 'Roster' }).waitFor();
    await expect.poll(() => dialog.textContent()).toContain('Taken before: saving corrects it');
    await app.screenshot('attendance-en');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await app.switchLanguage('العربية');
  });
});
