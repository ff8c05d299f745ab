// The programs' records between the desks of one office, through a real office server: a person's
// erasure reaches the fee waivers and payments of their enrolments (rows that name them only through
// the enrolment) in the sync's queues and conflicts, so that nothing of a reason is left to send, kept
// or held anywhere; two desks apart each printing an enrolment's first certificate keep both rows,
// both numbers verify on every desk and a reprint anywhere gives the oldest; and receipts numbered at
// two desks before they were paired are found as one number for a supervisor to settle.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED_NAME } from '../../electron/api/beneficiaries';
import type { ConflictList } from '../../electron/api/conflicts';
import type { CertificateLookup, CertificatePdf } from '../../electron/api/enrolments';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import type { EnrolmentFees } from '../../electron/api/program-fees';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { expectOk, openTestWasl, tempDir, type TestWasl } from '../support/database';
import { attending as attendingProgram, heldCourse as heldCourseWithFee, type ProgramCall } from '../support/programs';

const DAY_MS = 24 * 60 * 60_000;
const dayFromToday = (days: number) => todayInRiyadh(new Date(Date.now() + days * DAY_MS));

let printer: ChromiumPrinter;
let server: OfficeServer;
let deskA: TestWasl;
let deskB: TestWasl;

const sqliteOf = (desk: TestWasl) => desk.wasl.desk.openDatabase!.sqlite;
const call = async <T>(desk: TestWasl, name: string, input: unknown): Promise<T> => expectOk<T>(await desk.dispatch(name, input));
const callOn =
  (desk: TestWasl): ProgramCall =>
  <T>(name: string, input: unknown) =>
    call<T>(desk, name, input);
const syncNow = (desk: TestWasl) => call<OfficeStatus>(desk, 'office.syncNow', {});
/** Both desks send what they hold and take what the other sent: A, B, then A again for what B sent. */
const syncBoth = async () => {
  for (const desk of [deskA, deskB, deskA]) await syncNow(desk);
};
const openDesk = () => openTestWasl({ printPdf: (page, options) => printer.print(page, options) });

