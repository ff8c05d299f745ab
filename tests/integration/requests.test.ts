// Requests through the real call path: dispatch(name, input) → validation → service → encrypted
// SQLite. The catalog and holidays, a request's whole life with its referral and answer letters,
// the supervisor's decision and the contact that told the beneficiary; the moves the policy forbids
// (each refused, writing nothing); due dates in working days, overdue work on a moving clock, the
// time spent in each stage, reassignment, the list's filters and the audit trail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ContactView } from '../../electron/api/contacts';
import { startOfRiyadhDay, todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { WorkQueues } from '../../electron/api/queues';
import type { HolidayView, RequestDetail, RequestPage, RequestTypeView, StaffName } from '../../electron/api/requests';
import type { Result } from '../../electron/api/result';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import { eraseRequestsOf, requestsOf } from '../../electron/services/requests/personal-data';
import { requestListQuery } from '../../electron/services/requests/read';
import {
  ADMIN,
  auditEntries,
  createUser,
  expectError,
  expectOk,
  openTestWasl,
  signInAs,
  snapshotDatabase,
  validFields,
  type TestWasl,
} from '../support/database';
import { onePagePdf } from '../support/scans';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Seeded by the casework migration. */
const FINANCIAL_AID = '019ab9a0-0000-7000-8000-00000000b001';
const VISIT_PERMIT = '019ab9a0-0000-7000-8000-00000000b002';
const PRISONS_ADMINISTRATION = '019ab9a0-0000-7000-8000-00000000a002';
const A_PDF = onePagePdf('the authority answer, scanned').toString('base64');

/**
 * The desk's clock: it starts next Wednesday at 09:00 in Riyadh (so the working week around it is
 * known) and stands still until the test moves it, so that the instants it stamps can be compared.
 */
function wednesdayClock() {
  const start = new Date();
  start.setUTCHours(6, 0, 0, 0);
  do start.setTime(start.getTime() + DAY_MS);
  while (start.getUTCDay() !== 3);
  let offset = 0;
  return {
    clock: () => new Date(start.getTime() + offset),
    advanceMinutes: (minutes: number) => {
      offset += minutes * 60_000;
    },
    /** The Riyadh date `days` after that Wednesday. */
    day: (days: number) => todayInRiyadh(new Date(start.getTime() + days * DAY_MS)),
  };
}

let time: ReturnType<typeof wednesdayClock>;
let app: TestWasl;
let person: BeneficiaryDetail;
let officer: { id: string; username: string; password: string; displayName: string };
let supervisor: { id: string; username: string; password: string; displayName: string };
/** The password of whoever is signed in, to unlock the screen after the clock jumps ahead. */
let signedInPassword = ADMIN.password;

beforeEach(async () => {
  time = wednesdayClock();
  app = await openTestWasl({ clock: time.clock });
  signedInPassword = ADMIN.password;
  person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
  const accounts = [await createUser(app.dispatch, 'officer'), await createUser(app.dispatch, 'supervisor')];
  // Each chooses a password at first sign-in.
  const [officerAccount, supervisorAccount] = accounts.map((account) => ({
    id: account.id,
    username: account.username,
    password: `${account.password}-chosen`,
    displayName: account.displayName,
  }));
  for (const account of accounts) await signInAs(app.dispatch, account.username, account.password);
  officer = officerAccount!;
  supervisor = supervisorAccount!;
  await asAdmin();
});

afterEach(async () => {
  await app.cleanup();
});

async function signIn(username: string, password: string) {
  expectOk(await app.dispatch('session.signIn', { username, password }));
  signedInPassword = password;
}
const asAdmin = () => signIn(ADMIN.username, ADMIN.password);
const asOfficer = () => signIn(officer.username, officer.password);
const asSupervisor = () => signIn(supervisor.username, supervisor.password);

/** Moves the clock ahead by days; the screen locks when idle that long, so it is unlocked again. */
async function daysLater(days: number) {
  time.advanceMinutes(days * 24 * 60);
  const probe = await app.dispatch('holidays.list', {});
  if (!probe.ok && probe.error.code === 'locked') expectOk(await app.dispatch('session.unlock', { password: signedInPassword }));
}

const call = async <T = RequestDetail>(name: string, input: unknown): Promise<T> => expectOk<T>(await app.dispatch(name, input));
const open = (overrides: Record<string, unknown> = {}) =>
  call('requests.open', { beneficiaryId: person.id, typeId: FINANCIAL_AID, summary: 'يطلب مساعدة مالية لسداد إيجار المسكن', ...overrides });
const get = (id: string) => call('requests.get', { id });
const refer = (id: string, overrides: Record<string, unknown> = {}) =>
  app.dispatch('requests.refer', {
    id,
    authorityId: PRISONS_ADMINISTRATION,
    letter: { subject: 'طلب تصريح زيارة سجين', body: 'نأمل التكرم بالموافقة على منح تصريح زيارة.' },
    ...overrides,
  });
const answer = (id: string, overrides: Record<string, unknown> = {}) =>
  app.dispatch('requests.recordAuthorityAnswer', {
    id,
    letter: { number: '4471/ص/1448', letterDate: todayInRiyadh(time.clock()), subject: 'الموافقة على تصريح الزيارة', scan: { fileName: 'answer.pdf', contentBase64: A_PDF } },
    ...overrides,
  });
const decide = (id: string, outcome = 'approved', reason: unknown = 'استوفى الشروط وصدرت موافقة الجهة') =>
  app.dispatch('requests.decide', { id, outcome, reason });

const snapshot = () => snapshotDatabase(app.databasePath, app.key);

/** Runs a call that must be refused, checks that the database is exactly as it was, and answers the refusal. */
async function refusedWithoutWriting(makeCall: () => Promise<Result<unknown>>) {
  const before = snapshot();
  const error = expectError(await makeCall());
  expect(snapshot()).toEqual(before);
  return error;
}

const rule = (messageKey: string) => ({ code: 'rule', messageKey });
const fieldError = (path: string, messageKey: string) => ({ code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path, messageKey }] } });

