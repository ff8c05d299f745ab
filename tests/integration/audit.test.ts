// The audit trail through the real call path: what is recorded (who, when, what, about which record,
// and the values of a change), reading it back with filters and pages, exporting it for a
// spreadsheet, and the hash chain that makes altering, removing or reordering entries evident even
// to someone who opens the database file with its key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { AuditBreak, AuditEntry, AuditPage, AuditVerification, ExportedFile } from '../../electron/api/audit';
import type { BeneficiaryDetail, BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import type { ComplaintDetail } from '../../electron/api/complaints';
import type { EligibilityDecision } from '../../electron/api/eligibility';
import type { AskedInquiry } from '../../electron/api/inquiries';
import type { LetterView } from '../../electron/api/letters';
import type { RequestDetail } from '../../electron/api/requests';
import type { SessionState } from '../../electron/api/session';
import type { UserAccount } from '../../electron/api/users';
import type { Wasl } from '../../electron/core/open-wasl';
import { readKeyring } from '../../electron/services/accounts/keyring';
import { entryHash, type ChainedContent } from '../../electron/services/audit/log';
import arabicAudit from '../../locales/ar/audit.json';
import {
  ADMIN,
  auditEntries,
  createUser,
  expectError,
  expectOk,
  openTestHost,
  openTestWasl,
  signInAs,
  snapshotDatabase,
  validFields,
  type TestWasl,
} from '../support/database';

/** A clock the test sets: every event is stamped with the instant the test chose. */
function settableClock(start: string) {
  let current = Date.parse(start);
  return {
    clock: () => new Date(current),
    set: (instant: string) => {
      current = Date.parse(instant);
    },
  };
}

// 13:00 in Riyadh on 1 March; 00:30 in Riyadh on 2 March (still 1 March in UTC); 11:00 in Riyadh on 3 March.
const DAY_ONE = '2025-03-01T10:00:00.000Z';
const DAY_TWO_JUST_AFTER_MIDNIGHT = '2025-03-01T21:30:00.000Z';
const DAY_THREE = '2025-03-03T08:00:00.000Z';

let app: TestWasl;
let time: ReturnType<typeof settableClock>;

beforeEach(async () => {
  time = settableClock(DAY_ONE);
  app = await openTestWasl({ clock: time.clock });
});

afterEach(async () => {
  await app.cleanup();
});

const register = async (overrides: Partial<BeneficiaryFieldsInput> = {}) =>
  expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields(overrides) }));
const view = async (id: string) => expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.get', { id }));
const list = async (filters: Record<string, unknown> = {}) => auditEntries(app.dispatch, filters);
const newest = async (action: string) => (await list({ action }))[0];
const verify = async () => expectOk<AuditVerification>(await app.dispatch('audit.verify', {}));
const signInAdmin = async () => expectOk<SessionState>(await app.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));

/** Moves the clock; the desk then locks itself for idleness, so unlock it. */
async function moveTo(instant: string) {
  time.set(instant);
  expect(expectError(await app.dispatch('beneficiaries.stats', {})).code).toBe('locked');
  expectOk(await app.dispatch('session.unlock', { password: ADMIN.password }));
}

async function decide(beneficiaryId: string) {
  return expectOk<EligibilityDecision>(
    await app.dispatch('eligibility.record', {
      beneficiaryId,
      inScope: true,
      legalResident: true,
      receivesServices: false,
      outcome: 'not_eligible',
      reason: 'لا يتلقى خدمات الجمعية',
    }),
  );
}

/** A second connection to the database file with its key, as someone holding the key could open it. */
function withSecondConnection<T>(work: (sqlite: ReturnType<typeof openDatabase>['sqlite']) => T): T {
  const opened = openDatabase(app.databasePath, { key: app.key });
  try {
    return work(opened.sqlite);
  } finally {
    opened.sqlite.close();
  }
}

/** Removes the append-only guards and edits the log directly, as an attacker with the key could. */
function tamper(statements: (sqlite: ReturnType<typeof openDatabase>['sqlite']) => void): void {
  withSecondConnection((sqlite) => {
    sqlite.pragma('foreign_keys = OFF');
    for (const trigger of ['audit_log_no_update', 'audit_log_no_delete', 'audit_changes_no_update', 'audit_changes_erase_only']) {
      sqlite.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
    }
    sqlite.transaction(() => statements(sqlite))();
  });
}

const countEntries = () => withSecondConnection((sqlite) => sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get() as number);

