// The programs catalog through the real call path: dispatch → validation → service → encrypted
// SQLite. Who may read and change programs, the editor's checks and its version, fees published in
// versions that never change, registration that opens only once a fee is announced, the status moving
// one step at a time, schedules expanded from weekly days with the association's holidays left out,
// sessions that stay once attendance may name them, and hostile text kept as text. Every refusal is
// checked to write nothing.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { AddedSessions, ProgramDetail, ProgramFields, ProgramPage, ProgramSheet } from '../../electron/api/programs';
import type { Result } from '../../electron/api/result';
import { openWasl, type Wasl } from '../../electron/core/open-wasl';
import { createChromiumPrinter, type ChromiumPrinter } from '../../electron/hosts/chromium-pdf';
import { feeInForce } from '../../electron/services/programs/service';
import { renderProgramSheet } from '../../electron/services/programs/sheet';
import {
  ADMIN,
  ASSOCIATION,
  auditEntries,
  expectError,
  expectOk,
  movableClock,
  openTestWaslWithStaff,
  snapshotDatabase,
  tempDir,
  validFields,
  TEST_KEY_DERIVATION,
  type StaffedTestWasl,
} from '../support/database';
import { aLineHolds, plain } from '../support/pdf-text';

/** Monday 7 December 2026, 10 a.m. in Riyadh. */
const START = new Date('2026-12-07T10:00:00+03:00');

type AccountName = 'administrator' | 'officer' | 'supervisor';

let app: StaffedTestWasl<AccountName>;
let time: ReturnType<typeof movableClock>;

beforeEach(async () => {
  time = movableClock();
  time.advanceMinutes((START.getTime() - Date.now()) / 60_000);
  app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' }, { clock: time.clock });
  await app.signIn('supervisor');
});

afterEach(async () => {
  await app.cleanup();
});

const fields = (overrides: Partial<ProgramFields> = {}): ProgramFields => ({
  nameAr: 'دورة النجارة للمفرج عنهم',
  nameEn: 'Carpentry course',
  kind: 'training',
  description: 'تدريب عملي على أعمال النجارة الأساسية.',
  conditions: 'الالتزام بالحضور وأنظمة الورشة.',
  categories: ['released_prisoner'],
  gender: 'male',
  ageMin: 18,
  ageMax: 50,
  hasInterview: true,
  capacity: 20,
  minAttendancePercent: 80,
  maxUnexcusedAbsences: 3,
  followUpAfterAbsences: 2,
  offerDays: 3,
  startsOn: '2026-12-01',
  endsOn: '2027-01-31',
  place: 'مقر الجمعية بالهفوف',
  ...overrides,
});

async function call<T>(name: Parameters<typeof app.dispatch>[0], input: unknown): Promise<T> {
  return expectOk<T>(await app.dispatch(name, input));
}

const create = (overrides: Partial<ProgramFields> = {}) => call<ProgramDetail>('programs.save', { fields: fields(overrides) });

/** Refused as the result says, with nothing written (but the record of a refused call). */
async function refusedWithoutChange(result: () => Promise<Result<unknown>>) {
  const before = snapshotDatabase(app.databasePath, app.key);
  const error = expectError(await result());
  expect(snapshotDatabase(app.databasePath, app.key)).toEqual(before);
  return error;
}

const fieldError = (path: string, messageKey: string) => ({ code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path, messageKey }] } });

