// Fee waivers, payments and receipts through the real call path: dispatch(name, input) → validation →
// service → encrypted SQLite. What a person owes (the fee fixed on the enrolment, less approved waivers
// and payments not voided, never below zero), every refusal writing nothing, a supervisor's decision
// the officer cannot take, receipt numbers given in order and kept when a payment is voided, the audit
// entries and the person's timeline, a fee that never bars access, hostile text, and the receipt
// printed by Chromium and read back with pdftotext.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { ERASED_NAME, type BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { EnrolmentDetail } from '../../electron/api/enrolments';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { EnrolmentFees, ReceiptPdf } from '../../electron/api/program-fees';
import type { WorkQueues } from '../../electron/api/queues';
import type { ProgramDetail, ProgramFields } from '../../electron/api/programs';
import { NUMBER_SERIES } from '../../electron/api/sync/office';
import type { TimelinePage } from '../../electron/api/timeline';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { hijriYearOf } from '../../electron/services/letters/register';
import { applyReceived } from '../../electron/services/sync/apply';
import { moveRowsOfPerson } from '../../electron/services/sync/rows';
import { gregorianDay, hijriDay } from '../../electron/services/printing/paper';
import { escapeHtml } from '../../electron/services/printing/html';
import { renderReceipt } from '../../electron/services/program-fees/receipt';
import { currentNumberSeries } from '../../electron/services/sync/number-blocks';
import { aLineHolds, plain } from '../support/pdf-text';
import { applyTo, courseFields, eligiblePerson, openProgram } from '../support/programs';
import { ASSOCIATION, auditEntries, expectOk, openTestWaslWithStaff, readRows, refusedUnchanged, validFields, type StaffedTestWasl } from '../support/database';

const DAY_MS = 24 * 60 * 60 * 1000;

let printer: ChromiumPrinter;
let app: StaffedTestWasl<'officer' | 'supervisor'>;
let now: number;

beforeAll(() => {
  printer = createChromiumPrinter({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
});
afterAll(async () => {
  await printer?.close();
});

beforeEach(async () => {
  now = Date.now();
  // Each step a second after the last, so that the timeline's order is the order of the story.
  app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' }, { clock: () => new Date((now += 1000)), printPdf: printer.print });
});

afterEach(async () => {
  await app.cleanup();
});

const today = () => todayInRiyadh(new Date(now));
const call = <T>(name: string, input: unknown): Promise<T> => app.dispatch(name, input).then((result) => expectOk<T>(result));

/** A program with its fee published and opened, and a person enrolled in it by the officer. */
async function enrolled(amount = 15_000, overrides: Partial<ProgramFields> = {}): Promise<{ program: ProgramDetail; person: BeneficiaryDetail; enrolment: EnrolmentDetail }> {
  await app.signIn('administrator');
  const program = await openProgram(call, courseFields({ startsOn: today(), endsOn: todayInRiyadh(new Date(now + 60 * DAY_MS)), ...overrides }), { amount, covers: 'المواد والشهادة' });
  const person = await eligiblePerson(call, { firstName: 'عبدالله', familyName: 'المبارك' });
  await app.signIn('officer');
  const enrolment = await applyTo(call, program.id, person.id);
  return { program, person, enrolment };
}

/** A refused call changes nothing: the database is as it was before it (the refusal's own audit entry aside). */
const refusedWithoutChange = (name: string, input: unknown) => refusedUnchanged(app, name, input);

const fieldRefusal = (path: string, messageKey: string) => ({ code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path, messageKey }] } });

/** Rows of the test's database, read through a second connection with the key. */
const rows = (query: string, ...parameters: unknown[]) => readRows(app, query, ...parameters);