/** Parses CSV as RFC 4180 writes it: quoted cells may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        cell += character;
      }
    } else if (character === '"' && cell === '') {
      quoted = true;
    } else if (character === ',') {
      row.push(cell);
      cell = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else {
      cell += character;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('what the audit log records', () => {
  it('registering, viewing, editing and deciding on a beneficiary, each with actor, time, action and record', async () => {
    const person = await register({ familyName: 'الحربي', phones: ['0551234567'] });
    await view(person.id);
    const edited = expectOk<BeneficiaryDetail>(
      await app.dispatch('beneficiaries.update', {
        id: person.id,
        expectedVersion: person.rowVersion,
        fields: { ...validFields({ idNumber: person.idNumber, birthDate: person.birthDate }), familyName: 'القحطاني', phones: ['0559876543'] },
      }),
    );
    expect(edited.rowVersion).toBe(2);
    const decision = await decide(person.id);

    const trail = (await list({ beneficiaryId: person.id })).toReversed();
    expect(trail.map((entry) => entry.action)).toEqual(['beneficiary.created', 'beneficiary.viewed', 'beneficiary.changed', 'eligibility.decided']);
    for (const entry of trail) {
      expect(entry).toMatchObject({
        actor: { id: app.adminId, displayName: ADMIN.displayName },
        at: DAY_ONE,
        entityType: 'beneficiary',
        entityId: person.id,
      });
    }
    const [created, viewed, changed, decided] = trail;
    expect(created?.changes).toEqual(expect.arrayContaining([{ field: 'familyName', old: null, new: 'الحربي' }]));
    expect(viewed?.changes).toBeNull();
    expect(changed?.summary).toEqual({ fields: ['familyName', 'phones'] });
    expect(changed?.changes).toEqual([
      { field: 'familyName', old: 'الحربي', new: 'القحطاني' },
      { field: 'phones', old: ['+966551234567'], new: ['+966559876543'] },
    ]);
    expect(decided?.summary).toEqual({ decisionId: decision.id, outcome: 'not_eligible' });
    expect(decided?.changes).toEqual(expect.arrayContaining([{ field: 'receivesServices', old: null, new: false }]));

    // The chained part of an entry (its summary) names fields, never a person's values.
    for (const entry of trail) {
      const summary = JSON.stringify(entry.summary);
      for (const value of [person.idNumber, 'الحربي', 'القحطاني', '551234567', 'لا يتلقى']) expect(summary).not.toContain(value);
    }
  });

  it('an edit that changes nothing adds no entry', async () => {
    const person = await register();
    const { id, rowVersion, eligibility: _e, eligibilityDecidedAt: _d, eligibilityHistory: _h, fileNumber: _f, fullName: _n, ...rest } = person;
    const fields = Object.fromEntries(Object.keys(validFields()).map((key) => [key, (rest as Record<string, unknown>)[key]]));
    expectOk(await app.dispatch('beneficiaries.update', { id, expectedVersion: rowVersion, fields }));
    expect(await list({ action: 'beneficiary.changed' })).toEqual([]);
  });

  it('signing in and out, locking and unlocking', async () => {
    expectOk(await app.dispatch('session.lock', {}));
    expectOk(await app.dispatch('session.unlock', { password: ADMIN.password }));
    expectOk(await app.dispatch('session.signOut', {}));
    await signInAdmin();

    const actions = (await list()).toReversed().map((entry) => entry.action);
    // Setting up also put the starter library, the shipped questionnaire and the policy under document control in, as the
    // system account: every other entry is the administrator's.
    const starters = ['library.starterInstalled', 'questionnaire.starterInstalled', 'document.starterInstalled'];
    expect(actions).toEqual(['app.setUp', ...starters, 'session.signedIn', 'session.locked', 'session.unlocked', 'session.signedOut', 'session.signedIn']);
    for (const entry of (await list()).filter((entry) => !starters.includes(entry.action))) {
      expect(entry).toMatchObject({ actor: { id: app.adminId }, at: DAY_ONE, entityType: 'user', entityId: app.adminId });
    }
    expect((await newest('session.locked'))?.summary).toEqual({ reason: 'manual' });
    expect((await newest('session.signedIn'))?.summary).toEqual({ how: 'password' });
  });

  it('creating, changing and resetting accounts, and who the change was about', async () => {
    const officer = await createUser(app.dispatch, 'officer', 'salem.o');
    expectOk<UserAccount>(await app.dispatch('users.update', { id: officer.id, displayName: 'سالم', role: 'supervisor', active: true }));
    expectOk<UserAccount>(await app.dispatch('users.resetPassword', { id: officer.id, password: 'a temporary pass phrase' }));

    const about = (await list()).filter((entry) => entry.entityId === officer.id).toReversed();
    expect(about.map((entry) => entry.action)).toEqual(['user.created', 'user.changed', 'user.passwordReset']);
    for (const entry of about) expect(entry).toMatchObject({ actor: { id: app.adminId }, at: DAY_ONE, entityType: 'user' });
    expect(about[0]?.summary).toEqual({ username: 'salem.o', role: 'officer' });
    expect(about[1]?.changes).toEqual([
      { field: 'displayName', old: 'officer salem.o', new: 'سالم' },
      { field: 'role', old: 'officer', new: 'supervisor' },
    ]);
    expect(JSON.stringify(about)).not.toContain('a temporary pass phrase');
    expect(JSON.stringify(about)).not.toContain(officer.password);
  });

  it("records another user's actions as theirs", async () => {
    const officer = await createUser(app.dispatch, 'officer');
    const person = await register();
    await signInAs(app.dispatch, officer.username, officer.password);
    await view(person.id);
    await signInAdmin();
    const viewed = await list({ action: 'beneficiary.viewed' });
    expect(viewed).toEqual([expect.objectContaining({ actor: { id: officer.id, displayName: officer.displayName }, entityId: person.id })]);
  });
});

describe('reading the audit log', () => {
  /** Events on three Riyadh days, by the administrator and by an officer. */
  async function threeDays() {
    const first = await register();
    await moveTo(DAY_TWO_JUST_AFTER_MIDNIGHT);
    const second = await register();
    await view(first.id);
    await moveTo(DAY_THREE);
    const officer = await createUser(app.dispatch, 'officer');
    await signInAs(app.dispatch, officer.username, officer.password);
    await view(second.id);
    await signInAdmin();
    return { first, second, officer };
  }

  it('filters by beneficiary, by actor and by action', async () => {
    const { first, second, officer } = await threeDays();

    const aboutFirst = await list({ beneficiaryId: first.id });
    expect(aboutFirst.map((entry) => entry.action)).toEqual(['beneficiary.viewed', 'beneficiary.created']);
    expect(aboutFirst.every((entry) => entry.entityId === first.id)).toBe(true);

    const byOfficer = await list({ actorId: officer.id });
    expect(byOfficer.length).toBeGreaterThanOrEqual(3);
    expect(byOfficer.every((entry) => entry.actor?.id === officer.id)).toBe(true);
    expect(byOfficer.map((entry) => entry.action)).toEqual(expect.arrayContaining(['session.signedIn', 'beneficiary.viewed', 'session.signedOut']));

    const created = await list({ action: 'beneficiary.created' });
    expect(created.map((entry) => entry.entityId)).toEqual([second.id, first.id]);

    expect(await list({ actorId: officer.id, action: 'beneficiary.viewed' })).toEqual([
      expect.objectContaining({ entityId: second.id, at: DAY_THREE }),
    ]);
    expect(await list({ beneficiaryId: first.id, actorId: officer.id })).toEqual([]);
  });

  it('filters by Riyadh calendar day, not by UTC day', async () => {
    await threeDays();
    const all = await list();
    const on = (day: string) => list({ from: day, to: day });

    // 21:30 UTC on 1 March is 00:30 on 2 March in Riyadh.
    const dayTwo = await on('2025-03-02');
    expect(dayTwo.length).toBeGreaterThan(0);
    expect(dayTwo.every((entry) => entry.at === DAY_TWO_JUST_AFTER_MIDNIGHT)).toBe(true);
    expect(dayTwo).toHaveLength(all.filter((entry) => entry.at === DAY_TWO_JUST_AFTER_MIDNIGHT).length);
    expect(dayTwo.map((entry) => entry.action)).toEqual(expect.arrayContaining(['beneficiary.created', 'beneficiary.viewed']));

    const dayOne = await list({ to: '2025-03-01' });
    expect(dayOne.every((entry) => entry.at === DAY_ONE)).toBe(true);
    expect(dayOne).toHaveLength(all.filter((entry) => entry.at === DAY_ONE).length);

    const fromDayThree = await list({ from: '2025-03-03' });
    expect(fromDayThree.every((entry) => entry.at === DAY_THREE)).toBe(true);
    expect(fromDayThree).toHaveLength(all.filter((entry) => entry.at === DAY_THREE).length);

    expect((await list({ from: '2025-03-01', to: '2025-03-03' })).length).toBe(all.length);
    expect(await list({ from: '2025-03-04' })).toEqual([]);
    expect(await list({ from: '2025-03-03', to: '2025-03-01' })).toEqual([]);
    // Digits as typed on an Arabic keyboard.
    expect(await list({ from: '٢٠٢٥-٠٣-٠٢', to: '٢٠٢٥-٠٣-٠٢' })).toEqual(dayTwo);
  });

  it('refuses filters that are not dates, ids or known actions', async () => {
    for (const filters of [{ from: 'yesterday' }, { to: '2025-02-30' }, { actorId: 'admin' }, { action: 'beneficiary.deleted' }, { limit: 0 }, { limit: 201 }, { before: -1 }]) {
      expect(expectError(await app.dispatch('audit.list', filters)).code, JSON.stringify(filters)).toBe('validation');
    }
  });

  it('pages from the newest entry to the oldest', async () => {
    await threeDays();
    const all = expectOk<AuditPage>(await app.dispatch('audit.list', { limit: 200 }));
    expect(all.nextBefore).toBeNull();
    const seqs = all.entries.map((entry) => entry.seq);
    expect(seqs).toEqual(seqs.toSorted((a, b) => b - a));
    expect(seqs.length).toBeGreaterThan(7);

    const paged: AuditEntry[] = [];
    let before: number | undefined;
    let pages = 0;
    do {
      const page = expectOk<AuditPage>(await app.dispatch('audit.list', before === undefined ? { limit: 3 } : { limit: 3, before }));
      expect(page.entries.length).toBeLessThanOrEqual(3);
      if (page.nextBefore !== null) expect(page.nextBefore).toBe(page.entries.at(-1)?.seq);
      paged.push(...page.entries);
      before = page.nextBefore ?? undefined;
      pages += 1;
    } while (before !== undefined);
    expect(paged).toEqual(all.entries);
    expect(pages).toBe(Math.ceil(all.entries.length / 3));

    // Paging combines with filters.
    const views = expectOk<AuditPage>(await app.dispatch('audit.list', { action: 'beneficiary.viewed', limit: 1 }));
    expect(views.entries).toHaveLength(1);
    const older = expectOk<AuditPage>(await app.dispatch('audit.list', { action: 'beneficiary.viewed', limit: 1, before: views.nextBefore }));
    expect(older.entries.map((entry) => entry.action)).toEqual(['beneficiary.viewed']);
    expect(older.nextBefore).toBeNull();
  });
});

