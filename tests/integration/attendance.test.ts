// Attendance and discipline in programs through the real call path: dispatch(name, input) →
// validation → service → encrypted SQLite. A whole session recorded at once and corrected, every
// refusal changing nothing, the rate and the completion rule (in words, in both languages),
// unexcused absences in a row putting the person on their officer's follow-up queue and off it,
// discipline notes on the roster and the timeline, the audit entries, a merge of two files moving the
// rows, erasure, hostile text, and the printed sign-in sheet.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { EnrolmentAttendance, ProgramAttendanceSessions, SessionAttendance, SignInSheet } from '../../electron/api/attendance';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { EnrolmentDetail } from '../../electron/api/enrolments';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { ProgramDetail, ProgramFields } from '../../electron/api/programs';
import type { WorkQueues } from '../../electron/api/queues';
import type { TimelinePage } from '../../electron/api/timeline';
import { openWasl, type Wasl } from '../../electron/core/open-wasl';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { absenceFollowUps } from '../../electron/services/attendance/follow-up';
import { attendanceRate, ruleInWords } from '../../electron/services/attendance/rate';
import { renderSignInSheet } from '../../electron/services/attendance/sign-in-sheet';
import { moveRowsOfPerson } from '../../electron/services/sync/rows';
import {
  ADMIN,
  ASSOCIATION,
  auditEntries,
  expectOk,
  openTestWaslWithStaff,
  readRows,
  refusedUnchanged,
  TEST_KEY_DERIVATION,
  tempDir,
  type StaffedTestWasl,
} from '../support/database';
import { aLineHolds, plain } from '../support/pdf-text';
import { applyTo, courseFields, eligiblePerson, openProgram } from '../support/programs';
import { indexesIn, queryPlan, recordingDatabase } from '../support/query-log';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A clock that stands still until the test moves it. */
function standingClock() {
  const start = Date.now();
  let offset = 0;
  return {
    clock: () => new Date(start + offset),
    advanceDays: (days: number) => {
      offset += days * DAY_MS;
    },
    advanceMinutes: (minutes: number) => {
      offset += minutes * 60_000;
    },
    /** On to the next time the clock in Riyadh (UTC+3) reads hh:mm. */
    advanceToRiyadhTime: (hhmm: string) => {
      const [hours, minutes] = hhmm.split(':').map(Number) as [number, number];
      const riyadh = new Date(start + offset + 3 * 60 * 60_000);
      const sinceMidnight = riyadh.getUTCHours() * 60 + riyadh.getUTCMinutes();
      const wait = (hours * 60 + minutes - sinceMidnight + 24 * 60) % (24 * 60);
      offset += wait * 60_000 - riyadh.getUTCSeconds() * 1000 - riyadh.getUTCMilliseconds();
    },
    today: () => todayInRiyadh(new Date(start + offset)),
    dayFromToday: (days: number) => todayInRiyadh(new Date(start + offset + days * DAY_MS)),
  };
}

let time: ReturnType<typeof standingClock>;
let app: StaffedTestWasl<'officer' | 'otherOfficer' | 'supervisor'>;
let signedIn: 'officer' | 'otherOfficer' | 'supervisor' | 'administrator' = 'administrator';

beforeEach(async () => {
  time = standingClock();
  app = await openTestWaslWithStaff({ officer: 'officer', otherOfficer: 'officer', supervisor: 'supervisor' }, { clock: time.clock });
  signedIn = 'administrator';
});

afterEach(async () => {
  expect(app.loggedErrors).toEqual([]);
  await app.cleanup();
});

const as = async (name: typeof signedIn) => {
  signedIn = name;
  await app.signIn(name);
};

/** Moves the clock ahead by days; the screen locks when idle that long, so it is unlocked again. */
async function daysPass(days: number): Promise<void> {
  time.advanceDays(days);
  const probe = await app.dispatch('app.info', {});
  if (!probe.ok && probe.error.code === 'locked') expectOk(await app.dispatch('session.unlock', { password: app.accounts[signedIn].password }));
}

/** Moves the clock by minutes or to a Riyadh time of day, unlocking the screen should it have locked. */
async function timePasses(move: () => void): Promise<void> {
  move();
  const probe = await app.dispatch('app.info', {});
  if (!probe.ok && probe.error.code === 'locked') expectOk(await app.dispatch('session.unlock', { password: app.accounts[signedIn].password }));
}

const call = <T>(name: string, input: unknown): Promise<T> => app.dispatch(name, input).then((result) => expectOk<T>(result));

