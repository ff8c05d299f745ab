// The report's programs section, from programs, enrolments, attendance, fees, waivers and payments
// made through the real call path on an encrypted database, over a month and the month before:
// every figure counted exactly, per program and in total, the fairness figures by category, gender
// and district, the waitlist's manual reordering, the rule each rate was read by, every statement
// through an index, and the section on the printed report (Arabic and English) and in its workbook
// and CSV lines.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { District } from '../../electron/api/app';
import type { BeneficiaryDetail, BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import type { EnrolmentDetail } from '../../electron/api/enrolments';
import type { ExportFile, ExportJob } from '../../electron/api/exports';
import type { EnrolmentFees } from '../../electron/api/program-fees';
import type { ProgramDetail, ProgramFields } from '../../electron/api/programs';
import type { ProgramCounts, ReportFigures } from '../../electron/api/reports';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { attendanceCountsInProgram } from '../../electron/services/attendance/rate';
import { newId } from '../../electron/services/ids';
import { reportLanguage } from '../../electron/services/reports/document';
import { periodOf, programsSection, reportFigures } from '../../electron/services/reports/figures';
import { programAttendanceIn } from '../../electron/services/reports/program-queries';
import { reportPdf } from '../../electron/services/reports/pdf';
import { figureLines, reportTables } from '../../electron/services/reports/tables';
import arAttendance from '../../locales/ar/attendance.json';
import arDocument from '../../locales/ar/report-document.json';
import arReports from '../../locales/ar/reports.json';
import enReports from '../../locales/en/reports.json';
import { expectOk, openTestWaslWithStaff, tempDir, type StaffedTestWasl } from '../support/database';
import { aLineHolds, plain } from '../support/pdf-text';
import { applyTo, courseFields, eligiblePerson as eligiblePersonThrough, openProgram as openProgramThrough } from '../support/programs';
import { indexesIn, queryPlan, recordingDatabase } from '../support/query-log';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Riyadh wall-clock time. */
const riyadh = (dateTime: string) => new Date(`${dateTime}:00+03:00`);
const FEBRUARY = { from: '2026-02-01', to: '2026-02-28' };
/** The report is read after the month, on 5 March. */
const NOW = riyadh('2026-03-05T10:00');

let clockAt = riyadh('2026-01-25T09:00');
let app: StaffedTestWasl<'officer' | 'supervisor'>;
let signedIn: 'officer' | 'supervisor' | 'administrator' = 'administrator';
let computer: ProgramDetail;
let family: ProgramDetail;
let districts: District[];

/** Calls as whoever is signed in; the desk locks itself while days pass, and is unlocked as the officer would. */
async function call<T>(name: string, input: unknown): Promise<T> {
  let result = await app.dispatch(name, input);
  if (!result.ok && result.error.code === 'locked') {
    expectOk(await app.dispatch('session.unlock', { password: app.accounts[signedIn].password }));
    result = await app.dispatch(name, input);
  }
  return expectOk<T>(result);
}

async function as(name: typeof signedIn, at?: string): Promise<void> {
  if (at !== undefined) clockAt = riyadh(at);
  signedIn = name;
  await app.signIn(name);
}

/** A program with its sessions, its fee published and opened for applications, as the administrator. */
const openProgram = (fields: Partial<ProgramFields>, sessions: string[], feeHalalas: number): Promise<ProgramDetail> =>
  openProgramThrough(call, courseFields({ capacity: 2, startsOn: '2026-02-01', endsOn: '2026-03-31', ...fields }), { amount: feeHalalas, covers: 'المواد والتدريب' }, { dates: sessions, startsAt: '09:00', endsAt: '11:00', place: 'القاعة الأولى' });

/** A registered person found eligible. */
const eligiblePerson = (overrides: Partial<BeneficiaryFieldsInput>): Promise<BeneficiaryDetail> => eligiblePersonThrough(call, overrides);

const apply = (program: ProgramDetail, person: BeneficiaryDetail): Promise<EnrolmentDetail> => applyTo(call, program.id, person.id);
const sessionOn = (program: ProgramDetail, date: string) => program.sessions.find((session) => session.date === date)!.id;

const NO_COUNTS: ProgramCounts = {
  applications: 0,
  acceptances: 0,
  waitlistAtEnd: 0,
  peopleActive: 0,
  sessionsHeld: 0,
  attended: 0,
  unexcused: 0,
  attendanceRate: null,
  completions: 0,
  dismissals: 0,
  feesAnnounced: 0,
  collected: 0,
  waived: 0,
};

beforeAll(async () => {
  app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' }, { clock: () => new Date(clockAt) });
  districts = expectOk<District[]>(await app.dispatch('lookups.districts', {}));
  const hofuf = districts.find((district) => district.code === 'hofuf')!.id;
  const mubarraz = districts.find((district) => district.code === 'mubarraz')!.id;

  // January (the month before): the computer course is made, priced at 150 riyals and opened; one person applies.
  await as('administrator', '2026-01-25T09:00');
  computer = await openProgram({}, ['2026-02-03', '2026-02-10', '2026-02-17', '2026-03-03'], 15_000);
  await as('officer');
  const ali = await eligiblePerson({ firstName: 'علي', category: 'released_prisoner', prisonerStatus: 'released', gender: 'male', districtId: hofuf });
  const aliEnrolment = await apply(computer, ali);

  // 1 February: the family program opens, free; applications to both.
  await as('administrator', '2026-02-01T09:00');
  family = await openProgram({ nameAr: 'برنامج الدعم الأسري', nameEn: 'Family support', kind: 'family_support', capacity: 10, minAttendancePercent: 75, maxUnexcusedAbsences: null }, [], 0);
  await as('officer', '2026-02-01T10:00');
  const wife = { category: 'family_member', prisonerRelation: 'wife', prisonerName: 'محمد عبدالله الحربي', prisonerFacility: 'إصلاحية الأحساء', gender: 'female' } as const;
  const noura = await eligiblePerson({ firstName: 'نورة', ...wife, districtId: mubarraz });
  const saad = await eligiblePerson({ firstName: 'سعد', category: 'released_prisoner', prisonerStatus: 'released', gender: 'male', districtId: hofuf });
  const huda = await eligiblePerson({ firstName: 'هدى', category: 'prisoner', gender: 'female', districtId: null });
  const mona = await eligiblePerson({ firstName: 'منى', ...wife, districtId: mubarraz });
  const fahd = await eligiblePerson({ firstName: 'فهد', category: 'released_prisoner', prisonerStatus: 'released', gender: 'male', districtId: hofuf });
  const nouraEnrolment = await apply(computer, noura);
  const saadEnrolment = await apply(computer, saad);
  const hudaEnrolment = await apply(computer, huda);
  const monaEnrolment = await apply(family, mona);
  await apply(family, fahd);

  // Two places: Ali and Noura are accepted and start; Saad, then Huda, wait; Mona is declined.
  await call('enrolments.accept', { id: aliEnrolment.id });
  await call('enrolments.accept', { id: nouraEnrolment.id });
  await call('enrolments.waitlist', { id: saadEnrolment.id });
  await call('enrolments.waitlist', { id: hudaEnrolment.id });
  await call('enrolments.decline', { id: monaEnrolment.id, reason: 'لا تنطبق عليها شروط البرنامج' });
  await call('enrolments.start', { id: aliEnrolment.id });
  await call('enrolments.start', { id: nouraEnrolment.id });

  // Money: Ali pays 100 riyals; a payment of Noura's recorded by mistake is voided; her partial waiver of 50 is approved.
  await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: aliEnrolment.id, amount: 10_000, paidOn: '2026-02-01', method: 'cash', note: null });
  const mistaken = await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: nouraEnrolment.id, amount: 3_000, paidOn: '2026-02-01', method: 'card', note: null });
  const requested = await call<EnrolmentFees>('programFees.requestWaiver', { enrolmentId: nouraEnrolment.id, kind: 'partial', amount: 5_000, reason: 'دخل الأسرة محدود' });

  // The supervisor voids the mistaken payment, approves the waiver and moves Huda to the head of the waitlist, with a reason.
  await as('supervisor', '2026-02-02T09:00');
  await call('programFees.decideWaiver', { id: requested.waivers[0]!.id, decision: 'approved', note: null });
  await call('programFees.voidPayment', { id: mistaken.payments[0]!.id, reason: 'سُجّلت على الشخص الخطأ' });
  await call('enrolments.reorder', { id: hudaEnrolment.id, position: 1, reason: 'حالة أسرية عاجلة' });

  // Three sessions in February: Noura misses one without excuse, and is late to another; Ali is excused once.
  await as('officer', '2026-02-03T11:30');
  await call('attendance.record', { sessionId: sessionOn(computer, '2026-02-03'), exceptions: [{ enrolmentId: nouraEnrolment.id, status: 'unexcused' }] });
  await as('officer', '2026-02-10T11:30');
  await call('attendance.record', {
    sessionId: sessionOn(computer, '2026-02-10'),
    exceptions: [
      { enrolmentId: aliEnrolment.id, status: 'excused' },
      { enrolmentId: nouraEnrolment.id, status: 'late' },
    ],
  });
  await as('officer', '2026-02-17T11:30');
  await call('attendance.record', { sessionId: sessionOn(computer, '2026-02-17'), exceptions: [] });

  // Ali meets the rule and completes; Noura is dismissed by the supervisor, and her place is offered to Huda.
  await call('enrolments.complete', { id: aliEnrolment.id, note: null, overrideReason: null });
  await as('supervisor', '2026-02-18T09:00');
  await call('enrolments.dismiss', { id: nouraEnrolment.id, reason: 'مخالفة أنظمة البرنامج' });
}, 120_000);

