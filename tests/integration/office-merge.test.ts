// Two desks of one office take each other's changes into their own record, by the same rules, and
// end with the same record: a person registered at one desk is found at the other; two officers'
// edits of different fields of one file both stay; the same field edited at both desks keeps the
// later value on both and the other in one conflict, the same on both desks; contacts logged at both
// are all there once; one ID number registered at both while apart leaves two files and a duplicate
// for a supervisor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { ConflictList } from '../../electron/api/conflicts';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import type { SearchResults } from '../../electron/api/search';
import { SYNCED_TABLES, sentColumns, sqlName } from '../../db/sync-capture';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { ADMIN, expectError, expectOk, newMobile, newNationalId, openTestWasl, tempDir, validFields, type TestWasl } from '../support/database';

let server: OfficeServer;
let deskA: TestWasl;
let deskB: TestWasl;

const sqliteOf = (desk: TestWasl) => desk.wasl.desk.openDatabase!.sqlite;
const syncNow = async (desk: TestWasl) => expectOk<OfficeStatus>(await desk.dispatch('office.syncNow', {}));
/** Both desks send what they hold and take what the other sent: A, B, then A again for what B sent. */
const syncBoth = async () => {
  await syncNow(deskA);
  await syncNow(deskB);
  await syncNow(deskA);
};
const conflictsOf = (desk: TestWasl) =>
  sqliteOf(desk).prepare('SELECT id, kind, entity, row_id, field, kept_value, lost_value FROM sync_conflicts ORDER BY id').all() as Array<Record<string, string | null>>;
const get = async (desk: TestWasl, id: string) => expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.get', { id }));
const update = async (desk: TestWasl, person: BeneficiaryDetail, changes: Partial<BeneficiaryDetail>) => {
  const { id, rowVersion } = person;
  const fields = { ...validFields(), ...pickFields(person), ...changes };
  return expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.update', { id, expectedVersion: rowVersion, fields }));
};

/**
 * The office's record as a desk holds it: every synced row, its sent columns, in a stable order. A
 * user name is a desk's own (an account signs in where its keyring is, and another desk's account of
 * the same name is known under a longer one), so names are left out.
 */
function recordOf(desk: TestWasl): string {
  const sqlite = sqliteOf(desk);
  const columnsOf = (table: string) => sentColumns(sqlite, table as (typeof SYNCED_TABLES)[number]).filter((column) => !(table === 'users' && column === 'username'));
  return JSON.stringify(SYNCED_TABLES.map((table) => sqlite.prepare(`SELECT ${columnsOf(table).map(sqlName).join(', ')} FROM ${sqlName(table)} ORDER BY id`).all()));
}

