// The report and the lists exported through the real call path (exports.start, status, take) from a
// real encrypted database, printed by the real Chromium: the report as a workbook (read back with
// exceljs: its sheets, right to left in Arabic, the figures as numbers equal to reports.figures',
// the records behind the period's flows, real dates), as one CSV table of every figure, and as the
// PDF; a list as a landscape A4 PDF; a list too long for paper refused before anything is printed.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, GENDERS, type BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { COMPLAINT_KINDS, SUGGESTION_DECISIONS } from '../../electron/api/complaints';
import { CHANNELS, PURPOSES } from '../../electron/api/contacts';
import { OPEN_STAGES } from '../../electron/api/requests';
import { exportSubject, PDF_LIST_MAX_ROWS, type ExportFile, type ExportJob, type StartExportInput } from '../../electron/api/exports';
import type { ReportFigures } from '../../electron/api/reports';
import type { Result } from '../../electron/api/result';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { openWasl, type Wasl } from '../../electron/core/open-wasl';
import type { ServiceDependencies } from '../../electron/services/context';
import { labelsFor } from '../../electron/services/exports/labels';
import { listPdf } from '../../electron/services/exports/list-pdf';
import { openList, type ListSubject } from '../../electron/services/exports/lists';
import { newId } from '../../electron/services/ids';
import arDocument from '../../locales/ar/report-document.json';
import enDocument from '../../locales/en/report-document.json';
import arExports from '../../locales/ar/exports.json';
import enExports from '../../locales/en/exports.json';
import { AUTHORITY_IDS, openCasework, REQUEST_TYPE_IDS } from '../support/casework';
import { ADMIN, ASSOCIATION, createUser, databaseKeyOf, expectError, expectOk, TEST_KEY_DERIVATION, tempDir, validFields } from '../support/database';
import { letters, plain } from '../support/pdf-text';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const riyadh = (dateTime: string) => `${dateTime}:00+03:00`;
/** Sunday 8 to Thursday 12 June 2025, read on Sunday 15 June; the week before is 1 to 5 June. */
const WEEK = { from: '2025-06-08', to: '2025-06-12' };
const NOW = riyadh('2025-06-15T10:00');

const tool = (name: string, args: string[]) => execFileSync(name, args, { encoding: 'utf8' });

