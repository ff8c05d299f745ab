// The rules a paired desk takes the office's changes by, on real encrypted databases: the same
// changes in two orders leave the same record and the same conflicts; a deletion is final and an edit
// that raced it becomes a conflict; a change that cannot be taken yet is held with why and taken once
// it can; a change with values no column holds is held, and nothing of it is written; on a desk at
// work: a step to an unknown stage, a row of a person erased meanwhile, a change its author's role may
// not make.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { applyReceived } from '../../electron/services/sync/apply';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { expectOk, openTestWasl, tempDir, validFields, type TestWasl } from '../support/database';
import { onePagePdf } from '../support/scans';

const SYSTEM = '00000000-0000-7000-8000-000000000001';
const OTHER_DESK = '00000000000000bb';
const THIRD_DESK = '00000000000000cc';
const ROW = '01a24ebc-0000-7000-8000-0000000000f1';
const NOW = () => new Date('2026-12-07T09:00:00.000Z');
const STAMPS = { created_at: '2026-12-07T08:00:00.000Z', updated_at: '2026-12-07T08:00:00.000Z', created_by: SYSTEM, updated_by: SYSTEM };

interface Change {
  seq: number;
  desk?: string;
  minute: number;
  entity?: string;
  action: 'insert' | 'update' | 'delete';
  base?: number | null;
  /** The desk whose change the base is (the other desk unless said). */
  baseDesk?: string;
  changed?: string[];
  after?: Record<string, unknown> | null;
}

const hlc = (minute: number, desk: string) => `2026-12-07T08:${String(minute).padStart(2, '0')}:00.000Z-0000-${desk}`;

let folders: string[] = [];
let opened: OpenedDatabase[] = [];

function newDesk(): OpenedDatabase {
  const folder = tempDir();
  folders.push(folder);
  const desk = openDatabase(join(folder, 'wasl.db'), { key: randomBytes(32) });
  migrate(desk.sqlite);
  opened.push(desk);
  return desk;
}

