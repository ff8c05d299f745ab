// Enrolments in programs through the real call path: dispatch(name, input) → validation → service →
// encrypted SQLite. Every move of the workflow and every refusal (each writing nothing), capacity as
// a hard limit and the waitlist in order of application, a freed place offered to the first and the
// offer passing on when it expires, a supervisor's reordering counted, the program's conditions with a
// supervisor's override, the audit entries and the person's timeline, a merge of two files moving
// their enrolments, and hostile text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { BeneficiaryDetail, BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import type { EnrolmentDetail, EnrolmentSummary, OpenProgram, ProgramRoster } from '../../electron/api/enrolments';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { ProgramDetail, ProgramFields } from '../../electron/api/programs';
import type { TimelinePage } from '../../electron/api/timeline';
import { applyReceived } from '../../electron/services/sync/apply';
import { moveRowsOfPerson } from '../../electron/services/sync/rows';
import { auditEntries, expectError, expectOk, openTestWaslWithStaff, readRows, refusedUnchanged, snapshotDatabase, validFields, type StaffedTestWasl } from '../support/database';
import { courseFields, eligiblePerson as eligiblePersonThrough, openProgram as openProgramThrough } from '../support/programs';

const DAY_MINUTES = 24 * 60;

/** A clock that stands still until the test moves it: the instants it stamps can be compared. */
function standingClock() {
  const start = Date.now();
  let offset = 0;
  return {
    clock: () => new Date(start + offset),
    advanceDays: (days: number) => {
      offset += days * DAY_MINUTES * 60_000;
    },
    today: () => todayInRiyadh(new Date(start + offset)),
  };
}

let time: ReturnType<typeof standingClock>;
let app: StaffedTestWasl<'officer' | 'supervisor'>;
/** Who is signed in, to unlock the screen after the clock jumps ahead. */
let signedIn: 'officer' | 'supervisor' | 'administrator' = 'administrator';

beforeEach(async () => {
  time = standingClock();
  app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' }, { clock: time.clock });
  signedIn = 'administrator';
});

