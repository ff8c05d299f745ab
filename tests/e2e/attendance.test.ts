import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionAttendance } from '../../electron/api/attendance';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import { validFields } from '../support/database';
import { launchChromium } from './support/browser';
import { addAccount, newDataFolder, setUpWith, startHost, type RunningHost } from './support/host';
import { AppPage, QueueCards } from './support/pages';

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

  async function ok<T>(name: string, input: unknown): Promise<T> {
    const result = await host.call<T>(name, input);
    if (!result.ok) throw new Error(`${name} was refused: ${JSON.stringify(result.error)}`);
    return result.value as T;
  }

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    host = await startHost(join(newDataFolder(), 'wasl.db'));
    await setUpWith(host, admin);
    await addAccount(host, officer, 'officer');
    await ok('session.signIn', { username: admin.username, password: admin.password });
    const today = todayInRiyadh();
    const later = todayInRiyadh(new Date(Date.now() + 30 * 24 * 60 * 60 * 1000));
    const program = await ok<{ id: string }>('programs.save', {
      fields: {
        nameAr: PROGRAM, nameEn: 'Computer course for released prisoners', kind: 'training', description: 'مهارات الحاسب الأساسية', conditions: null,
        categories: [], gender: null, ageMin: null, ageMax: null, hasInterview: false, capacity: 10, minAttendancePercent: 80,
        maxUnexcusedAbsences: 3, followUpAfterAbsences: 1, offerDays: 3, startsOn: today, endsOn: later, place: 'مقر الجمعية',
      },
    });
    await ok('programs.addSessions', { programId: program.id, schedule: { kind: 'dates', dates: [today, later] }, startsAt: '00:00', endsAt: '23:00', place: 'القاعة الأولى' });
    const priced = await ok<{ rowVersion: number; sessions: Array<{ id: string }> }>('programs.publishFee', { programId: program.id, amount: 0, covers: 'المواد' });
    sessionId = priced.sessions[0]!.id;
    await ok('programs.setStatus', { id: program.id, expectedVersion: priced.rowVersion, status: 'open', reason: null });
    // The officer enrols them: an absence to follow up is the enrolling officer's.
    await ok('session.signOut', {});
    await ok('session.signIn', { username: officer.username, password: officer.password });
    for (const firstName of PEOPLE) {
      const person = await ok<{ id: string }>('beneficiaries.register', { fields: validFields({ firstName, fatherName: 'محمد', grandfatherName: 'علي', familyName: 'الحربي' }) });
      await ok('eligibility.record', { beneficiaryId: person.id, inScope: true, legalResident: true, receivesServices: true, outcome: 'eligible', reason: null });
      const applied = await ok<{ id: string }>('enrolments.apply', { programId: program.id, beneficiaryId: person.id, overrideReason: null });
      await ok('enrolments.accept', { id: applied.id });
      enrolments.push(applied.id);
    }
    await ok('session.signOut', {});
    browser = await launchChromium();
    page = browser.pages()[0] ?? (await browser.newPage());
    app = new AppPage(page);
    await app.open(host.url, officer);
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