function receive(desk: OpenedDatabase, changes: Change[]): void {
  const insert = desk.sqlite.prepare(`INSERT INTO sync_inbox (server_seq, op_id, desk_id, user_id, hlc, entity, row_id, action, base_hlc, changed, row_after, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const change of changes) {
    const desk_ = change.desk ?? OTHER_DESK;
    insert.run(
      change.seq,
      `op-${change.seq}`,
      desk_,
      SYSTEM,
      hlc(change.minute, desk_),
      change.entity ?? 'authorities',
      ROW,
      change.action,
      change.base === undefined || change.base === null ? null : hlc(change.base, change.baseDesk ?? OTHER_DESK),
      change.changed ? JSON.stringify(change.changed) : null,
      change.after === undefined || change.after === null ? null : JSON.stringify(change.after),
      NOW().toISOString(),
    );
  }
}

const apply = (desk: OpenedDatabase, ownDeskId = '00000000000000aa') => applyReceived(desk.sqlite, desk.capture, ownDeskId, NOW);
const authority = (desk: OpenedDatabase) => desk.sqlite.prepare('SELECT name_ar, name_en FROM authorities WHERE id = ?').get(ROW);
const conflicts = (desk: OpenedDatabase) =>
  desk.sqlite.prepare('SELECT id, kind, field, kept_value, lost_value FROM sync_conflicts ORDER BY id').all() as Array<{ id: string; kind: string; field: string | null; kept_value: string; lost_value: string }>;
const held = (desk: OpenedDatabase) => desk.sqlite.prepare('SELECT server_seq, held_reason FROM sync_inbox ORDER BY server_seq').all();

const inserted: Change = { seq: 1, minute: 1, action: 'insert', after: { id: ROW, name_ar: 'جهة', name_en: 'Authority', active: 1, ...STAMPS } };
const renamedHere: Change = { seq: 2, minute: 3, action: 'update', base: 1, changed: ['name_ar'], after: { id: ROW, name_ar: 'جهة أولى', name_en: 'Authority', active: 1, ...STAMPS } };
const renamedThere: Change = { seq: 3, desk: THIRD_DESK, minute: 2, action: 'update', base: 1, changed: ['name_ar'], after: { id: ROW, name_ar: 'جهة ثانية', name_en: 'Authority', active: 1, ...STAMPS } };
const translated: Change = { seq: 4, desk: THIRD_DESK, minute: 4, action: 'update', base: 1, changed: ['name_en'], after: { id: ROW, name_ar: 'جهة', name_en: 'First authority', active: 1, ...STAMPS } };

beforeEach(() => {
  folders = [];
  opened = [];
});

afterEach(async () => {
  for (const desk of opened) await desk.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('taking the office’s changes', () => {
  it('leaves the same record and the same conflicts whatever order two desks met the changes in', () => {
    const [first, second] = [newDesk(), newDesk()];
    receive(first, [inserted, renamedHere, renamedThere, translated]);
    expect(apply(first)).toMatchObject({ applied: 4, held: 0, conflicts: 1 });
    // The second desk meets the other desk's rename first, in another round.
    receive(second, [inserted, { ...renamedThere, seq: 2 }]);
    apply(second);
    receive(second, [{ ...renamedHere, seq: 3 }, translated]);
    apply(second);
    for (const desk of [first, second]) {
      // The later rename wins, the other edit of another field stays.
      expect(authority(desk)).toEqual({ name_ar: 'جهة أولى', name_en: 'First authority' });
      expect(conflicts(desk)).toEqual([expect.objectContaining({ kind: 'field', field: 'name_ar', kept_value: '"جهة أولى"', lost_value: '"جهة ثانية"' })]);
    }
    expect(conflicts(second)).toEqual(conflicts(first));
  });

  it('finds the same conflicts at a desk that made one of three edits of a field made apart as at a desk that made none', () => {
    const [maker, observer] = [newDesk(), newDesk()];
    const own = '00000000000000aa';
    const edit = (seq: number, minute: number, base: number, desk: string, name: string): Change => ({
      seq,
      desk,
      minute,
      action: 'update',
      base,
      changed: ['name_ar'],
      after: { ...inserted.after, name_ar: name },
    });
    // The observer is a fourth desk.
    const take = (desk: OpenedDatabase) => apply(desk, desk === maker ? own : '00000000000000dd');
    for (const desk of [maker, observer]) {
      receive(desk, [inserted]);
      take(desk);
    }
    // The maker's edit, in its record at once: the office places it after two others' made apart from it.
    const capture = maker.capture;
    Object.assign(capture, { enabled: true, newOpId: () => 'own-edit', nextHlc: () => hlc(3, own), actor: () => SYSTEM });
    maker.sqlite.prepare('UPDATE authorities SET name_ar = ? WHERE id = ?').run('ع', ROW);
    capture.enabled = false;
    // X and V made apart from it and from each other, its own edit Z, and then Y made after seeing V.
    const x = edit(2, 2, 1, OTHER_DESK, 'س');
    const v = edit(3, 5, 1, THIRD_DESK, 'ف');
    const z = edit(4, 3, 1, own, 'ع');
    const y = { ...edit(5, 6, 5, OTHER_DESK, 'ص'), baseDesk: THIRD_DESK };
    for (const desk of [maker, observer]) {
      receive(desk, [x, v, z, y]);
      take(desk);
    }
    expect(authority(maker)).toEqual({ name_ar: 'ص', name_en: 'Authority' });
    expect(authority(observer)).toEqual(authority(maker));
    // Each edit made without seeing the value it met in the office's order is one conflict with it.
    expect(conflicts(observer).map((conflict) => [conflict.kept_value, conflict.lost_value]).toSorted()).toEqual([
      ['"ف"', '"س"'],
      ['"ف"', '"ع"'],
    ]);
    expect(conflicts(maker)).toEqual(conflicts(observer));
    expect(maker.sqlite.prepare('SELECT count(*) FROM sync_office_fields').pluck().get()).toBe(0);
  });

  it('keeps a deleted row deleted: an edit that raced the deletion becomes a conflict, an older insert does not bring it back', () => {
    const desk = newDesk();
    receive(desk, [inserted, { seq: 2, minute: 5, action: 'delete', base: 1, after: null }, { ...renamedHere, seq: 3 }]);
    apply(desk);
    expect(authority(desk)).toBeUndefined();
    expect(conflicts(desk)).toEqual([expect.objectContaining({ kind: 'deleted', field: null, kept_value: 'null', lost_value: JSON.stringify({ name_ar: 'جهة أولى' }) })]);
    receive(desk, [{ ...inserted, seq: 4 }]);
    apply(desk);
    expect(authority(desk)).toBeUndefined();
  });

  it('holds a change whose row has not arrived, with why, and takes it once the row is there', () => {
    const desk = newDesk();
    receive(desk, [{ ...translated, seq: 1 }]);
    expect(apply(desk)).toMatchObject({ applied: 0, held: 1 });
    expect(held(desk)).toEqual([{ server_seq: 1, held_reason: 'missing_row' }]);
    receive(desk, [{ ...inserted, seq: 2 }]);
    apply(desk);
    apply(desk);
    expect(held(desk)).toEqual([]);
    expect(authority(desk)).toEqual({ name_ar: 'جهة', name_en: 'First authority' });
  });

  it('holds, and writes nothing of, a change with a value no column holds, a column or a table this desk does not know, or one a rule refuses', () => {
    const desk = newDesk();
    receive(desk, [
      { ...inserted, after: { ...inserted.after, name_en: { nested: true } } },
      { ...inserted, seq: 2, after: { ...inserted.after, unknown_column: 1 } },
      { ...inserted, seq: 3, entity: 'a_newer_versions_table' },
      // A rule of the table: an authority is active or not.
      { ...inserted, seq: 4, after: { ...inserted.after, active: 5 } },
    ]);
    expect(apply(desk)).toMatchObject({ applied: 0, held: 4 });
    expect(held(desk)).toEqual([
      { server_seq: 1, held_reason: 'value' },
      { server_seq: 2, held_reason: 'unknown_column' },
      { server_seq: 3, held_reason: 'unknown_table' },
      { server_seq: 4, held_reason: expect.stringContaining('refused: CHECK') },
    ]);
    expect(authority(desk)).toBeUndefined();
    expect(desk.sqlite.prepare('SELECT count(*) FROM sync_row_versions').pluck().get()).toBe(0);
  });

  it('takes nothing of the desk’s own changes it holds, gives back those its database lost, and queues nothing of what it takes', () => {
    const desk = newDesk();
    const own = '00000000000000aa';
    // Its own insertion, held here already (its version is the change's time): nothing to take.
    desk.sqlite.prepare('INSERT INTO authorities (id, name_ar, name_en, active, created_at, updated_at, created_by, updated_by) VALUES (?, ?, ?, 1, ?, ?, ?, ?)').run(ROW, 'جهة محلية', 'Local', STAMPS.created_at, STAMPS.updated_at, SYSTEM, SYSTEM);
    desk.sqlite.prepare("INSERT INTO sync_row_versions (entity, row_id, hlc, deleted, user_id, born_hlc) VALUES ('authorities', ?, ?, 0, ?, ?)").run(ROW, hlc(1, own), SYSTEM, hlc(1, own));
    desk.capture.enabled = true;
    receive(desk, [{ ...inserted, desk: own }]);
    apply(desk);
    expect(authority(desk)).toEqual({ name_ar: 'جهة محلية', name_en: 'Local' });
    // Its own rename, lost when its database was put back from an older copy: the office gives it back, with no conflict.
    receive(desk, [{ ...renamedHere, seq: 2, desk: own, after: { ...renamedHere.after, name_ar: 'جهة أعيدت' } }]);
    apply(desk);
    expect(authority(desk)).toEqual({ name_ar: 'جهة أعيدت', name_en: 'Local' });
    expect(conflicts(desk)).toEqual([]);
    expect(desk.capture.enabled).toBe(true);
    expect(desk.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
  });
});

describe('taking the office’s changes into a desk at work', () => {
  let desk: TestWasl;
  let person: BeneficiaryDetail;
  let request: { id: string };
  let officerId: string;
  let serial = 100;

  const sqlite = () => desk.wasl.desk.openDatabase!.sqlite;
  const take = () => applyReceived(sqlite(), desk.wasl.desk.openDatabase!.capture, '00000000000000aa', NOW);
  /** A change from another desk, authored by `userId`, in the office's order after everything before. */
  function received(change: { userId: string; entity: string; rowId: string; action: 'insert' | 'update' | 'delete'; changed?: string[]; after: Record<string, unknown> | null; hlc?: string }): number {
    serial += 1;
    sqlite()
      .prepare(`INSERT INTO sync_inbox (server_seq, op_id, desk_id, user_id, hlc, entity, row_id, action, base_hlc, changed, row_after, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`)
      .run(serial, `op-${serial}`, OTHER_DESK, change.userId, change.hlc ?? `2026-12-07T09:00:00.000Z-${serial.toString(16).padStart(4, '0')}-${OTHER_DESK}`, change.entity, change.rowId, change.action, change.changed ? JSON.stringify(change.changed) : null, change.after === null ? null : JSON.stringify(change.after), NOW().toISOString());
    return serial;
  }
  const heldReason = (seq: number) => sqlite().prepare('SELECT held_reason FROM sync_inbox WHERE server_seq = ?').pluck().get(seq);
  const rowOf = (table: string, id: string) => sqlite().prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown>;

  beforeEach(async () => {
    desk = await openTestWasl();
    person = expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.register', { fields: validFields() }));
    request = expectOk<{ id: string }>(await desk.dispatch('requests.open', { beneficiaryId: person.id, typeId: '019ab9a0-0000-7000-8000-00000000b001', summary: 'يطلب مساعدة' }));
    officerId = expectOk<{ id: string }>(await desk.dispatch('users.create', { username: 'officer.one', displayName: 'موظف', role: 'officer', password: 'a long pass phrase here' })).id;
  });
  afterEach(async () => {
    await desk.cleanup();
  });

  it('holds a step to a stage it does not know, keeps the case where its steps leave it, and takes every other change', () => {
    const step = rowOf('request_events', (sqlite().prepare('SELECT id FROM request_events WHERE request_id = ?').pluck().get(request.id) as string));
    const bogus = received({ userId: desk.adminId, entity: 'request_events', rowId: '01a24ebc-0000-7000-8000-0000000000e1', action: 'insert', after: { ...step, seq: undefined, id: '01a24ebc-0000-7000-8000-0000000000e1', action: 'review_started', from_stage: 'received', to_stage: 'bogus', at: '2026-12-07T09:00:00.000Z' } });
    const authority = received({ userId: desk.adminId, entity: 'authorities', rowId: ROW, action: 'insert', after: inserted.after! });
    expect(() => take()).not.toThrow();
    expect(heldReason(bogus)).toBeUndefined();
    expect(heldReason(authority)).toBeUndefined();
    expect(rowOf('requests', request.id).stage).toBe('received');
    expect(rowOf('authorities', ROW)).toBeDefined();
  });

  it('keeps one stage conflict for a step that moved nothing, naming the move before it in the steps’ order, whatever order the steps came in', () => {
    const first = rowOf('request_events', sqlite().prepare('SELECT id FROM request_events WHERE request_id = ?').pluck().get(request.id) as string);
    const step = (id: string, action: string, from: string, to: string, minute: number) => ({
      userId: desk.adminId,
      entity: 'request_events',
      rowId: id,
      action: 'insert' as const,
      after: { ...first, seq: undefined, id, action, from_stage: from, to_stage: to, outcome: action === 'decided' ? 'approved' : null, at: `2026-12-07T09:0${minute}:00.000Z` },
      hlc: `2026-12-07T09:0${minute}:00.000Z-0000-${OTHER_DESK}`,
    });
    // The review started, and a withdrawal from before it that came too late to move anything.
    received(step('01a24ebc-0000-7000-8000-0000000000e3', 'review_started', 'received', 'under_review', 3));
    received(step('01a24ebc-0000-7000-8000-0000000000e5', 'withdrawn', 'received', 'withdrawn', 5));
    take();
    // Then a decision made between the two, received after both: the withdrawal now follows it.
    received(step('01a24ebc-0000-7000-8000-0000000000e4', 'decided', 'under_review', 'decided', 4));
    take();
    const stageConflicts = sqlite().prepare(`SELECT kept_value, lost_value FROM sync_conflicts WHERE kind = 'stage' AND row_id = ?`).all(request.id);
    expect(stageConflicts).toEqual([{ kept_value: '"decided"', lost_value: '"withdrawn"' }]);
    expect(rowOf('requests', request.id).stage).toBe('decided');
  });

  it('takes a contact logged for a person erased meanwhile as the erasure leaves contacts, and keeps nothing of what it said', async () => {
    expectOk(await desk.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب الشخص حذف بياناته', confirmFileNumber: person.fileNumber }));
    const id = '01a24ebc-0000-7000-8000-0000000000c1';
    const base = { id, beneficiary_id: person.id, person_name: null, person_phone: null, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary: 'سرّ لا يبقى', occurred_at: '2026-12-07T08:59:00.000Z', duration_minutes: null, officer_id: desk.adminId, phone_number: '0551234567', platform: null, handle: null, web_reference: null, letter_id: null, not_beneficiary_at: null, not_beneficiary_by: null, not_beneficiary_reason: null, ...STAMPS, created_by: desk.adminId, updated_by: desk.adminId };
    received({ userId: desk.adminId, entity: 'contacts', rowId: id, action: 'insert', after: base });
    take();
    const taken = rowOf('contacts', id);
    expect(taken).toBeDefined();
    expect(JSON.stringify(taken)).not.toContain('سرّ لا يبقى');
    expect(JSON.stringify(taken)).not.toContain('0551234567');
  });

  it('erases here, when an erasure arrives, what this desk recorded of the person that the erasing desk did not know of', async () => {
    const logged = expectOk<{ id: string }>(await desk.dispatch('contacts.log', { beneficiaryId: person.id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary: 'ما قاله قبل أن يُمحى' }));
    const { seq: _seq, name_normalized: _folded, ...file } = rowOf('beneficiaries', person.id);
    received({ userId: desk.adminId, entity: 'beneficiaries', rowId: person.id, action: 'update', changed: ['erased_at', 'first_name'], after: { ...file, first_name: '—', erased_at: '2026-12-07T09:00:00.000Z' } });
    take();
    expect(rowOf('beneficiaries', person.id).erased_at).toBe('2026-12-07T09:00:00.000Z');
    expect(JSON.stringify(rowOf('contacts', logged.id))).not.toContain('ما قاله قبل أن يُمحى');
    expect(sqlite().prepare('SELECT count(*) FROM beneficiary_phones WHERE beneficiary_id = ?').pluck().get(person.id)).toBe(0);
  });

  it('erases the scan of a letter of a person erased at another desk, filed here before the erasure arrived or received after it', async () => {
    const fileLetter = async (beneficiaryId: string) =>
      expectOk<{ id: string }>(
        await desk.dispatch('letters.register', {
          direction: 'incoming',
          number: `${serial}/ب/1448`,
          letterDate: '2026-11-20',
          authorityId: '019ab9a0-0000-7000-8000-00000000a001',
          subject: 'موضوع الخطاب',
          beneficiaryId,
          scan: { fileName: 'سر-الملف.pdf', contentBase64: onePagePdf('wasl-secret-scan').toString('base64') },
        }),
      );
    const eraseThere = (personId: string) => {
      const { seq: _seq, name_normalized: _folded, ...file } = rowOf('beneficiaries', personId);
      received({ userId: desk.adminId, entity: 'beneficiaries', rowId: personId, action: 'update', changed: ['erased_at', 'first_name'], after: { ...file, first_name: '—', erased_at: '2026-12-07T09:00:00.000Z' } });
    };
    const scanOf = (letterId: string) => rowOf('attachments', String(rowOf('letters', letterId).scan_id));
    // Filed here, then the erasure made at another desk arrives.
    const filedBefore = await fileLetter(person.id);
    eraseThere(person.id);
    take();
    expect(scanOf(filedBefore.id)).toMatchObject({ file_name: '', content: null, erased_at: '2026-12-07T09:00:00.000Z' });
    // Erased at another desk, and a letter filed there before the erasure arrives here after it.
    const other = expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.register', { fields: validFields() }));
    const template = await fileLetter(other.id);
    const { seq: _letterSeq, ...letter } = rowOf('letters', template.id);
    const { seq: _scanSeq, content: _bytes, ...scan } = scanOf(template.id);
    eraseThere(other.id);
    const scanId = '01a24ebc-0000-7000-8000-0000000000a9';
    received({ userId: desk.adminId, entity: 'attachments', rowId: scanId, action: 'insert', after: { ...scan, id: scanId, file_name: 'سر-آخر.pdf' } });
    received({ userId: desk.adminId, entity: 'letters', rowId: '01a24ebc-0000-7000-8000-0000000000b9', action: 'insert', after: { ...letter, id: '01a24ebc-0000-7000-8000-0000000000b9', number: '99/ب/1448', scan_id: scanId } });
    take();
    expect(rowOf('attachments', scanId)).toMatchObject({ file_name: '', erased_at: '2026-12-07T09:00:00.000Z' });
  });

  it('keeps nothing held of a person once they are erased: neither what was held before the erasure nor what cannot be taken after it', () => {
    const contactOf = (id: string, summary: string) => ({ id, beneficiary_id: person.id, channel: 'phone', direction: 'incoming', purpose: 'inquiry', summary, ...STAMPS });
    // Changes of contacts this desk has not received: held, with what they say.
    const before = received({ userId: desk.adminId, entity: 'contacts', rowId: '01a24ebc-0000-7000-8000-0000000000c2', action: 'update', changed: ['summary'], after: contactOf('01a24ebc-0000-7000-8000-0000000000c2', 'سرّ قبل المحو') });
    take();
    expect(heldReason(before)).toBe('missing_row');
    const { seq: _seq, name_normalized: _folded, ...file } = rowOf('beneficiaries', person.id);
    received({ userId: desk.adminId, entity: 'beneficiaries', rowId: person.id, action: 'update', changed: ['erased_at', 'first_name'], after: { ...file, first_name: '—', erased_at: '2026-12-07T09:00:00.000Z' } });
    const after = received({ userId: desk.adminId, entity: 'contacts', rowId: '01a24ebc-0000-7000-8000-0000000000c3', action: 'update', changed: ['summary'], after: contactOf('01a24ebc-0000-7000-8000-0000000000c3', 'سرّ بعد المحو') });
    take();
    expect(rowOf('beneficiaries', person.id).erased_at).toBe('2026-12-07T09:00:00.000Z');
    expect(heldReason(before)).toBeUndefined();
    expect(heldReason(after)).toBeUndefined();
    const inbox = JSON.stringify(sqlite().prepare('SELECT * FROM sync_inbox').all());
    expect(inbox).not.toContain('سرّ قبل المحو');
    expect(inbox).not.toContain('سرّ بعد المحو');
  });

  it('holds, with which value another row holds, an inquiry asked in a contact another inquiry was asked in, and an account renamed to another’s user name', async () => {
    const asked = expectOk<{ inquiry: { id: string }; contact: { id: string } }>(
      await desk.dispatch('inquiries.ask', { contact: { beneficiaryId: person.id, channel: 'phone', direction: 'incoming', summary: 'متى موعد الزيارة؟' }, answer: null, articleId: null }),
    );
    const { seq: _seq, ...inquiry } = rowOf('inquiries', asked.inquiry.id);
    const twin = received({ userId: desk.adminId, entity: 'inquiries', rowId: '01a24ebc-0000-7000-8000-0000000000d1', action: 'insert', after: { ...inquiry, id: '01a24ebc-0000-7000-8000-0000000000d1' } });
    const { seq: _userSeq, last_sign_in_at: _signedIn, ...officer } = rowOf('users', officerId);
    const renamed = received({ userId: desk.adminId, entity: 'users', rowId: officerId, action: 'update', changed: ['username'], after: { ...officer, username: rowOf('users', desk.adminId).username } });
    const authority = received({ userId: desk.adminId, entity: 'authorities', rowId: ROW, action: 'insert', after: inserted.after! });
    expect(() => take()).not.toThrow();
    expect(heldReason(twin)).toBe('contact_has_inquiry');
    expect(heldReason(renamed)).toBe('username_taken');
    expect(heldReason(authority)).toBeUndefined();
    expect(rowOf('users', officerId).username).toBe('officer.one');
  });

  it('holds an account made administrator, or a row given another id, by an author this desk does not know to be an administrator', () => {
    const officer = rowOf('users', officerId);
    const promoted = received({ userId: officerId, entity: 'users', rowId: officerId, action: 'update', changed: ['role'], after: { ...officer, role: 'administrator', last_sign_in_at: undefined, must_change_password: undefined } });
    const renamed = received({ userId: desk.adminId, entity: 'authorities', rowId: '019ab9a0-0000-7000-8000-00000000a001', action: 'update', changed: ['id'], after: { ...rowOf('authorities', '019ab9a0-0000-7000-8000-00000000a001'), id: 'hijacked' } });
    take();
    expect(heldReason(promoted)).toBe('not_allowed');
    expect(heldReason(renamed)).toBe('id');
    expect(rowOf('users', officerId).role).toBe('officer');
    expect(rowOf('authorities', '019ab9a0-0000-7000-8000-00000000a001')).toBeDefined();
  });
});
