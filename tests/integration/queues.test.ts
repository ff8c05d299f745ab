// The work queues through the real call path, over casework written straight into the real database:
// each officer's own queues, the office's queues and each officer's load as a supervisor sees them,
// who may see the office, a complaint about a staff member never shown to that person, "overdue"
// measured on Riyadh's calendar around midnight, and the indexes every queue reads through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { indexesIn, queryPlan, recordingDatabase } from '../support/query-log';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { OfficeQueues, OfficerLoad, QueueList, WorkQueues } from '../../electron/api/queues';
import type { UserAccount } from '../../electron/api/users';
import { myQueues, officeQueues } from '../../electron/services/queues/service';
import { AUTHORITY_IDS, openCasework, type CaseworkFixture } from '../support/casework';
import { ADMIN, createUser, expectError, expectOk, openTestWasl, signInAs, snapshotDatabase, validFields, type TestWasl } from '../support/database';

/** A clock the test sets: the queues are read at a known instant. */
function settableClock(start: string) {
  let now = new Date(start);
  return {
    clock: () => new Date(now),
    set: (instant: string) => {
      now = new Date(instant);
    },
  };
}

type Account = UserAccount & { password: string };

/** Creates an account as the administrator and has it choose its own password once. */
async function account(app: TestWasl, role: 'officer' | 'supervisor', displayName: string): Promise<Account> {
  const created = await createUser(app.dispatch, role);
  expectOk(await app.dispatch('users.update', { id: created.id, displayName, role, active: true }));
  await signInAs(app.dispatch, created.username, created.password);
  expectOk(await app.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
  return { ...created, displayName, password: `${created.password}-chosen` };
}

const signIn = async (app: TestWasl, who: { username: string; password: string }) =>
  expectOk(await app.dispatch('session.signIn', { username: who.username, password: who.password }));
const mine = async (app: TestWasl) => expectOk<WorkQueues>(await app.dispatch('queues.mine', {}));
const office = async (app: TestWasl) => expectOk<OfficeQueues>(await app.dispatch('queues.office', {}));

/** The numbers of a queue's rows, in order (requests and complaints), or the ids (inquiries). */
const numbers = (list: QueueList<{ number: string }> | null) => list?.rows.map((row) => row.number);
const minutesBefore = (instant: string, minutes: number) => new Date(Date.parse(instant) - minutes * 60_000).toISOString();

// Sunday 15 June 2025, noon in Riyadh.
const NOW = '2025-06-15T12:00:00+03:00';

describe('the queues of two officers and a supervisor', () => {
  let app: TestWasl;
  let casework: CaseworkFixture;
  let officerA: Account;
  let officerB: Account;
  let supervisor: Account;
  let departed: Account;
  let person: BeneficiaryDetail;
  let other: BeneficiaryDetail;
  /** The request and complaint numbers by name, to read the lists by. */
  const number = new Map<string, string>();
  const inquiry = new Map<string, string>();

  beforeAll(async () => {
    app = await openTestWasl({ clock: settableClock(NOW).clock });
    officerA = await account(app, 'officer', 'أحمد الموظف');
    officerB = await account(app, 'officer', 'بدر الموظف');
    supervisor = await account(app, 'supervisor', 'سارة المشرفة');
    departed = await account(app, 'officer', 'خالد المنتقل');
    person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    other = expectOk<BeneficiaryDetail>(
      await app.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'فهد' }) }),
    );
    casework = openCasework(app);

    const requestNumber = async (name: string, id: string) => {
      const row = await casework.db.selectFrom('requests').select('number').where('id', '=', id).executeTakeFirstOrThrow();
      number.set(name, row.number);
    };
    const complaintNumber = async (name: string, id: string) => {
      const row = await casework.db.selectFrom('complaints').select('number').where('id', '=', id).executeTakeFirstOrThrow();
      number.set(name, row.number);
    };
    const a = { beneficiaryId: person.id, ownerId: officerA.id };
    const b = { beneficiaryId: other.id, ownerId: officerB.id };

    // Officer A: a request in every stage; three late, one due today (not late yet), one late but notified (not late).
    await requestNumber('a1', await casework.request({ ...a, stage: 'received', dueDate: '2025-06-20' }));
    await requestNumber('a2', await casework.request({ ...a, stage: 'under_review', dueDate: '2025-06-10' }));
    await requestNumber(
      'a3',
      await casework.request({ ...a, stage: 'referred', dueDate: '2025-06-25', referredAt: '2025-06-05T10:00:00+03:00', authorityId: AUTHORITY_IDS.prosecution }),
    );
    // Referred at 1 a.m. on the 13th in Riyadh, still the 12th in UTC: two days, counted on Riyadh's calendar.
    await requestNumber('a4', await casework.request({ ...a, stage: 'referred', dueDate: '2025-06-14', referredAt: '2025-06-13T01:00:00+03:00' }));
    await requestNumber('a5', await casework.request({ ...a, stage: 'authority_answered', dueDate: '2025-06-30' }));
    await requestNumber('a6', await casework.request({ ...a, stage: 'decided', dueDate: '2025-06-12', decidedAt: '2025-06-13T10:00:00+03:00' }));
    await requestNumber('a7', await casework.request({ ...a, stage: 'notified', dueDate: '2025-06-01' }));
    await requestNumber('a8', await casework.request({ ...a, stage: 'closed', dueDate: '2025-05-01' }));
    await requestNumber('a9', await casework.request({ ...a, stage: 'withdrawn', dueDate: '2025-05-01' }));
    await requestNumber('a10', await casework.request({ ...a, stage: 'received', dueDate: '2025-06-15' }));

    // Officer B.
    await requestNumber('b1', await casework.request({ ...b, stage: 'referred', dueDate: '2025-06-11', referredAt: '2025-06-01T09:00:00+03:00' }));
    await requestNumber(
      'b2',
      await casework.request({ ...b, stage: 'decided', dueDate: '2025-06-20', decidedAt: '2025-06-14T08:00:00+03:00', outcome: 'rejected' }),
    );
    await requestNumber('b3', await casework.request({ ...b, stage: 'received', dueDate: '2025-06-16' }));
    await requestNumber('b4', await casework.request({ ...b, stage: 'closed', dueDate: '2025-06-01' }));

    // An officer who has left still holds one request.
    await requestNumber('d1', await casework.request({ beneficiaryId: person.id, ownerId: departed.id, stage: 'under_review', dueDate: '2025-06-30' }));
    expectOk(await app.dispatch('users.update', { id: departed.id, displayName: departed.displayName, role: 'officer', active: false }));

    // Complaints: A's own, and one about A given to B. One about A owned by A must never happen; if it did, A still would not see it.
    await complaintNumber('cA1', await casework.complaint({ ownerId: officerA.id, stage: 'received', dueDate: '2025-06-14', beneficiaryId: person.id }));
    await complaintNumber('cA2', await casework.complaint({ ownerId: officerA.id, stage: 'resolved', dueDate: '2025-06-20', kind: 'note' }));
    await complaintNumber('cA3', await casework.complaint({ ownerId: officerA.id, stage: 'answered', dueDate: '2025-06-20' }));
    await complaintNumber('cA4', await casework.complaint({ ownerId: officerA.id, stage: 'received', dueDate: '2025-06-17', aboutStaffId: officerA.id }));
    await complaintNumber(
      'cB1',
      await casework.complaint({ ownerId: officerB.id, stage: 'investigating', dueDate: '2025-06-18', aboutStaffId: officerA.id, subject: 'سوء معاملة من الموظف' }),
    );
    await complaintNumber('cB2', await casework.complaint({ ownerId: officerB.id, stage: 'acknowledged', dueDate: '2025-06-16', kind: 'suggestion' }));
    await complaintNumber('cB3', await casework.complaint({ ownerId: officerB.id, stage: 'closed', dueDate: '2025-06-01' }));

    // Inquiries.
    inquiry.set('iA1', await casework.inquiry({ ownerId: officerA.id, status: 'pending', askedAt: minutesBefore(NOW, 90), beneficiaryId: person.id }));
    inquiry.set('iA2', await casework.inquiry({ ownerId: officerA.id, status: 'pending', askedAt: minutesBefore(NOW, 3 * 24 * 60), personName: 'سائل من الهاتف' }));
    inquiry.set('iA3', await casework.inquiry({ ownerId: officerA.id, status: 'answered', askedAt: minutesBefore(NOW, 600) }));
    inquiry.set('iB1', await casework.inquiry({ ownerId: officerB.id, status: 'pending', askedAt: minutesBefore(NOW, 30) }));
  });

  afterAll(async () => {
    casework?.close();
    await app?.cleanup();
  });

  const names = (...keys: string[]) => keys.map((key) => number.get(key));

  it('shows officer A their own open requests, nearest due date first, with the person, type and overdue flag', async () => {
    await signIn(app, officerA);
    const queues = await mine(app);
    expect(queues.today).toBe('2025-06-15');
    expect(queues.openRequests?.total).toBe(8);
    expect(numbers(queues.openRequests)).toEqual(names('a7', 'a2', 'a6', 'a4', 'a10', 'a1', 'a3', 'a5'));
    const overdueFlags = Object.fromEntries(queues.openRequests!.rows.map((row) => [row.number, row.overdue]));
    expect(overdueFlags).toEqual(
      Object.fromEntries([
        [number.get('a7'), false], // past its date, but the beneficiary has been told
        [number.get('a2'), true],
        [number.get('a6'), true],
        [number.get('a4'), true],
        [number.get('a10'), false], // due today is not late
        [number.get('a1'), false],
        [number.get('a3'), false],
        [number.get('a5'), false],
      ]),
    );
    const first = queues.openRequests!.rows.find((row) => row.number === number.get('a1'))!;
    expect(first).toMatchObject({
      person: { beneficiaryId: person.id, name: person.fullName, fileNumber: person.fileNumber },
      type: { nameAr: 'مساعدة مالية', nameEn: 'Financial aid' },
      stage: 'received',
      dueDate: '2025-06-20',
      owner: { id: officerA.id, displayName: 'أحمد الموظف' },
    });
  });

  it('lists what awaits an authority with the days waiting, what is decided but not told, and what is late', async () => {
    await signIn(app, officerA);
    const queues = await mine(app);
    expect(queues.awaitingAuthority?.total).toBe(2);
    expect(queues.awaitingAuthority?.rows.map((row) => [row.number, row.authority?.nameAr, row.daysWaiting])).toEqual([
      [number.get('a3'), 'النيابة العامة', 10],
      [number.get('a4'), 'المديرية العامة للسجون', 2],
    ]);
    expect(queues.decidedNotNotified?.total).toBe(1);
    expect(queues.decidedNotNotified?.rows).toMatchObject([{ number: number.get('a6'), outcome: 'approved', daysSinceDecision: 2, overdue: true }]);
    expect(queues.overdue?.total).toBe(3);
    expect(numbers(queues.overdue)).toEqual(names('a2', 'a6', 'a4'));
    expect(queues.overdue?.rows.every((row) => row.overdue)).toBe(true);
  });

  it('lists officer A’s complaints to answer, never the ones about A, and their pending inquiries oldest first', async () => {
    await signIn(app, officerA);
    const queues = await mine(app);
    expect(queues.complaintsToAnswer?.total).toBe(2);
    expect(queues.complaintsToAnswer?.rows.map((row) => [row.number, row.kind, row.overdue])).toEqual([
      [number.get('cA1'), 'complaint', true],
      [number.get('cA2'), 'note', false],
    ]);
    expect(queues.complaintsToAnswer?.rows[0]?.person).toEqual({ beneficiaryId: person.id, name: person.fullName, fileNumber: person.fileNumber });
    expect(queues.complaintsToAnswer?.rows[1]?.person).toEqual({ beneficiaryId: null, name: 'مراجع غير مسجل', fileNumber: null });

    expect(queues.pendingInquiries?.total).toBe(2);
    expect(queues.pendingInquiries?.rows.map((row) => [row.id, row.ageMinutes, row.person.name])).toEqual([
      [inquiry.get('iA2'), 3 * 24 * 60, 'سائل من الهاتف'],
      [inquiry.get('iA1'), 90, person.fullName],
    ]);
  });

  it('shows officer B only B’s work, including the complaint about A', async () => {
    await signIn(app, officerB);
    const queues = await mine(app);
    expect(numbers(queues.openRequests)).toEqual(names('b1', 'b3', 'b2'));
    expect(queues.awaitingAuthority?.rows.map((row) => [row.number, row.daysWaiting])).toEqual([[number.get('b1'), 14]]);
    expect(queues.decidedNotNotified?.rows).toMatchObject([{ number: number.get('b2'), outcome: 'rejected', daysSinceDecision: 1 }]);
    expect(numbers(queues.overdue)).toEqual(names('b1'));
    expect(numbers(queues.complaintsToAnswer)).toEqual(names('cB2', 'cB1'));
    expect(queues.pendingInquiries?.rows.map((row) => row.id)).toEqual([inquiry.get('iB1')]);
  });

  it('refuses the office view to an officer, writing nothing', async () => {
    await signIn(app, officerA);
    const before = snapshotDatabase(app.databasePath, app.key);
    expect(expectError(await app.dispatch('queues.office', {}))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    expect(snapshotDatabase(app.databasePath, app.key)).toEqual(before);
  });

  it('shows the supervisor the whole office and each officer’s load, the heaviest first', async () => {
    await signIn(app, supervisor);
    const queues = await office(app);
    expect(queues.openRequests?.total).toBe(12);
    expect(numbers(queues.openRequests)).toEqual(names('a7', 'a2', 'b1', 'a6', 'a4', 'a10', 'b3', 'a1', 'b2', 'a3', 'a5', 'd1'));
    expect(numbers(queues.awaitingAuthority)).toEqual(names('b1', 'a3', 'a4'));
    expect(numbers(queues.decidedNotNotified)).toEqual(names('a6', 'b2'));
    expect(numbers(queues.overdue)).toEqual(names('a2', 'b1', 'a6', 'a4'));
    expect(queues.overdue?.rows.map((row) => row.owner.displayName)).toEqual(['أحمد الموظف', 'بدر الموظف', 'أحمد الموظف', 'أحمد الموظف']);
    expect(numbers(queues.complaintsToAnswer)).toEqual(names('cA1', 'cB2', 'cA4', 'cB1', 'cA2'));
    expect(queues.pendingInquiries?.rows.map((row) => row.id)).toEqual([inquiry.get('iA2'), inquiry.get('iA1'), inquiry.get('iB1')]);

    const load = (id: string) => queues.load.find((row) => row.user.id === id);
    expect(load(officerA.id)).toEqual<OfficerLoad>({
      user: { id: officerA.id, displayName: 'أحمد الموظف', role: 'officer', active: true },
      openRequests: 8,
      overdueRequests: 3,
      awaitingAuthority: 2,
      decidedNotNotified: 1,
      openComplaints: 3,
      pendingInquiries: 2,
    });
    expect(load(officerB.id)).toMatchObject({ openRequests: 3, overdueRequests: 1, awaitingAuthority: 1, decidedNotNotified: 1, openComplaints: 2, pendingInquiries: 1 });
    expect(load(departed.id)).toMatchObject({ user: { active: false }, openRequests: 1 });
    expect(load(supervisor.id)).toMatchObject({ openRequests: 0, openComplaints: 0, pendingInquiries: 0 });
    expect(load(app.adminId)).toMatchObject({ user: { role: 'administrator' }, openRequests: 0 });
    expect(queues.load.map((row) => row.user.id).slice(0, 3)).toEqual([officerA.id, officerB.id, departed.id]);
    expect(queues.load).toHaveLength(5);
  });

  it('hides every complaint about A from A’s office view once A is a supervisor', async () => {
    await signIn(app, { username: ADMIN.username, password: ADMIN.password });
    expectOk(await app.dispatch('users.update', { id: officerA.id, displayName: officerA.displayName, role: 'supervisor', active: true }));
    try {
      await signIn(app, officerA);
      const queues = await office(app);
      expect(numbers(queues.complaintsToAnswer)).toEqual(names('cA1', 'cB2', 'cA2'));
      expect(queues.complaintsToAnswer?.total).toBe(3);
      expect(queues.load.find((row) => row.user.id === officerA.id)?.openComplaints).toBe(2);
      expect(queues.load.find((row) => row.user.id === officerB.id)?.openComplaints).toBe(1);
      expect((await mine(app)).complaintsToAnswer?.total).toBe(2);
      // The other supervisor still sees both.
      await signIn(app, supervisor);
      expect((await office(app)).complaintsToAnswer?.total).toBe(5);
    } finally {
      await signIn(app, { username: ADMIN.username, password: ADMIN.password });
      expectOk(await app.dispatch('users.update', { id: officerA.id, displayName: officerA.displayName, role: 'officer', active: true }));
    }
  });

  it('reads every queue through the open-work indexes: no full scan of requests, complaints, inquiries or contacts', async () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    const { db, queries } = recordingDatabase(opened.sqlite);
    try {
      await myQueues(db, officerA.id, new Date(NOW));
      await officeQueues(db, supervisor.id, new Date(NOW));
      expect(queries.length).toBeGreaterThan(20);
      const used = new Set<string>();
      for (const query of queries) {
        const plan = queryPlan(opened.sqlite, query);
        // A scan of a whole table names no index; a scan of a partial index reads only the open work.
        expect(plan.join('\n'), query.sql).not.toMatch(/SCAN (r|c|i|k|b|requests|complaints|inquiries|contacts|beneficiaries)(\n|$)/);
        for (const index of indexesIn(plan)) used.add(index);
      }
      for (const index of [
        'requests_open_by_owner',
        'requests_open_by_stage',
        'complaints_open_by_owner',
        'complaints_open_by_stage',
        'inquiries_pending',
        'inquiries_pending_by_owner',
      ]) {
        expect([...used], index).toContain(index);
      }
    } finally {
      opened.sqlite.close();
    }
  });
});