/** Reads rows through a second connection with the desk's key. */
function rows<T>(sql: string, ...parameters: unknown[]): T[] {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return opened.sqlite.prepare(sql).all(...parameters) as T[];
  } finally {
    opened.sqlite.close();
  }
}

/** A request moved as far as a decision (approved), by the officer and the supervisor; the officer is signed in after. */
async function decided(): Promise<RequestDetail> {
  await asOfficer();
  const request = await open();
  await call('requests.startReview', { id: request.id });
  await asSupervisor();
  expectOk(await decide(request.id));
  await asOfficer();
  return get(request.id);
}

describe('the catalog', () => {
  it('lists the seeded request types, adds one with a generated code, changes and retires it, each change audited', async () => {
    const seeded = await call<RequestTypeView[]>('requests.types', {});
    expect(seeded.map((type) => type.code)).toEqual([
      'financial_aid',
      'visit_permit',
      'family_support',
      'rehabilitation',
      'debt_settlement',
      'education_support',
      'legal_consultation',
    ]);
    expect(seeded[1]).toMatchObject({ id: VISIT_PERMIT, nameAr: 'تصريح زيارة سجين', needsAuthority: true, targetWorkingDays: 15, active: true });

    const added = await call<RequestTypeView>('requests.saveType', { nameAr: 'ترميم مسكن', nameEn: 'Home repair', needsAuthority: false, targetWorkingDays: 20 });
    expect(added).toMatchObject({ code: 'home_repair', nameEn: 'Home repair', targetWorkingDays: 20, active: true, sortOrder: 8 });
    // Same English name: the code is made unique.
    const twin = await call<RequestTypeView>('requests.saveType', { nameAr: 'ترميم مسكن ثانٍ', nameEn: 'Home repair', needsAuthority: false, targetWorkingDays: 5 });
    expect(twin.code).toBe('home_repair_2');

    const changed = await call<RequestTypeView>('requests.saveType', { ...added, targetWorkingDays: 12, active: false });
    expect(changed).toMatchObject({ id: added.id, code: 'home_repair', targetWorkingDays: 12, active: false });
    expect((await call<RequestTypeView[]>('requests.types', { active: true })).map((type) => type.id)).not.toContain(added.id);
    expect((await call<RequestTypeView[]>('requests.types', { active: false })).map((type) => type.id)).toEqual([added.id]);

    const audit = (await auditEntries(app.dispatch, { action: 'catalog.changed' })).reverse();
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ entityType: 'catalog', entityId: added.id, summary: { list: 'requestTypes', created: true } });
    expect(audit[2]).toMatchObject({ entityId: added.id, summary: { created: false } });
    expect(audit[2]!.changes).toEqual([
      { field: 'targetWorkingDays', old: 20, new: 12 },
      { field: 'active', old: true, new: false },
    ]);
  });

  it('refuses a target outside 1–365 working days, a code in use, and an unknown type, writing nothing', async () => {
    const type = { nameAr: 'نوع', nameEn: 'Kind', needsAuthority: false };
    for (const targetWorkingDays of [0, 366, 2.5]) {
      const error = await refusedWithoutWriting(() => app.dispatch('requests.saveType', { ...type, targetWorkingDays }));
      expect(error).toMatchObject({ code: 'validation', details: { fields: [{ path: 'targetWorkingDays' }] } });
    }
    expect(await refusedWithoutWriting(() => app.dispatch('requests.saveType', { ...type, code: 'visit_permit', targetWorkingDays: 3 }))).toEqual(
      fieldError('code', 'validation.requests.codeTaken'),
    );
    expect(await refusedWithoutWriting(() => app.dispatch('requests.saveType', { ...type, code: 'Not A Code', targetWorkingDays: 3 }))).toEqual(
      fieldError('code', 'validation.requests.code'),
    );
    expect(
      await refusedWithoutWriting(() => app.dispatch('requests.saveType', { ...type, id: '019ab9a0-0000-7000-8000-0000000000ff', targetWorkingDays: 3 })),
    ).toEqual({ code: 'not_found', messageKey: 'notFound.requestType' });
  });

  it('keeps holidays: one per date, changed and removed, audited; reading open to officers, changing to the administrator only', async () => {
    const eid = await call<HolidayView>('holidays.save', { date: time.day(30), name: 'إجازة عيد الفطر' });
    const national = await call<HolidayView>('holidays.save', { date: time.day(10), name: 'اليوم الوطني' });
    expect(await call<HolidayView[]>('holidays.list', {})).toEqual([national, eid]);
    expect(await refusedWithoutWriting(() => app.dispatch('holidays.save', { date: time.day(10), name: 'مكرر' }))).toEqual(
      fieldError('date', 'validation.requests.holidayTaken'),
    );
    const moved = await call<HolidayView>('holidays.save', { id: eid.id, date: time.day(31), name: 'إجازة عيد الفطر' });
    expect(moved).toEqual({ id: eid.id, date: time.day(31), name: 'إجازة عيد الفطر' });
    expect(await call('holidays.remove', { id: national.id })).toEqual({ id: national.id });
    expect(await refusedWithoutWriting(() => app.dispatch('holidays.remove', { id: national.id }))).toEqual({
      code: 'not_found',
      messageKey: 'requests.holidayNotFound',
    });
    const audit = await auditEntries(app.dispatch, { action: 'catalog.changed' });
    expect(audit.map((entry) => entry.summary)).toEqual([
      { list: 'holidays', holidayId: national.id, removed: true },
      { list: 'holidays', holidayId: eid.id, created: false },
      { list: 'holidays', holidayId: national.id, created: true },
      { list: 'holidays', holidayId: eid.id, created: true },
    ]);

    await asOfficer();
    expect(await call<HolidayView[]>('holidays.list', {})).toEqual([moved]);
    expect((await call<RequestTypeView[]>('requests.types', {})).length).toBe(7);
    for (const [name, input] of [
      ['holidays.save', { date: time.day(40), name: 'إجازة' }],
      ['holidays.remove', { id: eid.id }],
      ['requests.saveType', { nameAr: 'نوع', nameEn: 'Kind', needsAuthority: false, targetWorkingDays: 3 }],
    ] as const) {
      expect(await refusedWithoutWriting(() => app.dispatch(name, input))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    }
  });
});