beforeAll(async () => {
  server = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
  deskA = await openTestWasl();
  deskB = await openTestWasl();
  const { code } = await createPairingCode(server.database.db, new Date());
  const address = `127.0.0.1:${server.port}`;
  expectOk(await deskA.dispatch('office.pair', { address, fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' }));
  const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}));
  expectOk(await deskB.dispatch('office.pair', { address, fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
  await syncBoth();
}, 120_000);

afterAll(async () => {
  await deskA?.cleanup();
  await deskB?.cleanup();
  await server?.close();
});

describe('two desks taking each other’s changes', () => {
  let person: BeneficiaryDetail;

  it('take each other’s accounts, so that every record names an author the desk knows', () => {
    const usersOf = (desk: TestWasl) => sqliteOf(desk).prepare('SELECT id FROM users ORDER BY id').pluck().all();
    expect(usersOf(deskA)).toEqual(usersOf(deskB));
    expect(conflictsOf(deskA)).toEqual([]);
    expect(sqliteOf(deskB).prepare('SELECT count(*) FROM sync_inbox').pluck().get()).toBe(0);
  });

  it('find at one desk, by name and by ID number, a person registered at the other, with their phones', async () => {
    person = expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'سلطانة', familyName: 'الدوسري' }) }));
    await syncBoth();
    const there = await get(deskB, person.id);
    expect(there).toMatchObject({ fileNumber: person.fileNumber, firstName: 'سلطانة', phones: person.phones, idNumber: person.idNumber });
    const byName = expectOk<SearchResults>(await deskB.dispatch('search.beneficiaries', { query: 'سلطانه الدوسري', limit: 10 }));
    expect(byName.hits.map((hit) => hit.id)).toContain(person.id);
    const byId = expectOk<SearchResults>(await deskB.dispatch('search.beneficiaries', { query: person.idNumber, limit: 10 }));
    expect(byId.hits.map((hit) => hit.id)).toContain(person.id);
  });

  it('keep both officers’ edits of different fields of one file, with no conflict', async () => {
    const [atA, atB] = [await get(deskA, person.id), await get(deskB, person.id)];
    await update(deskA, atA, { address: 'حي المزروعية' });
    await update(deskB, atB, { notes: 'يفضل الاتصال مساءً' });
    await syncBoth();
    for (const desk of [deskA, deskB]) expect(await get(desk, person.id)).toMatchObject({ address: 'حي المزروعية', notes: 'يفضل الاتصال مساءً', phones: person.phones });
    expect(conflictsOf(deskA)).toEqual([]);
    expect(conflictsOf(deskB)).toEqual([]);
  });

  it('keep the later of two edits of the same field on both desks, and the other in one conflict, the same on both', async () => {
    const [atA, atB] = [await get(deskA, person.id), await get(deskB, person.id)];
    await update(deskA, atA, { address: 'حي الراشدية' });
    await update(deskB, atB, { address: 'حي الفيصلية' });
    await syncBoth();
    const [nowA, nowB] = [await get(deskA, person.id), await get(deskB, person.id)];
    expect(nowA.address).toBe('حي الفيصلية');
    expect(nowB.address).toBe(nowA.address);
    expect(conflictsOf(deskA)).toEqual([expect.objectContaining({ kind: 'field', entity: 'beneficiaries', row_id: person.id, field: 'address', kept_value: '"حي الفيصلية"', lost_value: '"حي الراشدية"' })]);
    expect(conflictsOf(deskB)).toEqual(conflictsOf(deskA));
  });

  it('hold every contact logged at either desk, once', async () => {
    const log = async (desk: TestWasl, summary: string) =>
      expectOk(await desk.dispatch('contacts.log', { beneficiaryId: person.id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary }));
    await log(deskA, 'سأل عن موعد الزيارة');
    await log(deskB, 'سأل عن المساعدة');
    await syncBoth();
    const contactsOf = (desk: TestWasl) => sqliteOf(desk).prepare('SELECT summary FROM contacts WHERE beneficiary_id = ? ORDER BY summary').pluck().all(person.id);
    expect(contactsOf(deskA)).toEqual(['سأل عن المساعدة', 'سأل عن موعد الزيارة']);
    expect(contactsOf(deskB)).toEqual(contactsOf(deskA));
    // The figures the reports count from follow the record.
    const countsOf = (desk: TestWasl) => sqliteOf(desk).prepare('SELECT sum(contacts) FROM contact_counts').pluck().get();
    expect(countsOf(deskB)).toBe(countsOf(deskA));
  });

  it('give a request moved at both desks at once the same stage on both, from its steps, and keep the other step as a conflict', async () => {
    const request = expectOk<{ id: string }>(
      await deskA.dispatch('requests.open', { beneficiaryId: person.id, typeId: '019ab9a0-0000-7000-8000-00000000b001', summary: 'يطلب مساعدة مالية لسداد الإيجار' }),
    );
    await syncBoth();
    expectOk(await deskA.dispatch('requests.startReview', { id: request.id }));
    expectOk(await deskB.dispatch('requests.withdraw', { id: request.id, reason: 'عدل عن طلبه' }));
    await syncBoth();
    const stageOf = (desk: TestWasl) => sqliteOf(desk).prepare('SELECT stage, stage_since FROM requests WHERE id = ?').get(request.id);
    expect(stageOf(deskB)).toEqual(stageOf(deskA));
    // Both steps are kept on both desks; the one that came second in the steps' order moved nothing.
    const stepsOf = (desk: TestWasl) => sqliteOf(desk).prepare('SELECT action FROM request_events WHERE request_id = ? ORDER BY at, id').pluck().all(request.id);
    expect(stepsOf(deskA)).toEqual(['received', 'review_started', 'withdrawn']);
    expect(stepsOf(deskB)).toEqual(stepsOf(deskA));
    expect((stageOf(deskA) as { stage: string }).stage).toBe('under_review');
    const stages = (desk: TestWasl) => conflictsOf(desk).filter((conflict) => conflict.kind === 'stage');
    expect(stages(deskA)).toEqual([expect.objectContaining({ entity: 'requests', row_id: request.id, kept_value: '"under_review"', lost_value: '"withdrawn"' })]);
    expect(stages(deskB)).toEqual(stages(deskA));
    // The stage is the steps' to say: its two values are not also a question of a field.
    expect(conflictsOf(deskA).filter((conflict) => conflict.row_id === request.id && conflict.kind === 'field')).toEqual([]);
    const listed = expectOk<ConflictList>(await deskA.dispatch('conflicts.list', {})).conflicts.find((conflict) => conflict.kind === 'stage')!;
    expect(expectError(await deskA.dispatch('conflicts.settle', { id: listed.id, outcome: 'other_kept' }))).toMatchObject({ messageKey: 'conflicts.stepStands' });
    expectOk(await deskA.dispatch('conflicts.settle', { id: listed.id, outcome: 'kept' }));
  });

  it('keep both files of one ID number registered at both desks while apart, and find the duplicate on both', async () => {
    const idNumber = newNationalId();
    const atA = expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields({ idNumber, firstName: 'نورة' }) }));
    const atB = expectOk<BeneficiaryDetail>(await deskB.dispatch('beneficiaries.register', { fields: validFields({ idNumber, firstName: 'نوره' }) }));
    await syncBoth();
    for (const desk of [deskA, deskB]) {
      expect(sqliteOf(desk).prepare('SELECT id FROM beneficiaries WHERE id_number = ? ORDER BY id').pluck().all(idNumber)).toEqual([atA.id, atB.id].toSorted());
      const duplicates = conflictsOf(desk).filter((conflict) => conflict.kind === 'duplicate');
      expect(duplicates).toHaveLength(1);
      expect([duplicates[0]!.kept_value, duplicates[0]!.lost_value].toSorted()).toEqual([JSON.stringify(atA.id), JSON.stringify(atB.id)].toSorted());
    }
    expect(conflictsOf(deskB)).toEqual(conflictsOf(deskA));
  });

  it('let a supervisor take the value that gave way back, at either desk, and the conflict is settled on both', async () => {
    const listed = expectOk<ConflictList>(await deskB.dispatch('conflicts.list', {}));
    const field = listed.conflicts.find((conflict) => conflict.kind === 'field')!;
    expect(field).toMatchObject({ entity: 'beneficiaries', field: 'address', person: { id: person.id }, kept: { value: 'حي الفيصلية' }, lost: { value: 'حي الراشدية' } });
    expect(field.lost.by.displayName).not.toBe('');
    // A settlement that is not one refuses and changes nothing.
    const duplicate = listed.conflicts.find((conflict) => conflict.kind === 'duplicate')!;
    expect(expectError(await deskB.dispatch('conflicts.settle', { id: duplicate.id, outcome: 'other_kept' }))).toMatchObject({ messageKey: 'conflicts.mergeInstead' });
    expect(expectError(await deskB.dispatch('conflicts.settle', { id: '00000000-0000-7000-8000-00000000dead', outcome: 'kept' }))).toMatchObject({ messageKey: 'notFound.conflict' });

    const after = expectOk<ConflictList>(await deskB.dispatch('conflicts.settle', { id: field.id, outcome: 'other_kept' }));
    expect(after.conflicts.map((conflict) => conflict.id)).not.toContain(field.id);
    expect((await get(deskB, person.id)).address).toBe('حي الراشدية');
    expect(expectError(await deskB.dispatch('conflicts.settle', { id: field.id, outcome: 'kept' }))).toMatchObject({ messageKey: 'conflicts.alreadySettled' });
    await syncBoth();
    expect((await get(deskA, person.id)).address).toBe('حي الراشدية');
    expect(expectOk<ConflictList>(await deskA.dispatch('conflicts.list', {})).conflicts.map((conflict) => conflict.id)).not.toContain(field.id);
  });

  it('merge two files of one person: the other file’s records, made at either desk, move to the one kept, and it is gone on both', async () => {
    const duplicate = expectOk<ConflictList>(await deskA.dispatch('conflicts.list', {})).conflicts.find((conflict) => conflict.kind === 'duplicate')!;
    const [kept, merged] = duplicate.files!;
    const log = async (desk: TestWasl, beneficiaryId: string, summary: string) =>
      expectOk(await desk.dispatch('contacts.log', { beneficiaryId, channel: 'in_person', direction: 'incoming', purpose: 'inquiry', summary }));
    await log(deskB, merged.id, 'حضرت تسأل عن الزيارة');
    // Not one of the two files: refused, nothing changes.
    expect(expectError(await deskA.dispatch('conflicts.merge', { id: duplicate.id, keepId: person.id }))).toMatchObject({ code: 'validation' });

    expectOk(await deskA.dispatch('conflicts.merge', { id: duplicate.id, keepId: kept.id }));
    // Meanwhile, before it hears of the merge, desk B logs another contact on the merged file.
    await log(deskB, merged.id, 'اتصلت تسأل عن المساعدة');
    await syncBoth();
    await syncNow(deskB);
    for (const desk of [deskA, deskB]) {
      expect(expectError(await desk.dispatch('beneficiaries.get', { id: merged.id }))).toMatchObject({ code: 'not_found' });
      const summaries = sqliteOf(desk).prepare('SELECT summary FROM contacts WHERE beneficiary_id = ? ORDER BY summary').pluck().all(kept.id);
      expect(summaries).toEqual(['اتصلت تسأل عن المساعدة', 'حضرت تسأل عن الزيارة']);
      expect(sqliteOf(desk).prepare('SELECT count(*) FROM contacts WHERE beneficiary_id = ?').pluck().get(merged.id)).toBe(0);
      expect(sqliteOf(desk).prepare('SELECT into_id FROM beneficiary_merges WHERE merged_id = ?').pluck().get(merged.id)).toBe(kept.id);
      expect(expectOk<ConflictList>(await desk.dispatch('conflicts.list', {})).conflicts.filter((conflict) => conflict.kind === 'duplicate')).toEqual([]);
    }
    const audited = sqliteOf(deskA).prepare("SELECT entity_id, summary FROM audit_log WHERE action = 'beneficiary.merged'").get() as { entity_id: string; summary: string };
    expect(audited.entity_id).toBe(kept.id);
    expect(JSON.parse(audited.summary)).toMatchObject({ mergedId: merged.id, mergedFileNumber: merged.fileNumber });
  });

  it('keep one of a holiday and a request type added at both desks while apart, the first, and what names the other names it', async () => {
    expectOk(await deskA.dispatch('holidays.save', { id: null, date: '2027-03-21', name: 'عيد الفطر' }));
    const typeA = expectOk<{ id: string }>(await deskA.dispatch('requests.saveType', { id: null, code: 'housing_aid', nameAr: 'مساعدة سكن', nameEn: 'Housing aid', needsAuthority: false, targetWorkingDays: 10 }));
    expectOk(await deskB.dispatch('holidays.save', { id: null, date: '2027-03-21', name: 'إجازة عيد الفطر' }));
    const typeB = expectOk<{ id: string }>(await deskB.dispatch('requests.saveType', { id: null, code: 'housing_aid', nameAr: 'دعم السكن', nameEn: 'Housing support', needsAuthority: false, targetWorkingDays: 15 }));
    const onB = expectOk<{ id: string }>(await deskB.dispatch('requests.open', { beneficiaryId: person.id, typeId: typeB.id, summary: 'يطلب دعم السكن' }));
    await syncBoth();
    await syncNow(deskB);
    for (const desk of [deskA, deskB]) {
      expect(sqliteOf(desk).prepare("SELECT name FROM holidays WHERE date = '2027-03-21'").pluck().all()).toEqual(['عيد الفطر']);
      expect(sqliteOf(desk).prepare("SELECT id FROM request_types WHERE code = 'housing_aid'").pluck().all()).toEqual([typeA.id]);
      // The request desk B opened with its own type is of the type every desk kept.
      expect(sqliteOf(desk).prepare('SELECT type_id FROM requests WHERE id = ?').pluck().get(onB.id)).toBe(typeA.id);
      expect(sqliteOf(desk).prepare('SELECT count(*) FROM sync_inbox').pluck().get()).toBe(0);
    }
  });

  it('end with the same record on both desks, nothing held', async () => {
    await syncBoth();
    await syncNow(deskB);
    expect(recordOf(deskB)).toEqual(recordOf(deskA));
    for (const desk of [deskA, deskB]) {
      expect(sqliteOf(desk).prepare('SELECT count(*) FROM sync_inbox').pluck().get()).toBe(0);
      expect((await syncNow(desk)).sync?.problem).toBeNull();
    }
  });
});