describe('viewing casework', () => {
  const PRISONS = '019ab9a0-0000-7000-8000-00000000a001';
  const FINANCIAL_AID = '019ab9a0-0000-7000-8000-00000000b001';
  const ok = async <T>(name: string, input: unknown) => expectOk<T>(await app.dispatch(name, input));
  const snapshot = () => snapshotDatabase(app.databasePath, app.key);

  it('records who opened a request, a complaint, an inquiry or a letter, on the person’s trail, naming it', async () => {
    const person = await register();
    const request = await ok<RequestDetail>('requests.open', { beneficiaryId: person.id, typeId: FINANCIAL_AID, summary: 'يطلب مساعدة مالية' });
    const complaint = await ok<ComplaintDetail>('complaints.receive', { kind: 'complaint', beneficiaryId: person.id, about: 'service', subject: 'تأخر الرد' });
    const walkInNote = await ok<ComplaintDetail>('complaints.receive', { kind: 'note', beneficiaryId: null, personName: 'زائر', about: 'service', subject: 'ملاحظة عامة' });
    const asked = await ok<AskedInquiry>('inquiries.ask', {
      contact: { beneficiaryId: person.id, channel: 'in_person', direction: 'incoming', summary: 'متى تصرف المساعدة؟' },
      answer: null,
      articleId: null,
    });
    const toPerson = await ok<LetterView>('letters.register', { direction: 'outgoing', letterDate: '2025-03-01', authorityId: null, beneficiaryId: person.id, subject: 'إشعار', body: 'نص الإشعار' });
    const toAuthority = await ok<LetterView>('letters.register', { direction: 'outgoing', letterDate: '2025-03-01', authorityId: PRISONS, subject: 'مخاطبة عامة', body: 'نص' });

    const officer = await createUser(app.dispatch, 'officer');
    await signInAs(app.dispatch, officer.username, officer.password);
    await ok('requests.get', { id: request.id });
    await ok('complaints.get', { id: complaint.id });
    await ok('complaints.get', { id: walkInNote.id });
    await ok('inquiries.get', { id: asked.inquiry.id });
    await ok('letters.get', { id: toPerson.id });
    await ok('letters.document', { id: toPerson.id });
    await ok('letters.get', { id: toAuthority.id });
    await signInAdmin();

    const views = (await list({ actorId: officer.id })).filter((entry) => entry.action.endsWith('iewed')).toReversed();
    expect(views.map((entry) => [entry.action, entry.entityType, entry.entityId, entry.summary])).toEqual([
      ['request.viewed', 'beneficiary', person.id, { requestId: request.id, number: request.number }],
      ['complaint.viewed', 'beneficiary', person.id, { complaintId: complaint.id, number: complaint.number, kind: 'complaint' }],
      // Someone not registered: filed under the record, as its other entries are.
      ['complaint.viewed', 'complaint', walkInNote.id, { complaintId: walkInNote.id, number: walkInNote.number, kind: 'note' }],
      ['inquiry.viewed', 'beneficiary', person.id, { inquiryId: asked.inquiry.id }],
      ['letter.viewed', 'beneficiary', person.id, { letterId: toPerson.id, number: toPerson.number }],
      ['letter.documentViewed', 'beneficiary', person.id, { letterId: toPerson.id, number: toPerson.number }],
      ['letter.viewed', 'letter', toAuthority.id, { letterId: toAuthority.id, number: toAuthority.number }],
    ]);
    expect(views.every((entry) => entry.actor?.id === officer.id && entry.changes === null)).toBe(true);
    // The person's trail shows them, as it shows who opened the file itself.
    const trail = await list({ beneficiaryId: person.id, actorId: officer.id });
    expect(trail.map((entry) => entry.action).toReversed()).toEqual([
      'request.viewed',
      'complaint.viewed',
      'inquiry.viewed',
      'letter.viewed',
      'letter.documentViewed',
    ]);
    // Each new action reads as a sentence in both languages.
    for (const entry of views) expect(arabicAudit.actions).toHaveProperty([entry.action]);
    expect(await verify()).toMatchObject({ intact: true, problem: null });
  });

  it('records nothing when the record cannot be seen: unknown, or a complaint about the one asking', async () => {
    const person = await register();
    const officer = await createUser(app.dispatch, 'officer');
    const aboutOfficer = await ok<ComplaintDetail>('complaints.receive', {
      kind: 'complaint',
      beneficiaryId: person.id,
      about: 'staff',
      aboutStaffId: officer.id,
      subject: 'سوء معاملة',
    });
    await signInAs(app.dispatch, officer.username, officer.password);
    const before = snapshot();
    expect(expectError(await app.dispatch('complaints.get', { id: aboutOfficer.id }))).toMatchObject({ code: 'not_found' });
    const unknown = '019ab9a0-0000-7000-8000-00000000ffff';
    for (const name of ['requests.get', 'complaints.get', 'inquiries.get', 'letters.get', 'letters.document']) {
      expect(expectError(await app.dispatch(name, { id: unknown })), name).toMatchObject({ code: 'not_found' });
    }
    expect(snapshot()).toEqual(before);
  });

  it('puts on the person’s trail what was asked or brought before they were registered, once its contact is linked to them', async () => {
    const walkIn = await ok<AskedInquiry>('inquiries.ask', {
      contact: { beneficiaryId: null, personName: 'أبو سالم', personPhone: '0553334444', channel: 'in_person', direction: 'incoming', summary: 'يسأل عن البرامج' },
      answer: null,
      articleId: null,
    });
    await ok('inquiries.answer', { id: walkIn.inquiry.id, answer: 'أوضحنا له البرامج', articleId: null });
    const broughtBy = await ok<{ id: string }>('contacts.log', {
      beneficiaryId: null,
      personName: 'أبو سالم',
      channel: 'in_person',
      direction: 'incoming',
      purpose: 'complaint',
      summary: 'شكوى من التأخير',
    });
    const complaint = await ok<ComplaintDetail>('complaints.receive', {
      kind: 'complaint',
      beneficiaryId: null,
      personName: 'أبو سالم',
      about: 'service',
      subject: 'تأخير',
      sourceContactId: broughtBy.id,
    });
    const person = await register();
    const trailActions = async () => (await list({ beneficiaryId: person.id })).map((entry) => entry.action);
    expect(await trailActions()).not.toContain('inquiry.asked');

    await ok('contacts.link', { id: walkIn.contact.id, beneficiaryId: person.id });
    await ok('contacts.link', { id: broughtBy.id, beneficiaryId: person.id });

    // Filed under the inquiry and the complaint when they were written (entries are never refiled), and the person's now.
    const trail = await list({ beneficiaryId: person.id });
    expect(trail.filter((entry) => entry.entityType !== 'beneficiary').map((entry) => [entry.action, entry.entityId]).toReversed()).toEqual([
      ['inquiry.asked', walkIn.inquiry.id],
      ['inquiry.answered', walkIn.inquiry.id],
      ['complaint.received', complaint.id],
    ]);
    expect(trail.map((entry) => entry.action)).toEqual(expect.arrayContaining(['contact.linked', 'beneficiary.created']));
    // Opened now, the inquiry is filed under its person.
    await ok('inquiries.get', { id: walkIn.inquiry.id });
    expect(await newest('inquiry.viewed')).toMatchObject({ entityType: 'beneficiary', entityId: person.id, summary: { inquiryId: walkIn.inquiry.id } });
    // Nobody else's trail has them.
    const other = await register();
    expect(await list({ beneficiaryId: other.id })).toEqual([expect.objectContaining({ action: 'beneficiary.created' })]);
    expect(await verify()).toMatchObject({ intact: true, problem: null });
  });
});

