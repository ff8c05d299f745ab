// Complaints, notes and suggestions through the real call path: dispatch → validation → service →
// encrypted SQLite. Their life followed strictly in order, the answer logged as a contact, the
// suggestions register, due dates counted in working days, the overdue flag as the clock moves, the
// targets the administrator keeps, and a complaint about a staff member hidden from that person.
// Every refusal is checked to write nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { ERASED_NAME, type BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type {
  ComplaintDetail,
  ComplaintPage,
  ComplaintTargets,
  ReceiveComplaintInput,
  StaffOption,
  SuggestionRegisterEntry,
} from '../../electron/api/complaints';
import type { Result } from '../../electron/api/result';
import { complaintsOf, eraseComplaintsOf } from '../../electron/services/complaints/personal-data';
import { shieldFor } from '../../electron/services/complaints/shield';
import {
  auditEntries,
  expectError,
  expectOk,
  movableClock,
  openTestWaslWithStaff,
  snapshotDatabase,
  validFields,
  type StaffedTestWasl,
} from '../support/database';

/** Sunday 1 March 2026, 9 a.m. in Riyadh: the week's first working day. */
const START = new Date('2026-03-01T09:00:00+03:00');
const MINUTES_PER_DAY = 24 * 60;

type AccountName = 'administrator' | 'officerA' | 'officerB' | 'officerC' | 'supervisor';

let app: StaffedTestWasl<AccountName>;
let time: ReturnType<typeof movableClock>;
let person: BeneficiaryDetail;
let current: AccountName = 'administrator';

beforeEach(async () => {
  time = movableClock();
  time.advanceMinutes((START.getTime() - Date.now()) / 60_000);
  app = await openTestWaslWithStaff({ officerA: 'officer', officerB: 'officer', officerC: 'officer', supervisor: 'supervisor' }, { clock: time.clock });
  person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
  await signIn('officerA');
});

afterEach(async () => {
  await app.cleanup();
});

const idOf = (name: AccountName) => app.accounts[name].id;

async function signIn(name: AccountName): Promise<void> {
  await app.signIn(name);
  current = name;
}

/** Runs the steps as the supervisor (a suggestion's decision is theirs), then signs the first officer back in. */
async function asSupervisor(steps: () => Promise<void>): Promise<void> {
  await signIn('supervisor');
  try {
    await steps();
  } finally {
    await signIn('officerA');
  }
}

/** Moves the clock on; the desk locks when idle, so the same person unlocks it. */
async function later(minutes: number): Promise<void> {
  time.advanceMinutes(minutes);
  expectOk(await app.dispatch('session.lock', {}));
  expectOk(await app.dispatch('session.unlock', { password: app.accounts[current].password }));
}

const receive = (overrides: Partial<ReceiveComplaintInput> = {}) =>
  app.dispatch('complaints.receive', {
    kind: 'complaint',
    beneficiaryId: person.id,
    about: 'service',
    subject: 'تأخر صرف المساعدة الشهرية',
    details: 'راجع الجمعية ثلاث مرات دون رد',
    ...overrides,
  });
const received = async (overrides: Partial<ReceiveComplaintInput> = {}) => expectOk<ComplaintDetail>(await receive(overrides));
const move = async (name: string, input: Record<string, unknown>) => expectOk<ComplaintDetail>(await app.dispatch(name, input));
const get = (id: string) => app.dispatch('complaints.get', { id });
const list = async (input: Record<string, unknown> = {}) => expectOk<ComplaintPage>(await app.dispatch('complaints.list', input));
const register = async (input: Record<string, unknown> = {}) =>
  expectOk<SuggestionRegisterEntry[]>(await app.dispatch('complaints.suggestionsRegister', input));
const snapshot = () => snapshotDatabase(app.databasePath, app.key);

/** Runs a call that must be refused, and checks that the database is exactly as it was. */
async function refusedWithoutWriting(call: () => Promise<Result<unknown>>) {
  const before = snapshot();
  const error = expectError(await call());
  expect(snapshot()).toEqual(before);
  return error;
}

const rule = (messageKey: string) => ({ code: 'rule', messageKey });
const fieldError = (path: string, messageKey: string) => ({
  code: 'validation',
  messageKey: 'validation.failed',
  details: { fields: [{ path, messageKey }] },
});

/** Reads rows through a second connection, as they are in the file. */
function rows<T>(query: string, ...parameters: unknown[]): T[] {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return opened.sqlite.prepare(query).all(...parameters) as T[];
  } finally {
    opened.sqlite.close();
  }
}