describe('what a person owes', () => {
  it('is the fee fixed on the enrolment less approved waivers and payments not voided, each step audited and on the timeline', async () => {
    const { person, enrolment } = await enrolled(15_000);
    const year = hijriYearOf(new Date(now));
    const start = await call<EnrolmentFees>('programFees.ofEnrolment', { enrolmentId: enrolment.id });
    expect(start).toMatchObject({ fee: { amount: 15_000, version: 1, covers: 'المواد والشهادة' }, waived: 0, paid: 0, balance: 15_000, waivers: [], payments: [], openWaiverId: null });

    // The officer asks for a partial waiver; a second request waits for the first.
    const requested = await call<EnrolmentFees>('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'partial', amount: 5_000, reason: 'عاطل عن العمل منذ خروجه' });
    expect(requested.waivers).toMatchObject([{ kind: 'partial', amount: 5_000, status: 'requested', requestedBy: { id: app.accounts.officer.id }, decidedBy: null }]);
    expect(requested.balance).toBe(15_000);
    const waiverId = requested.openWaiverId!;
    expect((await refusedWithoutChange('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'full', reason: 'مرة أخرى' })).error.messageKey).toBe('programFees.waiverOpen');
    // The officer cannot decide it.
    expect((await refusedWithoutChange('programFees.decideWaiver', { id: waiverId, decision: 'approved', note: null })).error.code).toBe('forbidden');
    // Deciding is not an officer's work: their queues hold no waivers.
    expect((await call<WorkQueues>('queues.mine', {})).feeWaivers).toBeNull();

    await app.signIn('supervisor');
    // The request waits in the supervisor's queue, and in the office's.
    const queued = (await call<WorkQueues>('queues.mine', {})).feeWaivers;
    expect(queued).toEqual({
      total: 1,
      rows: [
        {
          id: waiverId,
          enrolmentId: enrolment.id,
          program: { id: expect.any(String), nameAr: 'دورة الحاسب الآلي', nameEn: 'Computer skills' },
          person: { beneficiaryId: person.id, name: person.fullName, fileNumber: person.fileNumber },
          kind: 'partial',
          amount: 5_000,
          feeAmount: 15_000,
          reason: 'عاطل عن العمل منذ خروجه',
          requestedAt: requested.waivers[0]!.requestedAt,
          owner: { id: app.accounts.officer.id, displayName: app.accounts.officer.displayName },
        },
      ],
    });
    expect((await call<WorkQueues>('queues.office', {})).feeWaivers?.total).toBe(1);
    const approved = await call<EnrolmentFees>('programFees.decideWaiver', { id: waiverId, decision: 'approved', note: 'يستحق الإعفاء الجزئي' });
    expect(approved).toMatchObject({ waived: 5_000, paid: 0, balance: 10_000, openWaiverId: null });
    expect(approved.waivers[0]).toMatchObject({ status: 'approved', decidedBy: { id: app.accounts.supervisor.id }, decisionNote: 'يستحق الإعفاء الجزئي' });
    expect((await call<WorkQueues>('queues.mine', {})).feeWaivers).toEqual({ total: 0, rows: [] });
    expect((await refusedWithoutChange('programFees.decideWaiver', { id: waiverId, decision: 'refused', note: null })).error.messageKey).toBe('programFees.waiverDecided');

    // Payments: numbered in order, never beyond what is owed, never dated ahead.
    await app.signIn('officer');
    const first = await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 6_000, paidOn: today(), method: 'cash', note: null });
    expect(first).toMatchObject({ paid: 6_000, balance: 4_000 });
    expect(first.payments[0]).toMatchObject({ receiptNumber: `${year}/0001`, amount: 6_000, method: 'cash', recordedBy: { id: app.accounts.officer.id }, voided: null });
    expect((await refusedWithoutChange('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 4_001, paidOn: today(), method: 'cash', note: null })).error).toEqual(
      fieldRefusal('amount', 'validation.programFees.beyondOwed'),
    );
    const tomorrow = todayInRiyadh(new Date(now + DAY_MS));
    expect((await refusedWithoutChange('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 100, paidOn: tomorrow, method: 'cash', note: null })).error).toEqual(
      fieldRefusal('paidOn', 'validation.programFees.futureDate'),
    );
    expect((await refusedWithoutChange('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 0, paidOn: today(), method: 'cash', note: null })).error.code).toBe('validation');
    expect((await refusedWithoutChange('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 100, paidOn: today(), method: 'cheque', note: null })).error.code).toBe('validation');
    const settled = await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 4_000, paidOn: today(), method: 'bank_transfer', note: 'حوالة' });
    expect(settled).toMatchObject({ paid: 10_000, balance: 0 });
    // Nothing is owed now: there is nothing left to waive, in full or in part.
    expect((await refusedWithoutChange('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'full', reason: 'ظروف' })).error).toEqual(
      fieldRefusal('kind', 'validation.programFees.nothingOwed'),
    );
    expect((await refusedWithoutChange('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'partial', amount: 100, reason: 'ظروف' })).error).toEqual(
      fieldRefusal('kind', 'validation.programFees.nothingOwed'),
    );

    // A mistaken payment is voided by a supervisor, not by the officer who took the money: it keeps
    // its number, and the next payment takes a new one.
    const firstId = first.payments[0]!.id;
    expect((await refusedWithoutChange('programFees.voidPayment', { id: firstId, reason: 'سُجلت مرتين' })).error.code).toBe('forbidden');
    await app.signIn('supervisor');
    const voided = await call<EnrolmentFees>('programFees.voidPayment', { id: firstId, reason: 'سُجلت مرتين' });
    expect(voided).toMatchObject({ paid: 4_000, balance: 6_000 });
    expect(voided.payments.find((payment) => payment.id === firstId)).toMatchObject({ receiptNumber: `${year}/0001`, voided: { reason: 'سُجلت مرتين', by: { id: app.accounts.supervisor.id } } });
    expect((await refusedWithoutChange('programFees.voidPayment', { id: firstId, reason: 'مرة أخرى' })).error.messageKey).toBe('programFees.alreadyVoided');
    await app.signIn('officer');
    const third = await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 6_000, paidOn: today(), method: 'card', note: null });
    expect(third.balance).toBe(0);
    expect(third.payments.map((payment) => payment.receiptNumber)).toEqual([`${year}/0003`, `${year}/0002`, `${year}/0001`]);
    expect(rows(`SELECT receipt_number FROM program_payments ORDER BY receipt_number`).map((row) => row.receipt_number)).toEqual([`${year}/0001`, `${year}/0002`, `${year}/0003`]);

    // Each step audited: ids, amounts and numbers, never what anyone wrote.
    await app.signIn('supervisor');
    const entries = (await auditEntries(app.dispatch, { beneficiaryId: person.id })).filter((entry) => entry.action.startsWith('fee.'));
    expect(entries.map((entry) => entry.action).sort()).toEqual(
      ['fee.paymentRecorded', 'fee.paymentRecorded', 'fee.paymentRecorded', 'fee.paymentVoided', 'fee.waiverDecided', 'fee.waiverRequested'].sort(),
    );
    expect(entries.find((entry) => entry.action === 'fee.paymentVoided')?.summary).toEqual({ enrolmentId: enrolment.id, paymentId: firstId, receiptNumber: `${year}/0001`, amount: 6_000 });
    expect(JSON.stringify(entries)).not.toMatch(/عاطل|يستحق|مرتين|حوالة/);

    // On the person's timeline, newest first.
    const timeline = await call<TimelinePage>('beneficiaries.timeline', { id: person.id, kinds: ['fee'] });
    expect(timeline.entries.map((entry) => (entry.kind === 'fee' ? [entry.fee.action, entry.fee.receiptNumber] : entry.kind))).toEqual([
      ['payment_recorded', `${year}/0003`],
      ['payment_voided', `${year}/0001`],
      ['payment_recorded', `${year}/0002`],
      ['payment_recorded', `${year}/0001`],
      ['waiver_approved', null],
      ['waiver_requested', null],
    ]);
    // Read a page at a time, nothing is lost or repeated.
    const firstPage = await call<TimelinePage>('beneficiaries.timeline', { id: person.id, kinds: ['fee'], limit: 4 });
    const secondPage = await call<TimelinePage>('beneficiaries.timeline', { id: person.id, kinds: ['fee'], limit: 4, before: firstPage.nextBefore });
    expect([...firstPage.entries, ...secondPage.entries]).toEqual(timeline.entries);
  });

  it('refuses an approval that payments since the request have put beyond what is owed, and records a refusal', async () => {
    const { enrolment } = await enrolled(10_000);
    const requested = await call<EnrolmentFees>('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'full', reason: 'لا دخل له' });
    expect(requested.waivers[0]).toMatchObject({ kind: 'full', amount: 10_000 });
    await call('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 2_500, paidOn: today(), method: 'other', note: null });
    await app.signIn('supervisor');
    expect((await refusedWithoutChange('programFees.decideWaiver', { id: requested.openWaiverId, decision: 'approved', note: null })).error.messageKey).toBe('programFees.waiverBeyondOwed');
    const refused = await call<EnrolmentFees>('programFees.decideWaiver', { id: requested.openWaiverId, decision: 'refused', note: 'اطلب الباقي فقط' });
    expect(refused).toMatchObject({ waived: 0, paid: 2_500, balance: 7_500, openWaiverId: null });
    expect(refused.waivers[0]).toMatchObject({ status: 'refused', decisionNote: 'اطلب الباقي فقط' });
    // Refused, it frees the enrolment for another request.
    await app.signIn('officer');
    const again = await call<EnrolmentFees>('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'partial', amount: 7_500, reason: 'الباقي' });
    expect(again.openWaiverId).not.toBeNull();
  });

  it('waives in full what is still owed after a payment', async () => {
    const { enrolment } = await enrolled(10_000);
    await call('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 2_500, paidOn: today(), method: 'cash', note: null });
    const requested = await call<EnrolmentFees>('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'full', reason: 'فقد عمله' });
    expect(requested.waivers[0]).toMatchObject({ kind: 'full', amount: 7_500, status: 'requested' });
    await app.signIn('supervisor');
    const approved = await call<EnrolmentFees>('programFees.decideWaiver', { id: requested.openWaiverId, decision: 'approved', note: null });
    expect(approved).toMatchObject({ waived: 7_500, paid: 2_500, balance: 0 });
  });

  it('refuses a supervisor deciding their own waiver request, which another supervisor decides', async () => {
    const { enrolment } = await enrolled(10_000);
    await app.signIn('supervisor');
    const requested = await call<EnrolmentFees>('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'partial', amount: 3_000, reason: 'يعول أسرة كبيرة' });
    for (const decision of ['approved', 'refused']) {
      expect((await refusedWithoutChange('programFees.decideWaiver', { id: requested.openWaiverId, decision, note: null })).error).toEqual({ code: 'rule', messageKey: 'programFees.ownWaiver' });
    }
    await app.signIn('administrator');
    const approved = await call<EnrolmentFees>('programFees.decideWaiver', { id: requested.openWaiverId, decision: 'approved', note: null });
    expect(approved.waivers[0]).toMatchObject({ status: 'approved', requestedBy: { id: app.accounts.supervisor.id }, decidedBy: { id: app.accounts.administrator.id } });
  });

  it('has nothing to waive or pay on a program announced free, and names an enrolment or payment that does not exist', async () => {
    const { enrolment } = await enrolled(0);
    expect(await call<EnrolmentFees>('programFees.ofEnrolment', { enrolmentId: enrolment.id })).toMatchObject({ fee: { amount: 0 }, balance: 0 });
    expect((await refusedWithoutChange('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'full', reason: 'سبب' })).error.messageKey).toBe('programFees.noFee');
    expect((await refusedWithoutChange('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 100, paidOn: today(), method: 'cash', note: null })).error.messageKey).toBe('programFees.noFee');
    const missing = '019ab9a0-0000-7000-8000-00000000ffff';
    expect((await refusedWithoutChange('programFees.ofEnrolment', { enrolmentId: missing })).error.messageKey).toBe('notFound.enrolment');
    await app.signIn('supervisor');
    expect((await refusedWithoutChange('programFees.voidPayment', { id: missing, reason: 'سبب' })).error.messageKey).toBe('notFound.payment');
    expect((await refusedWithoutChange('programFees.decideWaiver', { id: missing, decision: 'approved', note: null })).error.messageKey).toBe('notFound.waiver');
    // A partial waiver needs its amount, a reason is required.
    await app.signIn('officer');
    expect((await refusedWithoutChange('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'partial', amount: null, reason: 'سبب' })).error).toEqual(fieldRefusal('amount', 'validation.required'));
    expect((await refusedWithoutChange('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'full', reason: '   ' })).error.code).toBe('validation');
  });
});

describe('a fee never bars access', () => {
  it('lets a person who owes the whole fee be accepted, attend, be marked and complete', async () => {
    const { program, enrolment } = await enrolled(50_000, { minAttendancePercent: 0, maxUnexcusedAbsences: null });
    await app.signIn('administrator');
    const withSession = await call<{ program: ProgramDetail }>('programs.addSessions', { programId: program.id, schedule: { kind: 'dates', dates: [today()] }, startsAt: '00:00', endsAt: '00:01' });
    await app.signIn('officer');
    expect((await call<EnrolmentFees>('programFees.ofEnrolment', { enrolmentId: enrolment.id })).balance).toBe(50_000);
    expect((await call<EnrolmentDetail>('enrolments.accept', { id: enrolment.id })).stage).toBe('accepted');
    expect((await call<EnrolmentDetail>('enrolments.start', { id: enrolment.id })).stage).toBe('active');
    await call('attendance.record', { sessionId: withSession.program.sessions[0]!.id, exceptions: [] });
    expect((await call<EnrolmentDetail>('enrolments.complete', { id: enrolment.id })).stage).toBe('completed');
    // Money can still be recorded after the course is over.
    expect((await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 50_000, paidOn: today(), method: 'cash', note: null })).balance).toBe(0);
  });
});

describe('receipt numbers', () => {
  it('are a series of their own the office hands out in blocks, by the Hijri year', () => {
    const instant = new Date('2027-01-05T09:00:00Z');
    expect(currentNumberSeries(instant)).toContain(`receipts:${hijriYearOf(instant)}`);
    expect(NUMBER_SERIES.test('receipts:1448')).toBe(true);
    expect(NUMBER_SERIES.test('receipts:148')).toBe(false);
  });
});

describe('hostile text', () => {
  it('is kept as typed and escaped on the receipt', async () => {
    const hostile = `<script>alert(1)</script> "' &amp; ${'ـ'.repeat(3)}`;
    const { enrolment } = await enrolled(15_000);
    const requested = await call<EnrolmentFees>('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'partial', amount: 100, reason: hostile });
    expect(requested.waivers[0]?.reason).toBe(hostile);
    const paid = await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 100, paidOn: today(), method: 'cash', note: hostile });
    expect(paid.payments[0]?.note).toBe(hostile);
    const page = renderReceipt({
      language: 'ar',
      associationName: '<b>جمعية</b>',
      logo: null,
      receiptNumber: '1448/0001',
      paidOn: '2027-01-05',
      amount: 100,
      method: 'cash',
      person: { fullName: '<img src=x onerror=alert(1)>', fileNumber: '2027-0001' },
      program: { nameAr: 'دورة <script>alert(1)</script>', nameEn: null },
      covers: '</td><script>',
      officer: 'موظف',
      voided: { reason: '<i>خطأ</i>' },
    });
    expect(page).not.toMatch(/<script>|<img|<b>|<i>|<\/td><script>/);
    expect(page).toContain('دورة &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('prints a program’s name as typed, even with the signs a text replacement reads as patterns', () => {
    const name = "دورة $' و $` و $& و $$";
    const page = renderReceipt({
      language: 'ar',
      associationName: 'جمعية',
      logo: null,
      receiptNumber: '1448/0001',
      paidOn: '2027-01-05',
      amount: 100,
      method: 'cash',
      person: { fullName: 'عبدالله المبارك', fileNumber: '2027-0001' },
      program: { nameAr: name, nameEn: null },
      covers: '',
      officer: 'موظف',
      voided: null,
    });
    expect(page).toContain(`رسوم برنامج ${escapeHtml(name)}</td>`);
  });
});

describe('the receipt', () => {
  it('prints in Arabic on the letterhead: number, both calendars, the person, the amount in figures and in words, what for, how and by whom; and is recorded', async () => {
    const { person, enrolment } = await enrolled(25_075, { nameAr: 'دورة النجارة للمفرج عنهم', nameEn: 'Carpentry' });
    const year = hijriYearOf(new Date(now));
    const paidOn = today();
    const paid = await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 15_025, paidOn, method: 'bank_transfer', note: null });
    const payment = paid.payments[0]!;
    const receipt = await call<ReceiptPdf>('programFees.receipt', { paymentId: payment.id, language: 'ar' });
    expect(receipt).toMatchObject({ fileName: `سند-قبض-${year}-0001.pdf`, mimeType: 'application/pdf', receiptNumber: `${year}/0001` });
    const path = join(app.dir, 'receipt.pdf');
    writeFileSync(path, Buffer.from(receipt.base64, 'base64'));
    if (process.env.WASL_KEEP_RECEIPT) writeFileSync(process.env.WASL_KEEP_RECEIPT, Buffer.from(receipt.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of ['سند قبض', ASSOCIATION, person.fullName, 'دورة النجارة للمفرج عنهم', 'المواد والشهادة', 'تحويل بنكي', 'ريال سعودي', 'مائة وخمسون ريالًا', 'وخمس وعشرون هللة', 'المستلم']) {
      expect(aLineHolds(text, words), words).toBe(true);
    }
    expect(plain(text)).toContain(`${year}/0001`);
    // The day it was paid, in both calendars.
    expect(aLineHolds(text, hijriDay(paidOn)), hijriDay(paidOn)).toBe(true);
    expect(aLineHolds(text, gregorianDay(paidOn)), gregorianDay(paidOn)).toBe(true);
    expect(plain(text)).toContain('150.25');
    expect(plain(text)).toContain(person.fileNumber);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);

    const english = await call<ReceiptPdf>('programFees.receipt', { paymentId: payment.id, language: 'en' });
    expect(english.fileName).toBe(`receipt-${year}-0001.pdf`);
    const englishPath = join(app.dir, 'receipt-en.pdf');
    writeFileSync(englishPath, Buffer.from(english.base64, 'base64'));
    if (process.env.WASL_KEEP_RECEIPT) writeFileSync(`${process.env.WASL_KEEP_RECEIPT}.en.pdf`, Buffer.from(english.base64, 'base64'));
    const englishText = plain(execFileSync('pdftotext', [englishPath, '-'], { encoding: 'utf8' }));
    for (const words of ['Receipt', 'Carpentry', 'One hundred fifty riyals and twenty-five halalas only', 'Bank transfer', 'Saudi riyals']) expect(englishText).toContain(words);

    await app.signIn('supervisor');
    const printed = (await auditEntries(app.dispatch, { action: 'fee.receiptPrinted' })).map((entry) => entry.summary);
    expect(printed).toEqual(
      expect.arrayContaining([
        { enrolmentId: enrolment.id, paymentId: payment.id, receiptNumber: `${year}/0001`, language: 'ar' },
        { enrolmentId: enrolment.id, paymentId: payment.id, receiptNumber: `${year}/0001`, language: 'en' },
      ]),
    );
  });

  it('says a desk without a printer cannot make the PDF, and prints nothing', async () => {
    const printing = app;
    app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' }, {});
    try {
      const { enrolment } = await enrolled(15_000);
      const paid = await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 100, paidOn: today(), method: 'cash', note: null });
      expect((await refusedWithoutChange('programFees.receipt', { paymentId: paid.payments[0]!.id, language: 'ar' })).error).toEqual({ code: 'rule', messageKey: 'exports.pdfUnavailable' });
    } finally {
      await app.cleanup();
      app = printing;
    }
  });
});

describe('a person’s file', () => {
  it('keeps their waivers and payments with their enrolment when two files are merged', async () => {
    const { enrolment } = await enrolled(15_000);
    await call('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 1_000, paidOn: today(), method: 'cash', note: null });
    await app.signIn('administrator');
    const kept = await call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields({ firstName: 'سلمان', familyName: 'الدوسري', idNumber: '1000000008' }) });
    const merged = rows('SELECT beneficiary_id FROM program_enrolments WHERE id = ?', enrolment.id)[0]!.beneficiary_id as string;
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      opened.sqlite.transaction(() => moveRowsOfPerson(opened.sqlite, merged, kept.id))();
    } finally {
      opened.sqlite.close();
    }
    expect(rows(`SELECT e.beneficiary_id FROM program_payments p JOIN program_enrolments e ON e.id = p.enrolment_id`)).toEqual([{ beneficiary_id: kept.id }]);
    const timeline = await call<TimelinePage>('beneficiaries.timeline', { id: kept.id, kinds: ['fee'] });
    expect(timeline.entries.map((entry) => entry.kind)).toEqual(['fee']);
  });

  it('shows the reason a payment of theirs was voided in their subject-access document, and loses it to the marker when they are erased', async () => {
    const { person, enrolment } = await enrolled(15_000);
    const kept = await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 1_000, paidOn: today(), method: 'cash', note: null });
    const mistaken = await call<EnrolmentFees>('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 2_000, paidOn: today(), method: 'cash', note: null });
    await app.signIn('supervisor');
    await call('programFees.voidPayment', { id: mistaken.payments[0]!.id, reason: 'دفعها قريبه عنه ثم استردها' });
    const document = await call<{ content: string }>('beneficiaries.exportPersonalData', { id: person.id });
    expect(document.content).toContain('>سبب الإلغاء<');
    expect(document.content).toContain('دفعها قريبه عنه ثم استردها');
    await app.signIn('administrator');
    await call('beneficiaries.erase', { id: person.id, reason: 'طلب المستفيد إتلاف بياناته', confirmFileNumber: person.fileNumber });
    // The voided payment stays voided, its reason the marker; the payment that stands has none to lose.
    expect(rows('SELECT id, voided_at IS NOT NULL AS voided, void_reason FROM program_payments ORDER BY amount')).toEqual([
      { id: kept.payments[0]!.id, voided: 0, void_reason: null },
      { id: mistaken.payments[0]!.id, voided: 1, void_reason: ERASED_NAME },
    ]);
  });

  it('loses the reasons and notes written about them when they are erased, here and as the office sync brings them', async () => {
    const { person, enrolment } = await enrolled(15_000);
    const requested = await call<EnrolmentFees>('programFees.requestWaiver', { enrolmentId: enrolment.id, kind: 'partial', amount: 1_000, reason: 'سبب لا يبقى بعد المحو' });
    await call('programFees.recordPayment', { enrolmentId: enrolment.id, amount: 1_000, paidOn: today(), method: 'cash', note: 'ملاحظة لا تبقى' });
    const desk = app.wasl.desk.openDatabase!;
    const waiver = desk.sqlite.prepare('SELECT * FROM program_fee_waivers WHERE id = ?').get(requested.openWaiverId) as Record<string, unknown>;
    // The person is erased at another desk: the erasure arrives here, and reaches what this desk recorded of them.
    const { seq: _seq, name_normalized: _folded, ...file } = desk.sqlite.prepare('SELECT * FROM beneficiaries WHERE id = ?').get(person.id) as Record<string, unknown>;
    let serial = 0;
    const received = (entity: string, rowId: string, action: 'insert' | 'update', after: Record<string, unknown>, changed: string[] | null) => {
      serial += 1;
      desk.sqlite
        .prepare(`INSERT INTO sync_inbox (server_seq, op_id, desk_id, user_id, hlc, entity, row_id, action, base_hlc, changed, row_after, received_at)
          VALUES (?, ?, '00000000000000bb', ?, ?, ?, ?, ?, NULL, ?, ?, ?)`)
        .run(serial, `op-${serial}`, app.adminId, `2099-01-01T09:0${serial}:00.000Z-0000-00000000000000bb`, entity, rowId, action, changed === null ? null : JSON.stringify(changed), JSON.stringify(after), new Date().toISOString());
    };
    received('beneficiaries', person.id, 'update', { ...file, first_name: '—', erased_at: '2026-12-07T09:00:00.000Z' }, ['erased_at', 'first_name']);
    // And a waiver asked for at a third desk before it heard of the erasure arrives after it.
    const late = '01a24ebc-0000-7000-8000-0000000000f1';
    received('program_fee_waivers', late, 'insert', { ...waiver, id: late, reason: 'سبب من مكتب آخر لا يبقى' }, null);
    // And a payment voided there, with the reason written about the person's money.
    const payment = desk.sqlite.prepare('SELECT * FROM program_payments').get() as Record<string, unknown>;
    const voided = '01a24ebc-0000-7000-8000-0000000000f2';
    received(
      'program_payments',
      voided,
      'insert',
      { ...payment, id: voided, receipt_number: `${hijriYearOf(new Date(now))}/0900`, voided_at: '2099-01-01T08:00:00.000Z', voided_by: app.adminId, void_reason: 'أعيد المبلغ لعجز الأسرة' },
      null,
    );
    applyReceived(desk.sqlite, desk.capture, '00000000000000aa', () => new Date());
    const left = rows('SELECT reason, decision_note FROM program_fee_waivers ORDER BY id');
    expect(left).toEqual([
      { reason: ERASED_NAME, decision_note: null },
      { reason: ERASED_NAME, decision_note: null },
    ]);
    expect(rows('SELECT note, amount, receipt_number, void_reason FROM program_payments ORDER BY receipt_number')).toEqual([
      { note: null, amount: 1_000, receipt_number: `${hijriYearOf(new Date(now))}/0001`, void_reason: null },
      { note: null, amount: 1_000, receipt_number: `${hijriYearOf(new Date(now))}/0900`, void_reason: ERASED_NAME },
    ]);
  });
});
