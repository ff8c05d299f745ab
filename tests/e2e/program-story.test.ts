import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramRoster } from '../../electron/api/enrolments';
import type { EnrolmentFees } from '../../electron/api/program-fees';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import { aLineHolds, plain } from '../support/pdf-text';
import { eligiblePerson, type ProgramCall } from '../support/programs';
import { ASSOCIATION_NAME, type RunningHost } from './support/host';
import { chooseOption, focusedLabel, goTo, press, QueueCards, RegisterForm, tabTo, type AppPage } from './support/pages';
import { callsOf, deskWithStaff, screensSignedIn, switchAccount } from './support/programs';

/**
 * A program's whole story, in Arabic and from the keyboard, as the people of the association live it:
 * the supervisor builds a course of two places with an interview and three sessions, publishes its
 * fee and opens registration; an officer enrols a released prisoner from his file, interviews and
 * accepts him, and asks for a partial waiver of the fee; the course fills, the next applicant is
 * waitlisted, someone withdraws and the first on the list is offered the place and takes it; the
 * three sessions' attendance is entered, one man's absences put him on the officer's follow-up queue
 * and the officer logs the call from there; the supervisor approves the waiver, completes the course
 * for the man who met the rule and prints his certificate; the weekly report shows the program.
 * Only what the story does not tell (the people registered, the other applicants' own interviews) is
 * set up through the api.
 */

const SHEETS = '/tmp/shots-program-story';
const admin = { username: 'manager', password: 'the association opens at eight', displayName: 'سارة الملحم' };
const officer = { username: 'khalid', password: 'the front desk by the door', displayName: 'خالد العمر' };
const supervisor = { username: 'noura', password: 'the supervisor decides fairly', displayName: 'نورة السبيعي' };
const PROGRAM = 'دورة صيانة الجوالات';
const DAY_MS = 24 * 60 * 60 * 1000;
const dayFromToday = (days: number) => todayInRiyadh(new Date(Date.now() + days * DAY_MS));
/** The three sessions, entered from sign-in sheets after they were held. */
const SESSION_DAYS = [-3, -2, -1].map(dayFromToday);

interface Person {
  id: string;
  fullName: string;
  fileNumber: string;
}