describe('programs.save', () => {
  it('creates a planned program with everything it was given, its creation in its history and the audit log', async () => {
    const program = await create();
    expect(program).toMatchObject({
      ...fields(),
      status: 'planned',
      statusReason: null,
      rowVersion: 1,
      sessions: [],
      fees: [],
      currentFee: null,
      sessionCount: 0,
      nextStatuses: ['open', 'cancelled'],
    });
    expect(program.history).toEqual([
      expect.objectContaining({ from: null, to: 'planned', reason: null, actor: { id: app.accounts.supervisor.id, displayName: app.accounts.supervisor.displayName } }),
    ]);
    const [saved] = await auditEntries(app.dispatch, { action: 'program.saved' });
    expect(saved).toMatchObject({ entityType: 'program', entityId: program.id, summary: { programId: program.id, created: true, kind: 'training', status: 'planned' } });
  });

  it('changes a program at the version the editor read, audits the fields changed, and refuses a stale version', async () => {
    const program = await create();
    const changed = await call<ProgramDetail>('programs.save', { id: program.id, expectedVersion: 1, fields: fields({ capacity: 25, place: null }) });
    expect(changed).toMatchObject({ capacity: 25, place: null, rowVersion: 2 });
    const [entry] = await auditEntries(app.dispatch, { action: 'program.saved' });
    expect(entry?.summary).toEqual({ programId: program.id, fields: ['capacity', 'place'] });

    // Another window still holds version 1: its save would undo the change above.
    expect(await refusedWithoutChange(() => app.dispatch('programs.save', { id: program.id, expectedVersion: 1, fields: fields({ capacity: 30 }) }))).toEqual({
      code: 'version_conflict',
      messageKey: 'programs.changedMeanwhile',
    });
    // Saved again as it is: nothing changes, not even its version.
    expect((await call<ProgramDetail>('programs.save', { id: program.id, expectedVersion: 2, fields: fields({ capacity: 25, place: null }) })).rowVersion).toBe(2);
  });

  it('refuses inconsistent or malformed fields with a message at the field, writing nothing', async () => {
    const save = (overrides: Record<string, unknown>) => () => app.dispatch('programs.save', { fields: { ...fields(), ...overrides } });
    expect(await refusedWithoutChange(save({ ageMin: 40, ageMax: 30 }))).toEqual(fieldError('fields.ageMax', 'validation.programs.ageRange'));
    expect(await refusedWithoutChange(save({ startsOn: '2027-02-01', endsOn: '2027-01-01' }))).toEqual(fieldError('fields.endsOn', 'validation.programs.dateRange'));
    expect(await refusedWithoutChange(save({ capacity: 0 }))).toEqual(fieldError('fields.capacity', 'validation.outOfRange'));
    expect(await refusedWithoutChange(save({ capacity: 10_001 }))).toEqual(fieldError('fields.capacity', 'validation.outOfRange'));
    expect(await refusedWithoutChange(save({ capacity: 2.5 }))).toEqual(fieldError('fields.capacity', 'validation.invalid'));
    expect(await refusedWithoutChange(save({ minAttendancePercent: 101 }))).toEqual(fieldError('fields.minAttendancePercent', 'validation.outOfRange'));
    expect(await refusedWithoutChange(save({ kind: 'party' }))).toEqual(fieldError('fields.kind', 'validation.choice'));
    expect(await refusedWithoutChange(save({ categories: ['guard'] }))).toEqual(fieldError('fields.categories.0', 'validation.choice'));
    expect(await refusedWithoutChange(save({ nameAr: '   ' }))).toEqual(fieldError('fields.nameAr', 'validation.required'));
    expect(await refusedWithoutChange(save({ startsOn: '2026-02-30' }))).toEqual(fieldError('fields.startsOn', 'validation.date'));
    expect(await refusedWithoutChange(save({ description: 'x'.repeat(4001) }))).toEqual(fieldError('fields.description', 'validation.tooLong'));
  });

  it('lets every officer read programs, and only supervisors and administrators change them', async () => {
    const program = await create();
    await app.signIn('officer');
    expect((await call<ProgramPage>('programs.list', {})).total).toBe(1);
    expect((await call<ProgramDetail>('programs.get', { id: program.id })).id).toBe(program.id);
    for (const [name, input] of [
      ['programs.save', { fields: fields() }],
      ['programs.publishFee', { programId: program.id, amount: 0, covers: 'كل شيء' }],
      ['programs.setStatus', { id: program.id, expectedVersion: 1, status: 'cancelled', reason: 'لا' }],
      ['programs.addSessions', { programId: program.id, schedule: { kind: 'dates', dates: ['2026-12-08'] }, startsAt: '09:00', endsAt: '10:00' }],
    ] as const) {
      expect(await refusedWithoutChange(() => app.dispatch(name, input))).toMatchObject({ code: 'forbidden' });
    }
    await app.signIn('administrator');
    expect((await call<ProgramDetail>('programs.publishFee', { programId: program.id, amount: 0, covers: 'كل شيء' })).fees).toHaveLength(1);
  });

  it('keeps the capacity at the places already held by the people accepted', async () => {
    const program = await create({ categories: [], gender: null, ageMin: null, ageMax: null, hasInterview: false, capacity: 3 });
    await call('programs.publishFee', { programId: program.id, amount: 0, covers: 'مجاني' });
    await call('programs.setStatus', { id: program.id, expectedVersion: 1, status: 'open', reason: null });
    for (let person = 0; person < 2; person += 1) {
      const beneficiary = await call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields() });
      // A new file is not yet found eligible: the supervisor lets the person apply all the same.
      const applied = await call<{ id: string }>('enrolments.apply', { programId: program.id, beneficiaryId: beneficiary.id, overrideReason: 'بقرار المشرف' });
      await call('enrolments.accept', { id: applied.id, note: null });
    }
    const save = (capacity: number) => app.dispatch('programs.save', { id: program.id, expectedVersion: 2, fields: fields({ categories: [], gender: null, ageMin: null, ageMax: null, hasInterview: false, capacity }) });
    expect(await refusedWithoutChange(() => save(1))).toEqual(fieldError('fields.capacity', 'validation.programs.capacityBelowTaken'));
    expect(expectOk<ProgramDetail>(await save(2)).capacity).toBe(2);
  });

  it('keeps the dates around the sessions it has', async () => {
    const program = await create();
    await call('programs.addSessions', { programId: program.id, schedule: { kind: 'dates', dates: ['2026-12-20'] }, startsAt: '09:00', endsAt: '11:00' });
    expect(await refusedWithoutChange(() => app.dispatch('programs.save', { id: program.id, expectedVersion: 1, fields: fields({ startsOn: '2026-12-21' }) }))).toEqual(
      fieldError('fields.startsOn', 'validation.programs.sessionsOutsideDates'),
    );
  });
});

