// Completing an enrolment and its certificate through the real call path: dispatch(name, input) →
// validation → service → encrypted SQLite, printed by an installed Chromium. Completion held to the
// program's attendance rule (the refusal naming the rate and absences against it, changing nothing),
// a supervisor's override with its reason, the certificate only for a completed enrolment, its
// verification number given once and kept for every reprint, numbers unique, looked up by a
// supervisor, every step audited, and the printed page read back in both calendars and both languages.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { CertificateLookup, CertificatePdf, EnrolmentDetail } from '../../electron/api/enrolments';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { newVerificationNumber, readVerificationNumber } from '../../electron/services/enrolments/verification-number';
import { englishGregorianDay, englishHijriDay, gregorianDay, hijriDay } from '../../electron/services/printing/paper';
import { aLineHolds, plain } from '../support/pdf-text';
import { attending as attendingProgram, heldCourse as heldFreeCourse } from '../support/programs';
import { ASSOCIATION, auditEntries, expectError, expectOk, openTestWaslWithStaff, readRows, refusedUnchanged, type StaffedTestWasl } from '../support/database';

const DAY_MS = 24 * 60 * 60_000;
const dayFromToday = (days: number) => todayInRiyadh(new Date(Date.now() + days * DAY_MS));

let printer: ChromiumPrinter;
let app: StaffedTestWasl<'officer' | 'supervisor'>;