describe('a request’s whole life', () => {
  it('is opened, reviewed, referred with a letter, answered with a scanned letter, approved by a supervisor, told by phone and closed', async () => {
    await asOfficer();
    const interview = await call<ContactView>('contacts.log', {
      beneficiaryId: person.id,
      channel: 'in_person',
      direction: 'incoming',
      purpose: 'request',
      summary: 'حضر يطلب تصريح زيارة لوالده',
    });

    const opened = await open({ typeId: VISIT_PERMIT, summary: 'تصريح زيارة لوالده في سجن الأحساء', sourceContactId: interview.id });
    expect(opened.number).toMatch(new RegExp(`^R-${todayInRiyadh(time.clock()).slice(0, 4)}-0001$`));
    expect(opened).toMatchObject({
      stage: 'received',
      summary: 'تصريح زيارة لوالده في سجن الأحساء',
      beneficiary: { id: person.id, fullName: person.fullName, fileNumber: person.fileNumber },
      type: { id: VISIT_PERMIT, nameAr: 'تصريح زيارة سجين', needsAuthority: true, targetWorkingDays: 15 },
      owner: { id: officer.id, displayName: officer.displayName },
      sourceContactId: interview.id,
      overdue: false,
      workingDaysLeft: 15,
      outcome: null,
    });
    // Wednesday + 15 working days: three weeks and a day, Fridays and Saturdays skipped.
    expect(opened.dueDate).toBe(time.day(21));
    expect((await open()).number).toMatch(/-0002$/);

    time.advanceMinutes(3);
    const reviewing = await call('requests.startReview', { id: opened.id, note: 'بدأت الدراسة' });
    expect(reviewing).toMatchObject({ stage: 'under_review' });

    time.advanceMinutes(3);
    const referred = expectOk<RequestDetail>(await refer(opened.id));
    expect(referred).toMatchObject({
      stage: 'referred',
      authority: { id: PRISONS_ADMINISTRATION, nameAr: 'إدارة سجون الأحساء' },
      referredAt: time.clock().toISOString(),
    });
    const referral = referred.events.at(-1)!;
    expect(referral).toMatchObject({ action: 'referred', fromStage: 'under_review', toStage: 'referred', authority: { id: PRISONS_ADMINISTRATION } });
    expect(referral.letter).toMatchObject({ direction: 'outgoing', letterDate: todayInRiyadh(time.clock()) });
    expect(referral.letter!.number).toMatch(/^\d{4}\/0001$/);

    time.advanceMinutes(3);
    const answered = expectOk<RequestDetail>(await answer(opened.id, { note: 'وصل الرد بالبريد' }));
    expect(answered.stage).toBe('authority_answered');
    const answerEvent = answered.events.at(-1)!;
    expect(answerEvent).toMatchObject({ action: 'authority_answered', note: 'وصل الرد بالبريد', letter: { direction: 'incoming', number: '4471/ص/1448' } });

    // Both letters are in the register, linked to the request, the person and the authority; the answer has its scan.
    const letters = rows<{ id: string; direction: string; number: string; authority_id: string; beneficiary_id: string; request_id: string; scan_id: string | null; subject: string; body: string | null }>(
      'SELECT id, direction, number, authority_id, beneficiary_id, request_id, scan_id, subject, body FROM letters ORDER BY seq',
    );
    expect(letters).toEqual([
      {
        id: referral.letter!.id,
        direction: 'outgoing',
        number: referral.letter!.number,
        authority_id: PRISONS_ADMINISTRATION,
        beneficiary_id: person.id,
        request_id: opened.id,
        scan_id: null,
        subject: 'طلب تصريح زيارة سجين',
        body: 'نأمل التكرم بالموافقة على منح تصريح زيارة.',
      },
      {
        id: answerEvent.letter!.id,
        direction: 'incoming',
        number: '4471/ص/1448',
        authority_id: PRISONS_ADMINISTRATION,
        beneficiary_id: person.id,
        request_id: opened.id,
        scan_id: expect.any(String),
        subject: 'الموافقة على تصريح الزيارة',
        body: null,
      },
    ]);
    expect(rows('SELECT media_type FROM attachments')).toEqual([{ media_type: 'application/pdf' }]);

    // The decision is the supervisor's.
    expect(await refusedWithoutWriting(() => decide(opened.id))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    await asSupervisor();
    time.advanceMinutes(3);
    const approved = expectOk<RequestDetail>(await decide(opened.id));
    expect(approved).toMatchObject({
      stage: 'decided',
      outcome: 'approved',
      decisionReason: 'استوفى الشروط وصدرت موافقة الجهة',
      decidedAt: time.clock().toISOString(),
      decidedBy: { id: supervisor.id, displayName: supervisor.displayName },
    });

    await asOfficer();
    expect(await refusedWithoutWriting(() => app.dispatch('requests.close', { id: opened.id }))).toEqual(rule('requests.closeBeforeNotified'));

    time.advanceMinutes(3);
    const told = await call<RequestDetail & { notification: { contactId: string; letterId: string | null } }>('requests.notify', {
      id: opened.id,
      channel: 'phone',
      phoneNumber: '0551234567',
    });
    expect(told).toMatchObject({ stage: 'notified', notifiedAt: time.clock().toISOString(), workingDaysLeft: null, overdue: false });
    expect(told.notification.letterId).toBeNull();
    expect(told.events.at(-1)).toMatchObject({ action: 'notified', contactId: told.notification.contactId, outcome: 'approved' });
    expect(
      rows('SELECT beneficiary_id, channel, direction, purpose, phone_number, officer_id, summary, occurred_at FROM contacts WHERE id = ?', told.notification.contactId),
    ).toEqual([
      {
        beneficiary_id: person.id,
        channel: 'phone',
        direction: 'outgoing',
        purpose: 'notification',
        phone_number: '+966551234567',
        officer_id: officer.id,
        summary: `أُبلغ المستفيد بالموافقة على طلبه رقم ${opened.number}.`,
        occurred_at: time.clock().toISOString(),
      },
    ]);

    time.advanceMinutes(3);
    const closed = await call('requests.close', { id: opened.id });
    expect(closed).toMatchObject({ stage: 'closed', closedAt: time.clock().toISOString() });

    // The history: who did what, when, oldest first, with the letters' numbers.
    expect(closed.events.map((event) => [event.action, event.fromStage, event.toStage, event.actor.displayName])).toEqual([
      ['received', null, 'received', officer.displayName],
      ['review_started', 'received', 'under_review', officer.displayName],
      ['referred', 'under_review', 'referred', officer.displayName],
      ['authority_answered', 'referred', 'authority_answered', officer.displayName],
      ['decided', 'authority_answered', 'decided', supervisor.displayName],
      ['notified', 'decided', 'notified', officer.displayName],
      ['closed', 'notified', 'closed', officer.displayName],
    ]);
    expect(closed.events[1]!.note).toBe('بدأت الدراسة');
    expect(closed.events[4]).toMatchObject({ note: 'استوفى الشروط وصدرت موافقة الجهة', outcome: 'approved' });
    // Three minutes in each stage; the closed stage is where it ended, not time spent.
    expect(closed.stageTimes.map((stay) => [stay.stage, stay.milliseconds])).toEqual([
      ['received', 3 * 60_000],
      ['under_review', 3 * 60_000],
      ['referred', 3 * 60_000],
      ['authority_answered', 3 * 60_000],
      ['decided', 3 * 60_000],
      ['notified', 3 * 60_000],
    ]);

    // A finished request does not move again.
    for (const [name, input] of [
      ['requests.close', { id: opened.id }],
      ['requests.withdraw', { id: opened.id, reason: 'لا' }],
      ['requests.startReview', { id: opened.id }],
    ] as const) {
      expect(await refusedWithoutWriting(() => app.dispatch(name, input))).toEqual(rule('requests.finished'));
    }

    // The audit trail: each step on the person's file, with ids and stages, never what anyone wrote.
    await asAdmin();
    const trail = (await auditEntries(app.dispatch, { beneficiaryId: person.id })).reverse();
    const requestEntries = trail.filter((entry) => entry.action.startsWith('request.') && entry.summary.requestId === opened.id);
    expect(requestEntries.map((entry) => [entry.action, entry.summary.from ?? null, entry.summary.to ?? null])).toEqual([
      ['request.opened', null, null],
      ['request.moved', 'received', 'under_review'],
      ['request.moved', 'under_review', 'referred'],
      ['request.moved', 'referred', 'authority_answered'],
      ['request.moved', 'authority_answered', 'decided'],
      ['request.moved', 'decided', 'notified'],
      ['request.moved', 'notified', 'closed'],
    ]);
    expect(requestEntries[0]).toMatchObject({ entityType: 'beneficiary', entityId: person.id, actor: { id: officer.id }, summary: { number: opened.number, dueDate: opened.dueDate } });
    expect(requestEntries[2]!.summary).toMatchObject({ authorityId: PRISONS_ADMINISTRATION, letterId: referral.letter!.id });
    expect(requestEntries[5]!.summary).toMatchObject({ contactId: told.notification.contactId });
    expect(trail.filter((entry) => entry.action === 'letter.registered')).toHaveLength(2);
    const written = JSON.stringify(requestEntries);
    for (const text of ['تصريح زيارة لوالده', 'استوفى الشروط', 'بدأت الدراسة', 'وصل الرد']) expect(written).not.toContain(text);
  });

  it('tells the beneficiary by letter: the outgoing letter is registered with the standard text and the contact names it', async () => {
    const request = await decided();
    const told = await call<RequestDetail & { notification: { contactId: string; letterId: string } }>('requests.notify', {
      id: request.id,
      channel: 'letter',
      summary: 'أُرسل خطاب الإشعار بالبريد',
    });
    expect(told.stage).toBe('notified');
    const [letter] = rows<{ id: string; direction: string; number: string; authority_id: string | null; beneficiary_id: string; request_id: string; subject: string; body: string }>(
      'SELECT id, direction, number, authority_id, beneficiary_id, request_id, subject, body FROM letters',
    );
    expect(letter).toMatchObject({
      id: told.notification.letterId,
      direction: 'outgoing',
      authority_id: null,
      beneficiary_id: person.id,
      request_id: request.id,
      subject: `إشعار بنتيجة الطلب رقم ${request.number}`,
    });
    expect(letter!.number).toMatch(/^\d{4}\/0001$/);
    expect(letter!.body).toContain(`المكرم / ${person.fullName} المحترم`);
    expect(letter!.body).toContain('السلام عليكم ورحمة الله وبركاته');
    expect(letter!.body).toContain(`(${request.number})`);
    expect(letter!.body).toContain('«مساعدة مالية»');
    expect(letter!.body).toContain('تمت الموافقة على طلبكم');
    expect(letter!.body).toContain('سبب القرار: استوفى الشروط وصدرت موافقة الجهة');
    expect(letter!.body).toContain('وتقبلوا خالص التحية والتقدير');
    expect(rows('SELECT channel, direction, purpose, letter_id, summary FROM contacts WHERE id = ?', told.notification.contactId)).toEqual([
      { channel: 'letter', direction: 'outgoing', purpose: 'notification', letter_id: letter!.id, summary: 'أُرسل خطاب الإشعار بالبريد' },
    ]);
    expect(told.events.at(-1)).toMatchObject({ action: 'notified', letter: { id: letter!.id, number: letter!.number } });
  });

  it('writes a rejection letter to a woman in her gender, and takes the officer’s own text when given', async () => {
    const woman = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'فاطمة', gender: 'female', category: 'family_member', prisonerRelation: 'wife', prisonerStatus: 'serving_sentence' }) }));
    await asOfficer();
    const first = await open({ beneficiaryId: woman.id });
    const second = await open({ beneficiaryId: woman.id });
    for (const request of [first, second]) await call('requests.startReview', { id: request.id });
    await asSupervisor();
    for (const request of [first, second]) expectOk(await decide(request.id, 'rejected', 'لا تنطبق شروط البرنامج'));
    await asOfficer();
    const rejected = await call<RequestDetail & { notification: { letterId: string } }>('requests.notify', { id: first.id, channel: 'letter' });
    const own = await call<RequestDetail & { notification: { letterId: string } }>('requests.notify', { id: second.id, channel: 'letter', letterBody: 'نص كتبه الموظف' });
    const bodyOf = (id: string) => rows<{ body: string }>('SELECT body FROM letters WHERE id = ?', id)[0]!.body;
    expect(bodyOf(rejected.notification.letterId)).toContain(`المكرمة / ${woman.fullName} المحترمة`);
    expect(bodyOf(rejected.notification.letterId)).toContain('تعذّر قبول طلبكم');
    expect(bodyOf(rejected.notification.letterId)).toContain('سبب القرار: لا تنطبق شروط البرنامج');
    expect(bodyOf(own.notification.letterId)).toBe('نص كتبه الموظف');
  });
});