describe('a phone one desk edits while the other removes it, each before hearing of the other', () => {
  const deletedConflictsOf = (desk: TestWasl, personId: string) =>
    sqliteOf(desk).prepare(`SELECT id, kept_hlc, kept_user_id, kept_value, lost_hlc, lost_user_id, lost_value FROM sync_conflicts WHERE kind = 'deleted' AND person_id = ? ORDER BY id`).all(personId);
  const phonesOf = (desk: TestWasl, personId: string) => sqliteOf(desk).prepare('SELECT phone FROM beneficiary_phones WHERE beneficiary_id = ? ORDER BY position').pluck().all(personId);
  const twoPhones = async () => {
    const person = expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields({ phones: [newMobile(), newMobile()] }) }));
    await syncBoth();
    return { person, first: person.phones[0]!, edited: expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.get', { id: person.id })).phones[0]!.replace(/\d{3}$/, '999') };
  };

  // One change reaches the office first; the other after it, from a desk that had not heard of it.
  it.each(['removal', 'edit'] as const)('keep the removal, and the edit in one conflict, the same on both desks, when the %s is placed first', async (placedFirst) => {
    const { person, first, edited } = await twoPhones();
    const make = async (desk: TestWasl, change: 'removal' | 'edit') => update(desk, await get(desk, person.id), { phones: change === 'removal' ? [first] : [first, edited] });
    await make(deskB, placedFirst);
    await syncNow(deskB);
    await make(deskA, placedFirst === 'removal' ? 'edit' : 'removal');
    await syncBoth();
    for (const desk of [deskA, deskB]) expect(phonesOf(desk, person.id)).toEqual([first]);
    const conflicts = deletedConflictsOf(deskA, person.id);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ lost_value: expect.stringContaining(edited) });
    expect(deletedConflictsOf(deskB, person.id)).toEqual(conflicts);
    expect(recordOf(deskB)).toEqual(recordOf(deskA));
    // What the desks kept of the row as the office had it went when their changes came back.
    for (const desk of [deskA, deskB]) expect(sqliteOf(desk).prepare('SELECT count(*) FROM sync_office_rows').pluck().get()).toBe(0);
  });

  it('keep nothing of a removed phone once its person is erased, while the removal is still on its way', async () => {
    const { person, first } = await twoPhones();
    const removed = sqliteOf(deskA).prepare('SELECT id FROM beneficiary_phones WHERE beneficiary_id = ? AND phone <> ?').pluck().get(person.id, first) as string;
    await update(deskA, await get(deskA, person.id), { phones: [first] });
    expect(sqliteOf(deskA).prepare('SELECT row_json FROM sync_office_rows WHERE row_id = ?').pluck().get(removed)).toContain(person.id);
    expectOk(await deskA.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب حذف بياناته', confirmFileNumber: person.fileNumber }));
    expect(sqliteOf(deskA).prepare('SELECT count(*) FROM sync_office_rows WHERE row_id = ?').pluck().get(removed)).toBe(0);
    expect(sqliteOf(deskA).prepare('SELECT count(*) FROM sync_office_fields WHERE row_id = ?').pluck().get(removed)).toBe(0);
    await syncBoth();
    expect(recordOf(deskB)).toEqual(recordOf(deskA));
  });

  // The desk that removed it had edited it first, and sent neither: its own edit comes back before its removal.
  it('keep no conflict of a phone a desk edited and then removed, both on their way together', async () => {
    const { person, first, edited } = await twoPhones();
    await update(deskA, await get(deskA, person.id), { phones: [first, edited] });
    await update(deskA, await get(deskA, person.id), { phones: [first] });
    await syncBoth();
    for (const desk of [deskA, deskB]) {
      expect(phonesOf(desk, person.id)).toEqual([first]);
      expect(deletedConflictsOf(desk, person.id)).toEqual([]);
    }
    expect(recordOf(deskB)).toEqual(recordOf(deskA));
  });
});