describe('a program’s story, from its fee to its certificate and the weekly report', () => {
  let host: RunningHost;
  let browser: BrowserContext;
  let page: Page;
  let app: AppPage;
  let programId = '';
  /** Majed is enrolled on screen; Salman takes the second place; Yaser comes third. */
  let majed: Person;
  let salman: Person;
  let yaser: Person;

  let call: ProgramCall;

  const register = (firstName: string): Promise<Person> =>
    eligiblePerson(call, { firstName, familyName: 'الدوسري', category: 'released_prisoner', prisonerStatus: 'released' });

  beforeAll(async () => {
    mkdirSync('test-results/screenshots', { recursive: true });
    mkdirSync(SHEETS, { recursive: true });
    host = await deskWithStaff(admin, [
      [officer, 'officer'],
      [supervisor, 'supervisor'],
    ]);
    call = callsOf(host);
    majed = await register('ماجد');
    salman = await register('سلمان');
    yaser = await register('ياسر');
    await call('session.signOut', {});

    ({ browser, page, app } = await screensSignedIn(host, supervisor));
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const switchTo = (account: { username: string; password: string }) => switchAccount(page, account);

  /** The person's file, found with the search box (Ctrl+K) as the officer finds it mid-conversation. */
  const openFile = async (person: Person) => {
    const search = app.search();
    await page.keyboard.press('Control+k');
    // The box takes the focus as the overlay opens, after whatever dialog just closed gave its own back.
    await expect.poll(() => search.box.evaluate((element) => element === document.activeElement)).toBe(true);
    await search.type(person.fullName);
    await expect.poll(() => search.results.first().textContent()).toContain(person.fullName);
    await search.openHighlighted();
    await page.getByRole('heading', { name: person.fullName, level: 2 }).waitFor();
  };

  /** The enrolment's dialog, opened from the programs on the person's file. */
  const openEnrolmentFromFile = async (person: Person): Promise<Locator> => {
    await openFile(person);
    const row = page.getByRole('region', { name: 'البرامج' }).getByRole('row').filter({ hasText: PROGRAM });
    await row.waitFor();
    await press(row);
    const dialog = page.getByRole('dialog', { name: new RegExp(PROGRAM) });
    await dialog.waitFor();
    return dialog;
  };

  const openProgram = async () => {
    await page.keyboard.press('Alt+G');
    await page.getByRole('heading', { name: 'البرامج', level: 2 }).waitFor();
    await press(page.getByRole('button', { name: PROGRAM }));
    await page.getByRole('heading', { name: PROGRAM, level: 2 }).waitFor();
  };

  const roster = () => page.getByRole('region', { name: 'المسجلون' });

  /** Opens someone's enrolment from a table of the program's roster ("المسجلون" or "قائمة الانتظار"). */
  const openFromRoster = async (table: string, person: Person): Promise<Locator> => {
    const row = roster().getByRole('table', { name: table, exact: true }).getByRole('row').filter({ hasText: person.fullName });
    await row.waitFor();
    await press(row);
    const dialog = page.getByRole('dialog', { name: new RegExp(person.fullName) });
    await dialog.waitFor();
    return dialog;
  };

  /** Presses one of the enrolment's moves, and saves its small form with Ctrl+Enter after `fill`. */
  const makeMove = async (dialog: Locator, move: string, fill: () => Promise<void> = async () => {}) => {
    await press(dialog.getByRole('button', { name: move, exact: true }));
    // The move's small form, with its own way back.
    const cancel = dialog.getByRole('button', { name: 'إلغاء', exact: true });
    await cancel.waitFor();
    await fill();
    await page.keyboard.press('Control+Enter');
    // Saved, the form gives way to the enrolment's next moves.
    await cancel.waitFor({ state: 'detached' });
  };

  it('the supervisor builds the course: two places, an interview, three sessions, a published fee, registration open', async () => {
    await page.keyboard.press('Alt+G');
    await page.getByRole('heading', { name: 'البرامج', level: 2 }).waitFor();
    await press(page.getByRole('button', { name: 'برنامج جديد' }));
    const editor = page.getByRole('dialog', { name: 'برنامج جديد' });
    await editor.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('الاسم بالعربية');
    await page.keyboard.type(PROGRAM);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mobile phone repair');
    await tabTo(page, 'المكان');
    await page.keyboard.type('ورشة الجمعية بالهفوف');
    await tabTo(page, 'الوصف');
    await page.keyboard.type('إصلاح الأعطال الشائعة في الجوالات وتبديل الشاشات والبطاريات.');
    await tabTo(page, 'الشروط (تظهر للمستفيد وتُطبع)');
    await page.keyboard.type('حضور المقابلة الشخصية والالتزام بمواعيد الجلسات.');
    await tabTo(page, 'مفرج عنه');
    await page.keyboard.press('Space');
    await tabTo(page, 'المقاعد');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('2');
    await tabTo(page, 'يبدأ في');
    await page.keyboard.type(dayFromToday(-3));
    await tabTo(page, 'ينتهي في');
    await page.keyboard.type(dayFromToday(30));
    await tabTo(page, 'يتطلب مقابلة شخصية');
    await page.keyboard.press('Space');
    await app.screenshot('story-program-editor-ar');
    await page.keyboard.press('Control+Enter');
    await editor.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: PROGRAM, level: 2 }).waitFor();
    programId = new URL(page.url()).hash.replace('#/programs/', '');
    expect(programId).toMatch(/^[\w-]+$/);

    // Three single dates, each typed and added with Enter, at the same hours.
    await press(page.getByRole('button', { name: 'إضافة جلسات' }));
    const sessions = page.getByRole('dialog', { name: 'إضافة جلسات' });
    await sessions.waitFor();
    await sessions.getByLabel('تواريخ محددة').focus();
    await page.keyboard.press('Space');
    await tabTo(page, 'التاريخ');
    for (const [index, date] of SESSION_DAYS.entries()) {
      // The date added, its field is emptied for the next one: typed only once it is.
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('');
      await page.keyboard.type(date);
      await page.keyboard.press('Enter');
      await expect.poll(() => sessions.getByRole('button', { name: 'حذف التاريخ' }).count()).toBe(index + 1);
    }
    await tabTo(page, 'من الساعة (24 ساعة)');
    await page.keyboard.type('16:00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('18:00');
    await page.keyboard.press('Control+Enter');
    await sessions.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'الجلسات (3)' }).waitFor();

    await press(page.getByRole('button', { name: 'إعلان الرسوم' }));
    const fee = page.getByRole('dialog', { name: 'إعلان الرسوم' });
    await fee.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('المبلغ بالريال (0 = مجاني)');
    await page.keyboard.type('150');
    await page.keyboard.press('Tab');
    await page.keyboard.type('العدّة والقطع والشهادة');
    await page.keyboard.press('Control+Enter');
    await fee.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('table', { name: 'الرسوم المعلنة' }).textContent()).toContain('150.00 ريال');

    await press(page.getByRole('button', { name: 'فتح التسجيل' }));
    const opening = page.getByRole('dialog', { name: 'فتح التسجيل' });
    await opening.waitFor();
    await page.keyboard.press('Control+Enter');
    await opening.waitFor({ state: 'hidden' });
    await page.getByText('مفتوح للتسجيل', { exact: true }).first().waitFor();
    await app.screenshot('story-program-open-ar', { withoutNotices: true });
  });

  it('an officer enrols a released prisoner from his file with P; the interview is scheduled and passed; he is accepted', async () => {
    await switchTo(officer);
    await openFile(majed);
    await page.keyboard.press('p');
    const picker = page.getByRole('dialog', { name: 'تسجيل في برنامج' });
    await picker.waitFor();
    // The programs open for him are in the list (read when the picker opened); a few letters of the
    // name narrow it, and the arrow goes down it until the program is lit.
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: new RegExp(PROGRAM) }).waitFor();
    await chooseOption(page, /البرنامج/, new RegExp(PROGRAM), 'جوال');
    await expect.poll(() => picker.getByRole('combobox').inputValue()).toContain(PROGRAM);
    expect(await picker.getByRole('combobox').inputValue()).toContain('يتطلب مقابلة');
    await page.keyboard.press('Control+Enter');
    await picker.waitFor({ state: 'hidden' });

    const row = page.getByRole('region', { name: 'البرامج' }).getByRole('row').filter({ hasText: PROGRAM });
    await expect.poll(() => row.textContent()).toContain('قدّم طلبًا');
    await press(row);
    const dialog = page.getByRole('dialog', { name: new RegExp(PROGRAM) });
    await makeMove(dialog, 'تحديد موعد المقابلة', async () => {
      // The date is today unless changed: the interviewer has the cursor.
      await expect.poll(() => focusedLabel(page)).toBe('من يجري المقابلة');
      await chooseOption(page, 'من يجري المقابلة', officer.displayName);
    });
    await dialog.getByText('حُدّد موعد المقابلة', { exact: true }).first().waitFor();
    await makeMove(dialog, 'تسجيل نتيجة المقابلة', async () => {
      await expect.poll(() => focusedLabel(page)).toContain('النتيجة');
      await chooseOption(page, /النتيجة/, /^اجتاز/);
      await page.keyboard.press('Tab');
      await page.keyboard.type('يعرف أساسيات الإلكترونيات وجادّ في البحث عن عمل');
    });
    await dialog.getByText('اجتاز المقابلة', { exact: true }).first().waitFor();
    await makeMove(dialog, 'قبول', async () => {
      await expect.poll(() => focusedLabel(page)).toBe('ملاحظة');
    });
    await dialog.getByRole('button', { name: 'بدء الحضور' }).waitFor();
    expect(await dialog.textContent()).toContain(officer.displayName);
    await app.screenshot('story-enrolment-accepted-ar');
  });

  it('the officer asks for a partial waiver of the fee from the enrolment’s fees card', async () => {
    const dialog = page.getByRole('dialog', { name: new RegExp(PROGRAM) });
    const fees = dialog.getByRole('region', { name: 'الرسوم' });
    await expect.poll(() => fees.textContent()).toContain('150.00');
    await press(fees.getByRole('button', { name: 'طلب إعفاء' }));
    const request = page.getByRole('dialog', { name: 'طلب إعفاء من الرسوم' });
    await expect.poll(() => focusedLabel(page)).toBe('المبلغ المعفى (ريال)');
    await page.keyboard.type('50');
    await page.keyboard.press('Tab');
    await page.keyboard.type('خرج حديثًا ولا دخل له حتى الآن');
    await page.keyboard.press('Control+Enter');
    await request.waitFor({ state: 'hidden' });
    await expect.poll(() => fees.textContent()).toContain('بانتظار المشرف');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the course fills, the next applicant is waitlisted, a place frees and the first on the list is offered it', async () => {
    // Salman's and Yaser's applications and interviews happened at the desk like Majed's.
    await call('session.signIn', { username: officer.username, password: officer.password });
    const staff = await call<Array<{ id: string; displayName: string }>>('complaints.staffOptions', {});
    const interviewerId = staff.find((account) => account.displayName === officer.displayName)!.id;
    const interviewed = async (person: Person) => {
      const applied = await call<{ id: string }>('enrolments.apply', { programId, beneficiaryId: person.id, overrideReason: null });
      await call('enrolments.scheduleInterview', { id: applied.id, interviewOn: todayInRiyadh(), interviewerId });
      await call('enrolments.recordInterview', { id: applied.id, result: 'passed', notes: null });
      return applied.id;
    };
    await call('enrolments.accept', { id: await interviewed(salman) });
    await interviewed(yaser);

    await openProgram();
    await expect.poll(() => roster().textContent()).toContain('المقاعد: 2 من 2');
    // Full: Yaser is offered the waitlist, not acceptance.
    const third = await openFromRoster('المسجلون', yaser);
    await third.getByRole('button', { name: 'إلى قائمة الانتظار', exact: true }).waitFor();
    expect(await third.getByRole('button', { name: 'قبول', exact: true }).count()).toBe(0);
    await makeMove(third, 'إلى قائمة الانتظار');
    await third.getByText('في قائمة الانتظار', { exact: true }).first().waitFor();
    await page.keyboard.press('Escape');
    await third.waitFor({ state: 'hidden' });
    const waitlist = roster().getByRole('table', { name: 'قائمة الانتظار', exact: true });
    await expect.poll(() => waitlist.textContent()).toContain(yaser.fullName);
    await app.screenshot('story-waitlist-ar', { withoutNotices: true });

    const leaving = await openFromRoster('المسجلون', salman);
    await makeMove(leaving, 'انسحاب', async () => {
      await expect.poll(() => focusedLabel(page)).toBe('السبب');
      await page.keyboard.type('حصل على عمل في الدمام');
    });
    await leaving.getByText('انسحب', { exact: true }).first().waitFor();
    await page.keyboard.press('Escape');
    await leaving.waitFor({ state: 'hidden' });

    // The freed place is offered to the first on the list, for the program's three days.
    await call('session.signIn', { username: officer.username, password: officer.password });
    await expect
      .poll(async () => (await call<ProgramRoster>('enrolments.roster', { programId })).waitlist.map((entry) => [entry.beneficiary.fullName, entry.offerExpiresOn]))
      .toEqual([[yaser.fullName, dayFromToday(3)]]);
    await expect.poll(() => roster().textContent()).toContain('ومعروض من قائمة الانتظار 1');
    await app.screenshot('story-offer-ar', { withoutNotices: true });
    const offered = await openFromRoster('قائمة الانتظار', yaser);
    await makeMove(offered, 'قبول');
    await offered.getByRole('button', { name: 'بدء الحضور' }).waitFor();
    await page.keyboard.press('Escape');
    await offered.waitFor({ state: 'hidden' });
    await expect.poll(() => roster().textContent()).toContain('المقاعد: 2 من 2، ومعروض من قائمة الانتظار 0');
    await expect.poll(() => roster().textContent()).toContain('قائمة الانتظار فارغة.');
  });

  it('attendance is entered for the three sessions: the class present with one key, the exceptions typed', async () => {
    const lines = page.getByRole('table', { name: 'الجلسات', exact: true }).locator('tbody tr');
    for (const [index, yaserStatus] of (['present', 'unexcused', 'unexcused'] as const).entries()) {
      await press(page.getByRole('button', { name: `تسجيل حضور الجلسة ${index + 1}` }));
      const dialog = page.getByRole('dialog', { name: 'تسجيل الحضور' });
      const people = dialog.getByRole('table', { name: 'كشف الحضور' }).locator('tbody tr');
      await expect.poll(() => people.count()).toBe(2);
      // In the order of the names: Majed, then Yaser; the first has the focus.
      expect(await people.nth(0).getAttribute('aria-label')).toMatch(/^ماجد /);
      expect(await people.nth(1).getAttribute('aria-label')).toMatch(/^ياسر /);
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^ماجد .*: حاضر$/);
      await page.keyboard.press('KeyA');
      if (yaserStatus === 'unexcused') {
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('KeyU');
        await expect.poll(() => people.nth(1).getAttribute('aria-label')).toMatch(/: غائب بغير عذر$/);
      }
      if (index === 2) await app.screenshot('story-attendance-ar');
      await page.keyboard.press('Control+Enter');
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => lines.nth(index).textContent()).toContain(`سُجّل 2، غاب ${yaserStatus === 'unexcused' ? 1 : 0}`);
    }
    await app.screenshot('story-sessions-ar', { withoutNotices: true });
  });

  it('Yaser’s absences put him on the officer’s follow-up queue, and the officer logs the call from there', async () => {
    await page.keyboard.press('Alt+H');
    const cards = new QueueCards(page);
    const title = 'غياب يحتاج متابعة';
    await expect.poll(() => cards.count(title)).toBe(1);
    const list = await cards.open(title);
    await expect.poll(() => list.textContent()).toContain(yaser.fullName);
    expect(await list.textContent()).toContain(PROGRAM);
    await list.scrollIntoViewIfNeeded();
    await page.waitForTimeout(250);
    await page.screenshot({ path: 'test-results/screenshots/story-follow-up-ar.png' });

    await press(list.getByRole('link', { name: yaser.fullName }));
    await page.getByRole('heading', { name: yaser.fullName, level: 2 }).waitFor();
    await page.keyboard.press('c');
    const contact = page.getByRole('dialog', { name: `تسجيل تواصل مع ${yaser.fullName}` });
    await contact.waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('ملخص التواصل');
    await page.keyboard.type('اتصلت به عن غيابه جلستين: كان مريضًا وسيعود في الجلسة القادمة.');
    // The officer rang him: by phone, outgoing, to follow up.
    const choices = new RegisterForm(page);
    await choices.choose('مقابلة شخصية', 'هاتف');
    await choices.choose('وارد', 'صادر');
    await chooseOption(page, 'الغرض', 'متابعة');
    await app.screenshot('story-follow-up-call-ar');
    await page.keyboard.press('Control+Enter');
    await contact.waitFor({ state: 'hidden' });

    // The call logged, he leaves the queue.
    await page.keyboard.press('Alt+H');
    await expect.poll(() => cards.count(title)).toBe(0);
  });

  it('the supervisor approves the partial waiver from their queue', async () => {
    await switchTo(supervisor);
    await page.keyboard.press('Alt+H');
    const cards = new QueueCards(page);
    const title = 'طلبات إعفاء من الرسوم بانتظار قرارك';
    await expect.poll(() => cards.count(title)).toBe(1);
    const list = await cards.open(title);
    await expect.poll(() => list.textContent()).toContain(majed.fullName);
    expect(await list.textContent()).toContain('إعفاء جزئي بمبلغ 50.00 ريال من 150.00 ريال');
    await press(list.getByRole('button', { name: 'البت في الطلب' }));
    const decision = page.getByRole('dialog', { name: 'البت في طلب الإعفاء' });
    await expect.poll(() => decision.textContent()).toContain('خرج حديثًا ولا دخل له حتى الآن');
    await expect.poll(() => focusedLabel(page)).toBe('ملاحظة القرار');
    await page.keyboard.type('يستحق الإعفاء الجزئي');
    await app.screenshot('story-waiver-decision-ar');
    await page.keyboard.press('Control+Enter');
    await decision.waitFor({ state: 'hidden' });
    await expect.poll(() => cards.count(title)).toBe(0);
  });

  it('the course completes for Majed under the rule, and his certificate prints with his name and its verification number', async () => {
    const dialog = await openEnrolmentFromFile(majed);
    const fees = dialog.getByRole('region', { name: 'الرسوم' });
    await expect.poll(() => fees.textContent()).toContain('موافق عليه');
    expect(await fees.textContent()).toContain('100.00');
    await makeMove(dialog, 'بدء الحضور');
    // Three sessions of three attended: the rule is met, and no reason is asked for.
    await makeMove(dialog, 'إتمام البرنامج', async () => {
      await expect.poll(() => focusedLabel(page)).toBe('ملاحظة');
      expect(await dialog.getByText('حضوره لا يستوفي قاعدة البرنامج للإتمام:').count()).toBe(0);
    });
    const print = dialog.getByRole('button', { name: 'طباعة الشهادة' });
    await print.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toBe('طباعة الشهادة');
    const saving = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    const download = await saving;
    const verificationNumber = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z])\.pdf$/.exec(download.suggestedFilename())?.[1] ?? '';
    expect(verificationNumber).not.toBe('');
    const path = join(SHEETS, 'certificate.pdf');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of ['شهادة إتمام', ASSOCIATION_NAME, PROGRAM, majed.fullName, 'رقم التحقق']) {
      expect(aLineHolds(text, words), words).toBe(true);
    }
    expect(plain(text)).toContain(verificationNumber);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(SHEETS, 'certificate')]);
    await app.screenshot('story-completed-ar');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await call('session.signIn', { username: supervisor.username, password: supervisor.password });
    const [enrolment] = await call<Array<{ id: string }>>('enrolments.ofPerson', { beneficiaryId: majed.id });
    expect(await call<EnrolmentFees>('programFees.ofEnrolment', { enrolmentId: enrolment!.id })).toMatchObject({ waived: 5_000, paid: 0, balance: 10_000 });
  });

  it('the weekly report’s programs section shows this program’s figures', async () => {
    await goTo(page, 'التقارير', 'التقرير الأسبوعي');
    await page.keyboard.press('Alt+KeyT');
    await expect.poll(() => page.getByRole('button', { name: /هذا الأسبوع حتى اليوم/ }).getAttribute('aria-pressed')).toBe('true');
    const section = page.locator('section[aria-labelledby="report-programs"]');
    await section.getByRole('heading', { name: 'البرامج والأنشطة', exact: true }).waitFor();
    const cell = async (table: string, column: number) =>
      ((await section.getByRole('table', { name: table }).getByRole('row', { name: new RegExp(`^${PROGRAM}`) }).getByRole('cell').nth(column).textContent()) ?? '')
        .replace(/[\u200e\u200f\u2066-\u2069]/g, '')
        .trim();
    // This week, then the week before in brackets: three applied, three accepted (Yaser from the
    // waitlist), none waiting at the end, one completed.
    await expect.poll(() => cell('التسجيل حسب البرنامج', 1)).toBe('3(0)');
    expect(await cell('التسجيل حسب البرنامج', 2)).toBe('3(0)');
    expect(await cell('التسجيل حسب البرنامج', 3)).toBe('0(0)');
    expect(await cell('التسجيل حسب البرنامج', 5)).toBe('1(0)');
    // One fee announced this week, nothing collected yet, 50 riyals waived.
    expect(await cell('الرسوم حسب البرنامج', 1)).toBe('1(0)');
    expect(await cell('الرسوم حسب البرنامج', 3)).toBe('50.00(0.00)');
    expect(await cell('الحضور حسب البرنامج', 3)).toContain('يُستوفى الإكمال بنسبة حضور لا تقل عن 80٪');
    await section.scrollIntoViewIfNeeded();
    await page.waitForTimeout(250);
    // The fixed header and the passing notices would be drawn over the section's middle.
    await section.screenshot({
      path: 'test-results/screenshots/story-report-programs-ar.png',
      style: 'header, .mantine-Notifications-root { visibility: hidden; }',
    });
  });
});
