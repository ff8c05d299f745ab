// The programs' lists taken out of Wasl through the real call path, as the other lists are: the
// catalog (with its screen's filters), a program's roster and a session's attendance sheet, each as
// CSV, Excel and PDF, in Arabic and English. The files are read back (exceljs for the workbook,
// pdftotext for the PDF): the rows and their order, the labels, the Hijri date beside each date, the
// attendance rate and the rule it was read by; the audit entry of every file taken; refusals.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentDetail } from '../../electron/api/enrolments';
import type { ExportFile, ExportJob, StartExportInput } from '../../electron/api/exports';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { ProgramDetail, ProgramFields } from '../../electron/api/programs';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { hijriDigits } from '../../electron/services/exports/hijri-dates';
import { newId } from '../../electron/services/ids';
import { auditEntries, expectError, expectOk, openTestWaslWithStaff, tempDir, type StaffedTestWasl } from '../support/database';
import { aLineHolds, plain } from '../support/pdf-text';
import { applyTo, courseFields, eligiblePerson, openProgram as openProgramThrough } from '../support/programs';

let printer: ChromiumPrinter;
let app: StaffedTestWasl<'officer' | 'supervisor'>;
let folder: string;
let course: ProgramDetail;
let workshop: ProgramDetail;
const enrolled: Record<string, EnrolmentDetail> = {};
const today = todayInRiyadh();
const call = <T>(name: string, input: unknown): Promise<T> => app.dispatch(name, input).then((result) => expectOk<T>(result));

/** A program opened for applications, its fee published, with a session on each date. */
const openProgram = (overrides: Partial<ProgramFields>, feeHalalas: number, dates: string[]): Promise<ProgramDetail> =>
  openProgramThrough(call, courseFields({ capacity: 2, maxUnexcusedAbsences: 2, followUpAfterAbsences: 3, startsOn: today, endsOn: '2099-12-31', ...overrides }), { amount: feeHalalas, covers: 'المواد' }, { dates, startsAt: '09:00', endsAt: '11:00', place: 'القاعة الأولى' });

/** Starts an export, waits for it, and takes its file. */
async function exported(input: StartExportInput): Promise<ExportFile> {
  let job = expectOk<ExportJob>(await app.dispatch('exports.start', input));
  while (job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 5));
    job = expectOk<ExportJob>(await app.dispatch('exports.status', { id: job.id }));
  }
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  return expectOk<ExportFile>(await app.dispatch('exports.take', { id: job.id }));
}

/** A CSV file's lines, without its byte-order mark, each split into its cells (none of these hold a comma). */
const csvLines = (file: ExportFile) =>
  Buffer.from(file.base64, 'base64')
    .toString('utf8')
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','));

async function sheetOf(file: ExportFile) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

/** The PDF's text, and its first page as a PNG beside it to look at. */
function pdfText(file: ExportFile, name: string): { text: string; info: string } {
  const path = join(folder, `${name}.pdf`);
  writeFileSync(path, Buffer.from(file.base64, 'base64'));
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(process.env.WASL_KEEP_PAGES ?? folder, name)]);
  return { text: execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }), info: execFileSync('pdfinfo', [path], { encoding: 'utf8' }) };
}

const hijri = (date: string, mark: string) => `${hijriDigits(date)} ${mark}`;