const programFields = (overrides: Partial<ProgramFields> = {}) =>
  courseFields({ maxUnexcusedAbsences: 2, startsOn: time.today(), endsOn: time.dayFromToday(60), ...overrides });

/**
 * A program opened for applications with a session on each of `days` (days from today: 0 is today),
 * made through the catalog's own calls as the administrator.
 */
async function programWithSessions(days: number[], overrides: Partial<ProgramFields> = {}): Promise<ProgramDetail> {
  const before = signedIn;
  await as('administrator');
  const opened = await openProgram(call, programFields(overrides), { amount: 0, covers: 'المواد' }, { dates: days.map((day) => time.dayFromToday(day)), startsAt: '09:00', endsAt: '11:00', place: 'القاعة الأولى' });
  await as(before);
  return opened;
}

/** Someone applied and accepted, through the enrolment calls. */
async function accepted(programId: string, person: BeneficiaryDetail): Promise<EnrolmentDetail> {
  const applied = await applyTo(call, programId, person.id);
  return call<EnrolmentDetail>('enrolments.accept', { id: applied.id });
}

/** A class of people accepted in the program, as the officer enrols them. */
async function classOf(program: ProgramDetail, names: string[]): Promise<Array<{ person: BeneficiaryDetail; enrolment: EnrolmentDetail }>> {
  const before = signedIn;
  await as('officer');
  const people = [];
  for (const name of names) {
    const person = await eligiblePerson(call, { firstName: name });
    people.push({ person, enrolment: await accepted(program.id, person) });
  }
  await as(before);
  return people;
}

const session = (sessionId: string) => call<SessionAttendance>('attendance.session', { sessionId });
const record = (sessionId: string, exceptions: Array<{ enrolmentId: string; status: string; note?: string | null }> = []) =>
  call<SessionAttendance>('attendance.record', { sessionId, exceptions });
const ofEnrolment = (enrolmentId: string) => call<EnrolmentAttendance>('attendance.ofEnrolment', { enrolmentId });
const statuses = (taken: SessionAttendance) => Object.fromEntries(taken.lines.map((line) => [line.beneficiary.fullName.split(' ')[0], line.status]));

/** Rows of the test's database, read through a second connection with the key. */
const rows = (query: string, ...parameters: unknown[]) => readRows(app, query, ...parameters);

/** A refused call changes nothing: the database is as it was before it (the refusal's own audit entry aside); answers its error. */
const refusedWithoutChange = async (name: string, input: unknown) => (await refusedUnchanged(app, name, input)).error;