describe('fees', () => {
  it('publishes versions dated today in Riyadh that never change, the latest in force, free allowed', async () => {
    const program = await create();
    const first = await call<ProgramDetail>('programs.publishFee', { programId: program.id, amount: 0, covers: 'المواد والأدوات' });
    expect(first.fees).toEqual([
      expect.objectContaining({ version: 1, amount: 0, covers: 'المواد والأدوات', announcedOn: '2026-12-07', publishedBy: { id: app.accounts.supervisor.id, displayName: app.accounts.supervisor.displayName } }),
    ]);
    const rowBefore = feeRow(first.fees[0]!.id);

    // Published just before midnight UTC, it is already the next day in Riyadh.
    time.advanceMinutes(14 * 60);
    // The screen locked itself meanwhile.
    expectOk(await app.dispatch('session.unlock', { password: app.accounts.supervisor.password }));
    const second = await call<ProgramDetail>('programs.publishFee', { programId: program.id, amount: 15_000, covers: 'المواد والنقل' });
    expect(second.fees.map((fee) => [fee.version, fee.amount, fee.announcedOn])).toEqual([
      [2, 15_000, '2026-12-08'],
      [1, 0, '2026-12-07'],
    ]);
    expect(second.currentFee?.version).toBe(2);
    // Version 1 is as it was published, to the byte.
    expect(feeRow(first.fees[0]!.id)).toEqual(rowBefore);
    const published = await auditEntries(app.dispatch, { action: 'program.feePublished' });
    expect(published.map((entry) => entry.summary)).toEqual([
      expect.objectContaining({ programId: program.id, version: 2, amount: 15_000, announcedOn: '2026-12-08' }),
      expect.objectContaining({ programId: program.id, version: 1, amount: 0, announcedOn: '2026-12-07' }),
    ]);

    // The fee a person is held to is the one published before they applied.
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      expect(await feeInForce(opened.db, program.id, '2026-12-07T06:00:00.000Z')).toBeNull();
      expect((await feeInForce(opened.db, program.id, '2026-12-07T12:00:00.000Z'))?.version).toBe(1);
      expect((await feeInForce(opened.db, program.id, time.clock().toISOString()))?.version).toBe(2);
    } finally {
      await opened.close();
    }
  });

  it('refuses an amount that is negative, fractional or absurd, and a fee without what it covers', async () => {
    const program = await create();
    const publish = (input: Record<string, unknown>) => () => app.dispatch('programs.publishFee', { programId: program.id, amount: 100, covers: 'المواد', ...input });
    expect(await refusedWithoutChange(publish({ amount: -1 }))).toEqual(fieldError('amount', 'validation.outOfRange'));
    expect(await refusedWithoutChange(publish({ amount: 10.5 }))).toEqual(fieldError('amount', 'validation.invalid'));
    expect(await refusedWithoutChange(publish({ amount: 100_000_001 }))).toEqual(fieldError('amount', 'validation.outOfRange'));
    expect(await refusedWithoutChange(publish({ amount: '100' }))).toEqual(fieldError('amount', 'validation.invalid'));
    expect(await refusedWithoutChange(publish({ covers: '' }))).toEqual(fieldError('covers', 'validation.required'));
    expect(await refusedWithoutChange(() => app.dispatch('programs.publishFee', { programId: '019ab9a0-0000-7000-8000-0000000fffff', amount: 1, covers: 'x' }))).toEqual({
      code: 'not_found',
      messageKey: 'notFound.program',
    });
  });
});