function addHoliday(date: string): void {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    const at = new Date().toISOString();
    opened.sqlite
      .prepare(`INSERT INTO holidays (id, date, name, created_at, updated_at, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(`019ab9a0-0000-7000-8000-${date.replace(/-/g, '').padStart(12, '0')}`, date, 'إجازة', at, at, app.adminId, app.adminId);
  } finally {
    opened.sqlite.close();
  }
}

/** Takes a complaint from received through resolved. */
async function resolved(detail: ComplaintDetail, resolution: Record<string, unknown> = {}): Promise<ComplaintDetail> {
  await move('complaints.acknowledge', { id: detail.id });
  await move('complaints.investigate', { id: detail.id });
  return move('complaints.resolve', { id: detail.id, resolution: 'صُرفت المساعدة وعولج سبب التأخير', ...resolution });
}

describe('the life of a complaint', () => {
  it('goes received → acknowledged → investigating → resolved → answered → closed, and the answer is a logged contact', async () => {
    const complaint = await received();
    expect(complaint).toMatchObject({
      number: 'C-2026-00001',
      kind: 'complaint',
      beneficiary: { id: person.id, fileNumber: person.fileNumber },
      personName: null,
      about: 'service',
      aboutStaff: null,
      subject: 'تأخر صرف المساعدة الشهرية',
      stage: 'received',
      owner: { id: idOf('officerA') },
      dueDate: '2026-03-08',
      overdue: false,
      nextStage: 'acknowledged',
    });
    expect(complaint.beneficiary?.fullName).toContain('محمد');

    await later(30);
    expect((await move('complaints.acknowledge', { id: complaint.id })).stage).toBe('acknowledged');
    await later(60);
    const investigating = await move('complaints.investigate', { id: complaint.id, note: 'طُلب كشف الصرف من المحاسبة' });
    expect(investigating.stage).toBe('investigating');
    await later(24 * 60);
    const done = await move('complaints.resolve', { id: complaint.id, resolution: 'صُرفت المساعدة وعولج سبب التأخير' });
    expect(done).toMatchObject({ stage: 'resolved', resolution: 'صُرفت المساعدة وعولج سبب التأخير', decision: null });
    await later(10);
    const answered = await move('complaints.answer', {
      id: complaint.id,
      channel: 'phone',
      summary: 'أُبلغ بصرف المساعدة واعتذرنا عن التأخير',
      phoneNumber: '0551234567',
    });
    expect(answered.stage).toBe('answered');
    expect(answered.answerContactId).not.toBeNull();

    const [contact] = rows<Record<string, unknown>>('SELECT * FROM contacts WHERE id = ?', answered.answerContactId);
    expect(contact).toMatchObject({
      beneficiary_id: person.id,
      channel: 'phone',
      direction: 'outgoing',
      purpose: 'complaint',
      summary: 'أُبلغ بصرف المساعدة واعتذرنا عن التأخير',
      phone_number: '+966551234567',
      officer_id: idOf('officerA'),
    });
    expect(answered.answeredAt).toBe(contact!.occurred_at);

    await later(5);
    const closed = await move('complaints.close', { id: complaint.id });
    expect(closed).toMatchObject({ stage: 'closed', nextStage: null, overdue: false });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.events.map((event) => [event.action, event.fromStage, event.toStage])).toEqual([
      ['received', null, 'received'],
      ['acknowledged', 'received', 'acknowledged'],
      ['investigating', 'acknowledged', 'investigating'],
      ['resolved', 'investigating', 'resolved'],
      ['answered', 'resolved', 'answered'],
      ['closed', 'answered', 'closed'],
    ]);
    expect(closed.events[2]!.note).toBe('طُلب كشف الصرف من المحاسبة');
    expect(closed.events[4]!.contactId).toBe(answered.answerContactId);
    expect(closed.events.every((event) => event.actor.id === idOf('officerA'))).toBe(true);
    // Time per stage, counted in minutes here (the clock runs on by a few milliseconds between calls);
    // closed is where it ended, not time spent, as for a request.
    expect(closed.stageTimes.map((entry) => [entry.stage, Math.round(entry.milliseconds / 60_000)])).toEqual([
      ['received', 30],
      ['acknowledged', 60],
      ['investigating', 24 * 60],
      ['resolved', 10],
      ['answered', 5],
    ]);
    expect(closed.stageTimes.at(-1)!.leftAt).toBe(closed.closedAt);
  });

  it('numbers each kind on its own: C-, N- and S-, counted per year', async () => {
    expect((await received()).number).toBe('C-2026-00001');
    expect((await received({ kind: 'note' })).number).toBe('N-2026-00001');
    expect((await received({ kind: 'suggestion' })).number).toBe('S-2026-00001');
    expect((await received()).number).toBe('C-2026-00002');
  });

  it('answers someone not registered through a contact with their name', async () => {
    const note = await received({ kind: 'note', beneficiaryId: null, personName: 'أبو سعد' });
    expect(note).toMatchObject({ beneficiary: null, personName: 'أبو سعد' });
    await resolved(note);
    const answered = await move('complaints.answer', { id: note.id, channel: 'in_person', summary: 'شُرح له ما تم' });
    const [contact] = rows<Record<string, unknown>>('SELECT * FROM contacts WHERE id = ?', answered.answerContactId);
    expect(contact).toMatchObject({ beneficiary_id: null, person_name: 'أبو سعد', channel: 'in_person', direction: 'outgoing', purpose: 'note' });
  });

  it('refuses to receive without a person, or about a staff member without naming one, writing nothing', async () => {
    expect(await refusedWithoutWriting(() => receive({ beneficiaryId: null, personName: '' }))).toEqual(
      fieldError('personName', 'validation.complaints.whoRequired'),
    );
    expect(await refusedWithoutWriting(() => receive({ about: 'staff' }))).toEqual(fieldError('aboutStaffId', 'validation.complaints.staffRequired'));
    expect(await refusedWithoutWriting(() => receive({ subject: '  ' }))).toEqual(fieldError('subject', 'validation.required'));
    expect(await refusedWithoutWriting(() => receive({ about: 'staff', aboutStaffId: idOf('officerA') }))).toEqual(
      rule('complaints.aboutYourself'),
    );
  });

  it('refuses skipping a stage, naming the step that comes first, and writes nothing', async () => {
    const complaint = await received();
    const id = complaint.id;
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.investigate', { id }))).toEqual(rule('complaints.acknowledgeFirst'));
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.resolve', { id, resolution: 'تم' }))).toEqual(
      rule('complaints.acknowledgeFirst'),
    );
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.close', { id }))).toEqual(rule('complaints.acknowledgeFirst'));
    await move('complaints.acknowledge', { id });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.acknowledge', { id }))).toEqual(rule('complaints.alreadyDone'));
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.answer', { id, channel: 'phone', summary: 'تم' }))).toEqual(
      rule('complaints.investigateFirst'),
    );
    await move('complaints.investigate', { id });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.answer', { id, channel: 'phone', summary: 'تم' }))).toEqual(
      rule('complaints.resolveFirst'),
    );
    await move('complaints.resolve', { id, resolution: 'تم' });
    // Not closed before the person has their answer.
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.close', { id }))).toEqual(rule('complaints.answerFirst'));
    await move('complaints.answer', { id, channel: 'in_person', summary: 'أُبلغ بالمعالجة' });
    await move('complaints.close', { id });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.close', { id }))).toEqual(rule('complaints.alreadyClosed'));
    await signIn('supervisor');
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.reassign', { id, ownerId: idOf('officerC') }))).toEqual(
      rule('complaints.alreadyClosed'),
    );
  });

  it('refuses resolving without a resolution, and writes nothing', async () => {
    const complaint = await received();
    await move('complaints.acknowledge', { id: complaint.id });
    await move('complaints.investigate', { id: complaint.id });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.resolve', { id: complaint.id, resolution: '' }))).toEqual(
      fieldError('resolution', 'validation.required'),
    );
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.resolve', { id: complaint.id }))).toEqual(
      fieldError('resolution', 'validation.required'),
    );
    // A decision belongs to suggestions only.
    expect(
      await refusedWithoutWriting(() => app.dispatch('complaints.resolve', { id: complaint.id, resolution: 'تم', decision: 'adopted', improvement: 'x' })),
    ).toEqual(fieldError('decision', 'validation.complaints.decisionOnlyForSuggestions'));
  });

  it('audits every step under the beneficiary, with no personal text', async () => {
    const complaint = await received();
    await resolved(complaint);
    await move('complaints.answer', { id: complaint.id, channel: 'in_person', summary: 'أُبلغ بالمعالجة' });
    await move('complaints.close', { id: complaint.id });
    const stranger = await received({ beneficiaryId: null, personName: 'زائر' });
    await signIn('supervisor'); // who may read the audit trail

    const entries = (await auditEntries(app.dispatch)).filter((entry) => entry.action.startsWith('complaint.')).reverse();
    expect(entries.map((entry) => [entry.action, entry.summary.from ?? null, entry.summary.to ?? null])).toEqual([
      ['complaint.received', null, null],
      ['complaint.moved', 'received', 'acknowledged'],
      ['complaint.moved', 'acknowledged', 'investigating'],
      ['complaint.moved', 'investigating', 'resolved'],
      ['complaint.moved', 'resolved', 'answered'],
      ['complaint.moved', 'answered', 'closed'],
      ['complaint.received', null, null],
    ]);
    for (const entry of entries.slice(0, 6)) {
      expect(entry).toMatchObject({ entityType: 'beneficiary', entityId: person.id, summary: { complaintId: complaint.id, kind: 'complaint' } });
      expect(entry.actor?.id).toBe(idOf('officerA'));
    }
    expect(entries[6]).toMatchObject({ entityType: 'complaint', entityId: stranger.id, summary: { complaintId: stranger.id, number: stranger.number } });
    const text = JSON.stringify(entries);
    for (const words of ['تأخر صرف', 'صُرفت المساعدة', 'أُبلغ بالمعالجة', 'زائر']) expect(text).not.toContain(words);
    // The answer is a contact, audited as one.
    expect((await auditEntries(app.dispatch, { action: 'contact.logged' })).some((entry) => entry.summary.purpose === 'complaint')).toBe(true);
  });
});

describe('suggestions and their register', () => {
  it('refuses a suggestion resolved without a decision, or adopted without the improvement, and writes nothing', async () => {
    const suggestion = await received({ kind: 'suggestion', subject: 'تمديد ساعات الاستقبال' });
    await move('complaints.acknowledge', { id: suggestion.id });
    await move('complaints.investigate', { id: suggestion.id });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.resolve', { id: suggestion.id, resolution: 'دُرس المقترح' }))).toEqual(
      fieldError('decision', 'validation.complaints.decisionRequired'),
    );
    expect(
      await refusedWithoutWriting(() => app.dispatch('complaints.resolve', { id: suggestion.id, resolution: 'دُرس المقترح', decision: 'adopted' })),
    ).toEqual(fieldError('improvement', 'validation.complaints.improvementRequired'));
    await asSupervisor(async () => {
      const adopted = await move('complaints.resolve', {
        id: suggestion.id,
        resolution: 'دُرس المقترح',
        decision: 'adopted',
        improvement: 'مُدّد الاستقبال إلى الرابعة عصرًا',
      });
      expect(adopted).toMatchObject({ decision: 'adopted', improvement: 'مُدّد الاستقبال إلى الرابعة عصرًا' });
      expect(adopted.decidedAt).toBe(adopted.stageSince);
    });
  });

  it("leaves the decision on a suggestion to a supervisor: an officer may only resolve it as under study", async () => {
    const suggestion = await received({ kind: 'suggestion', subject: 'مظلات عند موقف السيارات' });
    await move('complaints.acknowledge', { id: suggestion.id });
    await move('complaints.investigate', { id: suggestion.id });
    const forbidden = { code: 'forbidden', messageKey: 'forbidden' };
    for (const decision of ['adopted', 'declined'] as const) {
      expect(
        await refusedWithoutWriting(() =>
          app.dispatch('complaints.resolve', { id: suggestion.id, resolution: 'دُرس المقترح', decision, improvement: 'رُكّبت مظلات' }),
        ),
      ).toEqual(forbidden);
    }
    await move('complaints.resolve', { id: suggestion.id, resolution: 'دُرس المقترح', decision: 'under_study' });
    for (const decision of ['adopted', 'declined'] as const) {
      expect(
        await refusedWithoutWriting(() => app.dispatch('complaints.decide', { id: suggestion.id, decision, improvement: 'رُكّبت مظلات' })),
      ).toEqual(forbidden);
    }
    await asSupervisor(async () => {
      const decided = await move('complaints.decide', { id: suggestion.id, decision: 'adopted', improvement: 'رُكّبت مظلات' });
      expect(decided).toMatchObject({ decision: 'adopted', improvement: 'رُكّبت مظلات' });
      expect(decided.events.at(-1)).toMatchObject({ action: 'decided', actor: { id: idOf('supervisor') } });
    });
  });

  it('lists every suggestion with its decision, decision date and improvement; a suggestion under study is decided later', () =>
    asSupervisor(async () => {
    const adopted = await received({ kind: 'suggestion', subject: 'لوحة إرشادية عند المدخل' });
    await resolved(adopted, { decision: 'adopted', improvement: 'رُكّبت لوحة إرشادية' });
    const declined = await received({ kind: 'suggestion', subject: 'فتح فرع في الهفوف' });
    await resolved(declined, { decision: 'declined', improvement: 'يُتجاهل' });
    const studied = await received({ kind: 'suggestion', subject: 'خدمة مواعيد عبر الموقع' });
    await resolved(studied, { decision: 'under_study' });
    const waiting = await received({ kind: 'suggestion', subject: 'كراسي أكثر في الانتظار' });
    await received({ kind: 'complaint' });

    const all = await register();
    expect(all.map((entry) => [entry.number, entry.decision, entry.improvement])).toEqual([
      [waiting.number, null, null],
      [studied.number, 'under_study', null],
      [declined.number, 'declined', null],
      [adopted.number, 'adopted', 'رُكّبت لوحة إرشادية'],
    ]);
    expect(all[3]!.decidedAt).not.toBeNull();
    expect(all[0]!.decidedAt).toBeNull();
    expect((await register({ decision: 'adopted' })).map((entry) => entry.id)).toEqual([adopted.id]);
    expect((await register({ decision: 'undecided' })).map((entry) => entry.id)).toEqual([waiting.id]);
    expect(await register({ from: '2026-03-02' })).toEqual([]);
    expect(await register({ from: '2026-03-01', to: '2026-03-01' })).toHaveLength(4);

    // Under study, then adopted once the improvement is made; a settled decision stays.
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.decide', { id: studied.id, decision: 'adopted' }))).toEqual(
      fieldError('improvement', 'validation.complaints.improvementRequired'),
    );
    await later(2 * MINUTES_PER_DAY);
    const decided = await move('complaints.decide', { id: studied.id, decision: 'adopted', improvement: 'أُطلقت خدمة المواعيد' });
    expect(decided).toMatchObject({ stage: 'resolved', decision: 'adopted', improvement: 'أُطلقت خدمة المواعيد' });
    expect(decided.events.at(-1)).toMatchObject({ action: 'decided', fromStage: 'resolved', toStage: 'resolved' });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.decide', { id: declined.id, decision: 'adopted', improvement: 'x' }))).toEqual(
      rule('complaints.alreadyDecided'),
    );
    expect(
      await refusedWithoutWriting(() => app.dispatch('complaints.decide', { id: waiting.id, decision: 'declined' })),
    ).toEqual(rule('complaints.acknowledgeFirst'));
    expect((await register({ decision: 'adopted' })).map((entry) => entry.id)).toEqual([studied.id, adopted.id]);
    }));
});

describe('a complaint about a staff member', () => {
  it('is never shown to that person (list, get, register, any step), but is to colleagues and supervisors', async () => {
    const aboutB = await received({ about: 'staff', aboutStaffId: idOf('officerB'), subject: 'أسلوب غير لائق' });
    const suggestionAboutB = await received({ kind: 'suggestion', about: 'staff', aboutStaffId: idOf('officerB'), subject: 'تدريب الموظف' });
    const other = await received();
    expect(aboutB.aboutStaff).toEqual({ id: idOf('officerB'), displayName: expect.any(String) });

    await signIn('officerB');
    const seen = await list();
    expect(seen.rows.map((row) => row.id)).toEqual([other.id]);
    expect(seen.total).toBe(1);
    expect(expectError(await get(aboutB.id))).toEqual({ code: 'not_found', messageKey: 'notFound.complaint' });
    expect(await register()).toEqual([]);
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.acknowledge', { id: aboutB.id }))).toEqual({
      code: 'not_found',
      messageKey: 'notFound.complaint',
    });

    for (const name of ['officerC', 'supervisor', 'officerA'] as const) {
      await signIn(name);
      expect((await list()).rows.map((row) => row.id)).toEqual([other.id, suggestionAboutB.id, aboutB.id]);
      expectOk(await get(aboutB.id));
      expect((await register()).map((entry) => entry.id)).toEqual([suggestionAboutB.id]);
    }
  });

  it('cannot be given to the staff member it is about; to a colleague it can, by a supervisor', async () => {
    const aboutB = await received({ about: 'staff', aboutStaffId: idOf('officerB') });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.reassign', { id: aboutB.id, ownerId: idOf('officerC') }))).toEqual({
      code: 'forbidden',
      messageKey: 'forbidden',
    });
    await signIn('supervisor');
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.reassign', { id: aboutB.id, ownerId: idOf('officerB') }))).toEqual(
      rule('complaints.ownerIsSubject'),
    );
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.reassign', { id: aboutB.id, ownerId: idOf('officerA') }))).toEqual(
      rule('complaints.alreadyOwner'),
    );
    const moved = await move('complaints.reassign', { id: aboutB.id, ownerId: idOf('officerC') });
    expect(moved.owner.id).toBe(idOf('officerC'));
    expect(moved.events.at(-1)).toMatchObject({ action: 'reassigned', fromStage: 'received', toStage: 'received', owner: { id: idOf('officerC') } });
    const [entry] = await auditEntries(app.dispatch, { action: 'complaint.reassigned' });
    expect(entry).toMatchObject({
      entityType: 'beneficiary',
      entityId: person.id,
      summary: { complaintId: aboutB.id, fromOwnerId: idOf('officerA'), toOwnerId: idOf('officerC') },
    });
    expect((await list({ ownerId: idOf('officerC') })).rows.map((row) => row.id)).toEqual([aboutB.id]);
  });

  it('can be filtered out by other areas through the shield', async () => {
    const aboutB = await received({ about: 'staff', aboutStaffId: idOf('officerB') });
    await received();
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      const count = async (userId: string) => {
        const shield = await shieldFor(opened.db, userId);
        return (await opened.db.selectFrom('complaints as c').select('c.id').where(shield.excludes('c.id', 'complaint')).execute()).length;
      };
      expect(await count(idOf('officerB'))).toBe(1);
      expect(await count(idOf('officerC'))).toBe(2);
      const shield = await shieldFor(opened.db, idOf('officerB'));
      expect(shield.hides('complaint', aboutB.id)).toBe(true);
      expect((await shieldFor(opened.db, idOf('officerC'))).empty).toBe(true);
    } finally {
      await opened.close();
    }
  });

  it('names active staff to choose from', async () => {
    const options = expectOk<StaffOption[]>(await app.dispatch('complaints.staffOptions', {}));
    expect(options.map((option) => option.id).toSorted()).toEqual(
      (['administrator', 'officerA', 'officerB', 'officerC', 'supervisor'] as const).map(idOf).toSorted(),
    );
  });
});

describe('service-time targets', () => {
  it('gives due dates in working days, skipping Fridays, Saturdays and holidays', async () => {
    expect((await received()).dueDate).toBe('2026-03-08');
    expect((await received({ kind: 'suggestion' })).dueDate).toBe('2026-03-15');
    addHoliday('2026-03-03');
    expect((await received()).dueDate).toBe('2026-03-09');
    expect((await received({ kind: 'note' })).dueDate).toBe('2026-03-09');
    expect((await received({ kind: 'suggestion' })).dueDate).toBe('2026-03-16');
    // Received on a Friday: counting starts on Sunday.
    await later(5 * MINUTES_PER_DAY);
    expect((await received()).dueDate).toBe('2026-03-12');
  });

  it('flags work overdue once the due date has passed in Riyadh, until it is answered', async () => {
    const late = await received();
    const answeredInTime = await received();
    await resolved(answeredInTime);
    expect(late.dueDate).toBe('2026-03-08');

    await later(7 * MINUTES_PER_DAY); // Sunday 8 March, the due date itself
    expect((await move('complaints.get', { id: late.id })).overdue).toBe(false);
    expect((await list({ overdue: true })).rows).toEqual([]);

    await later(MINUTES_PER_DAY); // Monday 9 March
    expect((await move('complaints.get', { id: late.id })).overdue).toBe(true);
    expect((await list({ overdue: true })).rows.map((row) => [row.id, row.overdue])).toEqual([
      [answeredInTime.id, true],
      [late.id, true],
    ]);
    await move('complaints.answer', { id: answeredInTime.id, channel: 'phone', summary: 'أُبلغ بالمعالجة', phoneNumber: '0551234567' });
    expect((await list({ overdue: true })).rows.map((row) => row.id)).toEqual([late.id]);
    expect((await move('complaints.get', { id: answeredInTime.id })).overdue).toBe(false);
  });

  it('are read by anyone handling complaints, changed only by the administrator, and audited', async () => {
    expect(expectOk<ComplaintTargets>(await app.dispatch('complaints.targets', {}))).toEqual({ complaint: 5, note: 5, suggestion: 10 });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.setTargets', { complaint: 3, note: 5, suggestion: 10 }))).toEqual({
      code: 'forbidden',
      messageKey: 'forbidden',
    });
    await signIn('supervisor');
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.setTargets', { complaint: 3, note: 5, suggestion: 10 }))).toEqual({
      code: 'forbidden',
      messageKey: 'forbidden',
    });
    await signIn('administrator');
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.setTargets', { complaint: 0, note: 5, suggestion: 10 }))).toEqual(
      fieldError('complaint', 'validation.outOfRange'),
    );
    expect(expectOk<ComplaintTargets>(await app.dispatch('complaints.setTargets', { complaint: 3, note: 5, suggestion: 20 }))).toEqual({
      complaint: 3,
      note: 5,
      suggestion: 20,
    });
    const [entry, ...others] = await auditEntries(app.dispatch, { action: 'catalog.changed' });
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      entityType: 'catalog',
      actor: { id: app.adminId },
      summary: { catalog: 'complaintTargets', changed: { complaint: { from: 5, to: 3 }, suggestion: { from: 10, to: 20 } } },
    });
    expect(rows('SELECT key, value FROM settings WHERE key LIKE ? ORDER BY key', 'complaints.target.%')).toEqual([
      { key: 'complaints.target.complaint', value: '3' },
      { key: 'complaints.target.suggestion', value: '20' },
    ]);

    await signIn('officerA');
    expect(expectOk<ComplaintTargets>(await app.dispatch('complaints.targets', {}))).toEqual({ complaint: 3, note: 5, suggestion: 20 });
    expect((await received()).dueDate).toBe('2026-03-04');
  });
});

describe('the person’s rights', () => {
  it('gives their complaints for subject access, and erasure blanks their words but keeps the register', async () => {
    const complaint = await received({ details: 'تفاصيل شخصية' });
    await move('complaints.acknowledge', { id: complaint.id, note: 'اتصلنا به' });
    const suggestion = await received({ kind: 'suggestion', subject: 'مقترح شخصي' });
    await asSupervisor(async () => {
      await resolved(suggestion, { decision: 'adopted', improvement: 'تحسين عام' });
    });
    await received({ beneficiaryId: null, personName: 'غيره' });

    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      const own = await complaintsOf(opened.db, person.id);
      expect(own.map((entry) => entry.id)).toEqual([suggestion.id, complaint.id]);
      expect(own[1]!.events.map((event) => event.note)).toEqual([null, 'اتصلنا به']);

      expect(await opened.db.transaction().execute((trx) => eraseComplaintsOf(trx, person.id, { actorId: app.adminId, now: time.clock() }))).toBe(2);
      const kept = await complaintsOf(opened.db, person.id);
      expect(kept.map((entry) => [entry.subject, entry.details, entry.resolution, entry.stage, entry.decision, entry.improvement])).toEqual([
        [ERASED_NAME, null, null, 'resolved', 'adopted', 'تحسين عام'],
        [ERASED_NAME, null, null, 'acknowledged', null, null],
      ]);
      expect(kept.flatMap((entry) => entry.events.map((event) => event.note))).toEqual(kept.flatMap((entry) => entry.events.map(() => null)));
      // Someone else's stays as it was.
      expect(rows<{ person_name: string }>('SELECT person_name FROM complaints WHERE beneficiary_id IS NULL')).toEqual([{ person_name: 'غيره' }]);
    } finally {
      await opened.close();
    }
  });
});

describe('complaints.link', () => {
  const UNKNOWN = '019ab9a0-0000-7000-8000-0000000fffff';
  const snapshot = () => snapshotDatabase(app.databasePath, app.key);
  async function refusedWithoutWriting(call: () => Promise<Result<unknown>>) {
    const before = snapshot();
    const error = expectError(await call());
    expect(snapshot()).toEqual(before);
    return error;
  }
  const byName = (overrides: Partial<ReceiveComplaintInput> = {}) => received({ beneficiaryId: null, personName: 'أبو فهد', ...overrides });

  it('links a complaint received by name to the person afterwards, with its steps and the contacts that brought and answered it', async () => {
    const contact = expectOk<{ id: string }>(
      await app.dispatch('contacts.log', {
        beneficiaryId: null, personName: 'أبو فهد', personPhone: '0551112233', channel: 'in_person', direction: 'incoming', purpose: 'complaint', summary: 'شكوى عند الاستقبال',
      }),
    );
    const complaint = await byName({ sourceContactId: contact.id });
    await move('complaints.acknowledge', { id: complaint.id });
    await move('complaints.investigate', { id: complaint.id });
    await move('complaints.resolve', { id: complaint.id, resolution: 'عولجت' });
    const answered = await move('complaints.answer', { id: complaint.id, channel: 'phone', summary: 'أُبلغ بالحل', phoneNumber: '0551112233' });

    const linked = await move('complaints.link', { id: complaint.id, beneficiaryId: person.id });
    expect(linked.beneficiary).toMatchObject({ id: person.id, fileNumber: person.fileNumber });
    expect(linked.personName).toBeNull();
    const timeline = expectOk<{ entries: Array<{ kind: string; contact?: { id: string } }> }>(await app.dispatch('beneficiaries.timeline', { id: person.id }));
    const contactIds = timeline.entries.flatMap((entry) => (entry.kind === 'contact' && entry.contact ? [entry.contact.id] : []));
    expect(contactIds.toSorted()).toEqual([contact.id, answered.answerContactId].toSorted());
    expect(timeline.entries.filter((entry) => entry.kind === 'complaint').length).toBeGreaterThanOrEqual(5);
    expect(expectOk<ComplaintPage>(await app.dispatch('complaints.list', { beneficiaryId: person.id })).rows.map((row) => row.id)).toEqual([complaint.id]);
    let entry: unknown;
    await asSupervisor(async () => {
      [entry] = await auditEntries(app.dispatch, { action: 'complaint.linked' });
    });
    expect(entry).toMatchObject({ entityType: 'beneficiary', entityId: person.id, summary: { complaintId: complaint.id, number: complaint.number, kind: 'complaint' } });
  });

  it('refuses linking twice, to an erased or unknown person, or an unknown complaint; writes nothing', async () => {
    const complaint = await byName();
    await move('complaints.link', { id: complaint.id, beneficiaryId: person.id });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.link', { id: complaint.id, beneficiaryId: person.id }))).toEqual({
      code: 'rule',
      messageKey: 'complaints.alreadyLinked',
    });
    const other = await byName();
    const erased = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    await signIn('administrator');
    expectOk(await app.dispatch('beneficiaries.erase', { id: erased.id, reason: 'طلب المستفيد إتلاف بياناته', confirmFileNumber: erased.fileNumber }));
    await signIn('officerA');
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.link', { id: other.id, beneficiaryId: erased.id }))).toEqual({
      code: 'rule',
      messageKey: 'beneficiaries.erased',
    });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.link', { id: other.id, beneficiaryId: UNKNOWN }))).toMatchObject({ code: 'not_found' });
    expect(await refusedWithoutWriting(() => app.dispatch('complaints.link', { id: UNKNOWN, beneficiaryId: person.id }))).toMatchObject({ code: 'not_found' });
  });

  it('answers a complaint about the caller as one that does not exist, and links nothing', async () => {
    const complaint = await byName({ about: 'staff', aboutStaffId: idOf('officerB') });
    await signIn('officerB');
    const refused = await refusedWithoutWriting(() => app.dispatch('complaints.link', { id: complaint.id, beneficiaryId: person.id }));
    await signIn('officerA');
    const unknown = expectError(await app.dispatch('complaints.get', { id: UNKNOWN }));
    expect(refused).toEqual(unknown);
    expect(expectOk<ComplaintDetail>(await get(complaint.id)).beneficiary).toBeNull();
  });
});

describe('receiving a complaint for a registered person from the complaints page', () => {
  it('takes the person chosen, or a name for someone not registered', async () => {
    const forPerson = await received({ beneficiaryId: person.id, personName: 'يُتجاهل' });
    expect(forPerson).toMatchObject({ beneficiary: { id: person.id }, personName: null });
    const byName = await received({ beneficiaryId: null, personName: 'زائر من الخبر' });
    expect(byName).toMatchObject({ beneficiary: null, personName: 'زائر من الخبر' });
  });
});

describe('answering someone not registered', () => {
  it('keeps the phone the answer went to on the unlinked contact, so it can be matched later', async () => {
    const suggestion = await received({ kind: 'suggestion', beneficiaryId: null, personName: 'أبو فهد' });
    await move('complaints.acknowledge', { id: suggestion.id });
    await move('complaints.investigate', { id: suggestion.id });
    await move('complaints.resolve', { id: suggestion.id, resolution: 'قيد الدراسة', decision: 'under_study' });
    const answered = await move('complaints.answer', { id: suggestion.id, channel: 'phone', summary: 'أُبلغ', phoneNumber: '0551112233' });
    const unlinked = expectOk<Array<{ id: string; personName: string | null; personPhone: string | null }>>(await app.dispatch('contacts.unlinked', {}));
    expect(unlinked).toEqual([expect.objectContaining({ id: answered.answerContactId, personName: 'أبو فهد', personPhone: '+966551112233' })]);
  });
});