describe('taking a session’s attendance', () => {
  it('marks the whole roster present at once but the exceptions, each with its status and note, and records it', async () => {
    const program = await programWithSessions([0, 2]);
    const [ali, badr, salim] = await classOf(program, ['علي', 'بدر', 'سالم']);
    const today = program.sessions[0]!;
    await as('officer');

    const before = await session(today.id);
    expect(before).toMatchObject({ taken: false, open: true, session: { date: time.today(), startsAt: '09:00', place: 'القاعة الأولى' } });
    // The roster is in the order of the names, everyone accepted on it, nobody marked yet.
    expect(before.lines.map((line) => line.beneficiary.fullName.split(' ')[0])).toEqual(['بدر', 'سالم', 'علي']);
    expect(before.lines.every((line) => line.status === null && line.stage === 'accepted')).toBe(true);

    const taken = await record(today.id, [
      { enrolmentId: badr!.enrolment.id, status: 'late', note: 'عشر دقائق' },
      { enrolmentId: salim!.enrolment.id, status: 'unexcused' },
    ]);
    expect(taken.taken).toBe(true);
    expect(statuses(taken)).toEqual({ بدر: 'late', سالم: 'unexcused', علي: 'present' });
    expect(taken.lines.find((line) => line.enrolmentId === badr!.enrolment.id)?.note).toBe('عشر دقائق');
    expect(rows('SELECT count(*) AS n FROM program_attendance WHERE session_id = ?', today.id)[0]?.n).toBe(3);
    expect(rows('SELECT DISTINCT program_id, beneficiary_id FROM program_attendance WHERE enrolment_id = ?', ali!.enrolment.id)).toEqual([
      { program_id: program.id, beneficiary_id: ali!.person.id },
    ]);

    const sessions = await call<ProgramAttendanceSessions>('attendance.sessions', { programId: program.id });
    expect(sessions.suggestedSessionId).toBe(today.id);
    expect(sessions.sessions.map((row) => [row.marked, row.absent])).toEqual([
      [3, 1],
      [0, 0],
    ]);

    await as('administrator');
    const [entry] = await auditEntries(app.dispatch, { action: 'attendance.recorded' });
    expect(entry).toMatchObject({
      actor: { id: app.accounts.officer.id },
      entityType: 'program',
      entityId: program.id,
      summary: { programId: program.id, sessionId: today.id, date: time.today(), marked: 3, corrected: [], present: 1, late: 1, excused: 0, unexcused: 1 },
    });
    // A note's text is never written to the audit log.
    expect(JSON.stringify(entry)).not.toContain('عشر دقائق');
  });

  it('corrects a session taken before: only the lines that changed are written, and the audit entry names them', async () => {
    const program = await programWithSessions([0]);
    const [ali, badr] = await classOf(program, ['علي', 'بدر']);
    const sessionId = program.sessions[0]!.id;
    await as('officer');
    await record(sessionId, [{ enrolmentId: ali!.enrolment.id, status: 'unexcused' }]);
    const [first] = rows('SELECT id, row_version FROM program_attendance WHERE enrolment_id = ?', ali!.enrolment.id);

    // The family called: the absence was excused.
    await daysPass(1);
    const corrected = await record(sessionId, [{ enrolmentId: ali!.enrolment.id, status: 'excused', note: 'مراجعة المستشفى' }]);
    expect(statuses(corrected)).toEqual({ علي: 'excused', بدر: 'present' });
    expect(rows('SELECT id, row_version, status, note FROM program_attendance WHERE enrolment_id = ?', ali!.enrolment.id)).toEqual([
      { id: first!.id, row_version: 2, status: 'excused', note: 'مراجعة المستشفى' },
    ]);
    expect(rows('SELECT row_version FROM program_attendance WHERE enrolment_id = ?', badr!.enrolment.id)).toEqual([{ row_version: 1 }]);
    await as('administrator');
    const entries = await auditEntries(app.dispatch, { action: 'attendance.recorded' });
    expect(entries.map((entry) => [entry.summary?.marked, entry.summary?.corrected])).toEqual([
      [0, [ali!.enrolment.id]],
      [2, []],
    ]);

    // Saving it again unchanged writes nothing, not even an audit entry.
    await as('officer');
    await record(sessionId, [{ enrolmentId: ali!.enrolment.id, status: 'excused', note: 'مراجعة المستشفى' }]);
    await as('administrator');
    expect(await auditEntries(app.dispatch, { action: 'attendance.recorded' })).toHaveLength(2);
  });

  it('keeps the mark of someone who left the program, and leaves them off the sessions after', async () => {
    const program = await programWithSessions([0, 1]);
    const [ali, badr] = await classOf(program, ['علي', 'بدر']);
    await as('officer');
    await record(program.sessions[0]!.id, [{ enrolmentId: badr!.enrolment.id, status: 'unexcused' }]);
    await call('enrolments.withdraw', { id: badr!.enrolment.id, reason: 'انتقل إلى مدينة أخرى' });
    const retaken = await record(program.sessions[0]!.id);
    expect(statuses(retaken)).toEqual({ بدر: 'unexcused', علي: 'present' });
    await daysPass(1);
    expect((await session(program.sessions[1]!.id)).lines.map((line) => line.enrolmentId)).toEqual([ali!.enrolment.id]);
  });

  it('refuses, changing nothing and saying why: someone not on the roster, a session yet to come, a program over, one person twice', async () => {
    const program = await programWithSessions([0, 3]);
    const [ali] = await classOf(program, ['علي']);
    const other = await programWithSessions([0]);
    const [stranger] = await classOf(other, ['غريب']);
    await as('officer');
    const today = program.sessions[0]!.id;

    expect(await refusedWithoutChange('attendance.record', { sessionId: today, exceptions: [{ enrolmentId: stranger!.enrolment.id, status: 'late' }] })).toMatchObject({
      code: 'rule',
      messageKey: 'attendance.notOnRoster',
    });
    expect(await refusedWithoutChange('attendance.record', { sessionId: program.sessions[1]!.id, exceptions: [] })).toMatchObject({
      code: 'rule',
      messageKey: 'attendance.sessionNotYet',
    });
    expect(
      await refusedWithoutChange('attendance.record', {
        sessionId: today,
        exceptions: [
          { enrolmentId: ali!.enrolment.id, status: 'late' },
          { enrolmentId: ali!.enrolment.id, status: 'excused' },
        ],
      }),
    ).toEqual({ code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path: 'exceptions.1.enrolmentId', messageKey: 'validation.attendance.twice' }] } });
    expect(await refusedWithoutChange('attendance.record', { sessionId: today, exceptions: [{ enrolmentId: ali!.enrolment.id, status: 'asleep' }] })).toMatchObject({
      code: 'validation',
      details: { fields: [{ path: 'exceptions.0.status', messageKey: 'validation.choice' }] },
    });
    expect(await refusedWithoutChange('attendance.record', { sessionId: '019ab9a0-0000-7000-8000-0000000000ff', exceptions: [] })).toEqual({
      code: 'not_found',
      messageKey: 'notFound.programSession',
    });

    await as('administrator');
    const current = await call<ProgramDetail>('programs.get', { id: program.id });
    await call('programs.setStatus', { id: program.id, expectedVersion: current.rowVersion, status: 'cancelled', reason: 'لم يكتمل العدد' });
    expect(await refusedWithoutChange('attendance.record', { sessionId: today, exceptions: [] })).toMatchObject({ code: 'rule', messageKey: 'attendance.programOver' });
    expect((await session(today)).open).toBe(false);
  });
});