describe('moves the policy forbids', () => {
  it('are refused with a message naming what must happen first, and write nothing', async () => {
    await asOfficer();
    const request = await open({ typeId: VISIT_PERMIT });
    // From received: nothing but review (or withdrawal).
    expect(await refusedWithoutWriting(() => refer(request.id))).toEqual(rule('requests.reviewFirst'));
    expect(await refusedWithoutWriting(() => answer(request.id))).toEqual(rule('requests.notReferred'));
    expect(await refusedWithoutWriting(() => app.dispatch('requests.notify', { id: request.id, channel: 'phone' }))).toEqual(rule('requests.decideFirst'));
    expect(await refusedWithoutWriting(() => app.dispatch('requests.close', { id: request.id }))).toEqual(rule('requests.closeBeforeDecided'));
    await asSupervisor();
    expect(await refusedWithoutWriting(() => decide(request.id))).toEqual(rule('requests.reviewFirst'));

    await asOfficer();
    await call('requests.startReview', { id: request.id });
    expect(await refusedWithoutWriting(() => app.dispatch('requests.startReview', { id: request.id }))).toEqual(rule('requests.reviewAlreadyStarted'));
    expect(await refusedWithoutWriting(() => answer(request.id))).toEqual(rule('requests.notReferred'));
    // Referring without naming the authority.
    expect(await refusedWithoutWriting(() => refer(request.id, { authorityId: null }))).toEqual(fieldError('authorityId', 'validation.requests.authorityRequired'));
    expect(await refusedWithoutWriting(() => refer(request.id, { authorityId: '' }))).toEqual(fieldError('authorityId', 'validation.requests.authorityRequired'));
    const { authorityId: _omitted, ...withoutAuthority } = { id: request.id, authorityId: null, letter: { subject: 'إحالة' } };
    expect(await refusedWithoutWriting(() => app.dispatch('requests.refer', withoutAuthority))).toEqual(fieldError('authorityId', 'validation.requests.authorityRequired'));
    expect(await refusedWithoutWriting(() => refer(request.id, { authorityId: '019ab9a0-0000-7000-8000-00000000a0ff' }))).toEqual({ code: 'not_found', messageKey: 'notFound.authority' });
    expect(await refusedWithoutWriting(() => refer(request.id, { referredOn: time.day(-3) }))).toEqual(fieldError('referredOn', 'validation.requests.beforeReceived'));
    expect(await refusedWithoutWriting(() => refer(request.id, { referredOn: time.day(1) }))).toEqual(fieldError('letter.letterDate', 'validation.dateInFuture'));

    expectOk(await refer(request.id));
    expect(await refusedWithoutWriting(() => refer(request.id))).toEqual(rule('requests.alreadyReferred'));
    await asSupervisor();
    expect(await refusedWithoutWriting(() => decide(request.id))).toEqual(rule('requests.awaitingAuthority'));
    await asOfficer();
    // An answer letter must be a PDF or an image, whatever its name says.
    expect(
      await refusedWithoutWriting(() =>
        answer(request.id, { letter: { number: '1', letterDate: todayInRiyadh(time.clock()), subject: 'رد', scan: { fileName: 'x.pdf', contentBase64: Buffer.from('MZ not a pdf').toString('base64') } } }),
      ),
    ).toEqual(fieldError('letter.scan', 'validation.scan.type'));
    expectOk(await answer(request.id));
    expect(await refusedWithoutWriting(() => answer(request.id))).toEqual(rule('requests.authorityAlreadyAnswered'));

    // Deciding: only a supervisor, only with a reason.
    expect(await refusedWithoutWriting(() => decide(request.id))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    await asSupervisor();
    expect(await refusedWithoutWriting(() => decide(request.id, 'approved', ''))).toEqual(fieldError('reason', 'validation.requests.reasonRequired'));
    expect(await refusedWithoutWriting(() => decide(request.id, 'approved', '   '))).toEqual(fieldError('reason', 'validation.requests.reasonRequired'));
    expect(await refusedWithoutWriting(() => app.dispatch('requests.decide', { id: request.id, outcome: 'approved' }))).toEqual(fieldError('reason', 'validation.required'));
    expect(await refusedWithoutWriting(() => decide(request.id, 'maybe'))).toEqual(fieldError('outcome', 'validation.requests.outcomeRequired'));
    expectOk(await decide(request.id, 'rejected', 'لم تصدر موافقة الجهة'));
    expect(await refusedWithoutWriting(() => decide(request.id))).toEqual(rule('requests.alreadyDecided'));

    // Once decided: no closing before the beneficiary is told.
    expect(await refusedWithoutWriting(() => app.dispatch('requests.close', { id: request.id }))).toEqual(rule('requests.closeBeforeNotified'));
    expect(await refusedWithoutWriting(() => refer(request.id))).toEqual(rule('requests.alreadyDecided'));
    expectOk(await app.dispatch('requests.notify', { id: request.id, channel: 'in_person' }));
    expect(await refusedWithoutWriting(() => app.dispatch('requests.notify', { id: request.id, channel: 'phone' }))).toEqual(rule('requests.alreadyNotified'));
  });

  it('withdraws an open request with its reason, from any stage before it is closed', async () => {
    await asOfficer();
    const received = await open();
    const reviewing = await open();
    await call('requests.startReview', { id: reviewing.id });
    const referred = await open();
    await call('requests.startReview', { id: referred.id });
    expectOk(await refer(referred.id));
    const decidedOne = await decided();
    const notified = await decided();
    expectOk(await app.dispatch('requests.notify', { id: notified.id, channel: 'phone' }));
    const closed = await decided();
    expectOk(await app.dispatch('requests.notify', { id: closed.id, channel: 'phone' }));
    expectOk(await app.dispatch('requests.close', { id: closed.id }));
    expect(await refusedWithoutWriting(() => app.dispatch('requests.withdraw', { id: received.id, reason: '' }))).toEqual(fieldError('reason', 'validation.requests.reasonRequired'));
    expect(await refusedWithoutWriting(() => app.dispatch('requests.withdraw', { id: closed.id, reason: 'عدل عن طلبه' }))).toEqual(rule('requests.finished'));
    for (const request of [received, reviewing, referred, decidedOne, notified]) {
      const withdrawn = await call('requests.withdraw', { id: request.id, reason: 'عدل المستفيد عن طلبه' });
      expect(withdrawn).toMatchObject({ stage: 'withdrawn', overdue: false, workingDaysLeft: null });
      expect(withdrawn.events.at(-1)).toMatchObject({ action: 'withdrawn', toStage: 'withdrawn', note: 'عدل المستفيد عن طلبه' });
    }
  });

  it('counts the days waiting on the authority from the referral date the officer records, not from when it was typed in', async () => {
    await asOfficer();
    const request = await open();
    await call('requests.startReview', { id: request.id });
    await daysLater(3);
    expectOk(await refer(request.id, { referredOn: time.day(1) }));
    const referred = await get(request.id);
    expect(referred.referredAt).toBe(startOfRiyadhDay(time.day(1)));
    const queues = await call<WorkQueues>('queues.mine', {});
    expect(queues.awaitingAuthority?.rows.find((row) => row.id === request.id)?.daysWaiting).toBe(2);
  });

  it('refuses a request of a retired type, for an unknown person, or from another person’s contact', async () => {
    const retired = await call<RequestTypeView>('requests.saveType', { nameAr: 'قديم', nameEn: 'Old', needsAuthority: false, targetWorkingDays: 3, active: false });
    const other = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    const othersContact = await call<ContactView>('contacts.log', { beneficiaryId: other.id, channel: 'phone', direction: 'incoming', purpose: 'request', summary: 'اتصل' });
    await asOfficer();
    expect(await refusedWithoutWriting(() => app.dispatch('requests.open', { beneficiaryId: person.id, typeId: retired.id, summary: 'طلب' }))).toEqual(rule('requests.typeInactive'));
    expect(await refusedWithoutWriting(() => app.dispatch('requests.open', { beneficiaryId: '019ab9a0-0000-7000-8000-0000000000aa', typeId: FINANCIAL_AID, summary: 'طلب' }))).toEqual({
      code: 'not_found',
      messageKey: 'notFound.beneficiary',
    });
    expect(
      await refusedWithoutWriting(() => app.dispatch('requests.open', { beneficiaryId: person.id, typeId: FINANCIAL_AID, summary: 'طلب', sourceContactId: othersContact.id })),
    ).toEqual(fieldError('sourceContactId', 'validation.requests.contactOfAnother'));
    expect(await refusedWithoutWriting(() => app.dispatch('requests.open', { beneficiaryId: person.id, typeId: FINANCIAL_AID, summary: '' }))).toEqual(
      fieldError('summary', 'validation.required'),
    );
  });
});

describe('service time', () => {
  it('counts the due date in working days: Fridays, Saturdays and holidays skipped', async () => {
    const threeDays = await call<RequestTypeView>('requests.saveType', { nameAr: 'سريع', nameEn: 'Quick', needsAuthority: false, targetWorkingDays: 3 });
    await asOfficer();
    // Wednesday + 3: Thursday, (Friday, Saturday off) Sunday, Monday.
    expect((await open({ typeId: threeDays.id })).dueDate).toBe(time.day(5));
    await asAdmin();
    await call('holidays.save', { date: time.day(4), name: 'إجازة' });
    await asOfficer();
    // With Sunday a holiday: Thursday, Monday, Tuesday.
    expect((await open({ typeId: threeDays.id })).dueDate).toBe(time.day(6));
  });

  it('flags a request overdue once its due date has passed, until the beneficiary is told', async () => {
    const oneDay = await call<RequestTypeView>('requests.saveType', { nameAr: 'يوم', nameEn: 'One day', needsAuthority: false, targetWorkingDays: 1 });
    await asOfficer();
    const request = await open({ typeId: oneDay.id });
    const onTime = await open({ typeId: VISIT_PERMIT });
    expect(request).toMatchObject({ dueDate: time.day(1), overdue: false, workingDaysLeft: 1 });

    await daysLater(1); // Thursday: due today
    expect(await get(request.id)).toMatchObject({ overdue: false, workingDaysLeft: 0 });
    await daysLater(3); // Sunday: a working day late
    expect(await get(request.id)).toMatchObject({ overdue: true, workingDaysLeft: -1 });
    await daysLater(1); // Monday
    expect(await get(request.id)).toMatchObject({ overdue: true, workingDaysLeft: -2 });
    const overdue = await call<RequestPage>('requests.list', { overdue: true });
    expect(overdue.rows.map((row) => row.id)).toEqual([request.id]);
    expect(overdue.total).toBe(1);
    expect((await call<RequestPage>('requests.list', { overdue: false })).rows.map((row) => row.id)).toEqual([onTime.id]);

    // Decided but not yet told: still overdue. Told: no longer.
    await call('requests.startReview', { id: request.id });
    await asSupervisor();
    expectOk(await decide(request.id));
    expect(await get(request.id)).toMatchObject({ stage: 'decided', overdue: true });
    await asOfficer();
    expect(await call('requests.notify', { id: request.id, channel: 'in_person' })).toMatchObject({ overdue: false, workingDaysLeft: null });
    expect((await call<RequestPage>('requests.list', { overdue: true })).total).toBe(0);
  });

  it('keeps the time spent in each stage, the current stage counting up to now', async () => {
    await asOfficer();
    const request = await open();
    time.advanceMinutes(4);
    await call('requests.startReview', { id: request.id });
    time.advanceMinutes(2);
    const reviewing = await get(request.id);
    expect(reviewing.stageTimes).toEqual([
      { stage: 'received', enteredAt: request.receivedAt, leftAt: reviewing.stageSince, milliseconds: 4 * 60_000, workingDays: 0 },
      { stage: 'under_review', enteredAt: reviewing.stageSince, leftAt: null, milliseconds: 2 * 60_000, workingDays: 0 },
    ]);

    await daysLater(5); // the next Monday: Thursday, Sunday and Monday are working days
    expect((await get(request.id)).stageTimes[1]).toMatchObject({ stage: 'under_review', leftAt: null, workingDays: 3 });
  });
});

describe('owners', () => {
  it('gives a request to another officer, by a supervisor only, to an active account only', async () => {
    const second = await createUser(app.dispatch, 'officer');
    const disabled = await createUser(app.dispatch, 'officer');
    expectOk(await app.dispatch('users.update', { id: disabled.id, displayName: disabled.displayName, role: 'officer', active: false }));
    await asOfficer();
    const request = await open();
    expect(await refusedWithoutWriting(() => app.dispatch('requests.reassign', { id: request.id, ownerId: second.id }))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    expect(await refusedWithoutWriting(() => app.dispatch('requests.assignees', {}))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });

    await asSupervisor();
    const assignees = await call<StaffName[]>('requests.assignees', {});
    expect(assignees.map((user) => user.id).toSorted()).toEqual([officer.id, supervisor.id, second.id].toSorted());
    for (const ownerId of [disabled.id, SYSTEM_USER_ID]) {
      expect(await refusedWithoutWriting(() => app.dispatch('requests.reassign', { id: request.id, ownerId }))).toEqual(rule('requests.ownerUnavailable'));
    }
    expect(await refusedWithoutWriting(() => app.dispatch('requests.reassign', { id: request.id, ownerId: officer.id }))).toEqual(rule('requests.alreadyOwner'));

    const reassigned = await call('requests.reassign', { id: request.id, ownerId: second.id, note: 'توزيع العمل' });
    expect(reassigned).toMatchObject({ stage: 'received', stageSince: request.stageSince, owner: { id: second.id, displayName: second.displayName } });
    expect(reassigned.events.at(-1)).toMatchObject({ action: 'reassigned', fromStage: 'received', toStage: 'received', owner: { id: second.id }, actor: { id: supervisor.id }, note: 'توزيع العمل' });
    // A reassignment is not a stage: the request is still in its first stay.
    expect(reassigned.stageTimes.map((stay) => stay.stage)).toEqual(['received']);
    const audit = await auditEntries(app.dispatch, { action: 'request.reassigned' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: 'beneficiary', entityId: person.id, summary: { requestId: request.id, fromOwnerId: officer.id, toOwnerId: second.id } });
  });
});

describe('requests.list', () => {
  it('filters by stage, type, owner and person, newest first, a page at a time with the total', async () => {
    const other = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    await asOfficer();
    const first = await open();
    time.advanceMinutes(1);
    const second = await open({ typeId: VISIT_PERMIT });
    time.advanceMinutes(1);
    const third = await open({ beneficiaryId: other.id });
    await call('requests.startReview', { id: second.id });
    await call('requests.withdraw', { id: third.id, reason: 'عدل عن طلبه' });
    await asSupervisor();
    time.advanceMinutes(1);
    const supervisors = await open({ beneficiaryId: other.id, typeId: VISIT_PERMIT });

    const ids = async (filters: Record<string, unknown>) => (await call<RequestPage>('requests.list', filters)).rows.map((row) => row.id);
    expect(await ids({})).toEqual([supervisors.id, third.id, second.id, first.id]);
    expect(await ids({ stage: 'received' })).toEqual([supervisors.id, first.id]);
    expect(await ids({ stage: 'open' })).toEqual([supervisors.id, second.id, first.id]);
    expect(await ids({ stage: 'withdrawn' })).toEqual([third.id]);
    expect(await ids({ typeId: VISIT_PERMIT })).toEqual([supervisors.id, second.id]);
    expect(await ids({ ownerId: officer.id })).toEqual([third.id, second.id, first.id]);
    expect(await ids({ ownerId: officer.id, stage: 'open' })).toEqual([second.id, first.id]);
    expect(await ids({ beneficiaryId: other.id })).toEqual([supervisors.id, third.id]);

    const page = await call<RequestPage>('requests.list', { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.rows.map((row) => row.id)).toEqual([third.id, second.id]);
    expect(page.rows[1]).toMatchObject({
      number: second.number,
      beneficiary: { id: person.id, fullName: person.fullName, fileNumber: person.fileNumber },
      type: { id: VISIT_PERMIT, nameAr: 'تصريح زيارة سجين', nameEn: 'Prison visit permit' },
      stage: 'under_review',
      owner: { id: officer.id, displayName: officer.displayName },
      dueDate: second.dueDate,
      overdue: false,
    });
    expect(await refusedWithoutWriting(() => app.dispatch('requests.list', { stage: 'lost' }))).toMatchObject({ code: 'validation' });
  });

  it('reads the open requests of a stage or an owner, a person’s, and the overdue, through their indexes', async () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      const plan = (filters: Record<string, unknown>) => {
        const query = requestListQuery(opened.db, { ...filters }, time.day(0)).compile();
        const details = opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as Array<{ detail: string }>;
        return details.map((row) => row.detail).join(' | ');
      };
      expect(plan({ stage: 'received' })).toContain('USING INDEX requests_open_by_stage');
      expect(plan({ stage: 'open', ownerId: officer.id })).toContain('USING INDEX requests_open_by_owner');
      expect(plan({ ownerId: officer.id, overdue: true })).toContain('USING INDEX requests_open_by_owner');
      expect(plan({ beneficiaryId: person.id })).toContain('USING INDEX requests_by_beneficiary');
    } finally {
      opened.close();
    }
  });
});

describe('a person’s requests', () => {
  it('are given whole for the subject-access document, and erased to their bare facts', async () => {
    const request = await decided();
    await call('requests.notify', { id: request.id, channel: 'phone', summary: 'أُبلغ هاتفيًا' });
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      const held = await requestsOf(opened.db, person.id, time.clock());
      expect(held.map((entry) => [entry.id, entry.summary, entry.decisionReason, entry.events.length])).toEqual([
        [request.id, 'يطلب مساعدة مالية لسداد إيجار المسكن', 'استوفى الشروط وصدرت موافقة الجهة', 4],
      ]);
      expect(await opened.db.transaction().execute((trx) => eraseRequestsOf(trx, person.id, { actorId: app.adminId, now: time.clock() }))).toBe(1);
      const [erased] = await requestsOf(opened.db, person.id, time.clock());
      expect(erased).toMatchObject({ id: request.id, number: request.number, stage: 'notified', summary: 'محذوف', decisionReason: null, outcome: 'approved', dueDate: request.dueDate });
      expect(erased!.events.map((event) => event.note)).toEqual([null, null, null, null]);
      expect(erased!.events.map((event) => event.action)).toEqual(['received', 'review_started', 'decided', 'notified']);
    } finally {
      opened.close();
    }
  });
});