describe('programs.setStatus', () => {
  it('opens registration only once a fee is published, then runs and completes, one step at a time', async () => {
    const program = await create();
    const move = (status: string, expectedVersion: number, reason: string | null = null) => () =>
      app.dispatch('programs.setStatus', { id: program.id, expectedVersion, status, reason });
    expect(await refusedWithoutChange(move('open', 1))).toEqual({ code: 'rule', messageKey: 'programs.feeNotPublished' });
    expect(await refusedWithoutChange(move('running', 1))).toEqual({ code: 'rule', messageKey: 'programs.cannotMoveTo.running' });
    expect(await refusedWithoutChange(move('planned', 1))).toEqual({ code: 'rule', messageKey: 'programs.alreadyInStatus' });

    await call('programs.publishFee', { programId: program.id, amount: 0, covers: 'مجاني بالكامل' });
    const opened = expectOk<ProgramDetail>(await move('open', 1)());
    expect(opened).toMatchObject({ status: 'open', rowVersion: 2, nextStatuses: ['running', 'cancelled'] });
    expect(await refusedWithoutChange(move('running', 1))).toEqual({ code: 'version_conflict', messageKey: 'programs.changedMeanwhile' });
    expect(await refusedWithoutChange(move('completed', 2))).toEqual({ code: 'rule', messageKey: 'programs.cannotMoveTo.completed' });
    expectOk(await move('running', 2)());
    const completed = expectOk<ProgramDetail>(await move('completed', 3)());
    expect(completed.history.map((change) => [change.from, change.to])).toEqual([
      [null, 'planned'],
      ['planned', 'open'],
      ['open', 'running'],
      ['running', 'completed'],
    ]);
    expect(completed.nextStatuses).toEqual([]);

    // A completed program is the record of what happened: nothing of it changes.
    expect(await refusedWithoutChange(move('cancelled', 4, 'خطأ'))).toEqual({ code: 'rule', messageKey: 'programs.final' });
    expect(await refusedWithoutChange(() => app.dispatch('programs.publishFee', { programId: program.id, amount: 5, covers: 'x' }))).toEqual({ code: 'rule', messageKey: 'programs.final' });
    expect(await refusedWithoutChange(() => app.dispatch('programs.save', { id: program.id, expectedVersion: 4, fields: fields() }))).toEqual({ code: 'rule', messageKey: 'programs.final' });
    const moved = await auditEntries(app.dispatch, { action: 'program.statusChanged' });
    expect(moved.map((entry) => [entry.summary.from, entry.summary.to])).toEqual([
      ['running', 'completed'],
      ['open', 'running'],
      ['planned', 'open'],
    ]);
  });

  it('cancels a program that is not final only with a reason, kept with it', async () => {
    const program = await create();
    expect(await refusedWithoutChange(() => app.dispatch('programs.setStatus', { id: program.id, expectedVersion: 1, status: 'cancelled', reason: '  ' }))).toEqual(
      fieldError('reason', 'validation.programs.reasonRequired'),
    );
    const cancelled = await call<ProgramDetail>('programs.setStatus', { id: program.id, expectedVersion: 1, status: 'cancelled', reason: 'لم يتوفر المدرب' });
    expect(cancelled).toMatchObject({ status: 'cancelled', statusReason: 'لم يتوفر المدرب', nextStatuses: [] });
    expect(cancelled.history.at(-1)).toMatchObject({ from: 'planned', to: 'cancelled', reason: 'لم يتوفر المدرب' });
  });
});