afterAll(async () => {
  await app?.cleanup();
});

const report = async (period = FEBRUARY): Promise<ReportFigures> => {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return await reportFigures(opened.db, period, { actorId: app.accounts.supervisor.id, now: NOW });
  } finally {
    opened.sqlite.close();
  }
};

describe('the report’s programs section', () => {
  it('counts each program’s month, and every program’s together', async () => {
    const { current, previous } = await report();
    const programs = current.programs;
    // By Arabic name: برنامج الدعم الأسري before دورة الحاسب الآلي.
    expect(programs.byProgram.map((entry) => entry.program.nameEn)).toEqual(['Family support', 'Computer skills']);
    const byName = (nameEn: string) => programs.byProgram.find((entry) => entry.program.nameEn === nameEn)!;
    const { program: _computer, ...computerCounts } = byName('Computer skills');
    expect(computerCounts).toEqual({
      ...NO_COUNTS,
      // Noura, Saad and Huda applied in February (Ali in January); Ali and Noura were accepted.
      applications: 3,
      acceptances: 2,
      // Saad, and Huda (offered Noura's place, not yet taken) at the end of February.
      waitlistAtEnd: 2,
      peopleActive: 2,
      // 3 March is not in February.
      sessionsHeld: 3,
      // Present or late: Ali twice, Noura twice; unexcused: Noura once. 4 ÷ 5.
      attended: 4,
      unexcused: 1,
      attendanceRate: 80,
      completions: 1,
      dismissals: 1,
      // Announced in January.
      feesAnnounced: 0,
      collected: 10_000,
      waived: 5_000,
    });
    const { program: _family, ...familyCounts } = byName('Family support');
    expect(familyCounts).toEqual({ ...NO_COUNTS, applications: 2, feesAnnounced: 1 });
    expect(programs.total).toEqual({
      ...NO_COUNTS,
      applications: 5,
      acceptances: 2,
      waitlistAtEnd: 2,
      peopleActive: 2,
      sessionsHeld: 3,
      attended: 4,
      unexcused: 1,
      attendanceRate: 80,
      completions: 1,
      dismissals: 1,
      feesAnnounced: 1,
      collected: 10_000,
      waived: 5_000,
    });
    // January: Ali's application and the computer course's fee; the same programs, in the same order.
    expect(previous.programs.byProgram.map((entry) => entry.program.id)).toEqual(programs.byProgram.map((entry) => entry.program.id));
    expect(previous.programs.total).toEqual({ ...NO_COUNTS, applications: 1, feesAnnounced: 1 });
  });

  it('prints beside each rate the rule it was read by', async () => {
    const { current } = await report();
    const computerRow = current.programs.byProgram.find((entry) => entry.program.id === computer.id)!;
    expect(computerRow.program.rule).toEqual({ minAttendancePercent: 80, maxUnexcusedAbsences: 3 });
    expect(computerRow.program.ruleInWords.ar).toBe(
      `${arAttendance.rule.rate} ${arAttendance.rule.completion.replace('{{percent}}', '80').replace('{{max}}', '3')}`,
    );
    const familyRow = current.programs.byProgram.find((entry) => entry.program.id === family.id)!;
    expect(familyRow.program.ruleInWords.en).toContain('at least 75%.');

    const words = reportLanguage('en');
    const section = reportTables(await report(), words).find((entry) => entry.key === 'programs')!;
    const attendance = section.tables.find((table) => table.title === enReports.programs.attendanceByProgram)!;
    expect(attendance.kind === 'matrix' && attendance.noteHeader).toBe(enReports.programs.rule);
    const lines = figureLines([section]);
    expect(lines).toContainEqual({
      section: enReports.programs.section,
      figure: enReports.programs.rule,
      breakdown: 'Computer skills',
      current: computerRow.program.ruleInWords.en,
      previous: null,
      change: null,
    });
    // Riyals, as a workbook's cell holds them.
    expect(lines).toContainEqual({ section: enReports.programs.section, figure: enReports.programs.figures.collected, breakdown: null, current: 100, previous: 0, change: 100 });
    expect(lines).toContainEqual({ section: enReports.programs.section, figure: enReports.programs.figures.attendanceRate, breakdown: 'Computer skills', current: 80, previous: null, change: null });
  });

  it('counts who applied, was accepted, waitlisted and declined by category, gender and district, and the waitlist’s manual changes', async () => {
    const { current, previous } = await report();
    const { fairness } = current.programs;
    expect(fairness.total).toEqual({ applicants: 5, accepted: 2, waitlisted: 2, declined: 1 });
    expect(fairness.byCategory).toEqual({
      // Huda.
      prisoner: { applicants: 1, accepted: 0, waitlisted: 1, declined: 0 },
      // Saad and Fahd applied; Ali (applied in January) accepted; Saad waitlisted.
      released_prisoner: { applicants: 2, accepted: 1, waitlisted: 1, declined: 0 },
      // Noura and Mona applied; Noura accepted, Mona declined.
      family_member: { applicants: 2, accepted: 1, waitlisted: 0, declined: 1 },
    });
    expect(fairness.byGender).toEqual({
      male: { applicants: 2, accepted: 1, waitlisted: 1, declined: 0 },
      female: { applicants: 3, accepted: 1, waitlisted: 1, declined: 1 },
    });
    const name = (id: string | undefined) => districts.find((district) => district.id === id)?.code ?? null;
    // In the catalog's order (Al-Hofuf comes before Al-Mubarraz), then the people with no district on their file (Huda).
    expect(districts.findIndex((district) => district.code === 'hofuf')).toBeLessThan(districts.findIndex((district) => district.code === 'mubarraz'));
    expect(fairness.byDistrict.map(({ district, ...counts }) => [name(district?.id), counts])).toEqual([
      ['hofuf', { applicants: 2, accepted: 1, waitlisted: 1, declined: 0 }],
      ['mubarraz', { applicants: 2, accepted: 1, waitlisted: 0, declined: 1 }],
      [null, { applicants: 1, accepted: 0, waitlisted: 1, declined: 0 }],
    ]);
    expect(fairness.waitlistReordered).toBe(1);
    // January: Ali applied (Hofuf); the same districts, in the same order, with zeros.
    expect(previous.programs.fairness.total).toEqual({ applicants: 1, accepted: 0, waitlisted: 0, declined: 0 });
    expect(previous.programs.fairness.byDistrict.map((entry) => entry.district?.id ?? null)).toEqual(fairness.byDistrict.map((entry) => entry.district?.id ?? null));
    expect(previous.programs.fairness.waitlistReordered).toBe(0);
  });

  it('reads the waitlist as it stood at the end of a past period, not as it stands now', async () => {
    // The week of 1–7 February: Saad and Huda waiting, Noura not yet dismissed (no offer made).
    const week = await report({ from: '2026-02-01', to: '2026-02-07' });
    const computerRow = week.current.programs.byProgram.find((entry) => entry.program.id === computer.id)!;
    expect(computerRow.waitlistAtEnd).toBe(2);
    expect(computerRow.sessionsHeld).toBe(1);
    expect(computerRow.attendanceRate).toBe(50);
    expect(computerRow.completions).toBe(0);
    // The week before it (25–31 January): Ali had applied, no one waited yet.
    expect(week.previous.programs.total.waitlistAtEnd).toBe(0);
    expect(week.previous.programs.total.applications).toBe(1);
  });

  it('counts each person’s mark of a session once, the latest written, as the roster’s rates do (attendance/rate.ts)', async () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    // Two desks apart marked the same sessions again: a later mark replaces Noura's absence on 3 February,
    // an earlier one is older than Ali's excuse on 10 February. Undone after, for the other tests.
    opened.sqlite.exec('BEGIN');
    try {
      const remark = opened.sqlite.prepare(
        `INSERT INTO program_attendance (id, session_id, enrolment_id, program_id, beneficiary_id, status, note, created_at, updated_at, created_by, updated_by)
         SELECT ?, session_id, enrolment_id, program_id, beneficiary_id, ?, NULL, created_at, ?, created_by, updated_by
         FROM program_attendance WHERE session_id = ? AND status = ?`,
      );
      // Noura's is the only absence without excuse of the 3rd, Ali's the only excuse of the 10th.
      expect(remark.run(newId(), 'present', '2026-02-09T09:00:00.000Z', sessionOn(computer, '2026-02-03'), 'unexcused').changes).toBe(1);
      expect(remark.run(newId(), 'unexcused', '2026-01-01T09:00:00.000Z', sessionOn(computer, '2026-02-10'), 'excused').changes).toBe(1);

      const inReport = (await programAttendanceIn(opened.db, periodOf(FEBRUARY, NOW))).find((row) => row.program_id === computer.id)!;
      const onRoster = [...(await attendanceCountsInProgram(opened.db, computer.id)).values()].reduce(
        (sum, counts) => ({ attended: sum.attended + counts.present + counts.late, unexcused: sum.unexcused + counts.unexcused }),
        { attended: 0, unexcused: 0 },
      );
      expect({ attended: inReport.attended, unexcused: inReport.unexcused }).toEqual(onRoster);
      expect(onRoster.unexcused).toBe(0);
    } finally {
      opened.sqlite.exec('ROLLBACK');
      opened.sqlite.close();
    }
  });

  it('reads every statement of the section through an index: no program table scanned whole', async () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    const { db, queries } = recordingDatabase(opened.sqlite);
    try {
      const alone = await programsSection(db, FEBRUARY, NOW);
      const whole = await report();
      expect(alone).toEqual({ current: whole.current.programs, previous: whole.previous.programs });
      const used = new Set<string>();
      for (const query of queries.filter((entry) => /^\s*(SELECT|WITH|select)/.test(entry.sql))) {
        const details = queryPlan(opened.sqlite, query);
        for (const detail of details) {
          const scanned = /^SCAN (\w+)/.exec(detail)?.[1];
          // The catalogs (programs, districts) and the fees (a few versions a program) may be scanned.
          if (scanned) expect(['programs', 'districts', 'program_fees', 'active', 'candidates', 'waiting'], `${detail}\n${query.sql}`).toContain(scanned);
        }
        for (const index of indexesIn(details)) used.add(index);
      }
      for (const index of [
        'program_enrolment_events_by_program',
        'program_enrolment_events_by_enrolment',
        'program_enrolments_by_program',
        'program_sessions_by_program',
        'program_attendance_by_session_marks',
        'program_payments_by_paid_on',
        'program_fee_waivers_by_decided',
      ]) {
        expect([...used], index).toContain(index);
      }
    } finally {
      opened.sqlite.close();
    }
  });
});

