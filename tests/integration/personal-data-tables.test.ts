// The one description per table of a person's data (electron/services/personal-data/tables.ts) is
// what the list export, the subject-access document and erasure read: every table of db/schema.ts is
// described or said to hold nobody's data, each description names its table's columns, each list
// writes exactly the columns its tables' descriptions name, the document has a line for each of the
// person's own columns, and erasure leaves of each column what its description says.
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import type { ExportedFile } from '../../electron/api/audit';
import { ERASED_NAME, type BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ComplaintDetail } from '../../electron/api/complaints';
import { exportSubject, type ExportSubjectInput } from '../../electron/api/exports';
import type { AskedInquiry } from '../../electron/api/inquiries';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { RequestDetail } from '../../electron/api/requests';
import { DOCUMENT_LINES } from '../../electron/services/beneficiaries/personal-data-document';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import { SHIPPED_QUESTIONNAIRE_ID } from '../../db/fixed-ids';
import type { Labels } from '../../electron/services/exports/labels';
import { openList, type ListSubject } from '../../electron/services/exports/lists';
import {
  deletesRows,
  LIST_EXPORT_TABLES,
  listedColumnsOf,
  PERSONAL_DATA_TABLES,
  TABLES_WITHOUT_PERSONAL_DATA,
  type ColumnRule,
  type PersonalDataTable,
} from '../../electron/services/personal-data/tables';
import { expectOk, openTestWaslWithStaff, tempDir, validFields, type StaffedTestWasl } from '../support/database';
import { declaredSchema, type TypedColumn } from '../support/declared-schema';

const ROOT = resolve(__dirname, '..', '..');
const DESCRIPTIONS: Readonly<Record<PersonalDataTable, Record<string, ColumnRule<unknown>>>> = PERSONAL_DATA_TABLES;
const TABLES = Object.keys(DESCRIPTIONS) as PersonalDataTable[];

/**
 * Every way a schema and the descriptions can part, one sentence each: a table neither described nor
 * said to hold nobody's data, a table linked to a beneficiary but not described, a table described
 * (or listed) that the schema does not have, and a column on one side only.
 */
function undescribed(
  declared: ReadonlyMap<string, readonly TypedColumn[]>,
  described: Readonly<Record<string, Record<string, unknown>>>,
  withoutPersonalData: Readonly<Record<string, string>>,
): string[] {
  const found: string[] = [];
  for (const [table, columns] of declared) {
    const description = described[table];
    if (description === undefined) {
      if (columns.some((column) => column.name === 'beneficiary_id')) found.push(`${table} is linked to a beneficiary but has no description`);
      else if (!(table in withoutPersonalData)) found.push(`${table} is neither described nor said to hold nobody's data`);
      continue;
    }
    if (table in withoutPersonalData) found.push(`${table} is described and said to hold nobody's data`);
    for (const column of columns) if (!(column.name in description)) found.push(`${table}.${column.name} is not in its description`);
    for (const column of Object.keys(description)) {
      if (!columns.some((candidate) => candidate.name === column)) found.push(`${table}.${column} is described but not in the schema`);
    }
  }
  for (const table of [...Object.keys(described), ...Object.keys(withoutPersonalData)]) {
    if (!declared.has(table)) found.push(`${table} is named but not in the schema`);
  }
  return found;
}