/** Pairs two desks with a new office server, the first with a code the server made, the second with one the first made. */
async function pairWithNewOffice(first: TestWasl, second: TestWasl): Promise<OfficeServer> {
  const office = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
  const address = `127.0.0.1:${office.port}`;
  const { code } = await createPairingCode(office.database.db, new Date());
  expectOk(await first.dispatch('office.pair', { address, fingerprint: office.fingerprint, code, deskName: 'الاستقبال 1' }));
  const made = await call<PairingCodeMade>(first, 'office.newPairingCode', {});
  expectOk(await second.dispatch('office.pair', { address, fingerprint: office.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
  return office;
}

beforeAll(async () => {
  printer = createChromiumPrinter({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  deskA = await openDesk();
  deskB = await openDesk();
  server = await pairWithNewOffice(deskA, deskB);
  await syncBoth();
}, 120_000);

afterAll(async () => {
  await deskA?.cleanup();
  await deskB?.cleanup();
  await server?.close();
  await printer?.close();
});

/** A course with a fee, its three sessions held in the past three days, open for enrolment. */
const heldCourse = (desk: TestWasl) => heldCourseWithFee(callOn(desk), { amount: 15_000, covers: 'المواد والشهادة' });

/** Someone enrolled in the course and attending it. */
const attending = (desk: TestWasl, programId: string, firstName: string) => attendingProgram(callOn(desk), programId, { firstName });

/** The rows of a desk's sync queue (or kept copies) in which a text is found, whatever column holds it. */
function mentioning(desk: TestWasl, table: 'sync_outbox' | 'sync_inbox' | 'sync_office_fields' | 'sync_office_rows' | 'sync_conflicts', text: string): unknown[] {
  return (sqliteOf(desk).prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>).filter((row) => JSON.stringify(row).includes(text));
}
const QUEUES = ['sync_outbox', 'sync_inbox', 'sync_office_fields', 'sync_office_rows', 'sync_conflicts'] as const;

describe('a person erased at a paired desk', () => {
  it('takes the waivers and payments of their enrolments out of the sync’s queues, kept fields, held changes and conflicts, and sends nothing of them', async () => {
    const course = await heldCourse(deskA);
    const { person, enrolment } = await attending(deskA, course.id, 'سالم');
    const recorded = await call<EnrolmentFees>(deskA, 'programFees.recordPayment', { enrolmentId: enrolment.id, amount: 500, paidOn: dayFromToday(0), method: 'cash', note: 'ملاحظة أولى' });
    await syncBoth();

    // The same payment voided at each desk while apart, for a different reason: the merge keeps one
    // reason and the other for a supervisor, a conflict about the person.
    const paymentId = recorded.payments[0]!.id;
    await call(deskA, 'programFees.voidPayment', { id: paymentId, reason: 'سبب الإلغاء عند الأول' });
    await call(deskB, 'programFees.voidPayment', { id: paymentId, reason: 'سبب الإلغاء عند الثاني' });
    await syncBoth();
    for (const desk of [deskA, deskB]) {
      const conflicts = sqliteOf(desk).prepare("SELECT person_id FROM sync_conflicts WHERE entity = 'program_payments'").pluck().all();
      expect(conflicts.length).toBeGreaterThan(0);
      expect(new Set(conflicts)).toEqual(new Set([person.id]));
    }

    // Then, at desk A, a new waiver asked for and a payment recorded, not sent yet; and a change of
    // the waiver from desk B held in desk A's inbox.
    const REASON = 'سبب الإعفاء الذي لا يبقى بعد المحو';
    const NOTE = 'ملاحظة الدفع التي لا تبقى';
    const HELD = 'سبب وصل من مكتب آخر ولم يؤخذ';
    await call(deskA, 'programFees.recordPayment', { enrolmentId: enrolment.id, amount: 1_000, paidOn: dayFromToday(0), method: 'cash', note: NOTE });
    const asked = await call<EnrolmentFees>(deskA, 'programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'partial', amount: 2_000, reason: REASON });
    const waiver = sqliteOf(deskA).prepare('SELECT * FROM program_fee_waivers WHERE id = ?').get(asked.openWaiverId) as Record<string, unknown>;
    sqliteOf(deskA)
      .prepare(`INSERT INTO sync_inbox (server_seq, op_id, desk_id, user_id, hlc, entity, row_id, action, base_hlc, changed, row_after, received_at, held_reason)
        VALUES (999999, 'op-held', '00000000000000bb', ?, '2099-01-01T09:00:00.000Z-0000-00000000000000bb', 'program_fee_waivers', ?, 'update', NULL, '["reason"]', ?, ?, 'author')`)
      .run(waiver.created_by, waiver.id, JSON.stringify({ ...waiver, reason: HELD }), new Date().toISOString());
    expect(mentioning(deskA, 'sync_outbox', REASON)).not.toEqual([]);

    expectOk(await deskA.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب الشخص حذف بياناته', confirmFileNumber: person.fileNumber }));
    for (const text of [REASON, NOTE, HELD, 'ملاحظة أولى', 'سبب الإلغاء عند الأول', 'سبب الإلغاء عند الثاني']) {
      for (const queue of QUEUES) expect(mentioning(deskA, queue, text), `${queue} at desk A still holds ${text}`).toEqual([]);
    }
    expect(sqliteOf(deskA).prepare("SELECT count(*) FROM sync_conflicts WHERE entity = 'program_payments'").pluck().get()).toBe(0);

    await syncBoth();
    for (const desk of [deskA, deskB]) {
      expect(sqliteOf(desk).prepare('SELECT reason FROM program_fee_waivers WHERE enrolment_id = ?').pluck().all(enrolment.id)).toEqual([ERASED_NAME]);
      expect(sqliteOf(desk).prepare('SELECT note FROM program_payments WHERE enrolment_id = ?').pluck().all(enrolment.id)).toEqual([null, null]);
      expect(sqliteOf(desk).prepare("SELECT count(*) FROM sync_conflicts WHERE entity = 'program_payments'").pluck().get()).toBe(0);
      for (const text of [REASON, NOTE, HELD, 'سبب الإلغاء عند الأول', 'سبب الإلغاء عند الثاني']) {
        for (const queue of QUEUES) expect(mentioning(desk, queue, text), `${queue} still holds ${text}`).toEqual([]);
      }
    }
  }, 120_000);
});

describe('an enrolment’s certificate printed at two desks apart', () => {
  it('keeps both rows: both numbers verify on every desk, and a reprint anywhere gives the oldest', async () => {
    const course = await heldCourse(deskA);
    const { enrolment } = await attending(deskA, course.id, 'فهد');
    for (const sessionId of course.sessionIds) await call(deskA, 'attendance.record', { sessionId, exceptions: [] });
    await call(deskA, 'enrolments.complete', { id: enrolment.id });
    await syncBoth();

    const atA = await call<CertificatePdf>(deskA, 'enrolments.certificate', { id: enrolment.id, language: 'ar' });
    const atB = await call<CertificatePdf>(deskB, 'enrolments.certificate', { id: enrolment.id, language: 'ar' });
    expect(atA.verificationNumber).not.toBe(atB.verificationNumber);
    await syncBoth();

    for (const desk of [deskA, deskB]) {
      expect(sqliteOf(desk).prepare("SELECT count(*) FROM sync_inbox WHERE entity = 'program_certificates'").pluck().get()).toBe(0);
      expect(sqliteOf(desk).prepare('SELECT verification_number FROM program_certificates WHERE enrolment_id = ? ORDER BY verification_number').pluck().all(enrolment.id)).toEqual(
        [atA.verificationNumber, atB.verificationNumber].toSorted(),
      );
      for (const printed of [atA, atB]) {
        const found = await call<CertificateLookup>(desk, 'enrolments.verifyCertificate', { verificationNumber: printed.verificationNumber });
        expect(found.certificate).toMatchObject({ verificationNumber: printed.verificationNumber, enrolmentId: enrolment.id });
      }
    }
    // A printed first: its number is the oldest, and every reprint carries it.
    for (const desk of [deskA, deskB]) {
      expect((await call<CertificatePdf>(desk, 'enrolments.certificate', { id: enrolment.id, language: 'en' })).verificationNumber).toBe(atA.verificationNumber);
    }
  }, 120_000);
});

describe('receipts numbered at two desks before they were paired', () => {
  let deskC: TestWasl;
  let deskD: TestWasl;
  let otherOffice: OfficeServer | undefined;

  afterAll(async () => {
    await deskC?.cleanup();
    await deskD?.cleanup();
    await otherOffice?.close();
  });

  it('bear one number found on both desks for a supervisor, who gives one a new number that reaches both', async () => {
    deskC = await openDesk();
    deskD = await openDesk();
    const paid = async (desk: TestWasl, firstName: string) => {
      const course = await heldCourse(desk);
      const { enrolment } = await attending(desk, course.id, firstName);
      const fees = await call<EnrolmentFees>(desk, 'programFees.recordPayment', { enrolmentId: enrolment.id, amount: 1_000, paidOn: dayFromToday(0), method: 'cash', note: null });
      return fees.payments[0]!;
    };
    const atC = await paid(deskC, 'خالد');
    const atD = await paid(deskD, 'بدر');
    expect(atC.receiptNumber).toBe(atD.receiptNumber);

    otherOffice = await pairWithNewOffice(deskC, deskD);
    const round = async () => {
      for (const desk of [deskC, deskD, deskC]) await syncNow(desk);
    };
    await round();

    for (const desk of [deskC, deskD]) {
      expect(sqliteOf(desk).prepare('SELECT id FROM program_payments WHERE receipt_number = ? ORDER BY id').pluck().all(atC.receiptNumber)).toEqual([atC.id, atD.id].toSorted());
      const twin = (await call<ConflictList>(desk, 'conflicts.list', {})).conflicts.find((conflict) => conflict.kind === 'number' && conflict.entity === 'program_payments');
      expect(twin?.entity).toBe('program_payments');
      expect(twin?.numbered?.number).toBe(atC.receiptNumber);
      expect(twin?.numbered?.records.map((record) => record.id).toSorted()).toEqual([atC.id, atD.id].toSorted());
      expect(twin?.numbered?.records.map((record) => record.personName).every((name) => name !== null)).toBe(true);
    }

    const twin = (await call<ConflictList>(deskD, 'conflicts.list', {})).conflicts.find((conflict) => conflict.kind === 'number' && conflict.entity === 'program_payments')!;
    await call(deskD, 'conflicts.renumber', { id: twin.id, renumberId: atD.id });
    await round();
    const renumbered = sqliteOf(deskC).prepare('SELECT receipt_number FROM program_payments WHERE id = ?').pluck().get(atD.id);
    expect(renumbered).not.toBe(atC.receiptNumber);
    for (const desk of [deskC, deskD]) {
      expect(sqliteOf(desk).prepare('SELECT receipt_number FROM program_payments WHERE id = ?').pluck().get(atD.id)).toBe(renumbered);
      expect(sqliteOf(desk).prepare('SELECT receipt_number FROM program_payments WHERE id = ?').pluck().get(atC.id)).toBe(atC.receiptNumber);
      expect((await call<ConflictList>(desk, 'conflicts.list', {})).conflicts.filter((conflict) => conflict.entity === 'program_payments')).toEqual([]);
    }
  }, 180_000);
});