describe('sessions', () => {
  it('expands weekly days between two dates into sessions, leaving out the holidays and what is already there', async () => {
    await app.signIn('administrator');
    await call('holidays.save', { date: '2026-12-15', name: 'إجازة' });
    await app.signIn('supervisor');
    const program = await create();
    await call('programs.addSessions', { programId: program.id, schedule: { kind: 'dates', dates: ['2026-12-08'] }, startsAt: '16:00', endsAt: '18:00' });
    // Sundays and Tuesdays from Sunday 6 to Thursday 24 December: the 6th, 8th, 13th, 15th, 20th and 22nd.
    const added = await call<AddedSessions>('programs.addSessions', {
      programId: program.id,
      schedule: { kind: 'weekly', weekdays: [0, 2], from: '2026-12-06', to: '2026-12-24' },
      // Typed in Arabic-Indic digits, as an Arabic keyboard gives them.
      startsAt: '١٦:٠٠',
      endsAt: '18:00',
      place: 'القاعة ٢',
      note: null,
    });
    expect(added).toMatchObject({ added: 4, skippedHolidays: ['2026-12-15'], skippedExisting: ['2026-12-08'] });
    expect(added.program.sessions.map((session) => session.date)).toEqual(['2026-12-06', '2026-12-08', '2026-12-13', '2026-12-20', '2026-12-22']);
    expect(added.program.sessions[0]).toMatchObject({ startsAt: '16:00', endsAt: '18:00', place: 'القاعة ٢' });
    const [entry] = await auditEntries(app.dispatch, { action: 'program.sessionsAdded' });
    expect(entry?.summary).toEqual({ programId: program.id, added: 4, first: '2026-12-06', last: '2026-12-22', skippedHolidays: 1 });
  });

  it('refuses times out of order or malformed, dates outside the program, no weekday, too long a schedule, and nothing new', async () => {
    const program = await create();
    const add = (input: Record<string, unknown>) => () =>
      app.dispatch('programs.addSessions', { programId: program.id, schedule: { kind: 'dates', dates: ['2026-12-08'] }, startsAt: '09:00', endsAt: '10:00', ...input });
    expect(await refusedWithoutChange(add({ endsAt: '08:00' }))).toEqual(fieldError('endsAt', 'validation.programs.timeRange'));
    expect(await refusedWithoutChange(add({ startsAt: '25:00' }))).toEqual(fieldError('startsAt', 'validation.programs.time'));
    expect(await refusedWithoutChange(add({ startsAt: '9am' }))).toEqual(fieldError('startsAt', 'validation.programs.time'));
    expect(await refusedWithoutChange(add({ schedule: { kind: 'dates', dates: ['2027-03-01'] } }))).toEqual(fieldError('schedule', 'validation.programs.outsideProgramDates'));
    expect(await refusedWithoutChange(add({ schedule: { kind: 'weekly', weekdays: [], from: '2026-12-06', to: '2026-12-24' } }))).toEqual(
      fieldError('schedule.weekdays', 'validation.programs.weekdaysRequired'),
    );
    expect(await refusedWithoutChange(add({ schedule: { kind: 'weekly', weekdays: [1], from: '2026-12-24', to: '2026-12-06' } }))).toEqual(
      fieldError('schedule.to', 'validation.programs.dateRange'),
    );
    const long = await create({ startsOn: '2026-01-01', endsOn: '2030-12-31' });
    expect(
      await refusedWithoutChange(() =>
        app.dispatch('programs.addSessions', { programId: long.id, schedule: { kind: 'weekly', weekdays: [0, 1, 2, 3, 4], from: '2026-01-01', to: '2030-12-31' }, startsAt: '09:00', endsAt: '10:00' }),
      ),
    ).toEqual(fieldError('schedule', 'validation.programs.tooManySessions'));
    expectOk(await add({})());
    expect(await refusedWithoutChange(add({}))).toEqual({ code: 'rule', messageKey: 'programs.nothingToAdd' });
  });

  it('keeps a past session of a running program, which attendance may name, and removes one yet to come', async () => {
    const program = await create();
    const { program: scheduled } = await call<AddedSessions>('programs.addSessions', {
      programId: program.id,
      schedule: { kind: 'dates', dates: ['2026-12-06', '2026-12-07', '2026-12-10'] },
      startsAt: '09:00',
      endsAt: '11:00',
    });
    const [past, today, coming] = scheduled.sessions;
    await call('programs.publishFee', { programId: program.id, amount: 0, covers: 'مجاني' });
    await call('programs.setStatus', { id: program.id, expectedVersion: 1, status: 'open', reason: null });
    // Before it runs, a past session of the schedule is only a plan: open for registration, it may go.
    const afterRemoval = await call<ProgramDetail>('programs.removeSession', { id: past!.id });
    expect(afterRemoval.sessions.map((session) => session.id)).toEqual([today!.id, coming!.id]);
    await call('programs.setStatus', { id: program.id, expectedVersion: 2, status: 'running', reason: null });
    expect(await refusedWithoutChange(() => app.dispatch('programs.removeSession', { id: today!.id }))).toEqual({ code: 'rule', messageKey: 'programs.sessionHeld' });
    expect((await call<ProgramDetail>('programs.removeSession', { id: coming!.id })).sessions.map((session) => session.id)).toEqual([today!.id]);
    expect(await refusedWithoutChange(() => app.dispatch('programs.removeSession', { id: coming!.id }))).toEqual({ code: 'not_found', messageKey: 'notFound.programSession' });
    const removed = await auditEntries(app.dispatch, { action: 'program.sessionRemoved' });
    expect(removed.map((entry) => entry.summary.date)).toEqual(['2026-12-10', '2026-12-06']);
  });
});