describe('the tables of db/schema.ts', () => {
  it('are each described column for column, or said to hold nobody’s data; every one linked to a beneficiary is described', () => {
    expect(undescribed(declaredSchema(join(ROOT, 'db', 'schema.ts')), DESCRIPTIONS, TABLES_WITHOUT_PERSONAL_DATA)).toEqual([]);
  });

  it('are described as the migrated database holds them, column for column', () => {
    const dir = tempDir();
    const opened = openDatabase(join(dir, 'wasl.db'), { key: randomBytes(32) });
    try {
      migrate(opened.sqlite);
      for (const table of TABLES) {
        const held = (opened.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).toSorted();
        expect(Object.keys(DESCRIPTIONS[table]).toSorted(), table).toEqual(held);
      }
    } finally {
      opened.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('catch out a linked table without a description, a table nobody classed, and a column added to a described table', () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'schema.ts');
      writeFileSync(
        file,
        `export interface DatabaseSchema { people: PersonTable; visits: VisitTable; rooms: RoomTable; lamps: { id: string } }
         interface PersonTable { id: string; name: string; added_later: string | null }
         interface VisitTable { id: string; beneficiary_id: string; note: string }
         interface RoomTable { id: string; name: string }`,
      );
      expect(undescribed(declaredSchema(file), { people: { id: {}, name: {} } }, { rooms: 'the building', halls: 'gone' })).toEqual([
        'people.added_later is not in its description',
        'visits is linked to a beneficiary but has no description',
        "lamps is neither described nor said to hold nobody's data",
        'halls is named but not in the schema',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Labels that answer each header with its own message key, so the test reads which columns a list writes. */
const KEY_LABELS: Labels = {
  language: 'en',
  text: (_namespace, path) => path,
  code: (_namespace, _group, value) => value,
};

const LISTED_PROGRAM = '019ab9a0-0000-7000-8000-0000000c0001';
const LISTED_SESSION = '019ab9a0-0000-7000-8000-0000000c0002';

describe('the list export', () => {
  let dir: string;
  let opened: OpenedDatabase;
  beforeAll(() => {
    dir = tempDir();
    opened = openDatabase(join(dir, 'wasl.db'), { key: randomBytes(32) });
    migrate(opened.sqlite);
    // A program with a session: its roster and its session's attendance sheet are lists of their own.
    const stamps = `'2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z', '${SYSTEM_USER_ID}', '${SYSTEM_USER_ID}'`;
    opened.sqlite.exec(`INSERT INTO programs (id, name_ar, kind, description, has_interview, capacity, min_attendance_percent,
      follow_up_after_absences, offer_days, starts_on, ends_on, status, created_at, updated_at, created_by, updated_by)
      VALUES ('${LISTED_PROGRAM}', 'دورة', 'training', 'وصف', 0, 10, 80, 3, 3, '2026-12-01', '2026-12-31', 'planned', ${stamps})`);
    opened.sqlite.exec(`INSERT INTO program_sessions (id, program_id, date, starts_at, ends_at, created_at, updated_at, created_by, updated_by)
      VALUES ('${LISTED_SESSION}', '${LISTED_PROGRAM}', '2026-12-02', '09:00', '11:00', ${stamps})`);
  });
  afterAll(async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The columns a list's file has, every sensitive column ticked, as their keys in exports.columns.<list>. */
  async function columnsOfList(kind: keyof typeof LIST_EXPORT_TABLES): Promise<string[]> {
    const input: ExportSubjectInput =
      kind === 'beneficiaries'
        ? { kind, sensitiveColumns: { idNumbers: true, phoneNumbers: true } }
        : kind === 'roster'
          ? { kind, programId: LISTED_PROGRAM }
          : kind === 'attendanceSheet'
            ? { kind, sessionId: LISTED_SESSION }
            : { kind };
    const subject = exportSubject.parse(input) as ListSubject;
    const list = await openList(opened.db, subject, { actorId: SYSTEM_USER_ID, now: new Date('2026-12-06T09:00:00Z') }, KEY_LABELS);
    return list.columns.map((column) => column.header.replace(`columns.${kind}.`, ''));
  }

  it.each(Object.keys(LIST_EXPORT_TABLES) as Array<keyof typeof LIST_EXPORT_TABLES>)('of %s writes exactly the columns its tables’ descriptions name', async (kind) => {
    const written = new Set(await columnsOfList(kind));
    // The person's phones are rows of beneficiary_phones, not a column of the person's row: their description names the column.
    const described = new Set(LIST_EXPORT_TABLES[kind].flatMap((table) => [...listedColumnsOf(DESCRIPTIONS[table])]));
    expect([...written].sort()).toEqual([...described].sort());
  });

  it('is where every listed column of a description is shown', () => {
    const shown = new Set<string>(Object.values(LIST_EXPORT_TABLES).flat());
    const listedButNotShown = TABLES.filter((table) => listedColumnsOf(DESCRIPTIONS[table]).size > 0 && !shown.has(table));
    expect(listedButNotShown).toEqual([]);
  });
});

describe('each description', () => {
  const rules = Object.entries(DESCRIPTIONS).flatMap(([table, description]) =>
    Object.entries(description as Record<string, ColumnRule<unknown>>).map(([column, rule]) => ({ table, column, rule })),
  );

  it('lets erasure touch only what is the person’s own (or the erasure’s own stamp, or a row that goes whole)', () => {
    const touchedButNotPersonal = rules
      .filter(({ rule }) => !rule.personal && rule.erasure !== 'kept' && rule.erasure !== 'stamped' && rule.erasure !== 'deleted')
      .map(({ table, column }) => `${table}.${column}`);
    expect(touchedButNotPersonal).toEqual([]);
  });

  it('deletes a table’s rows whole or not at all', () => {
    const halfDeleted = TABLES.filter((table) => !deletesRows(DESCRIPTIONS[table]) && Object.values(DESCRIPTIONS[table]).some((rule) => rule.erasure === 'deleted'));
    expect(halfDeleted).toEqual([]);
    expect(TABLES.filter((table) => deletesRows(DESCRIPTIONS[table]))).toEqual(['beneficiary_phones', 'household_members', 'audit_changes']);
  });

  it('names list columns the list messages have, in both languages', async () => {
    const { default: arabic } = await import('../../locales/ar/exports.json');
    const { default: english } = await import('../../locales/en/exports.json');
    for (const [list, tables] of Object.entries(LIST_EXPORT_TABLES)) {
      for (const key of tables.flatMap((table) => [...listedColumnsOf(DESCRIPTIONS[table])])) {
        for (const messages of [arabic, english]) {
          const columns = (messages as { columns: Record<string, Record<string, string>> }).columns[list];
          expect(columns?.[key], `exports.columns.${list}.${key}`).toBeTypeOf('string');
        }
      }
    }
  });
});


// --- A person with something in every described table ------------------------------------------

/** Seeded by the casework migration. */
const PRISONS = '019ab9a0-0000-7000-8000-00000000a001';
const FINANCIAL_AID = '019ab9a0-0000-7000-8000-00000000b001';
const SCAN = Buffer.from(
  ['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'),
  'latin1',
);
const WEB_REFERENCE = 'WEB-REF-4417';

/** The person's rows of each described table: a table added to the descriptions needs its way here. */
const ROWS_OF_PERSON: Readonly<Record<PersonalDataTable, string>> = {
  beneficiaries: `SELECT * FROM beneficiaries WHERE id = ?`,
  beneficiary_phones: `SELECT * FROM beneficiary_phones WHERE beneficiary_id = ?`,
  household_members: `SELECT * FROM household_members WHERE beneficiary_id = ?`,
  eligibility_decisions: `SELECT * FROM eligibility_decisions WHERE beneficiary_id = ?`,
  contacts: `SELECT * FROM contacts WHERE beneficiary_id = ?`,
  attachments: `SELECT * FROM attachments WHERE id IN (SELECT scan_id FROM letters WHERE beneficiary_id = ?)`,
  letters: `SELECT * FROM letters WHERE beneficiary_id = ?`,
  requests: `SELECT * FROM requests WHERE beneficiary_id = ?`,
  request_events: `SELECT * FROM request_events WHERE beneficiary_id = ?`,
  complaints: `SELECT * FROM complaints WHERE beneficiary_id = ?`,
  complaint_events: `SELECT * FROM complaint_events WHERE beneficiary_id = ?`,
  inquiries: `SELECT * FROM inquiries WHERE beneficiary_id = ?`,
  program_enrolments: `SELECT * FROM program_enrolments WHERE beneficiary_id = ?`,
  program_enrolment_events: `SELECT * FROM program_enrolment_events WHERE beneficiary_id = ?`,
  program_attendance: `SELECT * FROM program_attendance WHERE beneficiary_id = ?`,
  program_discipline_notes: `SELECT * FROM program_discipline_notes WHERE beneficiary_id = ?`,
  program_fee_waivers: `SELECT * FROM program_fee_waivers WHERE enrolment_id IN (SELECT id FROM program_enrolments WHERE beneficiary_id = ?)`,
  program_payments: `SELECT * FROM program_payments WHERE enrolment_id IN (SELECT id FROM program_enrolments WHERE beneficiary_id = ?)`,
  questionnaire_offers: `SELECT * FROM questionnaire_offers WHERE beneficiary_id = ?`,
  // Found through the offer: erasure takes the name off the response itself.
  questionnaire_responses: `SELECT * FROM questionnaire_responses WHERE offer_id IN (SELECT id FROM questionnaire_offers WHERE beneficiary_id = ?)`,
  audit_log: `SELECT * FROM audit_log WHERE entity_id = ?`,
  audit_changes: `SELECT * FROM audit_changes WHERE entry_id IN (SELECT id FROM audit_log WHERE entity_id = ?)`,
};
/** What tells one row from another where a table has no id. */
const rowKey = (table: PersonalDataTable, row: Record<string, unknown>) => String(table === 'audit_changes' ? row.entry_id : row.id);

describe('a person with something in every described table', () => {
  let app: StaffedTestWasl<'supervisor'>;
  let person: BeneficiaryDetail;

  beforeAll(async () => {
    // A supervisor decides the waiver the administrator asks for, and voids a payment.
    app = await openTestWaslWithStaff({ supervisor: 'supervisor' });
    const ok = async <T>(name: string, input: unknown) => expectOk<T>(await app.dispatch(name, input));
    const districtId = rows(`SELECT id FROM districts LIMIT 1`)[0]!.id as string;
    const fields = validFields({
      latinName: 'Mohammed Harbi',
      phones: ['0551239876', '0569871234'],
      districtId,
      address: 'حي النعاثل',
      category: 'family_member',
      prisonerRelation: 'son',
      prisonerName: 'سجين للاختبار',
      prisonerFacility: 'إصلاحية الأحساء',
      household: [{ fullName: 'فاطمة محمد الحربي', relation: 'sister', birthDate: '1990-02-03', idNumber: 'P7788991', notes: 'ملاحظة أسرية' }],
      needsNotes: 'ملاحظة عن الاحتياج',
      notes: 'ملاحظة عامة',
    });
    const registered = await ok<BeneficiaryDetail>('beneficiaries.register', { fields });
    const beneficiaryId = registered.id;
    await ok('eligibility.record', { beneficiaryId, inScope: true, legalResident: true, receivesServices: false, outcome: 'not_eligible', reason: 'سبب الرفض' });
    await ok('contacts.log', { beneficiaryId, channel: 'phone', direction: 'outgoing', purpose: 'follow_up', phoneNumber: '0551239876', summary: 'اتصال للمتابعة' });
    await ok('contacts.log', { beneficiaryId, channel: 'social_media', direction: 'incoming', purpose: 'inquiry', platform: 'whatsapp', handle: 'harbi_handle', summary: 'رسالة على المنصة' });
    await ok('contacts.log', { beneficiaryId, channel: 'website', direction: 'incoming', purpose: 'inquiry', webReference: WEB_REFERENCE, summary: 'رسالة من الموقع' });
    await ok('letters.register', {
      direction: 'incoming', number: '77/س/1446', letterDate: '2025-03-10', authorityId: PRISONS, subject: 'خطاب من السجون', beneficiaryId,
      scan: { fileName: 'خطاب-السجون.pdf', contentBase64: SCAN.toString('base64') },
    });
    await ok('letters.register', { direction: 'outgoing', letterDate: '2025-03-10', authorityId: null, subject: 'خطاب إلى المستفيد', body: 'نص الخطاب', beneficiaryId });
    const request = await ok<RequestDetail>('requests.open', { beneficiaryId, typeId: FINANCIAL_AID, summary: 'طلب مساعدة' });
    await ok('requests.startReview', { id: request.id, note: 'ملاحظة الدراسة' });
    await ok('requests.decide', { id: request.id, outcome: 'rejected', reason: 'سبب القرار' });
    const complaint = await ok<ComplaintDetail>('complaints.receive', { kind: 'complaint', beneficiaryId, about: 'service', subject: 'تأخر الرد', details: 'تفاصيل الشكوى' });
    await ok('complaints.acknowledge', { id: complaint.id, note: 'ملاحظة الإقرار' });
    await ok('complaints.investigate', { id: complaint.id });
    await ok('complaints.resolve', { id: complaint.id, resolution: 'عولجت' });
    const asked = await ok<AskedInquiry>('inquiries.ask', { contact: { beneficiaryId, channel: 'in_person', direction: 'incoming', summary: 'سؤال عن البرامج' }, answer: null, articleId: null });
    await ok('inquiries.answer', { id: asked.inquiry.id, answer: 'الإجابة عن البرامج', articleId: null });
    // The interview ended with the satisfaction questionnaire, answered by phone, the person leaving their name.
    const offer = await ok<{ id: string }>('satisfaction.offer', { questionnaireId: SHIPPED_QUESTIONNAIRE_ID, mode: 'phone', contactId: asked.contact.id });
    await ok('satisfaction.recordByPhone', { offerId: offer.id, answers: { overall: 5, comment: 'تعليق باسمه' }, named: true });
    // A second inquiry never answered: erasure leaves its answer absent.
    await ok('inquiries.ask', { contact: { beneficiaryId, channel: 'in_person', direction: 'incoming', summary: 'سؤال آخر' }, answer: null, articleId: null });
    // A program with an interview they do not meet the conditions of: let in by the administrator with a reason, interviewed, declined.
    const program = await ok<{ id: string; rowVersion: number }>('programs.save', {
      fields: {
        nameAr: 'برنامج التأهيل', nameEn: null, kind: 'rehabilitation', description: 'تأهيل', conditions: null, categories: [], gender: null,
        ageMin: null, ageMax: null, hasInterview: true, capacity: 10, minAttendancePercent: 80, maxUnexcusedAbsences: null,
        followUpAfterAbsences: 3, offerDays: 3, startsOn: '2026-01-01', endsOn: '2030-12-31', place: null,
      },
    });
    const priced = await ok<{ rowVersion: number }>('programs.publishFee', { programId: program.id, amount: 0, covers: 'مجاني' });
    await ok('programs.setStatus', { id: program.id, expectedVersion: priced.rowVersion, status: 'open', reason: null });
    const enrolment = await ok<{ id: string }>('enrolments.apply', { programId: program.id, beneficiaryId, overrideReason: 'سبب الاستثناء' });
    await ok('enrolments.scheduleInterview', { id: enrolment.id, interviewOn: '2026-02-01', interviewerId: app.adminId, note: 'ملاحظة الموعد' });
    await ok('enrolments.recordInterview', { id: enrolment.id, result: 'passed', notes: 'ملاحظات المقابلة' });
    await ok('enrolments.decline', { id: enrolment.id, reason: 'سبب رفض التسجيل' });
    // A program they attend: a session's attendance with a note on theirs, and a warning.
    const course = await ok<{ id: string; rowVersion: number }>('programs.save', {
      fields: {
        nameAr: 'دورة مهنية', nameEn: null, kind: 'training', description: 'تدريب', conditions: null, categories: [], gender: null,
        ageMin: null, ageMax: null, hasInterview: false, capacity: 10, minAttendancePercent: 80, maxUnexcusedAbsences: null,
        followUpAfterAbsences: 3, offerDays: 3, startsOn: '2026-01-01', endsOn: '2030-12-31', place: null,
      },
    });
    const today = todayInRiyadh(new Date());
    await ok('programs.addSessions', { programId: course.id, schedule: { kind: 'dates', dates: [today] }, startsAt: '00:00', endsAt: '00:30' });
    const coursePriced = await ok<{ rowVersion: number; sessions: Array<{ id: string }> }>('programs.publishFee', { programId: course.id, amount: 20_000, covers: 'المواد' });
    await ok('programs.setStatus', { id: course.id, expectedVersion: coursePriced.rowVersion, status: 'open', reason: null });
    const attending = await ok<{ id: string }>('enrolments.apply', { programId: course.id, beneficiaryId, overrideReason: 'سبب الاستثناء الثاني' });
    await ok('enrolments.accept', { id: attending.id });
    await ok('attendance.record', { sessionId: coursePriced.sessions[0]!.id, exceptions: [{ enrolmentId: attending.id, status: 'excused', note: 'ملاحظة على الغياب' }] });
    await ok('attendance.addDisciplineNote', { enrolmentId: attending.id, kind: 'warning', whatHappened: 'ما حدث في الجلسة', occurredOn: today });
    // Its fee: a partial waiver asked for and decided, a payment with a note, and one voided with a reason.
    const fees = await ok<{ openWaiverId: string }>('programFees.requestWaiver', { enrolmentId: attending.id, kind: 'partial', amount: 5_000, reason: 'سبب طلب الإعفاء' });
    await ok('programFees.recordPayment', { enrolmentId: attending.id, amount: 5_000, paidOn: today, method: 'cash', note: 'ملاحظة على الدفعة' });
    const mistaken = await ok<{ payments: Array<{ id: string }> }>('programFees.recordPayment', { enrolmentId: attending.id, amount: 1_000, paidOn: today, method: 'cash', note: null });
    await app.signIn('supervisor');
    await ok('programFees.decideWaiver', { id: fees.openWaiverId, decision: 'approved', note: 'ملاحظة المشرف على الإعفاء' });
    await ok('programFees.voidPayment', { id: mistaken.payments[0]!.id, reason: 'سبب إلغاء الدفعة' });
    await app.signIn('administrator');
    // A correction, so the audit trail holds an old and a new value.
    person = await ok<BeneficiaryDetail>('beneficiaries.update', { id: beneficiaryId, expectedVersion: registered.rowVersion, fields: { ...fields, address: 'حي الكوت' } });
    // Some forty calls, a record in every area: more than a hook's usual ten seconds on a busy machine.
  }, 60_000);

  afterAll(async () => {
    await app.cleanup();
  });

  /** Rows of the test's database, read through a second connection with the key. */
  function rows(query: string, ...parameters: unknown[]): Array<Record<string, unknown>> {
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      return opened.sqlite.prepare(query).all(...parameters) as Array<Record<string, unknown>>;
    } finally {
      opened.sqlite.close();
    }
  }

  const rowsOfPerson = (table: PersonalDataTable) => rows(ROWS_OF_PERSON[table], person.id);

  it('holds a row of theirs in every described table, and a value in every column the document shows', () => {
    const empty: string[] = [];
    for (const table of TABLES) {
      const held = rowsOfPerson(table);
      if (held.length === 0) empty.push(table);
      const lines: Record<string, string | null> = DOCUMENT_LINES[table];
      for (const [column, line] of Object.entries(lines)) {
        if (line !== null && !held.some((row) => row[column] !== null && row[column] !== '')) empty.push(`${table}.${column}`);
      }
    }
    expect(empty).toEqual([]);
  });

  it('shows every column of theirs on its line of the subject-access document', async () => {
    const document = expectOk<ExportedFile>(await app.dispatch('beneficiaries.exportPersonalData', { id: person.id })).content;
    const missing: string[] = [];
    for (const table of TABLES) {
      const lines: Record<string, string | null> = DOCUMENT_LINES[table];
      for (const [column, line] of Object.entries(lines)) {
        // A line's label opens its cell or its heading (a criterion's is followed by its answer).
        if (line !== null && !document.includes(`>${line}<`) && !document.includes(`>${line}: `)) missing.push(`${table}.${column} (${line})`);
      }
    }
    expect(missing).toEqual([]);
    // The reference of a message through the website is the person's: the document shows it beside the channel.
    expect(document).toContain(`<bdi dir="ltr">${WEB_REFERENCE}</bdi>`);
  });

  it('loses, when erased, of each column what its description says, and nothing else', async () => {
    const before = new Map(TABLES.map((table) => [table, rowsOfPerson(table)]));
    expectOk(await app.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب المستفيد إتلاف بياناته', confirmFileNumber: person.fileNumber }));
    const wrong: string[] = [];
    for (const table of TABLES) {
      const after = new Map(rowsOfPerson(table).map((row) => [rowKey(table, row), row]));
      const description = DESCRIPTIONS[table];
      for (const row of before.get(table)!) {
        const erased = after.get(rowKey(table, row));
        if (deletesRows(description)) {
          if (erased !== undefined) wrong.push(`${table} ${rowKey(table, row)} was kept`);
          continue;
        }
        if (erased === undefined) {
          wrong.push(`${table} ${rowKey(table, row)} was deleted`);
          continue;
        }
        for (const [column, rule] of Object.entries(description)) {
          const was = row[column];
          const is = erased[column];
          const expected =
            rule.erasure === 'kept' ? was
            : rule.erasure === 'cleared' ? null
            : rule.erasure === 'emptied' ? (was === null ? null : '')
            : rule.erasure === 'marked' ? (was === null ? null : ERASED_NAME)
            : typeof rule.erasure === 'object' ? rule.erasure.replacedBy({ beneficiaryId: person.id })
            : is;
          if (!Object.is(is, expected) && !(Buffer.isBuffer(is) && Buffer.isBuffer(expected) && is.equals(expected))) {
            wrong.push(`${table}.${column}: ${String(expected)} expected, ${String(is)} found`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