beforeAll(() => {
  printer = createChromiumPrinter({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
});
afterAll(async () => {
  await printer?.close();
});
beforeEach(async () => {
  app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' }, { printPdf: (page, options) => printer.print(page, options) });
});
afterEach(async () => {
  await app.cleanup();
});

const call = <T>(name: string, input: unknown): Promise<T> => app.dispatch(name, input).then((result) => expectOk<T>(result));

/** A refused call changes nothing: the database is as it was before it (the refusal's own audit entry aside); answers its error. */
const refusedWithoutChange = async (name: string, input: unknown) => (await refusedUnchanged(app, name, input)).error;

/** Rows of the test's database, read through a second connection with the key. */
const rows = (query: string, ...parameters: unknown[]) => readRows(app, query, ...parameters);

/** A statement run on the test's database through a second connection with the key. */
function write(statement: string): void {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    opened.sqlite.prepare(statement).run();
  } finally {
    opened.sqlite.close();
  }
}

/** A course of three sessions held in the past three days, rule: at least 80 % and at most 1 unexcused absence. */
const heldCourse = () => heldFreeCourse(call, { amount: 0, covers: 'المواد' });

/** Someone enrolled and attending the course. */
const attending = (programId: string, firstName: string) =>
  attendingProgram(call, programId, { firstName, latinName: `${firstName === 'سالم' ? 'Salem' : 'Fahad'} Al-Harbi` });

/** Each session's attendance: everyone present but those named absent without an excuse. */
async function takeAttendance(sessionIds: string[], absent: Record<number, string[]>): Promise<void> {
  for (const [index, sessionId] of sessionIds.entries()) {
    const exceptions = (absent[index] ?? []).map((enrolmentId) => ({ enrolmentId, status: 'unexcused', note: null }));
    await call('attendance.record', { sessionId, exceptions });
  }
}

describe('completing an enrolment', () => {
  it('is refused while the attendance rule is not met, naming the rate and absences against the rule, and changes nothing', async () => {
    const course = await heldCourse();
    const salem = await attending(course.id, 'سالم');
    const fahad = await attending(course.id, 'فهد');
    await app.signIn('officer');
    expect(await refusedWithoutChange('enrolments.complete', { id: salem.enrolment.id })).toMatchObject({
      code: 'rule',
      messageKey: 'enrolments.completion.noAttendance',
      details: { rate: null, unexcused: 0, minPercent: 80, maxAbsences: 1 },
    });
    // Fahad misses two of three: 33.3 % and two unexcused absences, against at least 80 % and at most one.
    await takeAttendance(course.sessionIds, { 0: [fahad.enrolment.id], 1: [fahad.enrolment.id] });
    expect(await refusedWithoutChange('enrolments.complete', { id: fahad.enrolment.id })).toMatchObject({
      code: 'rule',
      messageKey: 'enrolments.completion.ruleNotMet',
      details: { rate: 33.3, unexcused: 2, minPercent: 80, maxAbsences: 1 },
    });
    // An officer's reason does not let them through: only a supervisor's.
    expect(await refusedWithoutChange('enrolments.complete', { id: fahad.enrolment.id, overrideReason: 'ظروف صحية' })).toMatchObject({
      code: 'validation',
      details: { fields: [{ path: 'overrideReason', messageKey: 'validation.enrolments.completionNeedsSupervisor' }] },
    });

    // Salem attended all three: completed without a word, by the officer.
    const completed = await call<EnrolmentDetail>('enrolments.complete', { id: salem.enrolment.id, note: null });
    expect(completed.stage).toBe('completed');
    await app.signIn('administrator');
    const moves = await auditEntries(app.dispatch, { action: 'enrolment.moved' });
    expect(moves.find((entry) => entry.summary.enrolmentId === salem.enrolment.id && entry.summary.action === 'completed')?.summary.ruleOverridden).toBeUndefined();
  });

  it('by a supervisor despite the rule takes a reason, kept on the step and marked overridden in the audit entry', async () => {
    const course = await heldCourse();
    const fahad = await attending(course.id, 'فهد');
    await takeAttendance(course.sessionIds, { 0: [fahad.enrolment.id], 1: [fahad.enrolment.id] });
    await app.signIn('supervisor');
    expect(await refusedWithoutChange('enrolments.complete', { id: fahad.enrolment.id, overrideReason: '   ' })).toMatchObject({ messageKey: 'enrolments.completion.ruleNotMet' });
    // The officer's note stays beside the supervisor's reason, each said for what it is.
    const completed = await call<EnrolmentDetail>('enrolments.complete', { id: fahad.enrolment.id, note: 'أنجز المشروع الختامي', overrideReason: 'غاب لمرض موثق بتقرير طبي' });
    expect(completed.stage).toBe('completed');
    expect(completed.events.at(-1)).toMatchObject({
      action: 'completed',
      note: 'سبب الإتمام رغم قاعدة الحضور: غاب لمرض موثق بتقرير طبي — أنجز المشروع الختامي',
      actor: { id: app.accounts.supervisor.id },
    });
    const [entry] = (await auditEntries(app.dispatch, { action: 'enrolment.moved' })).filter((candidate) => candidate.summary.action === 'completed');
    expect(entry).toMatchObject({ actor: { id: app.accounts.supervisor.id }, summary: { ruleOverridden: true, ratePercent: 33.3, unexcused: 2 } });
  });
});

describe('the completion certificate', () => {
  it('prints only for a completed enrolment, with a verification number given once and kept for every reprint', async () => {
    const course = await heldCourse();
    const salem = await attending(course.id, 'سالم');
    const fahad = await attending(course.id, 'فهد');
    await takeAttendance(course.sessionIds, {});
    await app.signIn('officer');
    expect(await refusedWithoutChange('enrolments.certificate', { id: salem.enrolment.id })).toMatchObject({ code: 'rule', messageKey: 'enrolments.certificateOnlyCompleted' });
    await call('enrolments.complete', { id: salem.enrolment.id });
    await call('enrolments.complete', { id: fahad.enrolment.id });

    const first = await call<CertificatePdf>('enrolments.certificate', { id: salem.enrolment.id });
    expect(first.verificationNumber).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
    expect(first).toMatchObject({ fileName: `شهادة-إتمام-${first.verificationNumber}.pdf`, mimeType: 'application/pdf' });
    const reprint = await call<CertificatePdf>('enrolments.certificate', { id: salem.enrolment.id, language: 'en' });
    expect(reprint).toMatchObject({ verificationNumber: first.verificationNumber, fileName: `certificate-${first.verificationNumber}.pdf` });
    const other = await call<CertificatePdf>('enrolments.certificate', { id: fahad.enrolment.id });
    expect(other.verificationNumber).not.toBe(first.verificationNumber);
    expect(rows(`SELECT enrolment_id, verification_number, issued_by FROM program_certificates ORDER BY seq`)).toEqual([
      { enrolment_id: salem.enrolment.id, verification_number: first.verificationNumber, issued_by: app.accounts.officer.id },
      { enrolment_id: fahad.enrolment.id, verification_number: other.verificationNumber, issued_by: app.accounts.officer.id },
    ]);
    // A second certificate of an enrolment, printed at another desk while apart, is taken as it
    // arrives (tests/integration/program-sync.test.ts): the table refuses neither it nor its number.
    write(`INSERT INTO program_certificates (id, enrolment_id, verification_number, issued_at, issued_by, created_at, updated_at, created_by, updated_by) SELECT 'x', enrolment_id, '0000-0000-0', '2999-01-01T00:00:00.000Z', issued_by, created_at, updated_at, created_by, updated_by FROM program_certificates ORDER BY seq LIMIT 1`);
    expect(rows(`SELECT count(*) AS n FROM program_certificates WHERE enrolment_id = ?`, salem.enrolment.id)).toEqual([{ n: 2 }]);

    await app.signIn('administrator');
    const issued = await auditEntries(app.dispatch, { action: 'enrolment.certificateIssued' });
    expect(issued.map((entry) => entry.summary.verificationNumber).toSorted()).toEqual([first.verificationNumber, other.verificationNumber].toSorted());
    const printed = await auditEntries(app.dispatch, { action: 'enrolment.certificatePrinted' });
    expect(printed.map((entry) => [entry.actor?.id, entry.entityId, entry.summary.verificationNumber, entry.summary.language]).toReversed()).toEqual([
      [app.accounts.officer.id, salem.person.id, first.verificationNumber, 'ar'],
      [app.accounts.officer.id, salem.person.id, first.verificationNumber, 'en'],
      [app.accounts.officer.id, fahad.person.id, other.verificationNumber, 'ar'],
    ]);
  });

  it('reads, in Arabic and in English, the person, the program, its dates and the date issued in both calendars, the rate under its rule and the number', async () => {
    const course = await heldCourse();
    const salem = await attending(course.id, 'سالم');
    await takeAttendance(course.sessionIds, {});
    await call('enrolments.complete', { id: salem.enrolment.id });
    const file = await call<CertificatePdf>('enrolments.certificate', { id: salem.enrolment.id });
    const path = join(app.dir, 'certificate.pdf');
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    if (process.env.WASL_KEEP_CERTIFICATE) writeFileSync(process.env.WASL_KEEP_CERTIFICATE, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    const [first, last, today] = [dayFromToday(-3), dayFromToday(-1), dayFromToday(0)];
    for (const words of [ASSOCIATION, 'شهادة إتمام', salem.person.fullName, 'دورة النجارة', hijriDay(first), gregorianDay(first), hijriDay(last), gregorianDay(last), hijriDay(today), gregorianDay(today), 'رقم التحقق']) {
      expect(aLineHolds(text, words), words).toBe(true);
    }
    expect(plain(text)).toContain(file.verificationNumber);
    expect(plain(text)).toContain('100');
    expect(aLineHolds(text, '80')).toBe(true);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:\s+841.* x 595.*|Pages:\s+1/);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);

    const english = await call<CertificatePdf>('enrolments.certificate', { id: salem.enrolment.id, language: 'en' });
    const englishPath = join(app.dir, 'certificate-en.pdf');
    writeFileSync(englishPath, Buffer.from(english.base64, 'base64'));
    if (process.env.WASL_KEEP_CERTIFICATE) writeFileSync(`${process.env.WASL_KEEP_CERTIFICATE}.en.pdf`, Buffer.from(english.base64, 'base64'));
    const englishText = plain(execFileSync('pdftotext', [englishPath, '-'], { encoding: 'utf8' }));
    for (const words of ['Certificate of completion', 'Salem Al-Harbi', 'Carpentry course', englishHijriDay(first), englishGregorianDay(last), englishGregorianDay(today), '100 %', english.verificationNumber]) {
      expect(englishText, words).toContain(words);
    }
  });

  it('is refused on a desk without a printer', async () => {
    await app.cleanup();
    app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' });
    const course = await heldCourse();
    const salem = await attending(course.id, 'سالم');
    await takeAttendance(course.sessionIds, {});
    await call('enrolments.complete', { id: salem.enrolment.id });
    expect(await refusedWithoutChange('enrolments.certificate', { id: salem.enrolment.id })).toMatchObject({ code: 'rule', messageKey: 'exports.pdfUnavailable' });
  });
});