describe('a session whose attendance was taken', () => {
  it('stays, even before the program is marked running', async () => {
    const program = await create({ categories: [], gender: null, ageMin: null, ageMax: null, hasInterview: false });
    const { program: scheduled } = await call<AddedSessions>('programs.addSessions', {
      programId: program.id,
      schedule: { kind: 'dates', dates: ['2026-12-06'] },
      startsAt: '09:00',
      endsAt: '11:00',
    });
    await call('programs.publishFee', { programId: program.id, amount: 0, covers: 'مجاني' });
    await call('programs.setStatus', { id: program.id, expectedVersion: 1, status: 'open', reason: null });
    const beneficiary = await call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields() });
    const applied = await call<{ id: string }>('enrolments.apply', { programId: program.id, beneficiaryId: beneficiary.id, overrideReason: 'بقرار المشرف' });
    await call('enrolments.accept', { id: applied.id, note: null });
    await call('attendance.record', { sessionId: scheduled.sessions[0]!.id, exceptions: [] });
    expect(await refusedWithoutChange(() => app.dispatch('programs.removeSession', { id: scheduled.sessions[0]!.id }))).toEqual({
      code: 'rule',
      messageKey: 'programs.sessionAttended',
    });
  });
});

describe('programs.list', () => {
  it('filters by status, kind and words of the name, Arabic folded as the search folds it', async () => {
    const carpentry = await create();
    const family = await create({ nameAr: 'إرشاد أسري لأسر النزلاء', nameEn: null, kind: 'family_support', categories: ['family_member'], gender: null, place: null });
    await call('programs.publishFee', { programId: family.id, amount: 5_000, covers: 'جلسات' });
    await call('programs.setStatus', { id: family.id, expectedVersion: 1, status: 'open', reason: null });
    const ids = async (input: Record<string, unknown>) => (await call<ProgramPage>('programs.list', input)).rows.map((row) => row.id);
    expect((await ids({})).toSorted()).toEqual([carpentry.id, family.id].toSorted());
    expect(await ids({ status: 'open' })).toEqual([family.id]);
    expect(await ids({ kind: 'training' })).toEqual([carpentry.id]);
    // Typed without the hamza, as officers do.
    expect(await ids({ text: 'ارشاد' })).toEqual([family.id]);
    expect(await ids({ text: 'CARPENTRY' })).toEqual([carpentry.id]);
    expect(await ids({ text: 'الهفوف' })).toEqual([carpentry.id]);
    const page = await call<ProgramPage>('programs.list', { status: 'open' });
    expect(page.rows[0]).toMatchObject({ status: 'open', currentFee: { version: 1, amount: 5_000 }, capacity: 20 });
    expect(await refusedWithoutChange(() => app.dispatch('programs.list', { status: 'closed' }))).toEqual(fieldError('status', 'validation.choice'));
  });
});