describe('the report and the lists exported as files', () => {
  let wasl: Wasl;
  let dir: string;
  let out: string;
  let printer: ChromiumPrinter;
  let figures: ReportFigures;
  let clockAt = new Date(riyadh('2025-06-01T08:00'));
  const people: BeneficiaryDetail[] = [];
  const loggedErrors: Array<{ error: unknown; callName: string }> = [];
  let adminId = '';
  let workbookCount = 0;

  /** A call that unlocks the desk first when the days the test moved through locked it. */
  async function call<T>(name: string, input: unknown): Promise<T> {
    let result: Result<unknown> = await wasl.dispatch(name, input);
    if (!result.ok && result.error.code === 'locked') {
      expectOk(await wasl.dispatch('session.unlock', { password: ADMIN.password }));
      result = await wasl.dispatch(name, input);
    }
    return expectOk<T>(result);
  }
  const at = (instant: string) => {
    clockAt = new Date(riyadh(instant));
  };

  /** Starts an export, follows it to its end, and answers the job as it ended. */
  async function finished(input: StartExportInput): Promise<ExportJob> {
    let job = await call<ExportJob>('exports.start', input);
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      job = await call<ExportJob>('exports.status', { id: job.id });
    }
    return job;
  }
  async function exported(input: StartExportInput): Promise<{ file: ExportFile; bytes: Buffer; job: ExportJob }> {
    const job = await finished(input);
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expect(job.done).toBe(job.total);
    const file = await call<ExportFile>('exports.take', { id: job.id });
    return { file, bytes: Buffer.from(file.base64, 'base64'), job };
  }
  const workbookOf = async (bytes: Buffer) => {
    if (process.env.REPORT_PDF_KEEP) writeFileSync(join(process.env.REPORT_PDF_KEEP, `report-${workbookCount++}.xlsx`), bytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook;
  };
  /** Writes a PDF where it can be looked at (REPORT_PDF_KEEP=folder keeps them), with its text, its page info and page 1 as a PNG. */
  function pdfOf(bytes: Buffer, name: string) {
    const folder = process.env.REPORT_PDF_KEEP ?? out;
    const file = join(folder, `${name}.pdf`);
    writeFileSync(file, bytes);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(folder, name)]);
    return { text: tool('pdftotext', ['-layout', file, '-']), info: tool('pdfinfo', [file]) };
  }

  beforeAll(async () => {
    dir = tempDir();
    out = tempDir();
    printer = createChromiumPrinter({ executablePath: CHROMIUM });
    wasl = openWasl({
      databasePath: join(dir, 'wasl.db'),
      appVersion: '0.0.0-test',
      keyDerivation: TEST_KEY_DERIVATION,
      clock: () => new Date(clockAt),
      printPdf: printer.print,
      logError: (error, callName) => loggedErrors.push({ error, callName }),
    });
    const setup = await call<{ state: { user: { id: string } | null } }>('session.setup', { associationName: ASSOCIATION, ...ADMIN });
    adminId = setup.state.user?.id ?? '';
    const officer = await createUser(wasl.dispatch, 'officer');

    // Files opened in both weeks, contacts, an eligibility decision.
    for (const [instant, firstName] of [
      ['2025-06-02T09:00', 'سالم'],
      ['2025-06-08T09:00', 'محمد'],
      ['2025-06-09T10:00', 'فاطمة'],
      ['2025-06-10T11:00', 'خالد'],
    ] as const) {
      at(instant);
      people.push(await call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields({ firstName }) }));
    }
    for (const [instant, channel, purpose] of [
      ['2025-06-03T09:00', 'phone', 'follow_up'],
      ['2025-06-08T09:30', 'in_person', 'inquiry'],
      ['2025-06-09T11:00', 'phone', 'complaint'],
      ['2025-06-10T12:00', 'in_person', 'request'],
    ] as const) {
      at(instant);
      await call('contacts.log', { beneficiaryId: people[1]!.id, channel, direction: 'incoming', purpose, summary: 'متابعة للاختبار', phoneNumber: channel === 'phone' ? '0501234567' : undefined });
    }
    at('2025-06-11T09:00');
    await call('eligibility.record', { beneficiaryId: people[1]!.id, inScope: true, legalResident: true, receivesServices: true, outcome: 'eligible', reason: null });

    const casework = openCasework({ databasePath: join(dir, 'wasl.db'), key: await databaseKeyOf(wasl.keyringPath, ADMIN.username, ADMIN.password) });
    const person = people[1]!.id;
    await casework.request({ beneficiaryId: person, ownerId: officer.id, stage: 'received', dueDate: '2025-06-20', receivedAt: riyadh('2025-06-09T09:00') });
    await casework.request({ beneficiaryId: person, ownerId: officer.id, stage: 'decided', dueDate: '2025-06-25', receivedAt: riyadh('2025-06-10T09:00'), decidedAt: riyadh('2025-06-11T09:00') });
    await casework.request({ beneficiaryId: person, ownerId: officer.id, stage: 'under_review', dueDate: '2025-06-05', receivedAt: riyadh('2025-05-20T09:00') });
    await casework.request({
      beneficiaryId: person,
      ownerId: adminId,
      stage: 'referred',
      dueDate: '2025-06-30',
      receivedAt: riyadh('2025-06-02T09:00'),
      referredAt: riyadh('2025-06-03T09:00'),
      authorityId: AUTHORITY_IDS.prosecution,
      typeId: REQUEST_TYPE_IDS.visitPermit,
    });
    await casework.complaint({ ownerId: officer.id, stage: 'received', dueDate: '2025-06-20', kind: 'complaint', beneficiaryId: person, receivedAt: riyadh('2025-06-09T09:00') });
    await casework.complaint({ ownerId: officer.id, stage: 'answered', dueDate: '2025-06-20', kind: 'suggestion', beneficiaryId: person, receivedAt: riyadh('2025-06-10T09:00') });
    await casework.complaint({ ownerId: officer.id, stage: 'investigating', dueDate: '2025-06-05', kind: 'note', beneficiaryId: person, receivedAt: riyadh('2025-06-03T09:00') });
    casework.close();

    clockAt = new Date(NOW);
    figures = await call<ReportFigures>('reports.figures', WEEK);
  }, 60_000);

  afterAll(async () => {
    expect(loggedErrors).toEqual([]);
    await printer?.close();
    await wasl?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('writes the report to a right-to-left workbook: the period, a sheet per section with real numbers, and the records behind it', async () => {
    const { file, bytes, job } = await exported({ subject: { kind: 'report', period: WEEK }, format: 'xlsx' });
    expect(file.fileName).toBe('wasl-report-2025-06-08-2025-06-12.xlsx');
    const { current, previous } = figures;
    // The week's figures the test built, as reports.figures reads them.
    expect([current.beneficiaries.registered, current.requests.received, current.complaints.total.opened]).toEqual([3, 2, 2]);
    const records = current.beneficiaries.registered + current.requests.received + current.complaints.total.opened;
    expect(file.count).toBe(records);
    expect(job.total).toBe(records);

    const workbook = await workbookOf(bytes);
    const sheets = arDocument.workbook.sheets;
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      sheets.about,
      sheets.beneficiaries,
      sheets.contacts,
      sheets.inquiries,
      sheets.requests,
      sheets.referrals,
      sheets.complaints,
      sheets.programs,
      sheets.satisfaction,
      sheets.workload,
      sheets.registered,
      sheets.received,
      sheets.opened,
    ]);
    for (const sheet of workbook.worksheets) expect(sheet.views[0]?.rightToLeft, sheet.name).toBe(true);

    // The first sheet: the title, the association, the period as text in both calendars and as dates.
    const about = workbook.getWorksheet(sheets.about)!;
    const facts = new Map<string, unknown>();
    about.eachRow((row) => facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(facts.has(arDocument.title.week)).toBe(true);
    expect(facts.get(arDocument.workbook.association)).toBe(ASSOCIATION);
    expect(facts.get(arDocument.workbook.periodHijri)).toBe('من الأحد، 12 ذو الحجة 1446 هـ إلى الخميس، 16 ذو الحجة 1446 هـ');
    expect(facts.get(arDocument.workbook.periodGregorian)).toBe('من 8 يونيو 2025 م إلى 12 يونيو 2025 م');
    expect(facts.get(arDocument.workbook.from)).toEqual(new Date('2025-06-08T00:00:00Z'));
    expect(facts.get(arDocument.workbook.to)).toEqual(new Date('2025-06-12T00:00:00Z'));
    expect(facts.get(arDocument.workbook.previousFrom)).toEqual(new Date('2025-06-01T00:00:00Z'));
    expect(facts.get(arDocument.workbook.exportedBy)).toBe(ADMIN.displayName);
    // Riyadh wall-clock time: 10:00 on 15 June.
    expect(facts.get(arDocument.workbook.exportedAt)).toEqual(new Date('2025-06-15T10:00:00Z'));
    expect(about.getColumn(2).width).toBe(80);

    // A section: the figure, this period, the period before, the change, as numbers.
    const beneficiaries = workbook.getWorksheet(sheets.beneficiaries)!;
    expect(beneficiaries.getRow(1).values).toEqual([undefined, ...Object.values(arDocument.columns)]);
    expect(beneficiaries.getRow(2).values).toEqual([
      undefined,
      arDocument.figures.registered,
      current.beneficiaries.registered,
      previous.beneficiaries.registered,
      current.beneficiaries.registered - previous.beneficiaries.registered,
    ]);
    expect(beneficiaries.getColumn(1).width).toBe(46);
    const contacts = workbook.getWorksheet(sheets.contacts)!;
    expect(contacts.getRow(2).getCell(2).value).toBe(current.contacts.total);
    const channelRows = new Map<string, unknown[]>();
    contacts.eachRow((row) => channelRows.set(String(row.getCell(1).value), [row.getCell(2).value, row.getCell(3).value]));
    expect(channelRows.get('هاتف')).toEqual([current.contacts.byChannel.phone, previous.contacts.byChannel.phone]);
    // A duration measured over nothing is an empty cell, not a zero.
    const inquiries = workbook.getWorksheet(sheets.inquiries)!;
    const p90 = [...Array(inquiries.rowCount).keys()].map((index) => inquiries.getRow(index + 1)).find((row) => row.getCell(1).value === arDocument.figures.answerP90);
    expect(p90?.getCell(2).value ?? null).toBe(current.inquiries.minutesToAnswer.p90);

    // A matrix: the label, then each figure this period and the period before.
    const complaints = workbook.getWorksheet(sheets.complaints)!;
    expect(complaints.getRow(1).getCell(2).value).toBe(`${arDocument.figures.opened} — ${arDocument.columns.current}`);
    expect(complaints.getRow(1).getCell(3).value).toBe(`${arDocument.figures.opened} — ${arDocument.columns.previous}`);
    const rows = [...Array(complaints.rowCount).keys()].map((index) => complaints.getRow(index + 1));
    const total = rows.find((row) => row.getCell(1).value === arDocument.figures.total)!;
    expect([total.getCell(2).value, total.getCell(3).value]).toEqual([current.complaints.total.opened, previous.complaints.total.opened]);
    // Under it, the decisions on suggestions, this period's beside the previous one's.
    const decided = rows.find((row) => row.getCell(1).value === arDocument.figures.suggestionsDecided)!;
    expect([decided.getCell(2).value, decided.getCell(3).value]).toEqual([
      current.complaints.suggestionsDecided.total,
      previous.complaints.suggestionsDecided.total,
    ]);
    const referrals = workbook.getWorksheet(sheets.referrals)!;
    expect(referrals.getRow(2).getCell(2).value).toBe(current.referrals[0]?.waiting);
    expect(referrals.getRow(2).getCell(8).value).toEqual(new Date(`${current.referrals[0]?.oldestReferredOn}T00:00:00Z`));

    // The records behind the figures: one row each, under the list's own headers, with real dates.
    const rowsOf = (name: string) => workbook.getWorksheet(name)!.rowCount - 1;
    expect(rowsOf(sheets.registered)).toBe(current.beneficiaries.registered);
    expect(rowsOf(sheets.received)).toBe(current.requests.received);
    expect(rowsOf(sheets.opened)).toBe(current.complaints.total.opened);
    const registered = workbook.getWorksheet(sheets.registered)!;
    expect(registered.getRow(1).getCell(2).value).toBe(arExports.columns.beneficiaries.name);
    expect(String(registered.getRow(2).getCell(2).value).split(' ')[0]).toBe('محمد');
    expect(registered.getRow(2).getCell(9).value).toEqual(new Date('2025-06-08T09:00:00Z'));
    // Beside each date, the same day in the Umm al-Qura calendar, as text that sorts as it reads.
    expect(registered.getRow(1).getCell(10).value).toBe(`التاريخ الهجري (${arExports.columns.beneficiaries.registeredAt})`);
    expect(registered.getRow(2).getCell(10).value).toBe('1446/12/12 هـ');
    const received = workbook.getWorksheet(sheets.received)!;
    expect(received.getRow(1).getCell(10).value).toBe(`التاريخ الهجري (${arExports.columns.requests.dueDate})`);
    expect(received.getRow(2).getCell(9).value).toEqual(new Date('2025-06-20T00:00:00Z'));
    expect(received.getRow(2).getCell(10).value).toBe('1446/12/24 هـ');
  });

  it('writes the workbook in English, left to right', async () => {
    const { bytes } = await exported({ subject: { kind: 'report', period: WEEK }, format: 'xlsx', language: 'en' });
    const workbook = await workbookOf(bytes);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(Object.values(enDocument.workbook.sheets));
    for (const sheet of workbook.worksheets) expect(sheet.views[0]?.rightToLeft).toBe(false);
    const requests = workbook.getWorksheet(enDocument.workbook.sheets.requests)!;
    expect(requests.getRow(1).values).toEqual([undefined, 'Figure', 'This period', 'Period before', 'Change']);
    expect(requests.getRow(2).values).toEqual([undefined, enDocument.figures.received, figures.current.requests.received, figures.previous.requests.received, figures.current.requests.received - figures.previous.requests.received]);
    expect(workbook.getWorksheet(enDocument.workbook.sheets.received)!.getRow(1).getCell(1).value).toBe(enExports.columns.requests.number);
  });

  it('writes every figure of the report on a line of a CSV file, with its section and breakdown', async () => {
    const { file, bytes } = await exported({ subject: { kind: 'report', period: WEEK }, format: 'csv' });
    expect(file.fileName).toBe('wasl-report-2025-06-08-2025-06-12.csv');
    expect(file.count).toBe(0);
    const text = bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    const { workbook, columns, sections, figures: names } = arDocument;
    expect(lines[0]).toBe([workbook.section, columns.figure, workbook.breakdown, columns.current, columns.previous, columns.change].join(','));
    const { current, previous } = figures;
    expect(lines).toContain(`${sections.beneficiaries},${names.registered},,${current.beneficiaries.registered},${previous.beneficiaries.registered},${current.beneficiaries.registered - previous.beneficiaries.registered}`);
    const phone = [current.contacts.byChannel.phone, previous.contacts.byChannel.phone];
    expect(lines).toContain(`${sections.contacts},${sections.contactsByChannel},هاتف,${phone[0]},${phone[1]},${phone[0]! - phone[1]!}`);
    // A breakdown of the row above: the decisions' outcomes.
    expect(lines).toContain(`${sections.beneficiaries},${names.eligibilityDecided},مستحق,${current.eligibility.eligible},${previous.eligibility.eligible},${current.eligibility.eligible - previous.eligibility.eligible}`);
    // A matrix's cell: the figure, broken down by the row's label.
    expect(lines).toContain(`${sections.complaints},${names.opened},${names.total},${current.complaints.total.opened},${previous.complaints.total.opened},${current.complaints.total.opened - previous.complaints.total.opened}`);
    expect(lines.some((line) => line.startsWith(`${sections.referrals},${arDocument.table.oldestReferredOn},`) && line.includes(',2025-06-03,'))).toBe(true);
    // Every figure once: the sections' rows, a matrix's cells, the referral's date.
    const expected =
      4 +
      (1 + CHANNELS.length + PURPOSES.length + current.contacts.byOfficer.length) +
      5 +
      (13 + OPEN_STAGES.length + current.requests.byType.length * 8) +
      current.referrals.length * 4 +
      (COMPLAINT_KINDS.length + 1) * 4 +
      (1 + SUGGESTION_DECISIONS.length) +
      // The programs: the totals; per program its six flows, its two attendance figures and its rule, its three fee figures;
      // the fairness tables (each with its total row); the waitlist's reorderings.
      11 +
      current.programs.byProgram.length * 12 +
      (CATEGORIES.length + 1 + GENDERS.length + 1 + current.programs.fairness.byDistrict.length + 1) * 4 +
      1 +
      // Satisfaction, per questionnaire: six headline figures, each averaged question, each comment.
      current.satisfaction.questionnaires.reduce((sum, entry) => sum + 6 + entry.questions.length + entry.comments.length, 0) +
      current.workload.length * 6;
    expect(lines).toHaveLength(1 + expected);
    // Nothing but figures: no one's name from the records.
    expect(text).not.toContain('محمد');
  });

  it('prints the report as a PDF, in Arabic and in English', async () => {
    const ar = await exported({ subject: { kind: 'report', period: WEEK }, format: 'pdf' });
    expect(ar.file.fileName).toBe('wasl-report-2025-06-08-2025-06-12.pdf');
    expect(ar.file.count).toBe(0);
    expect(ar.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const arPdf = pdfOf(ar.bytes, 'report-ar');
    expect(arPdf.text.split('\n').map(letters)).toContain(letters(arDocument.title.week));
    expect(arPdf.info).toMatch(/Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const en = await exported({ subject: { kind: 'report', period: WEEK }, format: 'pdf', language: 'en' });
    const enPdf = pdfOf(en.bytes, 'report-en');
    expect(enPdf.text).toContain(enDocument.title.week);
    expect(enPdf.text).toContain(enDocument.sections.referrals);
  });

  it('prints a list on landscape A4', async () => {
    const en = await exported({ subject: { kind: 'beneficiaries' }, format: 'pdf', language: 'en' });
    expect(en.file.fileName).toMatch(/^wasl-beneficiaries-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(en.file.count).toBe(people.length);
    expect(en.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, info } = pdfOf(en.bytes, 'list-en');
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)|Page size:\s+842\.\d+ x 595\.\d+ pts \(A4\)/);
    for (const header of ['File number', 'Name', 'Category', 'Registered']) expect(text).toContain(header);
    expect(text).toContain(enExports.lists.beneficiaries);
    expect(text).toContain(people[1]!.fileNumber);
    expect(text).toContain('2025-06-08 09:00');
    expect(text).toContain(`Records: ${people.length}`);
    // The name's Arabic run keeps its letters, not always the spaces around it.
    expect(plain(text)).toContain('Printed by');
    expect(plain(text)).toContain(ADMIN.displayName);
    expect(plain(text)).toContain('19 Dhuʻl-Hijjah 1446 AH (15 June 2025 AD) 10:00');
    expect(plain(text)).toContain('Page 1 of 1');

    const ar = await exported({ subject: { kind: 'requests' }, format: 'pdf' });
    const arPdf = pdfOf(ar.bytes, 'list-ar');
    expect(arPdf.info).toMatch(/84[12]\.\d+ x 595\.\d+ pts/);
    // The four requests, each on its row: its number, and on the row received on 9 June, the person’s name.
    expect(plain(arPdf.text).match(/R-T\d{5}/g)).toHaveLength(4);
    const row = arPdf.text.split('\n').find((line) => plain(line).includes('2025-06-09 09:00'));
    expect(row).toMatch(/R-T\d{5}/);
    expect([...letters('محمد')].every((letter) => letters(row ?? '').includes(letter))).toBe(true);
  });

  it('names the list’s period under its title when it is given one', async () => {
    const opened = wasl.desk.openDatabase;
    if (!opened) throw new Error('the database is not open');
    const deps = { db: opened.db, sqlite: opened.sqlite, keys: { path: wasl.keyringPath }, printPdf: printer.print } as unknown as ServiceDependencies;
    const context = { actorId: adminId, now: new Date(NOW) };
    const labels = labelsFor('en');
    const subject = exportSubject.parse({ kind: 'beneficiaries', period: WEEK }) as ListSubject;
    const list = await openList(opened.db, subject, context, labels);
    const rows = await list.nextPage(100);
    const { text } = pdfOf(await listPdf(deps, list, rows, labels, context), 'list-period-en');
    expect(plain(text)).toContain('Period: from 12 Dhuʻl-Hijjah 1446 AH (8 June 2025 AD) to 16 Dhuʻl-Hijjah 1446 AH (12 June 2025 AD)');
    expect(plain(text)).toContain('Records: 3');
    // Over several pages, the header row heads every one of them.
    const many = Array.from({ length: 60 }, () => rows).flat();
    const long = pdfOf(await listPdf(deps, list, many, labels, context), 'list-long-en');
    const pages = long.text.split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(page).toMatch(/File number\s+Name\s+Name in English/);
    await expect(listPdf({ ...deps, printPdf: undefined }, list, rows, labels, context)).rejects.toMatchObject({ messageKey: 'exports.pdfUnavailable' });
  });

  it('refuses a list longer than a PDF holds, before printing it', async () => {
    const casework = openCasework({ databasePath: join(dir, 'wasl.db'), key: await databaseKeyOf(wasl.keyringPath, ADMIN.username, ADMIN.password) });
    const officerId = adminId;
    const stamp = new Date('2025-06-14T09:00:00Z').toISOString();
    const rows = Array.from({ length: PDF_LIST_MAX_ROWS + 1 }, () => ({
      id: newId(),
      beneficiary_id: people[0]!.id,
      person_name: null,
      person_phone: null,
      channel: 'in_person' as const,
      direction: 'incoming' as const,
      purpose: 'follow_up' as const,
      summary: 'زيارة',
      occurred_at: stamp,
      duration_minutes: null,
      officer_id: officerId,
      phone_number: null,
      platform: null,
      handle: null,
      web_reference: null,
      letter_id: null,
      created_at: stamp,
      updated_at: stamp,
      created_by: officerId,
      updated_by: officerId,
    }));
    await casework.db.transaction().execute(async (trx) => {
      for (let start = 0; start < rows.length; start += 500) await trx.insertInto('contacts').values(rows.slice(start, start + 500)).execute();
    });
    casework.close();
    const job = await finished({ subject: { kind: 'contacts' }, format: 'pdf' });
    expect(job.state).toBe('failed');
    expect(job.error?.messageKey).toBe('exports.tooLongForPdf');
    expect(job.error?.details).toMatchObject({ max: PDF_LIST_MAX_ROWS });
    expect(expectError(await wasl.dispatch('exports.take', { id: job.id })).messageKey).toBe('exports.tooLongForPdf');
  }, 60_000);
});