describe('verifying a certificate', () => {
  it('finds it by its number as a supervisor types it, says a mistyped number is one, and recorded the look', async () => {
    const course = await heldCourse();
    const salem = await attending(course.id, 'سالم');
    await takeAttendance(course.sessionIds, {});
    await call('enrolments.complete', { id: salem.enrolment.id });
    const { verificationNumber } = await call<CertificatePdf>('enrolments.certificate', { id: salem.enrolment.id });

    await app.signIn('officer');
    expect(expectError(await app.dispatch('enrolments.verifyCertificate', { verificationNumber })).code).toBe('forbidden');
    await app.signIn('supervisor');
    const typed = ` ${verificationNumber.toLowerCase().replaceAll('-', ' ')} `;
    const found = await call<CertificateLookup>('enrolments.verifyCertificate', { verificationNumber: typed });
    expect(found.certificate).toMatchObject({
      verificationNumber,
      enrolmentId: salem.enrolment.id,
      beneficiary: { id: salem.person.id, fullName: salem.person.fullName },
      program: { id: course.id, nameAr: 'دورة النجارة' },
      issuedBy: { id: app.adminId },
      completed: true,
    });
    // Typed on a keyboard left in Arabic, its digits Arabic-Indic: the same certificate.
    const inArabicDigits = verificationNumber.replace(/[0-9]/g, (digit) => '٠١٢٣٤٥٦٧٨٩'[Number(digit)]!);
    expect((await call<CertificateLookup>('enrolments.verifyCertificate', { verificationNumber: inArabicDigits })).certificate?.enrolmentId).toBe(salem.enrolment.id);
    const looked = await auditEntries(app.dispatch, { action: 'enrolment.certificateVerified' });
    expect(looked.map((entry) => [entry.actor?.id, entry.entityId, entry.summary.verificationNumber])).toEqual([
      [app.accounts.supervisor.id, salem.person.id, verificationNumber],
      [app.accounts.supervisor.id, salem.person.id, verificationNumber],
    ]);

    // One character changed: the check character catches it, and the officer reads that it is mistyped.
    const mistyped = verificationNumber.replace(/^./, (character) => (character === '7' ? '8' : '7'));
    expect(await refusedWithoutChange('enrolments.verifyCertificate', { verificationNumber: mistyped })).toMatchObject({
      code: 'validation',
      details: { fields: [{ path: 'verificationNumber', messageKey: 'validation.enrolments.certificateNumberMistyped' }] },
    });
    expect(await refusedWithoutChange('enrolments.verifyCertificate', { verificationNumber: '' })).toMatchObject({
      details: { fields: [{ path: 'verificationNumber', messageKey: 'validation.enrolments.certificateNumberRequired' }] },
    });
    // A well-formed number no certificate has.
    let unknown = newVerificationNumber();
    while (unknown === verificationNumber) unknown = newVerificationNumber();
    expect(await call<CertificateLookup>('enrolments.verifyCertificate', { verificationNumber: unknown })).toEqual({ certificate: null });
  });
});