describe('the programs section in the report’s workbook', () => {
  it('writes it on a sheet of its own: counts and riyals as numbers, each program’s rule as text, and how each figure is counted', async () => {
    clockAt = NOW;
    await as('supervisor');
    let job = await call<ExportJob>('exports.start', { subject: { kind: 'report', period: FEBRUARY }, format: 'xlsx', language: 'ar' });
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      job = await call<ExportJob>('exports.status', { id: job.id });
    }
    expect(job.error).toBeNull();
    const file = await call<ExportFile>('exports.take', { id: job.id });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(arDocument.workbook.sheets.programs)!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const words = arReports.programs;
    expect(rows).toContainEqual([words.figures.collected, 100, 0, 100]);
    expect(rows).toContainEqual([words.figures.applications, 5, 1, 4]);
    const rule = rows.find((row) => row[0] === 'دورة الحاسب الآلي' && row.length === 6)!;
    // Sessions held and the rate, this period's and the period before's (none measured: an empty cell), then the rule as written.
    expect(rule.slice(1, 5)).toEqual([3, 0, 80, undefined]);
    expect(rule[5]).toBe(`${arAttendance.rule.rate} ${arAttendance.rule.completion.replace('{{percent}}', '80').replace('{{max}}', '3')}`);
    expect(rows).toContainEqual([words.definitions.reordered]);
  });
});