beforeAll(async () => {
  folder = tempDir();
  printer = createChromiumPrinter({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' }, { printPdf: printer.print });
  course = await openProgram({}, 15_050, [today, '2099-01-05']);
  workshop = await openProgram({ nameAr: 'ورشة الدعم الأسري', nameEn: null, kind: 'family_support', capacity: 5, startsOn: '2099-01-01' }, 0, ['2099-01-05']);
  await app.signIn('officer');
  for (const firstName of ['علي', 'بدر', 'سالم']) {
    const person = await eligiblePerson(call, { firstName, fatherName: 'محمد', grandfatherName: 'سعد', familyName: 'الحربي' });
    const applied = await applyTo(call, course.id, person.id);
    // The course has two places: the third applicant waits.
    enrolled[firstName] = await call<EnrolmentDetail>(firstName === 'سالم' ? 'enrolments.waitlist' : 'enrolments.accept', { id: applied.id });
  }
  await call('attendance.record', {
    sessionId: course.sessions[0]!.id,
    exceptions: [{ enrolmentId: enrolled['بدر']!.id, status: 'unexcused', note: 'لم يعتذر' }],
  });
  await app.signIn('supervisor');
}, 60_000);

afterAll(async () => {
  await app?.cleanup();
  await printer?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the programs list', () => {
  it('writes the catalog to CSV: name, kind, status, places, enrolled, waitlist, fee in riyals, and each date in both calendars', async () => {
    const file = await exported({ subject: { kind: 'programs' }, format: 'csv' });
    expect(file.fileName).toMatch(/^wasl-programs-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.count).toBe(2);
    const [header, ...rows] = csvLines(file);
    expect(header).toEqual([
      'البرنامج', 'النوع', 'الحالة', 'المقاعد', 'المقبولون', 'قائمة الانتظار', 'الرسوم (ريال)', 'يبدأ', 'التاريخ الهجري (يبدأ)', 'ينتهي', 'التاريخ الهجري (ينتهي)',
    ]);
    // The soonest last, as the programs screen lists them.
    expect(rows).toEqual([
      ['ورشة الدعم الأسري', 'دعم الأسرة', 'مفتوح للتسجيل', '5', '0', '0', '0.00', '2099-01-01', hijri('2099-01-01', 'هـ'), '2099-12-31', hijri('2099-12-31', 'هـ')],
      ['دورة الحاسب الآلي', 'تدريب', 'مفتوح للتسجيل', '2', '2', '1', '150.50', today, hijri(today, 'هـ'), '2099-12-31', hijri('2099-12-31', 'هـ')],
    ]);
  });

  it('applies the programs screen’s filters, and writes English labels to a left-to-right workbook with real numbers and dates', async () => {
    const file = await exported({ subject: { kind: 'programs', filters: { kind: 'training' } }, format: 'xlsx', language: 'en' });
    expect(file.count).toBe(1);
    const sheet = await sheetOf(file);
    expect(sheet.name).toBe('Programs');
    expect(sheet.views[0]?.rightToLeft).toBe(false);
    expect((sheet.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['Program', 'Kind', 'Status', 'Places', 'Enrolled', 'Waitlist', 'Fee (SAR)']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 10)).toEqual([
      'Computer skills', 'Training', 'Open for registration', 2, 2, 1, 150.5, new Date(`${today}T00:00:00Z`), hijri(today, 'AH'),
    ]);
    // The fee shows its halalas.
    expect(sheet.getRow(2).getCell(7).numFmt).toBe('#,##0.00');
    expect(sheet.rowCount).toBe(2);
  });

  it('prints the catalog as a PDF, in Arabic and in English', async () => {
    const ar = pdfText(await exported({ subject: { kind: 'programs' }, format: 'pdf' }), 'programs-ar');
    expect(ar.info).toMatch(/Page size:.*\(A4\)/);
    for (const words of ['البرامج', 'دورة الحاسب الآلي', 'ورشة الدعم الأسري', 'مفتوح للتسجيل', 'قائمة الانتظار']) expect(aLineHolds(ar.text, words), words).toBe(true);
    expect(plain(ar.text)).toContain(hijriDigits('2099-01-01'));
    const en = plain(pdfText(await exported({ subject: { kind: 'programs' }, format: 'pdf', language: 'en' }), 'programs-en').text);
    for (const words of ['Programs', 'Computer skills', 'Family support', 'Open for registration', '150.50', '2099-12-31', 'Records: 2']) expect(en, words).toContain(words);
  });
});

describe('a program’s roster', () => {
  it('lists its people in order of application, then its waitlist in order, each with the attendance rate', async () => {
    const file = await exported({ subject: { kind: 'roster', programId: course.id }, format: 'csv' });
    expect(file.fileName).toMatch(/^wasl-roster-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = csvLines(file);
    expect(header).toEqual(['المستفيد', 'رقم الملف', 'المرحلة', 'تاريخ التقديم', 'التاريخ الهجري (تاريخ التقديم)', 'الترتيب في قائمة الانتظار', 'نسبة الحضور (%)']);
    const fileNumber = (name: string) => enrolled[name]!.beneficiary.fileNumber;
    expect(rows).toEqual([
      ['علي محمد سعد الحربي', fileNumber('علي'), 'مقبول', today, hijri(today, 'هـ'), '', '100'],
      ['بدر محمد سعد الحربي', fileNumber('بدر'), 'مقبول', today, hijri(today, 'هـ'), '', '0'],
      // Nobody on the waitlist was expected at the session: no rate.
      ['سالم محمد سعد الحربي', fileNumber('سالم'), 'في قائمة الانتظار', today, hijri(today, 'هـ'), '1', ''],
    ]);
  });

  it('names the program in the sheet’s title, and prints the rule the rate was read by', async () => {
    const sheet = await sheetOf(await exported({ subject: { kind: 'roster', programId: course.id }, format: 'xlsx', language: 'en' }));
    expect(sheet.name).toBe('Roster of Computer skills');
    expect(sheet.getRow(2).getCell(7).value).toBe(100);
    const ar = pdfText(await exported({ subject: { kind: 'roster', programId: course.id }, format: 'pdf' }), 'roster-ar');
    for (const words of ['المسجلون في دورة الحاسب الآلي', 'علي محمد سعد الحربي', 'سالم محمد سعد الحربي', 'الترتيب في قائمة الانتظار']) expect(aLineHolds(ar.text, words), words).toBe(true);
    const en = plain(pdfText(await exported({ subject: { kind: 'roster', programId: course.id }, format: 'pdf', language: 'en' }), 'roster-en').text);
    expect(en).toContain('Completion needs a rate of at least 80% and at most 2 unexcused absences.');
    expect(en).toContain('Attendance rate = present (late counts as present)');
  });
});

describe('a session’s attendance sheet', () => {
  it('lists the session’s roster by name, each with their mark and its note', async () => {
    const file = await exported({ subject: { kind: 'attendanceSheet', sessionId: course.sessions[0]!.id }, format: 'csv', language: 'en' });
    expect(file.fileName).toMatch(/^wasl-attendanceSheet-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = csvLines(file);
    expect(header).toEqual(['Beneficiary', 'File number', 'Attendance', 'Note']);
    expect(rows).toEqual([
      ['بدر محمد سعد الحربي', enrolled['بدر']!.beneficiary.fileNumber, 'Unexcused absence', 'لم يعتذر'],
      ['علي محمد سعد الحربي', enrolled['علي']!.beneficiary.fileNumber, 'Present', ''],
    ]);
    const sheet = await sheetOf(await exported({ subject: { kind: 'attendanceSheet', sessionId: course.sessions[0]!.id }, format: 'xlsx' }));
    expect(sheet.views[0]?.rightToLeft).toBe(true);
    expect(sheet.name).toBe(`حضور ${today} دورة الحاسب الآلي`.slice(0, 31));
    expect((sheet.getRow(2).values as unknown[]).slice(3)).toEqual(['غائب بغير عذر', 'لم يعتذر']);
  });

  it('prints the session’s day in both calendars, its time and place; a session not yet taken says so', async () => {
    const ar = pdfText(await exported({ subject: { kind: 'attendanceSheet', sessionId: course.sessions[0]!.id }, format: 'pdf' }), 'sheet-ar');
    for (const words of ['حضور دورة الحاسب الآلي', 'بدر محمد سعد الحربي', 'غائب بغير عذر', 'لم يعتذر', 'المكان: القاعة الأولى']) expect(aLineHolds(ar.text, words), words).toBe(true);
    const { text } = pdfText(await exported({ subject: { kind: 'attendanceSheet', sessionId: course.sessions[1]!.id }, format: 'pdf', language: 'en' }), 'sheet-en');
    const later = plain(text);
    expect(later).toContain('Day: 13 Shawwal 1522 AH (5 January 2099 AD)');
    expect(later).toContain('Session: from 09:00 to 11:00');
    expect(aLineHolds(text, 'القاعة الأولى')).toBe(true);
    expect(later).toContain("This session's attendance has not been taken yet.");
  });
});

describe('every program export', () => {
  it('is recorded in the audit log: what, of which program or session, in which form, how many', async () => {
    await exported({ subject: { kind: 'roster', programId: workshop.id }, format: 'xlsx' });
    await exported({ subject: { kind: 'attendanceSheet', sessionId: course.sessions[0]!.id }, format: 'csv' });
    await exported({ subject: { kind: 'programs', filters: { status: 'open' } }, format: 'pdf' });
    await app.signIn('administrator');
    const [catalog, sheet, roster] = await auditEntries(app.dispatch, { action: 'records.exported', actorId: app.accounts.supervisor.id });
    expect(catalog?.summary).toMatchObject({ subject: 'programs', format: 'pdf', filters: { status: 'open' }, count: 2 });
    expect(sheet?.summary).toMatchObject({ subject: 'attendanceSheet', format: 'csv', sessionId: course.sessions[0]!.id, count: 2 });
    expect(roster?.summary).toMatchObject({ subject: 'roster', format: 'xlsx', programId: workshop.id, count: 0 });
    await app.signIn('supervisor');
  });

  it('is refused to an officer, and says plainly what is wrong with a bad request, writing nothing', async () => {
    await app.signIn('administrator');
    const before = (await auditEntries(app.dispatch, { action: 'records.exported' })).length;
    await app.signIn('officer');
    expect(expectError(await app.dispatch('exports.start', { subject: { kind: 'roster', programId: course.id }, format: 'csv' })).code).toBe('forbidden');
    await app.signIn('supervisor');
    const noProgram = expectError(await app.dispatch('exports.start', { subject: { kind: 'roster' }, format: 'csv' }));
    expect(noProgram.details?.fields).toContainEqual({ path: 'subject.programId', messageKey: 'validation.required' });
    const badKind = expectError(await app.dispatch('exports.start', { subject: { kind: 'programs', filters: { kind: 'party' } }, format: 'csv' }));
    expect(badKind.details?.fields).toContainEqual({ path: 'subject.filters.kind', messageKey: 'validation.choice' });
    // A program or session that is not there: the export fails with its own message, and there is no file to take.
    for (const subject of [{ kind: 'roster', programId: newId() }, { kind: 'attendanceSheet', sessionId: newId() }] as const) {
      let job = expectOk<ExportJob>(await app.dispatch('exports.start', { subject, format: 'xlsx' }));
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 5));
        job = expectOk<ExportJob>(await app.dispatch('exports.status', { id: job.id }));
      }
      expect(job.state).toBe('failed');
      expect(job.error?.messageKey).toBe(subject.kind === 'roster' ? 'notFound.program' : 'notFound.programSession');
      expect(expectError(await app.dispatch('exports.take', { id: job.id })).messageKey).toBe(job.error?.messageKey);
    }
    await app.signIn('administrator');
    expect(await auditEntries(app.dispatch, { action: 'records.exported' })).toHaveLength(before);
  });
});