afterEach(async () => {
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

const call = <T>(name: string, input: unknown): Promise<T> => app.dispatch(name, input).then((result) => expectOk<T>(result));
const refusal = async (name: string, input: unknown) => expectError(await app.dispatch(name, input));

const programFields = (overrides: Partial<ProgramFields> = {}) =>
  courseFields({ capacity: 2, startsOn: time.today(), endsOn: todayInRiyadh(new Date(time.clock().getTime() + 60 * DAY_MINUTES * 60_000)), ...overrides });

/** A program made, its fee published and opened for applications, through the catalog's own calls (as the administrator). */
async function openProgram(overrides: Partial<ProgramFields> = {}): Promise<ProgramDetail> {
  const before = signedIn;
  await as('administrator');
  const opened = await openProgramThrough(call, programFields(overrides), { amount: 15_000, covers: 'المواد' });
  await as(before);
  return opened;
}

/** A registered person found eligible. */
const eligiblePerson = (overrides: Partial<BeneficiaryFieldsInput> = {}) => eligiblePersonThrough(call, overrides);

const apply = (programId: string, beneficiaryId: string, overrideReason: string | null = null) =>
  call<EnrolmentDetail>('enrolments.apply', { programId, beneficiaryId, overrideReason });
const roster = (programId: string) => call<ProgramRoster>('enrolments.roster', { programId });

/** Rows of the test's database, read through a second connection with the key. */
const rows = (query: string, ...parameters: unknown[]) => readRows(app, query, ...parameters);

/** A refused call changes nothing: the database is as it was before it (the refusal's own audit entry aside). */
const refusedWithoutChange = (name: string, input: unknown) => refusedUnchanged(app, name, input);

describe('an enrolment’s life', () => {
  it('goes applied → interview scheduled → interviewed → accepted → active → completed, each move dated, by whom, audited and on the timeline', async () => {
    const program = await openProgram({ hasInterview: true });
    const person = await eligiblePerson();
    await as('officer');
    const applied = await apply(program.id, person.id);
    expect(applied).toMatchObject({ stage: 'applied', fee: { amount: 15_000, version: 1 }, conditionsOverride: null });
    expect(applied.allowedMoves).toEqual(['scheduleInterview', 'decline', 'withdraw']);
    expect(applied.path).toEqual(['applied', 'interview_scheduled', 'interviewed', 'accepted', 'active', 'completed']);

    // Accepting before the interview is refused, naming it.
    expect((await refusedWithoutChange('enrolments.accept', { id: applied.id })).error.messageKey).toBe('enrolments.interviewFirst');
    expect((await refusedWithoutChange('enrolments.recordInterview', { id: applied.id, result: 'passed' })).error.messageKey).toBe('enrolments.scheduleInterviewFirst');

    const interviewOn = time.today();
    const scheduled = await call<EnrolmentDetail>('enrolments.scheduleInterview', { id: applied.id, interviewOn, interviewerId: app.accounts.supervisor.id });
    expect(scheduled).toMatchObject({ stage: 'interview_scheduled', interviewOn, interviewer: { id: app.accounts.supervisor.id } });
    const interviewed = await call<EnrolmentDetail>('enrolments.recordInterview', { id: applied.id, result: 'passed', notes: 'متحمس ومنضبط' });
    expect(interviewed).toMatchObject({ stage: 'interviewed', interviewResult: 'passed', interviewNotes: 'متحمس ومنضبط' });
    const accepted = await call<EnrolmentDetail>('enrolments.accept', { id: applied.id });
    expect(accepted.stage).toBe('accepted');
    expect((await refusedWithoutChange('enrolments.complete', { id: applied.id })).error.messageKey).toBe('enrolments.startFirst');
    await call('enrolments.start', { id: applied.id });
    // Completing asks that the program's attendance rule be met: they attended its one session, today's.
    await as('administrator');
    const held = await call<{ program: ProgramDetail }>('programs.addSessions', { programId: program.id, schedule: { kind: 'dates', dates: [time.today()] }, startsAt: '00:00', endsAt: '00:30' });
    await as('officer');
    await call('attendance.record', { sessionId: held.program.sessions[0]!.id, exceptions: [] });
    const completed = await call<EnrolmentDetail>('enrolments.complete', { id: applied.id });
    expect(completed.stage).toBe('completed');
    expect(completed.allowedMoves).toEqual([]);
    expect(completed.events.map((event) => [event.action, event.fromStage, event.toStage, event.actor.id])).toEqual([
      ['applied', null, 'applied', app.accounts.officer.id],
      ['interview_scheduled', 'applied', 'interview_scheduled', app.accounts.officer.id],
      ['interviewed', 'interview_scheduled', 'interviewed', app.accounts.officer.id],
      ['accepted', 'interviewed', 'accepted', app.accounts.officer.id],
      ['activated', 'accepted', 'active', app.accounts.officer.id],
      ['completed', 'active', 'completed', app.accounts.officer.id],
    ]);
    expect((await refusedWithoutChange('enrolments.withdraw', { id: applied.id })).error.messageKey).toBe('enrolments.finished');

    await as('supervisor');
    const moves = (await auditEntries(app.dispatch, { beneficiaryId: person.id })).filter((entry) => entry.action.startsWith('enrolment.'));
    expect(moves.map((entry) => [entry.action, entry.summary.to ?? null])).toEqual(
      expect.arrayContaining([
        ['enrolment.applied', null],
        ['enrolment.moved', 'interview_scheduled'],
        ['enrolment.moved', 'interviewed'],
        ['enrolment.moved', 'accepted'],
        ['enrolment.moved', 'active'],
        ['enrolment.moved', 'completed'],
      ]),
    );
    // The audit entries hold ids and stages, never what was written about the person.
    expect(JSON.stringify(moves)).not.toContain('متحمس');

    const timeline = await call<TimelinePage>('beneficiaries.timeline', { id: person.id, kinds: ['program'] });
    expect(timeline.entries.map((entry) => (entry.kind === 'program' ? entry.step.action : entry.kind))).toEqual([
      'completed',
      'activated',
      'accepted',
      'interviewed',
      'interview_scheduled',
      'applied',
    ]);
  });

  it('refuses an interview where the program has none or with nobody active to hold it, and admits only those who passed it', async () => {
    const withoutInterview = await openProgram({ hasInterview: false });
    const withInterview = await openProgram({ hasInterview: true });
    const [first, second] = [await eligiblePerson(), await eligiblePerson()];
    await as('officer');
    const plain = await apply(withoutInterview.id, first.id);
    expect(plain.allowedMoves).toEqual(['accept', 'decline', 'withdraw']);
    expect(plain.path).toEqual(['applied', 'accepted', 'active', 'completed']);
    const noInterview = await refusedWithoutChange('enrolments.scheduleInterview', { id: plain.id, interviewOn: time.today(), interviewerId: app.accounts.supervisor.id });
    expect(noInterview.error.messageKey).toBe('enrolments.noInterview');

    const interviewed = await apply(withInterview.id, second.id);
    const nobody = await refusedWithoutChange('enrolments.scheduleInterview', { id: interviewed.id, interviewOn: time.today(), interviewerId: '00000000-0000-7000-8000-000000000001' });
    expect(nobody.error.details?.fields).toEqual([{ path: 'interviewerId', messageKey: 'validation.enrolments.interviewerInactive' }]);
    expect((await refusedWithoutChange('enrolments.scheduleInterview', { id: interviewed.id, interviewOn: 'غدا', interviewerId: app.accounts.supervisor.id })).error.code).toBe('validation');
    await call('enrolments.scheduleInterview', { id: interviewed.id, interviewOn: time.today(), interviewerId: app.accounts.supervisor.id });
    expect((await refusedWithoutChange('enrolments.recordInterview', { id: interviewed.id, result: 'maybe' })).error.details?.fields).toEqual([
      { path: 'result', messageKey: 'validation.enrolments.resultRequired' },
    ]);
    const failed = await call<EnrolmentDetail>('enrolments.recordInterview', { id: interviewed.id, result: 'not_passed', notes: null });
    // Not passed: only a decline (or a withdrawal) is offered, and accepting or waitlisting is refused, naming why.
    expect(failed.allowedMoves).toEqual(['decline', 'withdraw']);
    expect((await refusedWithoutChange('enrolments.accept', { id: interviewed.id })).error.messageKey).toBe('enrolments.interviewNotPassed');
    expect((await refusedWithoutChange('enrolments.waitlist', { id: interviewed.id })).error.messageKey).toBe('enrolments.interviewNotPassed');
    expect((await refusedWithoutChange('enrolments.recordInterview', { id: interviewed.id, result: 'passed' })).error.messageKey).toBe('enrolments.alreadyInterviewed');
    expect((await call<EnrolmentDetail>('enrolments.decline', { id: interviewed.id, reason: 'لم يجتز المقابلة' })).stage).toBe('declined');
  });

  it('takes nobody in once the program is cancelled', async () => {
    const program = await openProgram();
    const person = await eligiblePerson();
    const enrolment = await apply(program.id, person.id);
    const current = await call<ProgramDetail>('programs.get', { id: program.id });
    await call('programs.setStatus', { id: program.id, expectedVersion: current.rowVersion, status: 'cancelled', reason: 'لم يتوفر المدرب' });
    expect((await refusedWithoutChange('enrolments.accept', { id: enrolment.id })).error.messageKey).toBe('enrolments.programClosed');
    expect((await refusedWithoutChange('enrolments.apply', { programId: program.id, beneficiaryId: (await eligiblePerson()).id })).error.messageKey).toBe('enrolments.programNotOpen');
  });

  it('declines with a reason, refuses a decline without one, and lets only a supervisor dismiss (with a reason)', async () => {
    const program = await openProgram({ capacity: 5 });
    const [first, second] = [await eligiblePerson(), await eligiblePerson()];
    await as('officer');
    const declined = await apply(program.id, first.id);
    const noReason = await refusedWithoutChange('enrolments.decline', { id: declined.id, reason: '  ' });
    expect(noReason.error.details?.fields).toEqual([{ path: 'reason', messageKey: 'validation.enrolments.reasonRequired' }]);
    expect(await call<EnrolmentDetail>('enrolments.decline', { id: declined.id, reason: 'لا يناسب جدوله' })).toMatchObject({ stage: 'declined', decisionReason: 'لا يناسب جدوله' });

    const attending = await apply(program.id, second.id);
    await call('enrolments.accept', { id: attending.id });
    await call('enrolments.start', { id: attending.id });
    expect((await refusedWithoutChange('enrolments.dismiss', { id: attending.id, reason: 'غياب متكرر' })).error.code).toBe('forbidden');
    expect((await refusedWithoutChange('enrolments.decline', { id: attending.id, reason: 'غياب' })).error.messageKey).toBe('enrolments.withdrawOrDismiss');
    await as('supervisor');
    expect((await refusedWithoutChange('enrolments.dismiss', { id: attending.id, reason: '' })).error.code).toBe('validation');
    expect(await call<EnrolmentDetail>('enrolments.dismiss', { id: attending.id, reason: 'إخلال بقواعد البرنامج' })).toMatchObject({
      stage: 'dismissed',
      decisionReason: 'إخلال بقواعد البرنامج',
      path: ['applied', 'accepted', 'active', 'dismissed'],
    });
  });

  it('takes applications only for an open program, once per person while their enrolment is open', async () => {
    const person = await eligiblePerson();
    const planned = await call<ProgramDetail>('programs.save', { fields: programFields() });
    expect((await refusedWithoutChange('enrolments.apply', { programId: planned.id, beneficiaryId: person.id })).error.messageKey).toBe('enrolments.programNotOpen');
    const program = await openProgram();
    const first = await apply(program.id, person.id);
    expect((await refusedWithoutChange('enrolments.apply', { programId: program.id, beneficiaryId: person.id })).error.messageKey).toBe('enrolments.alreadyEnrolled');
    await call('enrolments.withdraw', { id: first.id, reason: null });
    // Once withdrawn, they may apply again.
    expect((await apply(program.id, person.id)).stage).toBe('applied');
    expect((await refusal('enrolments.apply', { programId: '019ab9a0-0000-7000-8000-0000000000ff', beneficiaryId: person.id })).messageKey).toBe('notFound.program');
  });

  it('keeps the fee version in force when they applied, whatever is published later', async () => {
    const program = await openProgram();
    const early = await eligiblePerson();
    const late = await eligiblePerson();
    const before = await apply(program.id, early.id);
    await call('programs.publishFee', { programId: program.id, amount: 20_000, covers: 'المواد والنقل' });
    const after = await apply(program.id, late.id);
    expect(before.fee).toMatchObject({ version: 1, amount: 15_000 });
    expect((await call<EnrolmentDetail>('enrolments.get', { id: before.id })).fee).toMatchObject({ version: 1, amount: 15_000 });
    expect(after.fee).toMatchObject({ version: 2, amount: 20_000 });
  });
});

describe('capacity and the waitlist', () => {
  it('refuses to accept beyond capacity, keeps the waitlist in order of application, and offers a freed place to the first', async () => {
    const program = await openProgram({ capacity: 2, offerDays: 3 });
    const people = [];
    for (let index = 0; index < 5; index++) people.push(await eligiblePerson());
    await as('officer');
    const enrolments: EnrolmentDetail[] = [];
    for (const person of people) enrolments.push(await apply(program.id, person.id));
    const [a, b, c, d, e] = enrolments as [EnrolmentDetail, EnrolmentDetail, EnrolmentDetail, EnrolmentDetail, EnrolmentDetail];

    // The waitlist is only for a full program.
    expect((await refusedWithoutChange('enrolments.waitlist', { id: c.id })).error.messageKey).toBe('enrolments.placesFree');
    await call('enrolments.accept', { id: a.id });
    await call('enrolments.accept', { id: b.id });
    expect((await refusedWithoutChange('enrolments.accept', { id: c.id })).error.messageKey).toBe('enrolments.full');
    // The enrolment offers what the program's places allow: the waitlist now, not acceptance.
    expect((await call<EnrolmentDetail>('enrolments.get', { id: c.id })).allowedMoves).toEqual(['waitlist', 'decline', 'withdraw']);

    // Decided out of order, they still wait in the order they applied.
    await call('enrolments.waitlist', { id: e.id });
    await call('enrolments.waitlist', { id: c.id });
    await call('enrolments.waitlist', { id: d.id });
    let list = await roster(program.id);
    expect(list.waitlist.map((entry) => [entry.id, entry.waitlistOrder])).toEqual([
      [c.id, 1],
      [d.id, 2],
      [e.id, 3],
    ]);
    expect(list).toMatchObject({ placesTaken: 2, placesOffered: 0 });
    // From the waitlist, only a place offered is taken.
    expect((await refusedWithoutChange('enrolments.accept', { id: d.id })).error.messageKey).toBe('enrolments.noPlaceOffered');

    // A place frees: the first on the list is offered it, until the end of today + offer days.
    await call('enrolments.withdraw', { id: a.id, reason: 'انتقل إلى مدينة أخرى' });
    list = await roster(program.id);
    expect(list.waitlist.map((entry) => [entry.id, entry.offerExpiresOn])).toEqual([
      [c.id, todayInRiyadh(new Date(time.clock().getTime() + 3 * DAY_MINUTES * 60_000))],
      [d.id, null],
      [e.id, null],
    ]);
    expect(list).toMatchObject({ placesTaken: 1, placesOffered: 1 });
    // The offered place is theirs: nobody else takes it meanwhile.
    expect((await refusedWithoutChange('enrolments.accept', { id: d.id })).error.messageKey).toBe('enrolments.noPlaceOffered');
    const taken = await call<EnrolmentDetail>('enrolments.accept', { id: c.id });
    expect(taken).toMatchObject({ stage: 'accepted', waitlistOrder: null, offerExpiresOn: null });
    expect(taken.events.map((event) => event.action)).toEqual(['applied', 'waitlisted', 'offered', 'accepted']);
    list = await roster(program.id);
    expect(list.waitlist.map((entry) => [entry.id, entry.waitlistOrder])).toEqual([
      [d.id, 1],
      [e.id, 2],
    ]);

    // Declined after acceptance frees a place too; a dismissal as well.
    await call('enrolments.decline', { id: b.id, reason: 'لم يحضر اللقاء التعريفي' });
    list = await roster(program.id);
    expect(list.waitlist.find((entry) => entry.id === d.id)?.offerExpiresOn).not.toBeNull();
    expect(list.waitlist.find((entry) => entry.id === e.id)?.offerExpiresOn).toBeNull();
  });

  it('passes an expired offer to the next on the list, ending the application it was made to', async () => {
    const program = await openProgram({ capacity: 1, offerDays: 2 });
    const people = [await eligiblePerson(), await eligiblePerson(), await eligiblePerson()];
    await as('officer');
    const [holder, first, second] = await Promise.all(people.map((person) => apply(program.id, person.id))).then(
      (all) => all as [EnrolmentDetail, EnrolmentDetail, EnrolmentDetail],
    );
    await call('enrolments.accept', { id: holder.id });
    await call('enrolments.waitlist', { id: first.id });
    await call('enrolments.waitlist', { id: second.id });
    await call('enrolments.withdraw', { id: holder.id, reason: null });
    const offeredUntil = (await roster(program.id)).waitlist[0]!.offerExpiresOn!;

    // On its last day the offer still stands.
    await daysPass(2);
    expect(time.today()).toBe(offeredUntil);
    expect((await roster(program.id)).waitlist[0]).toMatchObject({ id: first.id, offerExpired: false });

    // The day after, the roster shows it expired; accepting it is refused and changes nothing.
    await daysPass(1);
    expect((await roster(program.id)).waitlist[0]).toMatchObject({ id: first.id, offerExpired: true });
    expect((await refusedWithoutChange('enrolments.accept', { id: first.id })).error.messageKey).toBe('enrolments.offerExpired');

    // Passed on: the first's application ends, the next is offered the place from today.
    const passed = await call<ProgramRoster>('enrolments.passExpiredOffers', { programId: program.id });
    expect(passed.waitlist.map((entry) => [entry.id, entry.waitlistOrder, entry.offerExpiresOn])).toEqual([
      [second.id, 1, todayInRiyadh(new Date(time.clock().getTime() + 2 * DAY_MINUTES * 60_000))],
    ]);
    const lapsed = await call<EnrolmentDetail>('enrolments.get', { id: first.id });
    expect(lapsed).toMatchObject({ stage: 'declined', waitlistOrder: null, offerExpiresOn: null });
    expect(lapsed.events.at(-1)).toMatchObject({ action: 'offer_expired', fromStage: 'waitlisted', toStage: 'declined' });
    // Done once: passing again changes nothing.
    const before = snapshotDatabase(app.databasePath, app.key, { except: ['audit_log'] });
    await call('enrolments.passExpiredOffers', { programId: program.id });
    expect(snapshotDatabase(app.databasePath, app.key, { except: ['audit_log'] })).toEqual(before);
    expect((await call<EnrolmentDetail>('enrolments.accept', { id: second.id })).stage).toBe('accepted');
  });

  it('lets a supervisor change the order with a reason, recorded as an event and counted; an officer cannot', async () => {
    const program = await openProgram({ capacity: 1 });
    const people = [await eligiblePerson(), await eligiblePerson(), await eligiblePerson(), await eligiblePerson()];
    await as('officer');
    const all: EnrolmentDetail[] = [];
    for (const person of people) all.push(await apply(program.id, person.id));
    const [holder, a, b, c] = all as [EnrolmentDetail, EnrolmentDetail, EnrolmentDetail, EnrolmentDetail];
    await call('enrolments.accept', { id: holder.id });
    for (const waiting of [a, b, c]) await call('enrolments.waitlist', { id: waiting.id });

    expect((await refusedWithoutChange('enrolments.reorder', { id: c.id, position: 1, reason: 'حالة إنسانية' })).error.code).toBe('forbidden');
    await as('supervisor');
    expect((await refusedWithoutChange('enrolments.reorder', { id: c.id, position: 1, reason: '' })).error.code).toBe('validation');
    expect((await refusedWithoutChange('enrolments.reorder', { id: a.id, position: 1, reason: 'لا تغيير' })).error.details?.fields).toEqual([
      { path: 'position', messageKey: 'validation.enrolments.samePosition' },
    ]);
    expect((await refusedWithoutChange('enrolments.reorder', { id: holder.id, position: 1, reason: 'سبب' })).error.messageKey).toBe('enrolments.notWaitlisted');

    const moved = await call<EnrolmentDetail>('enrolments.reorder', { id: c.id, position: 1, reason: 'حالة إنسانية موثقة' });
    expect(moved.events.at(-1)).toMatchObject({ action: 'reordered', note: 'حالة إنسانية موثقة', actor: { id: app.accounts.supervisor.id } });
    const list = await roster(program.id);
    expect(list.waitlist.map((entry) => [entry.id, entry.waitlistOrder])).toEqual([
      [c.id, 1],
      [a.id, 2],
      [b.id, 3],
    ]);
    expect(list.reorderCount).toBe(1);
    // Past the end is the end.
    await call('enrolments.reorder', { id: c.id, position: 99, reason: 'أعيد إلى مكانه' });
    expect((await roster(program.id)).waitlist.map((entry) => entry.id)).toEqual([a.id, b.id, c.id]);
    expect((await roster(program.id)).reorderCount).toBe(2);
    const reorders = (await auditEntries(app.dispatch)).filter((entry) => entry.action === 'enrolment.reordered');
    expect(reorders.map((entry) => [entry.summary.from, entry.summary.to])).toEqual(expect.arrayContaining([[3, 1], [1, 3]]));
  });
});

describe('the program’s conditions', () => {
  it('refuses an application naming the condition not met, and lets a supervisor override it with a reason, recorded', async () => {
    const program = await openProgram({ categories: ['released_prisoner'], gender: 'male', ageMin: 18, ageMax: 40 });
    const tooOld = await eligiblePerson({ category: 'released_prisoner', birthDate: '1960-01-01' });
    const wrongCategory = await eligiblePerson({ firstName: 'خالد', category: 'family_member', prisonerRelation: 'son', birthDate: '1995-05-05' });
    const woman = await eligiblePerson({ firstName: 'نورة', category: 'released_prisoner', gender: 'female', birthDate: '1995-05-05' });
    const noBirthDate = await eligiblePerson({ category: 'released_prisoner', birthDate: null });
    const notEligible = await call<BeneficiaryDetail>('beneficiaries.register', { fields: validFields({ firstName: 'سعد', category: 'released_prisoner', birthDate: '1995-05-05' }) });
    const fits = await eligiblePerson({ firstName: 'فيصل', category: 'released_prisoner', birthDate: '1995-05-05' });

    await as('officer');
    const refusedFor = async (person: BeneficiaryDetail) => (await refusedWithoutChange('enrolments.apply', { programId: program.id, beneficiaryId: person.id })).error;
    expect(await refusedFor(tooOld)).toMatchObject({ messageKey: 'enrolments.condition.age', details: { conditions: ['age'] } });
    expect((await refusedFor(wrongCategory)).messageKey).toBe('enrolments.condition.category');
    expect((await refusedFor(woman)).messageKey).toBe('enrolments.condition.gender');
    expect((await refusedFor(noBirthDate)).messageKey).toBe('enrolments.condition.ageUnknown');
    expect((await refusedFor(notEligible)).messageKey).toBe('enrolments.condition.eligibility');
    expect((await apply(program.id, fits.id)).conditionsOverride).toBeNull();

    // The picker says which condition each person does not meet.
    const open = await call<OpenProgram[]>('enrolments.openFor', { beneficiaryId: tooOld.id });
    expect(open.find((entry) => entry.id === program.id)).toMatchObject({ unmet: ['age'], enrolled: false });
    expect((await call<OpenProgram[]>('enrolments.openFor', { beneficiaryId: fits.id })).find((entry) => entry.id === program.id)).toMatchObject({ unmet: [], enrolled: true });

    // An officer cannot override, even with a reason.
    const byOfficer = await refusedWithoutChange('enrolments.apply', { programId: program.id, beneficiaryId: tooOld.id, overrideReason: 'خبرة سابقة' });
    expect(byOfficer.error.details?.fields).toEqual([{ path: 'overrideReason', messageKey: 'validation.enrolments.overrideNeedsSupervisor' }]);

    await as('supervisor');
    const overridden = await apply(program.id, tooOld.id, 'خبرة سابقة في المجال تؤهله');
    expect(overridden.conditionsOverride).toEqual({ reason: 'خبرة سابقة في المجال تؤهله', approvedBy: { id: app.accounts.supervisor.id, displayName: app.accounts.supervisor.displayName } });
    const entry = (await auditEntries(app.dispatch, { beneficiaryId: tooOld.id })).find((candidate) => candidate.action === 'enrolment.applied');
    expect(entry?.summary).toMatchObject({ overridden: ['age'] });
    expect(JSON.stringify(entry)).not.toContain('خبرة');
  });
});

describe('a person’s programs', () => {
  it('lists their enrolments with stage and program, newest first', async () => {
    const first = await openProgram({ nameAr: 'برنامج أول' });
    const second = await openProgram({ nameAr: 'برنامج ثان' });
    const person = await eligiblePerson();
    await apply(first.id, person.id);
    await daysPass(0.01);
    await apply(second.id, person.id);
    const programs = await call<EnrolmentSummary[]>('enrolments.ofPerson', { beneficiaryId: person.id });
    expect(programs.map((entry) => [entry.program.nameAr, entry.stage])).toEqual([
      ['برنامج ثان', 'applied'],
      ['برنامج أول', 'applied'],
    ]);
    expect((await refusal('enrolments.ofPerson', { beneficiaryId: '019ab9a0-0000-7000-8000-0000000000ff' })).messageKey).toBe('notFound.beneficiary');
  });

  it('move with their file when two files of one person are merged', async () => {
    const program = await openProgram();
    const kept = await eligiblePerson();
    const merged = await eligiblePerson();
    const enrolment = await apply(program.id, merged.id);
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      opened.sqlite.transaction(() => moveRowsOfPerson(opened.sqlite, merged.id, kept.id))();
    } finally {
      opened.sqlite.close();
    }
    expect((await call<EnrolmentSummary[]>('enrolments.ofPerson', { beneficiaryId: kept.id })).map((entry) => entry.id)).toEqual([enrolment.id]);
    expect(await call<EnrolmentSummary[]>('enrolments.ofPerson', { beneficiaryId: merged.id })).toEqual([]);
    expect(rows('SELECT DISTINCT beneficiary_id FROM program_enrolment_events WHERE enrolment_id = ?', enrolment.id)).toEqual([{ beneficiary_id: kept.id }]);
  });
});

describe('the office sync', () => {
  it('works an enrolment’s stage out from its steps in their order: a step two desks took at once that no longer moves it is a conflict', async () => {
    const program = await openProgram({ capacity: 5 });
    const person = await eligiblePerson();
    const enrolment = await apply(program.id, person.id);
    const desk = app.wasl.desk.openDatabase!;
    const applied = desk.sqlite.prepare('SELECT * FROM program_enrolment_events WHERE enrolment_id = ?').get(enrolment.id) as Record<string, unknown>;
    let serial = 0;
    const received = (id: string, action: string, to: string, minute: number) => {
      serial += 1;
      const step = { ...applied, seq: undefined, id, action, from_stage: 'applied', to_stage: to, at: `2026-12-07T09:0${minute}:00.000Z` };
      desk.sqlite
        .prepare(`INSERT INTO sync_inbox (server_seq, op_id, desk_id, user_id, hlc, entity, row_id, action, base_hlc, changed, row_after, received_at)
          VALUES (?, ?, '00000000000000bb', ?, ?, 'program_enrolment_events', ?, 'insert', NULL, NULL, ?, ?)`)
        .run(serial, `op-${serial}`, app.adminId, `2026-12-07T09:0${minute}:00.000Z-0000-00000000000000bb`, id, JSON.stringify(step), new Date().toISOString());
    };
    // Accepted at one desk and declined at another, both from "applied": the first in the steps' order moves it.
    received('01a24ebc-0000-7000-8000-0000000000e5', 'declined', 'declined', 5);
    received('01a24ebc-0000-7000-8000-0000000000e3', 'accepted', 'accepted', 3);
    applyReceived(desk.sqlite, desk.capture, '00000000000000aa', () => new Date());
    expect(rows('SELECT stage FROM program_enrolments WHERE id = ?', enrolment.id)).toEqual([{ stage: 'accepted' }]);
    expect(rows(`SELECT kept_value, lost_value FROM sync_conflicts WHERE kind = 'stage' AND entity = 'program_enrolments' AND row_id = ?`, enrolment.id)).toEqual([
      { kept_value: '"accepted"', lost_value: '"declined"' },
    ]);
  });
});

describe('hostile text', () => {
  it('keeps reasons and notes as typed, without bidi overrides, and refuses control characters', async () => {
    const program = await openProgram({ hasInterview: true });
    const person = await eligiblePerson();
    const enrolment = await apply(program.id, person.id);
    await call('enrolments.scheduleInterview', { id: enrolment.id, interviewOn: time.today(), interviewerId: app.adminId });
    const refused = await refusedWithoutChange('enrolments.recordInterview', { id: enrolment.id, result: 'passed', notes: 'ملاحظة\u0007' });
    expect(refused.error.details?.fields).toEqual([{ path: 'notes', messageKey: 'validation.controlCharacters' }]);
    const recorded = await call<EnrolmentDetail>('enrolments.recordInterview', { id: enrolment.id, result: 'passed', notes: '<script>alert(1)</script> \u202Efdp.exe' });
    expect(recorded.interviewNotes).toBe('<script>alert(1)</script> fdp.exe');
    const declined = await call<EnrolmentDetail>('enrolments.decline', { id: enrolment.id, reason: "=HYPERLINK(\"x\") '; DROP TABLE programs; --" });
    expect(declined.decisionReason).toBe("=HYPERLINK(\"x\") '; DROP TABLE programs; --");
    expect(rows('SELECT count(*) AS n FROM programs')).toEqual([{ n: 1 }]);
  });
});