describe('the programs section on the printed report', () => {
  let printer: ChromiumPrinter;
  let out: string;

  beforeAll(() => {
    printer = createChromiumPrinter({ executablePath: CHROMIUM });
    out = tempDir();
  });

  afterAll(async () => {
    await printer?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function printed(language: 'ar' | 'en') {
    const opened = app.wasl.desk.openDatabase;
    if (!opened) throw new Error('the database is not open');
    const content = await reportPdf(
      { db: opened.db, keys: { path: app.wasl.keyringPath }, printPdf: printer.print },
      { ...FEBRUARY, language },
      { actorId: app.accounts.supervisor.id, now: NOW },
    );
    // REPORT_PDF_KEEP=folder keeps the PDFs there, to be looked at.
    const file = join(process.env.REPORT_PDF_KEEP ?? out, `wasl-report-programs-${language}.pdf`);
    writeFileSync(file, content);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  }

  it('prints the section in Arabic: its tables, the rule beside the rate, riyals with two decimals', async () => {
    const text = await printed('ar');
    const words = arReports.programs;
    for (const heading of [words.section, words.byProgram, words.attendanceByProgram, words.feesByProgram, words.fairnessByCategory, words.fairnessByGender, words.fairnessByDistrict]) {
      expect(aLineHolds(text, heading), heading).toBe(true);
    }
    expect(aLineHolds(text, 'دورة الحاسب الآلي')).toBe(true);
    expect(aLineHolds(text, words.figures.waitlistReordered)).toBe(true);
    expect(plain(text)).toContain('100.00');
    expect(plain(text)).toContain('50.00');
    expect(plain(text)).toContain('80%');
    // The rule's words, wrapped in its cell over lines: its first words stand on a line.
    expect(aLineHolds(text, 'نسبة الحضور')).toBe(true);
  });

  it('prints the section in English, with how each figure is counted', async () => {
    const text = plain(await printed('en'));
    const words = enReports.programs;
    for (const heading of [words.section, words.byProgram, words.attendanceByProgram, words.feesByProgram, words.fairnessByCategory, words.fairnessByGender, words.fairnessByDistrict]) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain('Computer skills');
    expect(text).toContain('Family support');
    // The rule wraps in its cell: its opening words stand together.
    expect(text).toContain('Completion needs a rate of at least 80%');
    expect(text).toContain('100.00');
    expect(text).toContain(words.figures.waitlistReordered);
    expect(text).toContain('Manual changes to the waitlist order: each move');
  });
});