describe('the attendance rate and the completion rule', () => {
  it('counts late as present and leaves excused absences out, compared exactly', () => {
    const rule = { minAttendancePercent: 80, maxUnexcusedAbsences: 1 };
    expect(attendanceRate({ present: 3, late: 1, excused: 5, unexcused: 1 }, rule)).toEqual({ ratePercent: 80, ruleMet: true });
    expect(attendanceRate({ present: 3, late: 0, excused: 0, unexcused: 1 }, rule)).toEqual({ ratePercent: 75, ruleMet: false });
    // Within the rate, beyond the absences allowed.
    expect(attendanceRate({ present: 18, late: 0, excused: 0, unexcused: 2 }, rule)).toEqual({ ratePercent: 90, ruleMet: false });
    expect(attendanceRate({ present: 18, late: 0, excused: 0, unexcused: 2 }, { ...rule, maxUnexcusedAbsences: null })).toEqual({ ratePercent: 90, ruleMet: true });
    // Two of three is 66.7 %, shown to one decimal.
    expect(attendanceRate({ present: 2, late: 0, excused: 0, unexcused: 1 }, { minAttendancePercent: 0, maxUnexcusedAbsences: null })).toEqual({ ratePercent: 66.7, ruleMet: true });
    // Only excused absences: no rate yet, and the rule is not met.
    expect(attendanceRate({ present: 0, late: 0, excused: 2, unexcused: 0 }, rule)).toEqual({ ratePercent: null, ruleMet: false });
  });

  it('states the rule in words in both languages', () => {
    expect(ruleInWords({ minAttendancePercent: 80, maxUnexcusedAbsences: 3 })).toEqual({
      ar: 'نسبة الحضور = الحضور (ويُحسب التأخر حضورًا) ÷ (الحضور + الغياب بغير عذر)، ولا يُحسب الغياب بعذر. يُستوفى الإكمال بنسبة حضور لا تقل عن 80٪ وبغياب بغير عذر لا يزيد على 3.',
      en: 'Attendance rate = present (late counts as present) ÷ (present + unexcused absences); excused absences are left out. Completion needs a rate of at least 80% and at most 3 unexcused absences.',
    });
    expect(ruleInWords({ minAttendancePercent: 75, maxUnexcusedAbsences: null }).en).toContain('Completion needs a rate of at least 75%.');
  });

  it('reads a person’s attendance over the program’s sessions by the program’s own rule', async () => {
    const program = await programWithSessions([-4, -3, -2, -1, 0], { startsOn: time.dayFromToday(-4), minAttendancePercent: 75, maxUnexcusedAbsences: 1 });
    const [ali] = await classOf(program, ['علي']);
    await as('officer');
    const marks = ['present', 'late', 'excused', 'unexcused', 'present'];
    for (const [index, status] of marks.entries()) {
      await record(program.sessions[index]!.id, status === 'present' ? [] : [{ enrolmentId: ali!.enrolment.id, status }]);
    }
    const attendance = await ofEnrolment(ali!.enrolment.id);
    expect(attendance.summary).toMatchObject({
      present: 2,
      late: 1,
      excused: 1,
      unexcused: 1,
      marked: 5,
      ratePercent: 75,
      consecutiveUnexcused: 0,
      rule: { minAttendancePercent: 75, maxUnexcusedAbsences: 1 },
      ruleMet: true,
    });
    expect(attendance.summary.ruleInWords.en).toContain('at least 75% and at most 1 unexcused');
    expect(attendance.sessions.map((line) => line.status)).toEqual(marks);
  });
});

