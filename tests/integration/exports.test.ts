// Exports through the real call path: a supervisor takes the lists out of Wasl as Excel and CSV, with
// the screens' filters and a period, in Arabic and English. The files are read back (exceljs for the
// workbook): right-to-left sheets, Arabic headers, real numbers and dates, column widths; CSV with
// its byte-order mark and neutralized formulas. Who may export, complaints about the reader left out,
// the audit entry of every file taken, and a cancelled export that leaves nothing.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ContactView } from '../../electron/api/contacts';
import type { ExportFile, ExportJob, StartExportInput } from '../../electron/api/exports';
import { newId } from '../../electron/services/ids';
import { openCasework, REQUEST_TYPE_IDS, type CaseworkFixture } from '../support/casework';
import { ADMIN, auditEntries, createUser, expectError, expectOk, openTestWasl, signInAs, validFields, type TestWasl } from '../support/database';

/** Riyadh wall-clock time. */
const riyadh = (dateTime: string) => `${dateTime}:00+03:00`;

describe('exports of the lists', () => {
  let app: TestWasl;
  let casework: CaseworkFixture;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let officer: Awaited<ReturnType<typeof createUser>>;
  const people: BeneficiaryDetail[] = [];
  let aboutSupervisor: string;

  const asAdmin = () => signInAs(app.dispatch, ADMIN.username, ADMIN.password);
  const asSupervisor = () => signInAs(app.dispatch, supervisor.username, `${supervisor.password}-chosen`);

  /** Starts an export, waits for it, and takes its file. */
  async function exported(input: StartExportInput): Promise<ExportFile> {
    let job = expectOk<ExportJob>(await app.dispatch('exports.start', input));
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      job = expectOk<ExportJob>(await app.dispatch('exports.status', { id: job.id }));
    }
    expect(job.state).toBe('done');
    expect(job.done).toBe(job.total);
    return expectOk<ExportFile>(await app.dispatch('exports.take', { id: job.id }));
  }

  const workbookOf = async (file: ExportFile) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    return workbook;
  };
  /** The job's state once it has moved on: the export runs between the desk's calls, so the test waits a moment between reads. */
  async function statusOf(id: string): Promise<ExportJob> {
    await new Promise((resolve) => setTimeout(resolve, 2));
    return expectOk<ExportJob>(await app.dispatch('exports.status', { id }));
  }
  const textOf = (file: ExportFile) => Buffer.from(file.base64, 'base64').toString('utf8');

  beforeAll(async () => {
    app = await openTestWasl();
    supervisor = await createUser(app.dispatch, 'supervisor');
    officer = await createUser(app.dispatch, 'officer');
    for (const [index, firstName] of ['محمد', 'فاطمة', 'خالد'].entries()) {
      people.push(
        expectOk<BeneficiaryDetail>(
          await app.dispatch('beneficiaries.register', { fields: validFields({ firstName, gender: index === 1 ? 'female' : 'male' }) }),
        ),
      );
    }
    const contact = (beneficiaryId: string, channel: string, summary: string) =>
      app.dispatch('contacts.log', { beneficiaryId, channel, direction: 'incoming', purpose: 'follow_up', summary, phoneNumber: channel === 'phone' ? '0501234567' : undefined });
    expectOk<ContactView>(await contact(people[0]!.id, 'in_person', 'متابعة الطلب'));
    expectOk<ContactView>(await contact(people[1]!.id, 'phone', '=HYPERLINK("http://evil")'));
    expectOk<ContactView>(await contact(people[2]!.id, 'in_person', 'زيارة'));
    casework = openCasework(app);
    await casework.request({ beneficiaryId: people[0]!.id, ownerId: officer.id, stage: 'received', dueDate: '2020-01-05', receivedAt: riyadh('2020-01-01T09:00') });
    await casework.request({ beneficiaryId: people[1]!.id, ownerId: officer.id, stage: 'decided', dueDate: '2099-01-05', typeId: REQUEST_TYPE_IDS.visitPermit });
    await casework.complaint({ ownerId: officer.id, stage: 'received', dueDate: '2099-01-01', beneficiaryId: people[0]!.id, subject: 'تأخر الرد' });
    aboutSupervisor = await casework.complaint({
      ownerId: officer.id,
      stage: 'received',
      dueDate: '2099-01-01',
      beneficiaryId: people[1]!.id,
      aboutStaffId: supervisor.id,
      subject: 'شكوى بحق المشرف',
    });
    await signInAs(app.dispatch, supervisor.username, supervisor.password);
  });

  afterAll(async () => {
    casework.close();
    await app.cleanup();
  });

  it('writes the registry to a right-to-left workbook with Arabic headers, real dates and column widths', async () => {
    const file = await exported({ subject: { kind: 'beneficiaries' }, format: 'xlsx' });
    expect(file.fileName).toMatch(/^wasl-beneficiaries-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.count).toBe(3);
    const workbook = await workbookOf(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('المستفيدون');
    expect(sheet.views[0]?.rightToLeft).toBe(true);
    expect(sheet.getRow(1).values).toEqual([
      undefined, 'رقم الملف', 'الاسم', 'الاسم بالإنجليزية', 'الفئة', 'الحي', 'الأهلية', 'الحالة', 'محذوفة بياناته', 'تاريخ التسجيل', 'التاريخ الهجري (تاريخ التسجيل)',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(4);
    const names = [2, 3, 4].map((row) => String(sheet.getRow(row).getCell(2).value));
    expect(names.map((name) => name.split(' ')[0])).toEqual(['محمد', 'فاطمة', 'خالد']);
    expect(sheet.getRow(2).getCell(1).value).toBe(people[0]!.fileNumber);
    expect(sheet.getRow(2).getCell(6).value).toBe('بانتظار القرار');
    const registered = sheet.getRow(2).getCell(9).value;
    expect(registered).toBeInstanceOf(Date);
    // Riyadh wall-clock time in the cell: three hours ahead of the stored UTC instant.
    expect((registered as Date).getTime() - Date.parse(people[0]!.createdAt)).toBeLessThan(3 * 3600_000 + 60_000);
    expect((registered as Date).getTime() - Date.parse(people[0]!.createdAt)).toBeGreaterThan(3 * 3600_000 - 60_000);
    expect(sheet.getColumn(2).width).toBe(34);
  });

  it('writes English headers and labels, left to right, when asked', async () => {
    const file = await exported({ subject: { kind: 'requests' }, format: 'xlsx', language: 'en' });
    const sheet = (await workbookOf(file)).worksheets[0]!;
    expect(sheet.name).toBe('Requests');
    expect(sheet.views[0]?.rightToLeft).toBe(false);
    expect(sheet.getRow(1).getCell(1).value).toBe('Number');
    const stages = [2, 3].map((row) => sheet.getRow(row).getCell(5).value);
    expect(stages).toEqual(['Received', 'Decided']);
    // Each date stays a real date, and the Hijri date is the text column beside it.
    expect(sheet.getRow(1).getCell(8).value).toBe('Hijri date (Received)');
    expect(sheet.getRow(2).getCell(8).value).toBe('1441/05/06 AH');
    expect(sheet.getRow(1).getCell(10).value).toBe('Hijri date (Due)');
    expect(sheet.getRow(2).getCell(9).value).toEqual(new Date('2020-01-05T00:00:00Z'));
    expect(sheet.getRow(2).getCell(10).value).toBe('1441/05/10 AH');
    expect(sheet.getRow(2).getCell(11).value).toBe('Yes');
  });

  it('applies the screen’s filters and the period', async () => {
    const overdue = await exported({ subject: { kind: 'requests', filters: { overdue: true } }, format: 'csv' });
    expect(overdue.count).toBe(1);
    const inPeriod = await exported({ subject: { kind: 'requests', period: { from: '2019-12-01', to: '2020-01-31' } }, format: 'csv' });
    expect(inPeriod.count).toBe(1);
    const phone = await exported({ subject: { kind: 'contacts', filters: { channel: 'phone' } }, format: 'csv' });
    expect(phone.count).toBe(1);
    const pending = await exported({ subject: { kind: 'beneficiaries', filters: { eligibility: 'pending' } }, format: 'csv' });
    expect(pending.count).toBe(3);
    const archived = await exported({ subject: { kind: 'beneficiaries', filters: { status: 'archived' } }, format: 'csv' });
    expect(archived.count).toBe(0);
    expect(textOf(archived).slice(1).trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('writes CSV with a byte-order mark, Arabic headers and neutralized formulas', async () => {
    const file = await exported({ subject: { kind: 'contacts' }, format: 'csv' });
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    const text = textOf(file);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('الوقت,التاريخ الهجري (الوقت),القناة,الاتجاه,الغرض,الشخص,رقم الملف,الموظف,الدقائق,الملخص');
    expect(lines).toHaveLength(4);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2},14\d\d\/\d{2}\/\d{2} هـ,مقابلة شخصية,/);
  });

  it('writes the Hijri date beside each date in CSV too, the Gregorian one as the spreadsheet reads dates', async () => {
    const lines = textOf(await exported({ subject: { kind: 'requests', period: { from: '2019-12-01', to: '2020-01-31' } }, format: 'csv' })).slice(1).trimEnd().split('\r\n');
    expect(lines[0]?.split(',').slice(6, 10)).toEqual(['تاريخ الاستلام', 'التاريخ الهجري (تاريخ الاستلام)', 'الموعد المستهدف', 'التاريخ الهجري (الموعد المستهدف)']);
    expect(lines[1]?.split(',').slice(6, 10)).toEqual(['2020-01-01 09:00', '1441/05/06 هـ', '2020-01-05', '1441/05/10 هـ']);
    // An empty date has an empty Hijri date beside it.
    expect(lines[1]?.split(',').slice(-7)).toEqual(['', '', '', '', '', '', '']);
  });

  it('leaves the registry’s ID and phone numbers out unless each is asked for, and records the choice', async () => {
    const [first] = people;
    const phone = first!.phones[0]!;
    const local = `0${phone.slice(4, 6)} ${phone.slice(6, 9)} ${phone.slice(9)}`;
    const headersOf = async (file: ExportFile) => ((await workbookOf(file)).worksheets[0]!.getRow(1).values as unknown[]).slice(1);

    const plain = await exported({ subject: { kind: 'beneficiaries' }, format: 'csv' });
    expect(textOf(plain)).not.toContain(first!.idNumber);
    expect(textOf(plain)).not.toContain(local);
    expect(await headersOf(await exported({ subject: { kind: 'beneficiaries', sensitiveColumns: { idNumbers: false, phoneNumbers: false } }, format: 'xlsx' }))).not.toContain('رقم الهوية');

    const withIds = await workbookOf(await exported({ subject: { kind: 'beneficiaries', sensitiveColumns: { idNumbers: true } }, format: 'xlsx' }));
    const idSheet = withIds.worksheets[0]!;
    expect((idSheet.getRow(1).values as unknown[]).slice(1, 6)).toEqual(['رقم الملف', 'الاسم', 'الاسم بالإنجليزية', 'نوع الهوية', 'رقم الهوية']);
    expect(idSheet.getRow(1).values).not.toContain('أرقام الجوال');
    expect([idSheet.getRow(2).getCell(4).value, idSheet.getRow(2).getCell(5).value]).toEqual(['هوية وطنية', first!.idNumber]);

    const withPhones = await exported({ subject: { kind: 'beneficiaries', filters: { eligibility: 'pending' }, sensitiveColumns: { phoneNumbers: true } }, format: 'csv' });
    const lines = textOf(withPhones).slice(1).trimEnd().split('\r\n');
    expect(lines[0]?.split(',').slice(0, 4)).toEqual(['رقم الملف', 'الاسم', 'الاسم بالإنجليزية', 'أرقام الجوال']);
    expect(lines[1]?.split(',')[3]).toBe(local);
    expect(textOf(withPhones)).not.toContain(first!.idNumber);

    await asAdmin();
    const [phonesEntry, idsEntry] = await auditEntries(app.dispatch, { action: 'records.exported', actorId: supervisor.id });
    expect(phonesEntry?.summary).toMatchObject({ subject: 'beneficiaries', format: 'csv', filters: { eligibility: 'pending' }, withIdNumbers: false, withPhoneNumbers: true, count: 3 });
    expect(idsEntry?.summary).toMatchObject({ subject: 'beneficiaries', format: 'xlsx', withIdNumbers: true, withPhoneNumbers: false });
    await asSupervisor();
  });

  it('refuses a sensitive-column choice that is not a yes or no, writing nothing', async () => {
    const refused = expectError(await app.dispatch('exports.start', { subject: { kind: 'beneficiaries', sensitiveColumns: { idNumbers: 'yes' } }, format: 'csv' }));
    expect(refused.code).toBe('validation');
    expect(refused.details?.fields).toContainEqual({ path: 'subject.sensitiveColumns.idNumbers', messageKey: 'validation.choice' });
  });

  it('leaves out the complaints about the reader, which an administrator sees', async () => {
    const mine = await exported({ subject: { kind: 'complaints' }, format: 'csv' });
    expect(mine.count).toBe(1);
    expect(textOf(mine)).not.toContain('شكوى بحق المشرف');
    await asAdmin();
    const all = await exported({ subject: { kind: 'complaints' }, format: 'csv' });
    expect(all.count).toBe(2);
    expect(textOf(all)).toContain('شكوى بحق المشرف');
    expect(aboutSupervisor).toBeTruthy();
    await asSupervisor();
  });

  it('records every file taken in the audit log: who, what, filtered how, how many', async () => {
    await exported({ subject: { kind: 'contacts', filters: { channel: 'in_person' } }, format: 'xlsx' });
    await asAdmin();
    const [entry] = await auditEntries(app.dispatch, { action: 'records.exported', actorId: supervisor.id });
    expect(entry?.summary).toMatchObject({ subject: 'contacts', format: 'xlsx', filters: { channel: 'in_person' }, count: 2 });
    await asSupervisor();
  });

  it('is refused to an officer, and refuses a bad request without writing', async () => {
    await signInAs(app.dispatch, officer.username, officer.password);
    expect(expectError(await app.dispatch('exports.start', { subject: { kind: 'beneficiaries' }, format: 'csv' })).code).toBe('forbidden');
    await asSupervisor();
    expect(expectError(await app.dispatch('exports.start', { subject: { kind: 'beneficiaries' }, format: 'docx' })).code).toBe('validation');
    expect(expectError(await app.dispatch('exports.start', { subject: { kind: 'people' }, format: 'csv' })).code).toBe('validation');
    const period = expectError(
      await app.dispatch('exports.start', { subject: { kind: 'contacts', period: { from: '2026-02-01', to: '2026-01-01' } }, format: 'csv' }),
    );
    expect(period.details?.fields).toContainEqual({ path: 'subject.period.to', messageKey: 'validation.reports.endBeforeStart' });
  });

  it('cancels an export: no file to take, nothing in the audit log', async () => {
    await asAdmin();
    const before = (await auditEntries(app.dispatch, { action: 'records.exported' })).length;
    await asSupervisor();
    const job = expectOk<ExportJob>(await app.dispatch('exports.start', { subject: { kind: 'contacts' }, format: 'xlsx' }));
    const cancelling = expectOk<ExportJob>(await app.dispatch('exports.cancel', { id: job.id }));
    expect(['running', 'cancelled']).toContain(cancelling.state);
    let state = cancelling;
    while (state.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      state = expectOk<ExportJob>(await app.dispatch('exports.status', { id: job.id }));
    }
    expect(state.state).toBe('cancelled');
    expect(expectError(await app.dispatch('exports.take', { id: job.id })).messageKey).toBe('exports.cancelled');
    await asAdmin();
    expect(await auditEntries(app.dispatch, { action: 'records.exported' })).toHaveLength(before);
    await asSupervisor();
  });

  it('hands a file over once, to who asked for it; signing in as someone else lets the others go', async () => {
    const file = await exported({ subject: { kind: 'letters' }, format: 'csv' });
    expect(file.count).toBe(0);
    const job = expectOk<ExportJob>(await app.dispatch('exports.start', { subject: { kind: 'letters' }, format: 'csv' }));
    let state = job;
    while (state.state === 'running') state = await statusOf(job.id);
    expectOk<ExportFile>(await app.dispatch('exports.take', { id: job.id }));
    expect(expectError(await app.dispatch('exports.take', { id: job.id })).code).toBe('not_found');
    // A file left untaken when someone else signs in at the desk is not theirs to see, nor kept.
    const left = expectOk<ExportJob>(await app.dispatch('exports.start', { subject: { kind: 'letters' }, format: 'csv' }));
    await asAdmin();
    expect(expectError(await app.dispatch('exports.status', { id: left.id })).code).toBe('not_found');
    await asSupervisor();
    expect(expectError(await app.dispatch('exports.take', { id: left.id })).code).toBe('not_found');
  });

  it('stops an export cancelled half-way, between two pages', async () => {
    // Twenty thousand contacts: ten pages of rows.
    const stamp = new Date('2021-03-01T09:00:00Z').toISOString();
    const rows = Array.from({ length: 20_000 }, () => ({
      id: newId(), beneficiary_id: people[2]!.id, person_name: null, person_phone: null, channel: 'in_person' as const,
      direction: 'incoming' as const, purpose: 'follow_up' as const, summary: 'زيارة', occurred_at: stamp, duration_minutes: null,
      officer_id: officer.id, phone_number: null, platform: null, handle: null, web_reference: null, letter_id: null,
      created_at: stamp, updated_at: stamp, created_by: officer.id, updated_by: officer.id,
    }));
    await casework.db.transaction().execute(async (trx) => {
      for (let first = 0; first < rows.length; first += 500) await trx.insertInto('contacts').values(rows.slice(first, first + 500)).execute();
    });
    const job = expectOk<ExportJob>(await app.dispatch('exports.start', { subject: { kind: 'contacts', period: { from: '2021-03-01', to: '2021-03-01' } }, format: 'xlsx' }));
    let state = job;
    while (state.state === 'running' && state.done === 0) state = await statusOf(job.id);
    expect(state.state).toBe('running');
    expect(state.total).toBe(20_000);
    expectOk(await app.dispatch('exports.cancel', { id: job.id }));
    while (state.state === 'running') state = await statusOf(job.id);
    expect(state.state).toBe('cancelled');
    expect(state.done).toBeLessThan(state.total);
    expect(expectError(await app.dispatch('exports.take', { id: job.id })).messageKey).toBe('exports.cancelled');
  });

  it('leaves out of the contacts the one that brought a complaint about the reader', async () => {
    const brought = expectOk<ContactView>(
      await app.dispatch('contacts.log', { beneficiaryId: people[1]!.id, channel: 'in_person', direction: 'incoming', purpose: 'complaint', summary: 'جاء يشتكي من المشرف' }),
    );
    await casework.db.updateTable('complaints').set({ source_contact_id: brought.id }).where('id', '=', aboutSupervisor).execute();
    const mine = textOf(await exported({ subject: { kind: 'contacts', filters: { beneficiaryId: people[1]!.id } }, format: 'csv' }));
    expect(mine).not.toContain('جاء يشتكي من المشرف');
    expect(mine).toContain('HYPERLINK');
    await asAdmin();
    expect(textOf(await exported({ subject: { kind: 'contacts', filters: { beneficiaryId: people[1]!.id } }, format: 'csv' }))).toContain('جاء يشتكي من المشرف');
    await asSupervisor();
  });
});