/** The editable fields of a person's file as the update call takes them. */
function pickFields(person: BeneficiaryDetail) {
  const { id: _id, fileNumber: _file, fullName: _name, eligibility: _e, eligibilityDecidedAt: _d, eligibilityHistory: _h, consentRecordedBy: _c, rowVersion: _v, createdAt: _ca, updatedAt: _ua, ...fields } = person;
  return fields;
}

describe('two desks that each numbered files before they were paired', () => {
  let deskC: TestWasl;
  let deskD: TestWasl;

  afterAll(async () => {
    await deskC?.cleanup();
    await deskD?.cleanup();
  });

  it('keep both files of one number, find the twin on both, and give one a new number that reaches both', async () => {
    deskC = await openTestWasl();
    deskD = await openTestWasl();
    const atC = expectOk<BeneficiaryDetail>(await deskC.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'خالد' }) }));
    const atD = expectOk<BeneficiaryDetail>(await deskD.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'فهد' }) }));
    expect(atC.fileNumber).toBe(atD.fileNumber);

    const otherOffice = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
    try {
      const address = `127.0.0.1:${otherOffice.port}`;
      const { code } = await createPairingCode(otherOffice.database.db, new Date());
      expectOk(await deskC.dispatch('office.pair', { address, fingerprint: otherOffice.fingerprint, code, deskName: 'ج' }));
      const made = expectOk<PairingCodeMade>(await deskC.dispatch('office.newPairingCode', {}));
      expectOk(await deskD.dispatch('office.pair', { address, fingerprint: otherOffice.fingerprint, code: made.code, deskName: 'د' }));
      const round = async () => {
        for (const desk of [deskC, deskD, deskC]) await syncNow(desk);
      };
      await round();

      for (const desk of [deskC, deskD]) {
        expect(sqliteOf(desk).prepare('SELECT id FROM beneficiaries WHERE file_number = ? ORDER BY id').pluck().all(atC.fileNumber)).toEqual([atC.id, atD.id].toSorted());
        expect(sqliteOf(desk).prepare('SELECT count(*) FROM sync_inbox').pluck().get()).toBe(0);
      }
      const twin = expectOk<ConflictList>(await deskD.dispatch('conflicts.list', {})).conflicts.find((conflict) => conflict.kind === 'number')!;
      expect(twin.numbered?.number).toBe(atC.fileNumber);
      expect(twin.numbered?.records.map((record) => record.id).toSorted()).toEqual([atC.id, atD.id].toSorted());
      expect(expectError(await deskD.dispatch('conflicts.settle', { id: twin.id, outcome: 'kept' }))).toMatchObject({ messageKey: 'conflicts.renumberInstead' });

      expectOk(await deskD.dispatch('conflicts.renumber', { id: twin.id, renumberId: atD.id }));
      await round();
      const renumbered = (await get(deskC, atD.id)).fileNumber;
      expect(renumbered).not.toBe(atC.fileNumber);
      expect((await get(deskD, atD.id)).fileNumber).toBe(renumbered);
      expect((await get(deskC, atC.id)).fileNumber).toBe(atC.fileNumber);
      for (const desk of [deskC, deskD]) expect(expectOk<ConflictList>(await desk.dispatch('conflicts.list', {})).conflicts).toEqual([]);
      const audited = JSON.parse(sqliteOf(deskD).prepare("SELECT summary FROM audit_log WHERE action = 'record.renumbered'").pluck().get() as string);
      expect(audited).toEqual({ entity: 'beneficiaries', id: atD.id, from: atC.fileNumber, to: renumbered });

      // A change that cannot be taken is listed for the supervisor with why, never with its values.
      sqliteOf(deskC)
        .prepare(`INSERT INTO sync_inbox (server_seq, op_id, desk_id, user_id, hlc, entity, row_id, action, base_hlc, changed, row_after, received_at)
          VALUES (999999, 'held-op', '00000000000000ee', ?, '2026-12-07T08:00:00.000Z-0000-00000000000000ee', 'contacts', 'missing', 'update', NULL, '["summary"]', '{"summary":"سر"}', '2026-12-07T08:00:00.000Z')`)
        .run(atC.id);
      await syncNow(deskC);
      const held = expectOk<Array<Record<string, unknown>>>(await deskC.dispatch('conflicts.held', {}));
      expect(held).toEqual([{ serverSeq: 999999, entity: 'contacts', action: 'update', reason: 'missing_row', receivedAt: '2026-12-07T08:00:00.000Z' }]);
      expect(JSON.stringify(held)).not.toContain('سر');
      expect((await syncNow(deskC)).sync?.problem).toMatchObject({ messageKey: 'office.operationsHeld', details: { count: 1 } });
    } finally {
      await otherOffice.close();
    }
  });
});