describe('unexcused absences in a row', () => {
  async function queueOf(name: 'officer' | 'otherOfficer' | 'supervisor'): Promise<WorkQueues['absenceFollowUps']> {
    await as(name);
    return (await call<WorkQueues>('queues.mine', {})).absenceFollowUps;
  }

  it('put the person on their officer’s follow-up queue at the program’s threshold; a follow-up call after the last absence takes them off', async () => {
    const program = await programWithSessions([-3, -2, -1, 0], { startsOn: time.dayFromToday(-3), followUpAfterAbsences: 2 });
    const [ali, badr] = await classOf(program, ['علي', 'بدر']);
    await as('otherOfficer');
    await record(program.sessions[0]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'unexcused' }]);
    expect((await queueOf('officer'))?.total).toBe(0);

    // Excused between two unexcused absences breaks the run.
    await as('otherOfficer');
    await record(program.sessions[1]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'excused' }]);
    await record(program.sessions[2]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'unexcused' }, { enrolmentId: badr!.enrolment.id, status: 'late' }]);
    expect((await queueOf('officer'))?.total).toBe(0);

    await as('otherOfficer');
    await record(program.sessions[3]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'unexcused' }]);
    const queue = await queueOf('officer');
    expect(queue).toEqual({
      total: 1,
      rows: [
        {
          enrolmentId: ali!.enrolment.id,
          program: { id: program.id, nameAr: 'دورة الحاسب الآلي', nameEn: 'Computer skills' },
          person: { beneficiaryId: ali!.person.id, name: ali!.person.fullName, fileNumber: ali!.person.fileNumber },
          absences: 2,
          lastAbsenceOn: time.today(),
          owner: { id: app.accounts.officer.id, displayName: app.accounts.officer.displayName },
        },
      ],
    });
    // The queue is the officer's who enrolled them; the whole office sees it too.
    expect((await queueOf('otherOfficer'))?.total).toBe(0);
    await as('supervisor');
    expect((await call<WorkQueues>('queues.office', {})).absenceFollowUps?.total).toBe(1);
    expect((await ofEnrolment(ali!.enrolment.id)).summary.consecutiveUnexcused).toBe(2);

    // A contact for another purpose does not take them off; the follow-up call does.
    await as('officer');
    await call('contacts.log', { beneficiaryId: ali!.person.id, channel: 'phone', direction: 'outgoing', purpose: 'inquiry', summary: 'سؤال عن موعد' });
    expect((await queueOf('officer'))?.total).toBe(1);
    await as('officer');
    await call('contacts.log', { beneficiaryId: ali!.person.id, channel: 'phone', direction: 'outgoing', purpose: 'follow_up', summary: 'اتصال بشأن الغياب' });
    expect((await queueOf('officer'))?.total).toBe(0);
  });

  it('take them off with a follow-up call made after the absence was marked, even before the session’s hour; a later note asks for no new call', async () => {
    // Ten in the morning in Riyadh; the class meets late tonight, and is marked ahead of its hour.
    await timePasses(() => time.advanceToRiyadhTime('10:00'));
    await as('administrator');
    const program = await openProgram(call, programFields({ startsOn: time.dayFromToday(-1), followUpAfterAbsences: 1 }), { amount: 0, covers: 'المواد' }, {
      dates: [time.today()],
      startsAt: '23:30',
      endsAt: '23:59',
      place: 'القاعة الأولى',
    });
    const [ali] = await classOf(program, ['علي']);
    const followUp = () => call('contacts.log', { beneficiaryId: ali!.person.id, channel: 'phone', direction: 'outgoing', purpose: 'follow_up', summary: 'اتصال بشأن الغياب' });

    // A call before the absence was marked does not answer it.
    await as('officer');
    await followUp();
    await timePasses(() => time.advanceMinutes(5));
    await as('otherOfficer');
    await record(program.sessions[0]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'unexcused' }]);
    expect((await queueOf('officer'))?.total).toBe(1);

    await timePasses(() => time.advanceMinutes(5));
    await as('officer');
    await followUp();
    expect((await queueOf('officer'))?.total).toBe(0);

    // A note added to the mark afterwards changes the mark, not the absence: no second call is asked for.
    await timePasses(() => time.advanceMinutes(5));
    await as('otherOfficer');
    await record(program.sessions[0]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'unexcused', note: 'لم يعتذر' }]);
    expect((await queueOf('officer'))?.total).toBe(0);
  });

  it('take them off when they attend again, and put them back on a new run', async () => {
    const program = await programWithSessions([-3, -2, -1, 0], { startsOn: time.dayFromToday(-3), followUpAfterAbsences: 2 });
    const [ali] = await classOf(program, ['علي']);
    await as('officer');
    await record(program.sessions[0]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'unexcused' }]);
    await record(program.sessions[1]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'unexcused' }]);
    expect((await queueOf('officer'))?.rows.map((row) => row.absences)).toEqual([2]);
    await as('officer');
    await record(program.sessions[2]!.id);
    expect((await queueOf('officer'))?.total).toBe(0);
    await as('officer');
    await record(program.sessions[3]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'unexcused' }]);
    expect((await queueOf('officer'))?.total).toBe(0);
    // Correcting the session they attended to an absence makes the run three long.
    await as('officer');
    await record(program.sessions[2]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'unexcused' }]);
    expect((await queueOf('officer'))?.rows.map((row) => row.absences)).toEqual([4]);
    // Someone who leaves the program leaves the queue.
    await as('officer');
    await call('enrolments.withdraw', { id: ali!.enrolment.id, reason: null });
    expect((await queueOf('officer'))?.total).toBe(0);
  });
});