describe('exporting the audit log', () => {
  it('gives a CSV for a spreadsheet: byte-order mark, Arabic header, one row per entry, formulas neutralized', async () => {
    const formula = '=HYPERLINK("http://evil.example","click")';
    const officer = expectOk<UserAccount>(
      await app.dispatch('users.create', { username: 'formula.o', displayName: formula, role: 'officer', password: 'a long pass phrase here' }),
    );
    await signInAs(app.dispatch, 'formula.o', 'a long pass phrase here');
    await signInAdmin();
    const person = await register();
    expectOk(
      await app.dispatch('beneficiaries.update', {
        id: person.id,
        expectedVersion: 1,
        fields: { ...validFields({ idNumber: person.idNumber, birthDate: person.birthDate, phones: person.phones }), notes: '+1-2 @risk, "quoted"' },
      }),
    );
    const entries = await list();

    const file = expectOk<ExportedFile>(await app.dispatch('audit.export', {}));
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    expect(file.fileName).toBe('wasl-audit-2025-03-01.csv');
    expect(file.content.startsWith('\ufeff')).toBe(true);
    expect(file.content.endsWith('\r\n')).toBe(true);
    expect(file.count).toBe(entries.length);

    const rows = parseCsv(file.content.slice(1));
    const [header, ...lines] = rows;
    expect(header).toEqual(['الرقم', 'الوقت (الرياض)', 'المستخدم', 'الإجراء', 'نوع السجل', 'معرّف السجل', 'التفاصيل', 'التغييرات']);
    expect(lines).toHaveLength(entries.length);
    for (const line of lines) expect(line).toHaveLength(header!.length);
    // Oldest first, one row per entry.
    expect(lines.map((line) => Number(line[0]))).toEqual(entries.map((entry) => entry.seq).toReversed());
    expect(lines[0]?.[1]).toBe('2025-03-01 13:00:00');
    expect(lines[0]?.[3]).toBe(arabicAudit.actions['app.setUp']);

    // No cell starts as a formula; the officer's name is kept, prefixed with an apostrophe.
    for (const cell of lines.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    const officerRows = lines.filter((line) => line[2]?.includes('HYPERLINK'));
    expect(officerRows.length).toBeGreaterThan(0);
    for (const line of officerRows) expect(line[2]).toBe(`'${formula}`);
    expect(file.content).not.toMatch(/(^|,)=HYPERLINK/m);
    const changedRow = lines.find((line) => line[0] === String(entries.find((entry) => entry.action === 'beneficiary.changed')?.seq));
    expect(JSON.parse(changedRow![7]!)).toEqual([{ field: 'notes', old: null, new: '+1-2 @risk, "quoted"' }]);

    // The export is itself recorded, with how many entries left the building.
    const exported = await newest('audit.exported');
    expect(exported).toMatchObject({ actor: { id: app.adminId }, entityType: 'audit', summary: { count: entries.length } });
    expect(officer.displayName).toBe(formula);
  });

  it('exports only what the filters select, and records the filters', async () => {
    await register();
    await register();
    const file = expectOk<ExportedFile>(await app.dispatch('audit.export', { action: 'beneficiary.created' }));
    expect(file.count).toBe(2);
    expect(parseCsv(file.content.slice(1))).toHaveLength(3);
    expect((await newest('audit.exported'))?.summary).toEqual({ count: 2, filters: { action: 'beneficiary.created' } });
    const none = expectOk<ExportedFile>(await app.dispatch('audit.export', { from: '2030-01-01' }));
    expect(none.count).toBe(0);
    expect(parseCsv(none.content.slice(1))).toHaveLength(1);
  });
});

describe('tamper evidence', () => {
  /** A log of a dozen entries of every shape: with and without change values. */
  async function filledLog() {
    const first = await register();
    const second = await register();
    await view(first.id);
    await view(second.id);
    expectOk(
      await app.dispatch('beneficiaries.update', {
        id: first.id,
        expectedVersion: 1,
        fields: validFields({ idNumber: first.idNumber, birthDate: first.birthDate, familyName: 'الدوسري' }),
      }),
    );
    await decide(second.id);
    expectOk(await app.dispatch('session.lock', {}));
    expectOk(await app.dispatch('session.unlock', { password: ADMIN.password }));
    const entries = (await list()).toReversed();
    expect(entries.length).toBeGreaterThanOrEqual(10);
    return { first, second, entries };
  }

  const seqOf = (entries: AuditEntry[], predicate: (entry: AuditEntry) => boolean) => {
    const found = entries.find(predicate);
    if (!found) expect.fail('no such entry');
    return found.seq;
  };

  it('an untouched log verifies, every entry checked, and the check is itself recorded', async () => {
    await filledLog();
    const count = countEntries();
    expect(await verify()).toEqual({ intact: true, checked: count, problem: null });
    expect((await newest('audit.verified'))?.summary).toEqual({ intact: true, checked: count, problem: null });
    expect(await verify()).toEqual({ intact: true, checked: count + 1, problem: null });
  });

  it('reports an altered entry', async () => {
    const { entries } = await filledLog();
    const seq = seqOf(entries, (entry) => entry.action === 'beneficiary.viewed');
    tamper((sqlite) => sqlite.prepare(`UPDATE audit_log SET summary = '{"innocent":true}' WHERE seq = ?`).run(seq));
    expect(await verify()).toEqual({ intact: false, checked: seq - 1, problem: { seq, kind: 'altered' } });
  });

  it('reports an altered actor or time as well', async () => {
    const { entries } = await filledLog();
    const seq = seqOf(entries, (entry) => entry.action === 'beneficiary.changed');
    tamper((sqlite) => sqlite.prepare(`UPDATE audit_log SET actor_id = NULL, at = '2020-01-01T00:00:00.000Z' WHERE seq = ?`).run(seq));
    expect((await verify()).problem).toEqual({ seq, kind: 'altered' });
  });

  it('reports entries cut from the end of the log, against the anchor kept in the keyring', async () => {
    const { entries } = await filledLog();
    // Locking the screen anchored the log's last entry in the keyring, outside the database.
    const locked = seqOf(entries, (entry) => entry.action === 'session.locked');
    const cutFrom = locked - 2;
    tamper((sqlite) => {
      sqlite.prepare('DELETE FROM audit_changes WHERE entry_id IN (SELECT id FROM audit_log WHERE seq >= ?)').run(cutFrom);
      sqlite.prepare('DELETE FROM audit_log WHERE seq >= ?').run(cutFrom);
    });
    expect(await verify()).toEqual({ intact: false, checked: cutFrom - 1, problem: { seq: cutFrom, kind: 'missing' } });
  });

  it('reports a removed entry at the one that follows it', async () => {
    const { entries } = await filledLog();
    const seq = seqOf(entries, (entry) => entry.action === 'beneficiary.viewed');
    tamper((sqlite) => sqlite.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq));
    expect(await verify()).toEqual({ intact: false, checked: seq - 1, problem: { seq: seq + 1, kind: 'missing' } });
  });

  it('reports a removed entry even when the numbers are closed up behind it', async () => {
    const { entries } = await filledLog();
    const seq = seqOf(entries, (entry) => entry.action === 'beneficiary.viewed');
    tamper((sqlite) => {
      sqlite.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq);
      const last = sqlite.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
      for (let next = seq + 1; next <= last; next += 1) sqlite.prepare('UPDATE audit_log SET seq = ? WHERE seq = ?').run(next - 1, next);
    });
    const verification = await verify();
    expect(verification.intact).toBe(false);
    expect(verification.problem?.seq).toBe(seq);
  });

  it('reports two entries swapped, at the first of them', async () => {
    const { entries } = await filledLog();
    const seq = seqOf(entries, (entry) => entry.action === 'beneficiary.viewed');
    const columns = ['id', 'at', 'actor_id', 'action', 'entity_type', 'entity_id', 'summary', 'changes_digest', 'prev_hash', 'hash'];
    tamper((sqlite) => {
      const read = sqlite.prepare(`SELECT ${columns.join(', ')} FROM audit_log WHERE seq = ?`);
      const first = read.get(seq) as Record<string, unknown>;
      const second = read.get(seq + 1) as Record<string, unknown>;
      const write = sqlite.prepare(`UPDATE audit_log SET ${columns.map((column) => `${column} = @${column}`).join(', ')} WHERE seq = @seq`);
      sqlite.prepare(`UPDATE audit_log SET id = 'moving' WHERE seq = ?`).run(seq);
      write.run({ ...first, seq: seq + 1 });
      write.run({ ...second, seq });
    });
    expect(entries[seq]?.seq).toBe(seq + 1);
    expect(await verify()).toEqual({ intact: false, checked: seq - 1, problem: { seq, kind: 'out_of_order' } });
  });

  it('reports an altered change value', async () => {
    const { entries } = await filledLog();
    const changed = entries.find((entry) => entry.action === 'beneficiary.changed')!;
    tamper((sqlite) =>
      sqlite
        .prepare('UPDATE audit_changes SET changes = ? WHERE entry_id = ?')
        .run(JSON.stringify([{ field: 'familyName', old: 'الحربي', new: 'العتيبي' }]), changed.id),
    );
    expect(await verify()).toEqual({ intact: false, checked: changed.seq - 1, problem: { seq: changed.seq, kind: 'altered' } });
  });

  it('reports change values removed without the beneficiary being erased', async () => {
    const { entries } = await filledLog();
    const decided = entries.find((entry) => entry.action === 'eligibility.decided')!;
    tamper((sqlite) => sqlite.prepare('DELETE FROM audit_changes WHERE entry_id = ?').run(decided.id));
    expect((await verify()).problem).toEqual({ seq: decided.seq, kind: 'altered' });
  });

  it('refuses to update or delete entries through an ordinary connection', async () => {
    const { entries } = await filledLog();
    const changed = entries.find((entry) => entry.action === 'beneficiary.changed')!;
    const count = countEntries();
    withSecondConnection((sqlite) => {
      expect(() => sqlite.prepare(`UPDATE audit_log SET summary = '{}' WHERE seq = ?`).run(changed.seq)).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM audit_log WHERE seq = ?').run(changed.seq)).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      expect(() => sqlite.prepare(`UPDATE audit_changes SET changes = '[]' WHERE entry_id = ?`).run(changed.id)).toThrow(/append-only/);
      expect(() => sqlite.prepare('DELETE FROM audit_changes WHERE entry_id = ?').run(changed.id)).toThrow(/erased/);
    });
    expect(countEntries()).toBe(count);
    expect(await verify()).toMatchObject({ intact: true, checked: count });
  });
});