describe('overdue on Riyadh’s calendar', () => {
  it('turns a request due today overdue at midnight in Riyadh, three hours before UTC’s midnight', async () => {
    const time = settableClock('2025-06-15T23:59:00+03:00');
    const app = await openTestWasl({ clock: time.clock });
    const casework = openCasework(app);
    try {
      const person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
      await casework.request({ beneficiaryId: person.id, ownerId: app.adminId, stage: 'received', dueDate: '2025-06-15' });
      await casework.request({
        beneficiaryId: person.id,
        ownerId: app.adminId,
        stage: 'referred',
        dueDate: '2025-06-30',
        referredAt: '2025-06-15T22:00:00+03:00',
      });
      await casework.complaint({ ownerId: app.adminId, stage: 'received', dueDate: '2025-06-15' });

      const before = await mine(app);
      expect(before.today).toBe('2025-06-15');
      expect(before.overdue?.total).toBe(0);
      expect(before.complaintsToAnswer?.rows[0]?.overdue).toBe(false);
      expect(before.awaitingAuthority?.rows[0]?.daysWaiting).toBe(0);

      // 00:01 in Riyadh on the 16th is still the 15th in UTC.
      time.set('2025-06-16T00:01:00+03:00');
      expect(new Date('2025-06-16T00:01:00+03:00').toISOString().slice(0, 10)).toBe('2025-06-15');
      const after = await mine(app);
      expect(after.today).toBe('2025-06-16');
      expect(after.overdue?.total).toBe(1);
      expect(after.openRequests?.rows.find((row) => row.dueDate === '2025-06-15')?.overdue).toBe(true);
      expect(after.complaintsToAnswer?.rows[0]?.overdue).toBe(true);
      expect(after.awaitingAuthority?.rows[0]?.daysWaiting).toBe(1);
      expect((await office(app)).overdue?.total).toBe(1);
    } finally {
      casework.close();
      await app.cleanup();
    }
  });
});