describe('the follow-up queue’s read', () => {
  it('starts from the people still expected at sessions, by their officer, never scanning the history of attendance', async () => {
    const program = await programWithSessions([0]);
    await classOf(program, ['علي']);
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      for (const ownerId of [app.accounts.officer.id, null]) {
        const { db, queries } = recordingDatabase(opened.sqlite);
        await absenceFollowUps(db, ownerId);
        const plan = queryPlan(opened.sqlite, queries[0]!);
        expect(indexesIn(plan)).toContain('program_enrolments_expected_by_officer');
        expect(plan.filter((line) => /^SCAN (a|program_attendance)\b/.test(line))).toEqual([]);
      }
    } finally {
      opened.sqlite.close();
    }
  });
});

describe('discipline notes', () => {
  it('are recorded from the enrolment, shown on the roster and the person’s timeline, and audited without their text', async () => {
    const program = await programWithSessions([0]);
    const [ali] = await classOf(program, ['علي']);
    await as('officer');
    const noted = await call<EnrolmentAttendance>('attendance.addDisciplineNote', {
      enrolmentId: ali!.enrolment.id,
      kind: 'warning',
      whatHappened: 'استخدام الجوال أثناء الجلسة بعد التنبيه',
      occurredOn: time.today(),
    });
    await call('attendance.addDisciplineNote', { enrolmentId: ali!.enrolment.id, kind: 'note', whatHappened: 'تحسن ملحوظ', occurredOn: time.dayFromToday(-1) });
    expect(noted.disciplineNotes).toMatchObject([
      { kind: 'warning', whatHappened: 'استخدام الجوال أثناء الجلسة بعد التنبيه', occurredOn: time.today(), recordedBy: { id: app.accounts.officer.id } },
    ]);
    const line = (await session(program.sessions[0]!.id)).lines[0]!;
    expect(line.warnings).toBe(1);
    expect(line.disciplineNotes.map((note) => note.kind)).toEqual(['warning', 'note']);

    const timeline = await call<TimelinePage>('beneficiaries.timeline', { id: ali!.person.id, kinds: ['discipline'] });
    expect(timeline.entries.map((entry) => (entry.kind === 'discipline' ? [entry.note.kind, entry.note.program.ar] : null))).toEqual([
      ['note', 'دورة الحاسب الآلي'],
      ['warning', 'دورة الحاسب الآلي'],
    ]);
    await as('administrator');
    const entries = await auditEntries(app.dispatch, { action: 'attendance.disciplineNoted' });
    expect(entries.map((entry) => [entry.entityId, entry.summary?.kind])).toEqual([
      [ali!.person.id, 'note'],
      [ali!.person.id, 'warning'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('الجوال');
  });

  it('are refused, changing nothing, for someone not in the program, for a day yet to come, and without what happened', async () => {
    const program = await programWithSessions([0]);
    const [ali] = await classOf(program, ['علي']);
    await as('officer');
    const input = { enrolmentId: ali!.enrolment.id, kind: 'warning', whatHappened: 'تأخر متكرر', occurredOn: time.today() };
    expect(await refusedWithoutChange('attendance.addDisciplineNote', { ...input, occurredOn: time.dayFromToday(1) })).toEqual({
      code: 'validation',
      messageKey: 'validation.failed',
      details: { fields: [{ path: 'occurredOn', messageKey: 'validation.attendance.futureDate' }] },
    });
    expect(await refusedWithoutChange('attendance.addDisciplineNote', { ...input, whatHappened: '   ' })).toMatchObject({
      details: { fields: [{ path: 'whatHappened', messageKey: 'validation.required' }] },
    });
    expect(await refusedWithoutChange('attendance.addDisciplineNote', { ...input, kind: 'praise' })).toMatchObject({
      details: { fields: [{ path: 'kind', messageKey: 'validation.choice' }] },
    });
    await call('enrolments.withdraw', { id: ali!.enrolment.id, reason: null });
    expect(await refusedWithoutChange('attendance.addDisciplineNote', input)).toEqual({ code: 'rule', messageKey: 'attendance.notEnrolled' });
  });
});

describe('permissions', () => {
  it('lets only a signed-in member of staff read or take attendance', async () => {
    const program = await programWithSessions([0]);
    await classOf(program, ['علي']);
    expectOk(await app.dispatch('session.signOut', {}));
    for (const [name, input] of [
      ['attendance.record', { sessionId: program.sessions[0]!.id, exceptions: [] }],
      ['attendance.session', { sessionId: program.sessions[0]!.id }],
      ['attendance.sessions', { programId: program.id }],
    ] as const) {
      const result = await app.dispatch(name, input);
      expect(result.ok ? null : result.error.code).toBe('unauthenticated');
    }
    expect(rows('SELECT count(*) AS n FROM program_attendance')[0]?.n).toBe(0);
    signedIn = 'administrator';
    await as('administrator');
  });
});

describe('a merge of two files of one person', () => {
  it('moves their attendance and discipline notes with the rest of their file', async () => {
    const program = await programWithSessions([0]);
    const [merged] = await classOf(program, ['علي']);
    await as('officer');
    const kept = await eligiblePerson(call, { firstName: 'علي' });
    await record(program.sessions[0]!.id, [{ enrolmentId: merged!.enrolment.id, status: 'late' }]);
    await call('attendance.addDisciplineNote', { enrolmentId: merged!.enrolment.id, kind: 'warning', whatHappened: 'تأخر', occurredOn: time.today() });
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      opened.sqlite.transaction(() => moveRowsOfPerson(opened.sqlite, merged!.person.id, kept.id))();
    } finally {
      opened.sqlite.close();
    }
    expect(rows('SELECT beneficiary_id FROM program_attendance')).toEqual([{ beneficiary_id: kept.id }]);
    expect(rows('SELECT beneficiary_id FROM program_discipline_notes')).toEqual([{ beneficiary_id: kept.id }]);
    const timeline = await call<TimelinePage>('beneficiaries.timeline', { id: kept.id, kinds: ['discipline'] });
    expect(timeline.entries).toHaveLength(1);
    expect((await session(program.sessions[0]!.id)).lines[0]).toMatchObject({ status: 'late', beneficiary: { id: kept.id } });
  });
});

describe('erasure', () => {
  it('empties the notes on the person’s attendance and what their discipline notes say, keeping the marks for the rates', async () => {
    const program = await programWithSessions([0]);
    const [ali] = await classOf(program, ['علي']);
    await as('officer');
    await record(program.sessions[0]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'excused', note: 'مراجعة المستشفى' }]);
    await call('attendance.addDisciplineNote', { enrolmentId: ali!.enrolment.id, kind: 'warning', whatHappened: 'تأخر متكرر', occurredOn: time.today() });
    await as('administrator');
    expectOk(await app.dispatch('beneficiaries.erase', { id: ali!.person.id, reason: 'طلب المستفيد', confirmFileNumber: ali!.person.fileNumber }));
    expect(rows('SELECT status, note FROM program_attendance')).toEqual([{ status: 'excused', note: null }]);
    expect(rows('SELECT kind, what_happened FROM program_discipline_notes')).toEqual([{ kind: 'warning', what_happened: 'محذوف' }]);
  });
});