describe('the log’s end, against the anchor kept outside the database', () => {
  let restarted: Wasl | null = null;

  afterEach(async () => {
    await restarted?.close();
    restarted = null;
  });

  /** Starts Wasl again on the same files, as after closing it: nobody is signed in, the database is closed. */
  function restart(): Wasl {
    restarted = openTestHost(app.dir, { clock: time.clock }).wasl;
    return restarted;
  }

  const anchorNow = () => readKeyring(app.wasl.keyringPath).auditHead ?? null;
  const entryAt = (seq: number) =>
    withSecondConnection((sqlite) => sqlite.prepare('SELECT seq, hash FROM audit_log WHERE seq = ?').get(seq) as { seq: number; hash: string });
  const signIn = async (wasl: Wasl) =>
    expectOk<SessionState>(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
  const breaksOf = async (wasl: Wasl) => expectOk<AuditBreak[]>(await wasl.dispatch('audit.breaks', {}));

  /** A morning's work, then Wasl is closed: the keyring's anchor names the log's last entry. */
  async function workThenClose() {
    const person = await register();
    await view(person.id);
    await decide(person.id);
    expectOk(await app.dispatch('session.signOut', {}));
    await app.close();
    const anchor = anchorNow();
    expect(anchor).toEqual(entryAt(countEntries()));
    return anchor!;
  }

  /** What someone holding the key does while Wasl is closed: drops the guards and deletes the log's last rows. */
  function cutLast(count: number): void {
    tamper((sqlite) => {
      const last = `SELECT id FROM audit_log ORDER BY seq DESC LIMIT ${count}`;
      sqlite.exec(`DELETE FROM audit_changes WHERE entry_id IN (${last})`);
      sqlite.exec(`DELETE FROM audit_log WHERE id IN (${last})`);
    });
  }

  it('the reported attack: stop, cut the last 2 rows with the key, start again, sign in: verify does not answer intact', async () => {
    await workThenClose();
    cutLast(2);
    const wasl = restart();
    await signIn(wasl);
    expect(expectOk<AuditVerification>(await wasl.dispatch('audit.verify', {})).intact).toBe(false);
  });

  it('finds entries cut while Wasl was closed at the next opening, before anything is appended, and keeps reporting them', async () => {
    const anchor = await workThenClose();
    cutLast(2);
    const cutHead = entryAt(anchor.seq - 2);

    const wasl = restart();
    // A mistyped password while the database is closed waits in the keyring until it opens.
    expectError(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: 'not the password' }));
    await signIn(wasl);

    const entries = (await auditEntries(wasl.dispatch)).toReversed();
    // The break chains onto the cut log, ahead of everything the opening and the sign-in appended.
    expect(entries.slice(anchor.seq - 2).map((entry) => entry.action)).toEqual([
      'audit.breakDetected',
      'session.signInFailed',
      'session.signedIn',
    ]);
    const recorded = entries[anchor.seq - 2]!;
    expect(recorded).toMatchObject({
      seq: anchor.seq - 1,
      at: DAY_ONE,
      entityType: 'audit',
      summary: { anchorSeq: anchor.seq, anchorHash: anchor.hash, foundSeq: cutHead.seq, foundHash: cutHead.hash },
    });
    // The anchor moved on from the recorded break, never to the cut log's own head.
    expect(anchorNow()).toEqual(entryAt(entries.length));

    const count = countEntries();
    const verification = expectOk<AuditVerification>(await wasl.dispatch('audit.verify', {}));
    expect(verification).toEqual({ intact: false, checked: count, problem: { seq: recorded.seq, kind: 'cut' } });
    expect(await breaksOf(wasl)).toEqual([{ seq: recorded.seq, at: DAY_ONE, anchorSeq: anchor.seq, foundSeq: cutHead.seq }]);

    // Closing and opening again neither hides the break nor records it twice.
    await wasl.close();
    const again = restart();
    await signIn(again);
    expect(await auditEntries(again.dispatch, { action: 'audit.breakDetected' })).toHaveLength(1);
    expect(expectOk<AuditVerification>(await again.dispatch('audit.verify', {})).problem).toEqual({ seq: recorded.seq, kind: 'cut' });
  });

  it('finds a log whose last entries were replaced by forged ones, chained correctly, up to the anchor and beyond', async () => {
    const anchor = await workThenClose();
    tamper((sqlite) => {
      sqlite.exec('DELETE FROM audit_changes WHERE entry_id IN (SELECT id FROM audit_log ORDER BY seq DESC LIMIT 2)');
      sqlite.exec('DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY seq DESC LIMIT 2)');
      let previous = sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      for (const id of ['forged-1', 'forged-2', 'forged-3']) {
        const entry: ChainedContent = {
          seq: previous.seq + 1,
          id,
          at: DAY_ONE,
          actor_id: app.adminId,
          action: 'session.signedOut',
          entity_type: 'user',
          entity_id: app.adminId,
          summary: '{}',
          changes_digest: null,
          prev_hash: previous.hash,
        };
        const hash = entryHash(entry);
        sqlite.prepare('INSERT INTO audit_log (seq, id, at, actor_id, action, entity_type, entity_id, summary, changes_digest, prev_hash, hash) VALUES (@seq, @id, @at, @actor_id, @action, @entity_type, @entity_id, @summary, @changes_digest, @prev_hash, @hash)').run({ ...entry, hash });
        previous = { seq: entry.seq, hash };
      }
    });
    const forgedHead = entryAt(anchor.seq + 1);

    const wasl = restart();
    await signIn(wasl);
    const [recorded] = await auditEntries(wasl.dispatch, { action: 'audit.breakDetected' });
    expect(recorded).toMatchObject({
      seq: anchor.seq + 2,
      summary: { anchorSeq: anchor.seq, anchorHash: anchor.hash, foundSeq: forgedHead.seq, foundHash: forgedHead.hash },
    });
    expect(expectOk<AuditVerification>(await wasl.dispatch('audit.verify', {}))).toMatchObject({
      intact: false,
      problem: { seq: anchor.seq + 2, kind: 'cut' },
    });
  });

  it('never moves the anchor back onto a log cut while Wasl runs: signing out records the break instead', async () => {
    await register();
    expectOk(await app.dispatch('session.lock', {}));
    const anchored = anchorNow()!;
    expect(anchored).toEqual(entryAt(countEntries()));
    expectOk(await app.dispatch('session.unlock', { password: ADMIN.password }));
    cutLast(2);

    expectOk(await app.dispatch('session.signOut', {}));
    const entries = withSecondConnection(
      (sqlite) => sqlite.prepare('SELECT seq, action, summary, hash FROM audit_log WHERE seq >= ? ORDER BY seq').all(anchored.seq) as Array<{ seq: number; action: string; summary: string; hash: string }>,
    );
    expect(entries.map((entry) => entry.action)).toEqual(['session.signedOut', 'audit.breakDetected']);
    expect(JSON.parse(entries[1]!.summary)).toMatchObject({ anchorSeq: anchored.seq, anchorHash: anchored.hash, foundSeq: anchored.seq });
    // Onto the entry that records the break, not the cut log's head it was found at.
    expect(anchorNow()).toEqual({ seq: entries[1]!.seq, hash: entries[1]!.hash });

    await signInAdmin();
    expect((await verify()).problem).toEqual({ seq: entries[1]!.seq, kind: 'cut' });
    expect(await auditEntries(app.dispatch, { action: 'audit.breakDetected' })).toHaveLength(1);
  });

  it('stays intact through a normal round of signing in and out, locking, closing and opening again', async () => {
    await register();
    expectOk(await app.dispatch('session.lock', {}));
    expectOk(await app.dispatch('session.unlock', { password: ADMIN.password }));
    expectOk(await app.dispatch('session.signOut', {}));
    await signInAdmin();
    await app.close();
    for (let round = 0; round < 3; round += 1) {
      const wasl = restart();
      await signIn(wasl);
      expectOk(await wasl.dispatch('session.lock', {}));
      expectOk(await wasl.dispatch('session.unlock', { password: ADMIN.password }));
      expectOk(await wasl.dispatch('session.signOut', {}));
      await wasl.close();
      restarted = null;
      expect(anchorNow()).toEqual(entryAt(countEntries()));
    }
    const wasl = restart();
    await signIn(wasl);
    expect(expectOk<AuditVerification>(await wasl.dispatch('audit.verify', {}))).toMatchObject({ intact: true, problem: null });
    expect(await auditEntries(wasl.dispatch, { action: 'audit.breakDetected' })).toEqual([]);
    expect(await breaksOf(wasl)).toEqual([]);
  });

  it('warns administrators until one of them acknowledges the break; the acknowledgement is recorded and the log still reports it', async () => {
    const supervisor = await createUser(app.dispatch, 'supervisor');
    const officer = await createUser(app.dispatch, 'officer');
    await signInAs(app.dispatch, supervisor.username, supervisor.password);
    await signInAs(app.dispatch, officer.username, officer.password);
    const anchor = await workThenClose();
    cutLast(2);

    const wasl = restart();
    await signIn(wasl);
    const [found] = await breaksOf(wasl);
    expect(found).toMatchObject({ anchorSeq: anchor.seq, foundSeq: anchor.seq - 2 });

    // Officers do not read the log; only an administrator may set the warning aside.
    await signInAs(wasl.dispatch, officer.username, `${officer.password}-chosen`);
    expect(expectError(await wasl.dispatch('audit.breaks', {})).code).toBe('forbidden');
    await signInAs(wasl.dispatch, supervisor.username, `${supervisor.password}-chosen`);
    expect(await breaksOf(wasl)).toEqual([found]);
    expect(expectError(await wasl.dispatch('audit.acknowledgeBreaks', { throughSeq: found!.seq })).code).toBe('forbidden');

    await signIn(wasl);
    // Only a recorded break can be acknowledged, with a clear answer otherwise.
    const refused = expectError(await wasl.dispatch('audit.acknowledgeBreaks', { throughSeq: found!.seq + 1 }));
    expect(refused).toMatchObject({ code: 'rule', messageKey: 'audit.noSuchBreak' });
    expect(await auditEntries(wasl.dispatch, { action: 'audit.breakAcknowledged' })).toEqual([]);

    expectOk(await wasl.dispatch('audit.acknowledgeBreaks', { throughSeq: found!.seq }));
    expect(await breaksOf(wasl)).toEqual([]);
    const [acknowledged] = await auditEntries(wasl.dispatch, { action: 'audit.breakAcknowledged' });
    expect(acknowledged).toMatchObject({ actor: { id: app.adminId }, entityType: 'audit', summary: { throughSeq: found!.seq } });
    expect(expectOk<AuditVerification>(await wasl.dispatch('audit.verify', {})).problem).toEqual({ seq: found!.seq, kind: 'cut' });
  });
});