describe('a verification number', () => {
  it('is read back whatever its case and separators, with O for 0 and I or L for 1', () => {
    const number = newVerificationNumber();
    expect(readVerificationNumber(number)).toBe(number);
    expect(readVerificationNumber(number.toLowerCase().replaceAll('-', ''))).toBe(number);
    expect(readVerificationNumber(` ${number.replaceAll('0', 'O').replaceAll('1', 'l')} `)).toBe(number);
    expect(readVerificationNumber(`${number}0`)).toBeNull();
    expect(readVerificationNumber(number.slice(0, -1))).toBeNull();
    expect(readVerificationNumber(number.replace(/.$/, 'U'))).toBeNull();
  });

  it('catches every single character mistyped and every two neighbours swapped (but 0 and Z, as Luhn’s 0 and 9)', () => {
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let round = 0; round < 50; round += 1) {
      const characters = newVerificationNumber().replaceAll('-', '');
      for (let at = 0; at < characters.length; at += 1) {
        for (const other of alphabet) {
          if (other === characters[at]) continue;
          expect(readVerificationNumber(characters.slice(0, at) + other + characters.slice(at + 1))).toBeNull();
        }
        const next = characters[at + 1];
        const pair = `${characters[at]}${next}`;
        if (next !== undefined && next !== characters[at] && pair !== '0Z' && pair !== 'Z0') {
          expect(readVerificationNumber(characters.slice(0, at) + next + characters[at] + characters.slice(at + 2))).toBeNull();
        }
      }
    }
  });

  it('is drawn anew each time: a thousand draws, a thousand numbers', () => {
    expect(new Set(Array.from({ length: 1000 }, () => newVerificationNumber())).size).toBe(1000);
  });
});