describe('hostile text', () => {
  it('keeps notes as typed text, without bidi controls, and prints a hostile name escaped', async () => {
    const program = await programWithSessions([0], { nameAr: 'دورة <script>alert(1)</script>' });
    const [ali] = await classOf(program, ['علي']);
    await as('officer');
    const note = `<img src=x onerror=alert(1)> '; DROP TABLE program_attendance; --\u202e`;
    const taken = await record(program.sessions[0]!.id, [{ enrolmentId: ali!.enrolment.id, status: 'late', note }]);
    expect(taken.lines[0]?.note).toBe(`<img src=x onerror=alert(1)> '; DROP TABLE program_attendance; --`);
    expect(await refusedWithoutChange('attendance.record', { sessionId: program.sessions[0]!.id, exceptions: [{ enrolmentId: ali!.enrolment.id, status: 'late', note: 'a\u0000b' }] })).toMatchObject({
      details: { fields: [{ path: 'exceptions.0.note', messageKey: 'validation.controlCharacters' }] },
    });
    const page = renderSignInSheet({
      programName: program.nameAr,
      date: time.today(),
      startsAt: '09:00',
      endsAt: '11:00',
      place: "قاعة 'أ'",
      people: [{ fullName: '<b>علي</b>', fileNumber: '1448-0001' }],
      associationName: ASSOCIATION,
      logo: null,
    });
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>علي</b>');
    expect(page).toContain('دورة &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the sign-in sheet', () => {
  let printer: ChromiumPrinter;
  let printing: Wasl;
  let folder: string;

  beforeAll(() => {
    printer = createChromiumPrinter({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  });
  afterAll(async () => {
    await printer?.close();
  });

  it('prints the session’s roster, A4 Arabic on the letterhead with the date in both calendars, for signing; and records it', async () => {
    folder = tempDir();
    printing = openWasl({ databasePath: join(folder, 'wasl.db'), appVersion: '0.0.0-test', keyDerivation: TEST_KEY_DERIVATION, clock: time.clock, printPdf: printer.print });
    try {
      const ok = async <T>(name: string, input: unknown) => expectOk<T>(await printing.dispatch(name, input));
      await ok('session.setup', { associationName: ASSOCIATION, ...ADMIN });
      const program = await openProgram(ok, programFields({ nameAr: 'دورة النجارة للمفرج عنهم' }), { amount: 0, covers: 'المواد' }, { dates: ['2027-01-05'], startsAt: '16:00', endsAt: '18:00', place: 'ورشة النجارة' });
      for (const firstName of ['عبدالله', 'خالد']) {
        const person = await eligiblePerson(ok, { firstName, fatherName: 'محمد', grandfatherName: 'سعد', familyName: 'الحربي' });
        const applied = await applyTo(ok, program.id, person.id);
        await ok('enrolments.accept', { id: applied.id });
      }
      const sheet = await ok<SignInSheet>('attendance.signInSheet', { sessionId: program.sessions[0]!.id });
      expect(sheet).toMatchObject({ fileName: 'كشف-الحضور-2027-01-05.pdf', mimeType: 'application/pdf' });
      const path = join(folder, 'sheet.pdf');
      writeFileSync(path, Buffer.from(sheet.base64, 'base64'));
      if (process.env.WASL_KEEP_SHEET) writeFileSync(process.env.WASL_KEEP_SHEET, Buffer.from(sheet.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
      for (const words of ['كشف توقيع الحضور', 'دورة النجارة للمفرج عنهم', 'ورشة النجارة', 'عبدالله محمد سعد الحربي', 'خالد محمد سعد الحربي', 'التوقيع', ASSOCIATION]) {
        expect(aLineHolds(text, words), words).toBe(true);
      }
      // 5 January 2027 is 27 Rajab 1448.
      expect(aLineHolds(text, '27 رجب 1448')).toBe(true);
      expect(aLineHolds(text, '5 يناير 2027')).toBe(true);
      expect(plain(text)).toContain('16:00–18:00');
      expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
      const [entry] = await auditEntries(printing.dispatch, { action: 'attendance.sheetPrinted' });
      expect(entry?.summary).toEqual({ programId: program.id, sessionId: program.sessions[0]!.id, date: '2027-01-05', people: 2 });
    } finally {
      await printing.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says a desk without a printer cannot make the PDF', async () => {
    const program = await programWithSessions([0]);
    expect(await refusedWithoutChange('attendance.signInSheet', { sessionId: program.sessions[0]!.id })).toEqual({ code: 'rule', messageKey: 'exports.pdfUnavailable' });
  });
});