describe('the requests awaiting a supervisor’s decision', () => {
  let app: TestWasl;
  let casework: CaseworkFixture;
  let officer: Account;
  let supervisor: Account;
  const number = new Map<string, string>();
  const id = new Map<string, string>();

  beforeAll(async () => {
    app = await openTestWasl({ clock: settableClock(NOW).clock });
    officer = await account(app, 'officer', 'أحمد الموظف');
    supervisor = await account(app, 'supervisor', 'سارة المشرفة');
    const person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    // A holiday inside the wait: not a working day.
    expectOk(await app.dispatch('holidays.save', { id: null, date: '2025-06-10', name: 'إجازة' }));
    casework = openCasework(app);
    const add = async (name: string, row: Parameters<CaseworkFixture['request']>[0]) => {
      const requestId = await casework.request(row);
      const { number: requestNumber } = await casework.db.selectFrom('requests').select('number').where('id', '=', requestId).executeTakeFirstOrThrow();
      id.set(name, requestId);
      number.set(name, requestNumber);
    };
    const held = { beneficiaryId: person.id, ownerId: officer.id, dueDate: '2025-06-30' };
    // Under review since Sunday 1 June: ten working days to Sunday 15 June, less the holiday.
    await add('reviewed', { ...held, stage: 'under_review', receivedAt: '2025-06-01T09:00:00+03:00' });
    // The authority answered on Wednesday 11 June: Thursday and Sunday since.
    await add('answered', { ...held, ownerId: supervisor.id, stage: 'authority_answered', referredAt: '2025-06-11T10:00:00+03:00', authorityId: AUTHORITY_IDS.prosecution });
    // Reviewed this morning.
    await add('today', { ...held, stage: 'under_review', receivedAt: '2025-06-15T08:00:00+03:00' });
    // Not for a decision: not yet reviewed, at an authority, decided, told, finished.
    await add('received', { ...held, stage: 'received', receivedAt: '2025-05-01T09:00:00+03:00' });
    await add('referred', { ...held, stage: 'referred', referredAt: '2025-05-02T09:00:00+03:00' });
    await add('decided', { ...held, stage: 'decided', decidedAt: '2025-05-03T09:00:00+03:00' });
    await add('notified', { ...held, stage: 'notified' });
    await add('closed', { ...held, stage: 'closed' });
  });

  afterAll(async () => {
    casework?.close();
    await app?.cleanup();
  });

  const names = (...keys: string[]) => keys.map((key) => number.get(key));

  it('shows the supervisor every officer’s requests ready for a decision, the longest waiting first, with the wait in working days', async () => {
    await signIn(app, supervisor);
    const queue = (await mine(app)).awaitingDecision;
    expect(queue?.total).toBe(3);
    expect(numbers(queue ?? null)).toEqual(names('reviewed', 'answered', 'today'));
    expect(queue?.rows.map((row) => row.workingDaysWaiting)).toEqual([9, 2, 0]);
    expect(queue?.rows.map((row) => row.stage)).toEqual(['under_review', 'authority_answered', 'under_review']);
    expect(queue?.rows[0]?.waitingSince).toBe(new Date('2025-06-01T09:00:00+03:00').toISOString());
    expect(queue?.rows[0]?.owner.id).toBe(officer.id);
    // The office's view lists the same.
    expect(numbers((await office(app)).awaitingDecision)).toEqual(names('reviewed', 'answered', 'today'));
  });

  it('shows it to the administrator, who may decide, and not to an officer, who may not', async () => {
    await signIn(app, { username: ADMIN.username, password: ADMIN.password });
    expect((await mine(app)).awaitingDecision?.total).toBe(3);
    await signIn(app, officer);
    const queues = await mine(app);
    expect(queues.awaitingDecision).toBeNull();
    expect(queues.openRequests?.total).toBeGreaterThan(0);
  });

  it('takes a request off once it is decided', async () => {
    await signIn(app, supervisor);
    expectOk(await app.dispatch('requests.decide', { id: id.get('answered'), outcome: 'approved', reason: 'استوفى الشروط' }));
    const queue = (await mine(app)).awaitingDecision;
    expect(queue?.total).toBe(2);
    expect(numbers(queue ?? null)).toEqual(names('reviewed', 'today'));
  });

  it('reads the queue through the open requests’ index', async () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    const { db, queries } = recordingDatabase(opened.sqlite);
    try {
      await myQueues(db, supervisor.id, new Date(NOW));
      const decisionQueries = queries.filter((query) => query.sql.includes("'under_review'") || query.sql.includes('stage_since'));
      expect(decisionQueries.length).toBeGreaterThan(0);
      for (const query of queries) {
        expect(queryPlan(opened.sqlite, query).join('\n'), query.sql).not.toMatch(/SCAN (r|requests)(\n|$)/);
      }
    } finally {
      opened.sqlite.close();
    }
  });
});