describe('two supervisors who merge one person’s two files at once, each into the other', () => {
  let office: OfficeServer;
  let first: TestWasl;
  let second: TestWasl;
  const each = async () => {
    for (const desk of [first, second, first]) await syncNow(desk);
  };

  beforeAll(async () => {
    office = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
    first = await openTestWasl();
    second = await openTestWasl();
    const { code } = await createPairingCode(office.database.db, new Date());
    const address = `127.0.0.1:${office.port}`;
    expectOk(await first.dispatch('office.pair', { address, fingerprint: office.fingerprint, code, deskName: 'الاستقبال 1' }));
    const made = expectOk<PairingCodeMade>(await first.dispatch('office.newPairingCode', {}));
    expectOk(await second.dispatch('office.pair', { address, fingerprint: office.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
    await each();
  }, 120_000);

  afterAll(async () => {
    await first?.cleanup();
    await second?.cleanup();
    await office?.close();
  });

  it('keep on both desks the file the merge made first kept, with every record of both files, whichever merge the office placed first', async () => {
    for (const firstPlacedFirst of [true, false]) {
      const idNumber = newNationalId();
      const here = expectOk<BeneficiaryDetail>(await first.dispatch('beneficiaries.register', { fields: validFields({ idNumber, firstName: 'نورة' }) }));
      const there = expectOk<BeneficiaryDetail>(await second.dispatch('beneficiaries.register', { fields: validFields({ idNumber, firstName: 'نوره' }) }));
      expectOk(await first.dispatch('contacts.log', { beneficiaryId: here.id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary: 'اتصلت من الملف الأول' }));
      expectOk(await second.dispatch('contacts.log', { beneficiaryId: there.id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary: 'اتصلت من الملف الثاني' }));
      await each();
      const duplicateOn = async (desk: TestWasl) => expectOk<ConflictList>(await desk.dispatch('conflicts.list', {})).conflicts.find((conflict) => conflict.kind === 'duplicate' && conflict.files!.some((file) => file.id === here.id))!;
      // The first desk's supervisor keeps the second file; a moment later the second desk's keeps the first.
      expectOk(await first.dispatch('conflicts.merge', { id: (await duplicateOn(first)).id, keepId: there.id }));
      expectOk(await second.dispatch('conflicts.merge', { id: (await duplicateOn(second)).id, keepId: here.id }));
      if (!firstPlacedFirst) await syncNow(second);
      await each();
      await each();
      for (const desk of [first, second]) {
        const sqlite = sqliteOf(desk);
        expect(sqlite.prepare('SELECT id FROM beneficiaries WHERE id IN (?, ?)').pluck().all(here.id, there.id), `the merge placed ${firstPlacedFirst ? 'first' : 'second'}`).toEqual([there.id]);
        expect(sqlite.prepare('SELECT summary FROM contacts WHERE beneficiary_id = ? ORDER BY summary').pluck().all(there.id)).toEqual(['اتصلت من الملف الأول', 'اتصلت من الملف الثاني']);
        expect(sqlite.prepare('SELECT phone FROM beneficiary_phones WHERE beneficiary_id = ? ORDER BY phone').pluck().all(there.id)).toEqual([...here.phones, ...there.phones].toSorted());
        expect(sqlite.prepare('SELECT merged_id, into_id FROM beneficiary_merges WHERE ? IN (merged_id, into_id)').all(here.id)).toEqual([{ merged_id: here.id, into_id: there.id }]);
        expect(sqlite.prepare('SELECT count(*) FROM sync_inbox').pluck().get()).toBe(0);
        expect(sqlite.prepare(`SELECT count(*) FROM sync_conflicts WHERE kind = 'deleted'`).pluck().get()).toBe(0);
      }
      expect(recordOf(second)).toEqual(recordOf(first));
      expect(conflictsOf(second)).toEqual(conflictsOf(first));
    }
  });

  it('keep a phone both files had, whichever merge the office placed first', async () => {
    for (const firstPlacedFirst of [true, false]) {
      const idNumber = newNationalId();
      const shared = newMobile();
      const here = expectOk<BeneficiaryDetail>(await first.dispatch('beneficiaries.register', { fields: validFields({ idNumber, firstName: 'هيا', phones: [shared] }) }));
      const there = expectOk<BeneficiaryDetail>(await second.dispatch('beneficiaries.register', { fields: validFields({ idNumber, firstName: 'هيا', phones: [shared, newMobile()] }) }));
      await each();
      const duplicateOn = async (desk: TestWasl) => expectOk<ConflictList>(await desk.dispatch('conflicts.list', {})).conflicts.find((conflict) => conflict.kind === 'duplicate' && conflict.files!.some((file) => file.id === here.id))!;
      expectOk(await first.dispatch('conflicts.merge', { id: (await duplicateOn(first)).id, keepId: there.id }));
      expectOk(await second.dispatch('conflicts.merge', { id: (await duplicateOn(second)).id, keepId: here.id }));
      if (!firstPlacedFirst) await syncNow(second);
      await each();
      await each();
      for (const desk of [first, second]) {
        // The file kept shows each of its numbers once.
        expect(expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.get', { id: there.id })).phones, `the merge placed ${firstPlacedFirst ? 'first' : 'second'}`).toEqual(there.phones);
      }
      expect(recordOf(second)).toEqual(recordOf(first));
      // Both files' copies of it are held until the file is next saved, which keeps one.
      const { id, rowVersion, ...kept } = expectOk<BeneficiaryDetail>(await first.dispatch('beneficiaries.get', { id: there.id }));
      expectOk(await first.dispatch('beneficiaries.update', { id, expectedVersion: rowVersion, fields: { ...validFields(), ...pickFields({ id, rowVersion, ...kept }), notes: 'دُمج ملفاها' } }));
      await each();
      for (const desk of [first, second]) expect(sqliteOf(desk).prepare('SELECT phone FROM beneficiary_phones WHERE beneficiary_id = ? ORDER BY position').pluck().all(there.id)).toEqual(there.phones);
    }
  });
});

describe('desks whose clocks differ, within what the office allows and beyond it for a while', () => {
  const MINUTE = 60_000;
  let office: OfficeServer;
  // Four minutes ahead of the office and four behind: eight minutes apart, each within the office's five.
  let ahead: TestWasl;
  let behind: TestWasl;
  const offsets = { ahead: 4 * MINUTE, behind: -4 * MINUTE };
  const all = async () => {
    await syncNow(ahead);
    await syncNow(behind);
    await syncNow(ahead);
  };
  /** The screen locks when a desk's clock jumps past its idle minutes: the officer unlocks it. */
  const setBehindClock = async (offset: number) => {
    offsets.behind = offset;
    const status = await behind.dispatch('office.status', {});
    if (!status.ok && status.error.code === 'locked') expectOk(await behind.dispatch('session.unlock', { password: ADMIN.password }));
  };

  beforeAll(async () => {
    office = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
    ahead = await openTestWasl({ clock: () => new Date(Date.now() + offsets.ahead) });
    behind = await openTestWasl({ clock: () => new Date(Date.now() + offsets.behind) });
    const { code } = await createPairingCode(office.database.db, new Date());
    const address = `127.0.0.1:${office.port}`;
    expectOk(await ahead.dispatch('office.pair', { address, fingerprint: office.fingerprint, code, deskName: 'الاستقبال 1' }));
    const made = expectOk<PairingCodeMade>(await ahead.dispatch('office.newPairingCode', {}));
    expectOk(await behind.dispatch('office.pair', { address, fingerprint: office.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
    await all();
  }, 120_000);

  afterAll(async () => {
    await ahead?.cleanup();
    await behind?.cleanup();
    await office?.close();
  });

  const register = async (desk: TestWasl, overrides: Parameters<typeof validFields>[0] = {}) =>
    expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.register', { fields: validFields(overrides) }));
  const fieldConflictsOf = (desk: TestWasl, rowId: string) => conflictsOf(desk).filter((conflict) => conflict.row_id === rowId);

  it('sort what a desk does after a change it took from a desk eight minutes ahead, so its edit stands on both', async () => {
    const person = await register(ahead);
    await all();
    await update(ahead, await get(ahead, person.id), { address: 'حي المزروعية' });
    await all();
    // The desk behind saw that address and changes it: its edit is the later one, everywhere.
    await update(behind, await get(behind, person.id), { address: 'حي الراشدية' });
    await all();
    for (const desk of [ahead, behind]) expect((await get(desk, person.id)).address).toBe('حي الراشدية');
    expect(fieldConflictsOf(ahead, person.id)).toEqual([]);
    expect(fieldConflictsOf(behind, person.id)).toEqual([]);
  });

  it('take nothing in while a clock runs ten minutes fast, and weigh it all alike once its changes are stamped again', async () => {
    const person = await register(ahead);
    await all();
    await setBehindClock(10 * MINUTE);
    await update(behind, await get(behind, person.id), { address: 'حي الفيصلية' });
    await update(ahead, await get(ahead, person.id), { address: 'حي المبرز' });
    await syncNow(ahead);
    expect((await syncNow(behind)).sync?.problem?.messageKey).toBe('office.clockOff');
    await setBehindClock(-4 * MINUTE);
    await all();
    const [atAhead, atBehind] = [await get(ahead, person.id), await get(behind, person.id)];
    expect(atBehind.address).toBe(atAhead.address);
    expect(fieldConflictsOf(behind, person.id)).toEqual(fieldConflictsOf(ahead, person.id));
    expect(fieldConflictsOf(ahead, person.id)).toHaveLength(1);
    expect(recordOf(behind)).toEqual(recordOf(ahead));
  });

  it('order a request’s steps by when they were made at the desks, not by the desks’ wall clocks', async () => {
    const person = await register(ahead);
    const request = expectOk<{ id: string }>(await ahead.dispatch('requests.open', { beneficiaryId: person.id, typeId: '019ab9a0-0000-7000-8000-00000000b001', summary: 'يطلب مساعدة مالية' }));
    await all();
    // Written at the desk behind, its step's wall-clock time is before the request's own.
    expectOk(await behind.dispatch('requests.startReview', { id: request.id }));
    await all();
    const stageOf = (desk: TestWasl) => sqliteOf(desk).prepare('SELECT stage FROM requests WHERE id = ?').pluck().get(request.id);
    expect(stageOf(ahead)).toBe('under_review');
    expect(stageOf(behind)).toBe('under_review');
    expect(fieldConflictsOf(ahead, request.id)).toEqual([]);
  });

  it('find one duplicate, the same on both desks, when the first file was edited before the second arrived', async () => {
    const idNumber = newNationalId();
    const first = await register(ahead, { idNumber });
    await update(ahead, first, { notes: 'زار المقر' });
    await register(behind, { idNumber });
    await all();
    const duplicates = (desk: TestWasl) => conflictsOf(desk).filter((conflict) => conflict.kind === 'duplicate' && (conflict.kept_value === JSON.stringify(first.id) || conflict.lost_value === JSON.stringify(first.id)));
    expect(duplicates(ahead)).toHaveLength(1);
    expect(duplicates(behind)).toEqual(duplicates(ahead));
    const personOf = (desk: TestWasl) => sqliteOf(desk).prepare('SELECT person_id FROM sync_conflicts WHERE id = ?').pluck().get(duplicates(desk)[0]!.id);
    expect(personOf(behind)).toBe(personOf(ahead));
  });

  it('send a person erased before their file was sent, erased, with the records the erasure left', async () => {
    const person = await register(ahead, { firstName: 'مشاعل' });
    expectOk(await ahead.dispatch('contacts.log', { beneficiaryId: person.id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary: 'سألت عن الزيارة' }));
    const request = expectOk<{ id: string }>(await ahead.dispatch('requests.open', { beneficiaryId: person.id, typeId: '019ab9a0-0000-7000-8000-00000000b001', summary: 'تطلب مساعدة' }));
    expectOk(await ahead.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلبت حذف بياناتها', confirmFileNumber: person.fileNumber }));
    await all();
    expect(sqliteOf(behind).prepare('SELECT erased_at IS NOT NULL FROM beneficiaries WHERE id = ?').pluck().get(person.id)).toBe(1);
    const stepsOf = (desk: TestWasl) => sqliteOf(desk).prepare('SELECT action FROM request_events WHERE request_id = ? ORDER BY id').pluck().all(request.id);
    expect(stepsOf(behind)).toEqual(stepsOf(ahead));
    expect(stepsOf(behind).length).toBeGreaterThan(0);
    expect(sqliteOf(behind).prepare('SELECT count(*) FROM sync_inbox').pluck().get()).toBe(0);
    expect(JSON.stringify(sqliteOf(behind).prepare('SELECT * FROM beneficiaries WHERE id = ?').get(person.id))).not.toContain('مشاعل');
  });

  it('erase on both desks what one desk recorded for a person while their erasure, made at the other, was on its way, whichever the office placed first', async () => {
    for (const erasureFirst of [true, false]) {
      const person = await register(ahead, { firstName: 'مشاعل' });
      await all();
      expectOk(await behind.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلبت حذف بياناتها', confirmFileNumber: person.fileNumber }));
      const contact = expectOk<{ id: string }>(await ahead.dispatch('contacts.log', { beneficiaryId: person.id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary: 'ما قالته قبل أن تُمحى' }));
      const request = expectOk<{ id: string }>(await ahead.dispatch('requests.open', { beneficiaryId: person.id, typeId: '019ab9a0-0000-7000-8000-00000000b001', summary: 'طلب لا يبقى نصه' }));
      if (erasureFirst) await syncNow(behind);
      await all();
      await all();
      for (const desk of [ahead, behind]) {
        const kept = JSON.stringify([sqliteOf(desk).prepare('SELECT * FROM contacts WHERE id = ?').get(contact.id), sqliteOf(desk).prepare('SELECT * FROM requests WHERE id = ?').get(request.id)]);
        expect(kept, `erasure placed ${erasureFirst ? 'first' : 'second'}`).not.toContain('ما قالته قبل أن تُمحى');
        expect(kept).not.toContain('طلب لا يبقى نصه');
        expect(sqliteOf(desk).prepare('SELECT count(*) FROM contacts WHERE id = ?').pluck().get(contact.id)).toBe(1);
        expect(sqliteOf(desk).prepare('SELECT count(*) FROM sync_inbox').pluck().get()).toBe(0);
      }
      expect(recordOf(behind)).toEqual(recordOf(ahead));
    }
  });

  it('keep nothing of a person’s fields as the office had them once the desk whose edit of them was on its way erases them', async () => {
    const person = await register(ahead, { firstName: 'مشاعل', address: 'حي الراشدية' });
    await all();
    await update(ahead, await get(ahead, person.id), { address: 'حي المزروعية' });
    const keptOf = () => sqliteOf(ahead).prepare('SELECT count(*) FROM sync_office_fields WHERE row_id = ?').pluck().get(person.id);
    expect(keptOf()).toBeGreaterThan(0);
    expectOk(await ahead.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلبت حذف بياناتها', confirmFileNumber: person.fileNumber }));
    expect(keptOf()).toBe(0);
    await all();
    for (const desk of [ahead, behind]) expect(JSON.stringify(sqliteOf(desk).prepare('SELECT * FROM sync_office_fields').all())).not.toContain('حي الراشدية');
  });

  it('keep an erasure over a later edit made at another desk without seeing it, and keep nothing of that edit', async () => {
    const person = await register(ahead);
    await all();
    expectOk(await behind.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب حذف بياناته', confirmFileNumber: person.fileNumber }));
    await update(ahead, await get(ahead, person.id), { address: 'حي العزيزية' });
    await all();
    for (const desk of [ahead, behind]) {
      expect(sqliteOf(desk).prepare('SELECT erased_at IS NOT NULL AS erased, address FROM beneficiaries WHERE id = ?').get(person.id)).toEqual({ erased: 1, address: null });
      expect(sqliteOf(desk).prepare('SELECT count(*) FROM sync_conflicts WHERE person_id = ? OR row_id = ?').pluck().get(person.id, person.id)).toBe(0);
    }
    expect(recordOf(behind)).toEqual(recordOf(ahead));
  });
});