describe('hostile text', () => {
  it('keeps markup, bidi tricks and lookalike text as text, refuses control characters, and prints them escaped', async () => {
    const program = await create({ nameAr: 'دورة <script>alert(1)</script>', description: 'وصف \u202Efdp.exe & "اقتباس"', place: "قاعة 'أ'" });
    expect(program.nameAr).toBe('دورة <script>alert(1)</script>');
    // The bidi override is removed (it would turn what a person reads around), the rest kept.
    expect(program.description).toBe('وصف fdp.exe & "اقتباس"');
    expect(await refusedWithoutChange(() => app.dispatch('programs.save', { fields: fields({ nameAr: 'دورة\u0000' }) }))).toEqual(fieldError('fields.nameAr', 'validation.controlCharacters'));
    expect(await refusedWithoutChange(() => app.dispatch('programs.publishFee', { programId: program.id, amount: 1, covers: 'x\uFFFE' }))).toEqual(fieldError('covers', 'validation.characters'));
    const page = renderProgramSheet({ program, associationName: ASSOCIATION, logo: null });
    expect(page).not.toContain('<script>');
    expect(page).toContain('دورة &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('قاعة &#39;أ&#39;');
  });
});

describe('programs.printSheet', () => {
  let printer: ChromiumPrinter;
  let printing: Wasl;
  let folder: string;

  beforeAll(() => {
    printer = createChromiumPrinter({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  });
  afterAll(async () => {
    await printer?.close();
  });
  beforeEach(async () => {
    folder = tempDir();
    printing = openWasl({ databasePath: join(folder, 'wasl.db'), appVersion: '0.0.0-test', keyDerivation: TEST_KEY_DERIVATION, clock: time.clock, printPdf: printer.print });
    expectOk(await printing.dispatch('session.setup', { associationName: ASSOCIATION, ...ADMIN }));
  });
  afterEach(async () => {
    await printing.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('prints the sheet as an Arabic A4 PDF on the letterhead with the fees and the dates they were announced, and records it', async () => {
    const program = expectOk<ProgramDetail>(await printing.dispatch('programs.save', { fields: fields() }));
    expectOk(await printing.dispatch('programs.publishFee', { programId: program.id, amount: 0, covers: 'المواد والأدوات' }));
    expectOk(await printing.dispatch('programs.publishFee', { programId: program.id, amount: 25_050, covers: 'المواد والنقل' }));
    expectOk(
      await printing.dispatch('programs.addSessions', {
        programId: program.id,
        schedule: { kind: 'weekly', weekdays: [0, 2], from: '2026-12-06', to: '2026-12-24' },
        startsAt: '16:00',
        endsAt: '18:00',
      }),
    );
    const file = expectOk<ProgramSheet>(await printing.dispatch('programs.printSheet', { id: program.id }));
    expect(file).toMatchObject({ fileName: 'بطاقة-برنامج-2026-12-07.pdf', mimeType: 'application/pdf' });
    const path = join(folder, 'sheet.pdf');
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    if (process.env.WASL_KEEP_SHEET) writeFileSync(process.env.WASL_KEEP_SHEET, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    for (const words of ['دورة النجارة للمفرج عنهم', 'الرسوم المعلنة', 'المواد والأدوات', 'المواد والنقل', 'مجانا', 'شروط البرنامج', 'الالتزام بالحضور', 'مفرج عنه', ASSOCIATION]) {
      expect(aLineHolds(text, words), words).toBe(true);
    }
    // The amounts and both calendars of the day the fees were announced (7 December 2026, 27 Jumada II 1448).
    expect(plain(text)).toContain('250.50');
    expect(plain(text)).toContain('Carpentry course');
    expect(aLineHolds(text, '27 جمادى الآخرة 1448')).toBe(true);
    expect(aLineHolds(text, '7 ديسمبر 2026')).toBe(true);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
    expect(execFileSync('pdffonts', [path], { encoding: 'utf8' })).toContain('IBMPlexSansArabic');

    expect(expectOk<ProgramSheet>(await printing.dispatch('programs.printSheet', { id: program.id, language: 'en' })).fileName).toBe('program-sheet-2026-12-07.pdf');
    const printed = await auditEntries(printing.dispatch, { action: 'program.sheetPrinted' });
    expect(printed.map((entry) => entry.summary)).toEqual([
      { programId: program.id, feeVersions: 2, sessions: 6 },
      { programId: program.id, feeVersions: 2, sessions: 6 },
    ]);
  });

  it('says a desk without a printer cannot make the PDF', async () => {
    const program = await create();
    expect(await refusedWithoutChange(() => app.dispatch('programs.printSheet', { id: program.id }))).toEqual({ code: 'rule', messageKey: 'exports.pdfUnavailable' });
  });
});

function feeRow(id: string): unknown {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return opened.sqlite.prepare('SELECT * FROM program_fees WHERE id = ?').get(id);
  } finally {
    opened.sqlite.close();
  }
}
