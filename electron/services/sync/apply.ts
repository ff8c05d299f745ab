import type Database from 'better-sqlite3-multiple-ciphers';
import type { SyncInboxTable } from '../../../db/schema';
import { copyOfPerson, rowsOfPerson, STAMP_COLUMNS, SYNCED_TABLES, sqlName, type CaptureSwitch, type SyncedTable } from '../../../db/sync-capture';
import { asErased, eraseRowsOfPerson, eraseScansOfPerson, isErasure, personOfRow } from './erasure-rules';
import { keepConflict, type FoundConflict } from './found-conflicts';
import { deleteRow, insertRow, mergedInto, moveRowsOfPerson, prepared, sameValue, tableShape, updateRow, type Row, type TableShape, type Value } from './rows';
import { CASE_STEPS, caseTouched, replaySteps, type CaseTable } from './stage-replay';

/**
 * How a paired desk takes the office's changes into its own record, in the office's order, by the
 * same rules on every desk, so that every desk ends with the same record whatever order it met the
 * changes in:
 * - a field holds the value of the latest change that wrote it (by hybrid-logical-clock time), last
 *   writer wins field by field, so two officers' edits of different fields of one file both stay;
 * - when a change was made without its writer having seen the value the field held just before it in
 *   the office's order (its base is older: two officers changed the same field), the two are kept in
 *   a conflict for a supervisor, the same on every desk, the desk that made one of them too (weighField);
 * - a new row is added once, whoever sends it first (contacts, events, letters: a union by id);
 * - a deletion is final: its tombstone keeps an older change from bringing the row back, and an edit
 *   its writer made without seeing the deletion becomes a conflict (the edit's values are kept there);
 * - the same ID number registered on two desks while apart: both files stay, and a duplicate goes to a
 *   supervisor to merge.
 * A change that cannot be taken yet (the row it changes is missing, a rule of the table refuses it)
 * stays in the inbox with why, and is tried again at the next round: nothing received is ever dropped.
 * The desk's own changes come back from the office too: they are in its record already.
 */

/** A received change, as sync_inbox keeps it. */
type Received = SyncInboxTable;

export interface Applied {
  /** Changes taken into the record (the desk's own included). */
  applied: number;
  /** Changes that could not be taken yet, still in the inbox. */
  held: number;
  /** Conflicts found for a supervisor. */
  conflicts: number;
}

/**
 * Whether two values of a column are a supervisor's question: not the stamps, nor a case's stage,
 * which its steps give (replaySteps), with its own conflict when two desks moved it at once.
 */
const isQuestion = (table: string, column: string) =>
  !STAMP_COLUMNS.has(column) && !(table in CASE_STEPS && (column === 'stage' || column === 'stage_since')) && !(table === 'users' && PASSWORD_COLUMNS.has(column));

/**
 * An account's password as the office shares it (its wrap of the office's key, whether it must be
 * replaced): the newest one set, at whichever desk, is the account's; nothing for a supervisor to weigh.
 */
const PASSWORD_COLUMNS = new Set(['office_key_wrap', 'must_change_password']);

/** What a change could not be taken for, kept beside it in the inbox. */
class Held extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'Held';
  }
}

/** Takes every change waiting in the inbox into the record, oldest first, in one transaction. */
export function applyReceived(sqlite: Database.Database, capture: CaptureSwitch, ownDeskId: string, now: () => Date): Applied {
  const merge = new Merge(sqlite, ownDeskId, now);
  // The desk's capture stays off while it takes others' changes: they are not its to send again.
  // Everything below is synchronous, so no change of the desk's own can run in between.
  const wasCapturing = capture.enabled;
  capture.enabled = false;
  try {
    return sqlite.transaction(() => merge.applyWaiting())();
  } finally {
    capture.enabled = wasCapturing;
  }
}

class Merge {
  private readonly tables = new Map<string, TableShape>();
  private readonly outcome: Applied = { applied: 0, held: 0, conflicts: 0 };

  constructor(
    private readonly sqlite: Database.Database,
    private readonly ownDeskId: string,
    private readonly now: () => Date,
  ) {}

  /** The requests and complaints whose steps or stage a change touched: their stage is worked out again from their steps. */
  private readonly cases = new Set<string>();

  applyWaiting(): Applied {
    // A page at a time, all read before any is written: the connection cannot write while a read is open on it.
    const page = prepared(this.sqlite, 'SELECT * FROM sync_inbox WHERE server_seq > ? ORDER BY server_seq LIMIT 1000');
    const forget = prepared(this.sqlite, 'DELETE FROM sync_inbox WHERE server_seq = ?');
    const hold = prepared(this.sqlite, 'UPDATE sync_inbox SET held_reason = ? WHERE server_seq = ?');
    let after = 0;
    for (;;) {
      const changes = page.all(after) as Received[];
      if (changes.length === 0) {
        for (const touched of this.cases) {
          this.inSavepoint(() => replaySteps(this.sqlite, JSON.parse(touched) as [CaseTable, string], (conflict) => this.addConflict(conflict)));
        }
        return this.outcome;
      }
      for (const change of changes) {
        const heldFor = change.desk_id === this.ownDeskId ? this.ownChangeBack(change) : this.applyOne(change);
        if (heldFor === null) {
          forget.run(change.server_seq);
          this.outcome.applied += 1;
        } else if (this.isAboutSomeoneErased(change)) {
          // What could not be taken of a person erased is not kept either: the erasure took the rest.
          forget.run(change.server_seq);
        } else {
          hold.run(heldFor, change.server_seq);
          this.outcome.held += 1;
        }
      }
      after = changes.at(-1)!.server_seq;
    }
  }

  /** One change, in a savepoint: taken whole (null), or not at all, with why. */
  private applyOne(change: Received): string | null {
    return this.inSavepoint(() => this.apply(change));
  }

  /**
   * Runs a step of the merge whole or not at all, and answers why not: a change that cannot be taken
   * is held, whatever stopped it (a rule of the table, a value this version does not know), so that
   * no one change received can stop the desk from taking all the others.
   */
  private inSavepoint(step: () => void): string | null {
    this.sqlite.exec('SAVEPOINT sync_change');
    try {
      step();
      this.sqlite.exec('RELEASE sync_change');
      return null;
    } catch (error) {
      this.sqlite.exec('ROLLBACK TO sync_change');
      this.sqlite.exec('RELEASE sync_change');
      if (error instanceof Held) return error.reason;
      if (isRefusedBySqlite(error)) return `refused: ${error.message}`;
      return `failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private apply(received: Received): void {
    const table = this.shapeOf(received.entity);
    // A change of a list entry two desks added while apart is a change of the one every desk kept.
    const aliasOf = prepared(this.sqlite, 'SELECT into_id FROM sync_aliases WHERE entity = ? AND alias_id = ?').pluck().get(table.name, received.row_id) as string | undefined;
    const change = aliasOf === undefined ? received : { ...received, row_id: aliasOf, row_after: received.row_after === null ? null : JSON.stringify({ ...(JSON.parse(received.row_after) as object), id: aliasOf }) };
    let after = change.row_after === null ? null : this.followMerges(valuesOf(table, JSON.parse(change.row_after) as Record<string, unknown>));
    if (after !== null && after.id !== undefined && after.id !== change.row_id) throw new Held('id');
    this.refuseWhatTheAuthorMayNot(table, change, after);
    this.refuseWhatAnotherRowHolds(table, change, after);
    let erasedPerson: string | null = null;
    if (after !== null && table.name !== 'beneficiaries') {
      // A row of a person erased meanwhile (logged at another desk before it heard of the erasure) is
      // taken as the erasure leaves such rows: its personal columns blank, or not at all.
      const personId = personOfRow(this.sqlite, table.name, change.row_id, after);
      if (personId !== null && this.isErased(personId)) {
        const erased = asErased(table.name, after, personId);
        if (erased === null) return;
        after = erased;
        erasedPerson = personId;
      }
    }
    const touched = caseTouched(change.entity, change.row_id, after);
    if (touched !== null) this.cases.add(JSON.stringify(touched));
    if (change.action === 'insert' && after !== null) this.insert(table, change, after);
    else if (change.action === 'update' && after !== null) this.update(table, change, after, changedColumns(table, change.changed));
    else if (change.action === 'delete') this.delete(table, change);
    else throw new Held('shape');
    // And so is the scan of such a letter, received before it.
    if (erasedPerson !== null && table.name === 'letters') eraseScansOfPerson(this.sqlite, (name) => this.shapeOf(name), erasedPerson);
  }

  /**
   * A value a table gives one row only, that another row here holds: the change is held, with which
   * (an inquiry asked in a contact another inquiry was asked in; an account renamed to another's user
   * name), for a supervisor to see, rather than refused by the table with words of its own.
   */
  private refuseWhatAnotherRowHolds(table: TableShape, change: Received, after: Row | null): void {
    if (after === null) return;
    const writes = (column: string) => column in after && (change.action === 'insert' || changedColumns(table, change.changed).includes(column));
    if (table.name === 'inquiries' && writes('contact_id') && prepared(this.sqlite, 'SELECT 1 FROM inquiries WHERE contact_id = ? AND id <> ?').get(after.contact_id, change.row_id) !== undefined) {
      throw new Held('contact_has_inquiry');
    }
    // (An account added under a name another here has is known by a longer one: withFreeUsername.)
    if (table.name === 'users' && change.action === 'update' && writes('username') && prepared(this.sqlite, 'SELECT 1 FROM users WHERE username = ? AND id <> ?').get(after.username, change.row_id) !== undefined) {
      throw new Held('username_taken');
    }
  }

  /**
   * The changes only some roles may make, held when their author is not, here, an active account of
   * such a role: an account's role or its being active (administrators), another account's password
   * (administrators: an account sets its own), a person's erasure
   * (administrators), a merge of two files and a settlement of a conflict (supervisors and
   * administrators). An insertion is weighed as writing every column it carries: a row this desk holds
   * already takes its fields from it as from an update. The author is the one who signed the change
   * (the office and this desk checked the signature before it came here).
   */
  private refuseWhatTheAuthorMayNot(table: TableShape, change: Received, after: Row | null): void {
    const changed = change.action === 'update' && change.changed !== null ? (JSON.parse(change.changed) as string[]) : Object.keys(after ?? {});
    const writes = change.action === 'insert' || change.action === 'update';
    let needs: readonly string[] | null = null;
    // Accounts are made by administrators only; an account's role or its being active are theirs to change.
    if (table.name === 'users' && change.action === 'insert') needs = ['administrator'];
    else if (table.name === 'users' && writes && changed.some((column) => column === 'role' || column === 'active')) needs = ['administrator'];
    // Another account's password or signing key (its wrap of the office's key opens every desk for whoever chose it): an administrator's reset, never anyone else's.
    else if (table.name === 'users' && writes && change.user_id !== change.row_id && changed.some((column) => PASSWORD_COLUMNS.has(column) || column === 'signing_key')) needs = ['administrator'];
    else if (table.name === 'beneficiaries' && (change.action === 'update' ? changed.includes('erased_at') : change.action === 'insert' && after !== null && after.erased_at !== null && after.erased_at !== undefined)) needs = ['administrator'];
    else if (table.name === 'beneficiary_merges' || table.name === 'conflict_settlements') needs = ['supervisor', 'administrator'];
    if (needs === null) return;
    // The author's role as the office holds it (its accounts are the server's), else as this desk does: the
    // first accounts' own rows come signed by accounts this desk knows only from the office's register.
    const author = (prepared(this.sqlite, 'SELECT role, active FROM office_accounts WHERE user_id = ?').get(change.user_id) ??
      prepared(this.sqlite, 'SELECT role, active FROM users WHERE id = ?').get(change.user_id)) as { role: string; active: number } | undefined;
    if (author === undefined || author.active !== 1 || !needs.includes(author.role)) throw new Held('not_allowed');
  }

  /** A new row: added once; one the desk already holds (the same starting row on two desks) is compared field by field. */
  private insert(table: TableShape, change: Received, received: Row): void {
    let after = received;
    const version = this.rowVersion(table.name, change.row_id);
    if (version?.deleted) {
      // A deletion is final, whichever came first: the row comes back on no desk, and a newer insertion
      // of it (the same row sent again by a desk that held it) is a supervisor's question.
      if (change.hlc > version.hlc) {
        this.addConflict({ kind: 'deleted', entity: table.name, rowId: change.row_id, field: null, personId: personOfRow(this.sqlite, table.name, change.row_id, after), kept: { hlc: version.hlc, userId: version.userId ?? change.user_id, value: null }, lost: { hlc: change.hlc, userId: change.user_id, value: meaningful(table, after) } });
      }
      return;
    }
    const current = this.currentRow(table, change.row_id);
    if (current === undefined) {
      if (table.name === 'users') after = this.withFreeUsername(after);
      if (table.name === 'beneficiary_merges' && !this.mergeStands(change, after)) return;
      const added = this.sameEntryAddedTwice(table, change, after);
      const row = added ? insertRow(this.sqlite, table, after) : after;
      this.setRowVersion(table.name, change.row_id, { hlc: change.hlc, deleted: false, userId: change.user_id, bornHlc: change.hlc });
      if (!added) return;
      if (table.name === 'beneficiaries') this.findDuplicate(change, row);
      this.findNumberTwin(table.name, change, row);
      return;
    }
    // An erased file stays erased; a file sent erased is erased here too, whatever the times say.
    if (table.name === 'beneficiaries' && (current.erased_at !== null || after.erased_at !== null)) {
      this.erasureStands(table, change, current, after);
      return;
    }
    // The row exists here: each field the change holds is an edit made without seeing this row's.
    const written = this.writeFields(table, change, current, after, Object.keys(after), { base: () => null, born: version?.bornHlc ?? '' });
    if (written) this.setRowVersion(table.name, change.row_id, latest(version, change, false));
  }

  private update(table: TableShape, change: Received, after: Row, changed: string[]): void {
    const version = this.rowVersion(table.name, change.row_id);
    const current = this.currentRow(table, change.row_id);
    if (current === undefined) {
      if (version?.deleted && table.name === 'beneficiaries' && this.isFileKeptByMerge(change.row_id) && table.columns.every((column) => column in after)) {
        // A file deleted by a merge that gave way (mergeStands) comes back whole with the change of it
        // that the merge made first sent.
        insertRow(this.sqlite, table, after);
        this.setRowVersion(table.name, change.row_id, { ...latest(version, change, false), deleted: false });
        prepared(this.sqlite, 'DELETE FROM sync_office_rows WHERE entity = ? AND row_id = ?').run(table.name, change.row_id);
        return;
      }
      const deletedHere = this.officeRowOf(table, change.row_id);
      if (deletedHere !== undefined) {
        this.intoOfficeRow(table, change, deletedHere, after, changed);
        return;
      }
      if (version?.deleted) {
        // An edit of a row deleted meanwhile: the deletion stands, and the edit waits for a supervisor
        // (unless it wrote nothing but the stamps: nothing of it is lost).
        if (changed.every((column) => STAMP_COLUMNS.has(column))) return;
        const edited = Object.fromEntries(changed.map((column) => [column, after[column] ?? null]));
        this.addConflict({ kind: 'deleted', entity: table.name, rowId: change.row_id, field: null, personId: personOfRow(this.sqlite, table.name, change.row_id, after), kept: { hlc: version.hlc, userId: version.userId ?? change.user_id, value: null }, lost: { hlc: change.hlc, userId: change.user_id, value: edited } });
        return;
      }
      throw new Held('missing_row');
    }
    if (table.name === 'beneficiaries' && (current.erased_at !== null || isErasure(after, changed))) {
      this.erasureStands(table, change, current, after);
      return;
    }
    this.writeFields(table, change, current, after, changed, { base: baseOfField(change), born: version?.bornHlc ?? '' });
    this.setRowVersion(table.name, change.row_id, latest(version, change, false));
  }

  /**
   * A person's erasure is final, whatever the times say: the file becomes the erased file it sends
   * (every column, not only those the erasure changed where it was made: an edit made elsewhere without
   * seeing it is erased too), and such an edit received after it is not taken, nor kept in a conflict
   * (which would keep what the erasure took away). Every desk ends with the same erased file.
   */
  private erasureStands(table: TableShape, change: Received, current: Row, after: Row): void {
    if (current.erased_at !== null) return;
    const writes = Object.fromEntries(Object.keys(after).filter((column) => !sameValue(current[column] ?? null, after[column] ?? null)).map((column) => [column, after[column] ?? null]));
    if (Object.keys(writes).length > 0) updateRow(this.sqlite, table, change.row_id, current, writes);
    for (const column of Object.keys(writes)) this.setFieldVersion(table.name, change.row_id, column, change.hlc, change.user_id);
    this.setRowVersion(table.name, change.row_id, latest(this.rowVersion(table.name, change.row_id), change, false));
    // What the merge kept of them for a supervisor goes with them, and so does what it kept of their
    // fields as the office's order had them.
    prepared(this.sqlite, 'DELETE FROM sync_conflicts WHERE person_id = ?').run(change.row_id);
    prepared(this.sqlite, `DELETE FROM sync_office_fields WHERE ${rowsOfPerson(this.sqlite, '@person')}`).run({ person: change.row_id });
    // As do the changes about them held here before it: they will not be taken now.
    prepared(this.sqlite, `DELETE FROM sync_inbox WHERE held_reason IS NOT NULL AND server_seq < @seq AND ${copyOfPerson('row_after', '@person')}`).run({
      seq: change.server_seq,
      person: change.row_id,
    });
    eraseRowsOfPerson(this.sqlite, (name) => this.shapeOf(name), change.row_id);
  }

  /**
   * Whether a merge of two files is taken. The same merge made at two desks is one merge; a file merged
   * into two files at once waits for a supervisor. Of two merges of the same two files made at once,
   * each into the other, the one made first stands, on every desk: the other gives way, and where it
   * was taken it is undone: its row goes, the file it deleted comes back whole with the change the
   * first merge made of it (update), and the records it moved follow the file kept when the other
   * file's deletion comes (delete). Its own deletion of the file deletes nothing.
   */
  private mergeStands(change: Received, merge: Row): boolean {
    const earlier = prepared(this.sqlite, 'SELECT into_id FROM beneficiary_merges WHERE merged_id = ?').get(merge.merged_id) as { into_id: string } | undefined;
    if (earlier !== undefined && earlier.into_id === merge.into_id) return false;
    if (earlier !== undefined) throw new Held('merged_elsewhere');
    const opposite = prepared(this.sqlite, 'SELECT id FROM beneficiary_merges WHERE merged_id = ? AND into_id = ?').pluck().get(merge.into_id, merge.merged_id) as string | undefined;
    if (opposite === undefined) return true;
    if ((this.rowVersion('beneficiary_merges', opposite)?.bornHlc ?? '') < change.hlc) return false;
    deleteRow(this.sqlite, this.shapeOf('beneficiary_merges'), opposite);
    return true;
  }

  /** Whether a file is the one a merge kept, and not itself merged into another. */
  private isFileKeptByMerge(beneficiaryId: string): boolean {
    const kept = prepared(this.sqlite, 'SELECT 1 FROM beneficiary_merges WHERE into_id = ?').get(beneficiaryId) !== undefined;
    return kept && mergedInto(this.sqlite, beneficiaryId) === null;
  }

  private isErased(personId: string): boolean {
    return prepared(this.sqlite, 'SELECT 1 FROM beneficiaries WHERE id = ? AND erased_at IS NOT NULL').get(personId) !== undefined;
  }

  /** Whether a received change is of an erased person's file, or of a row of theirs. */
  private isAboutSomeoneErased(change: Received): boolean {
    const personId = personOfRow(this.sqlite, change.entity, change.row_id, receivedValues(change.row_after));
    return personId !== null && this.isErased(personId);
  }

  private delete(table: TableShape, change: Received): void {
    const version = this.rowVersion(table.name, change.row_id);
    const current = this.currentRow(table, change.row_id);
    // A file merged into another at another desk: what this desk made for it meanwhile follows it first.
    // A file is deleted only by its merge into another: one whose merge gave way stays (mergeStands).
    if (current !== undefined && table.name === 'beneficiaries') {
      const into = mergedInto(this.sqlite, change.row_id);
      if (into === null) return;
      moveRowsOfPerson(this.sqlite, change.row_id, into);
    }
    // The row as the office's order has it: in the record, or deleted here with the deletion on its way.
    const deletedHere = current === undefined ? this.officeRowOf(table, change.row_id) : undefined;
    const row = current ?? deletedHere?.row;
    if (row === undefined) {
      this.setRowVersion(table.name, change.row_id, latest(version, change, true));
      return;
    }
    const office = this.officeView(table, change.row_id, row, deletedHere === undefined ? version : undefined);
    // A meaningful field of the row changed after the deleter last saw it (not only its stamps):
    // the deletion stands, the edit is kept for a supervisor.
    const base = change.base_hlc;
    const editedSince = base === null || [...office.fields].some(([field, written]) => !STAMP_COLUMNS.has(field) && written.hlc > base);
    if (office.version.hlc > (base ?? '') && editedSince) {
      this.addConflict({
        kind: 'deleted',
        entity: table.name,
        rowId: change.row_id,
        field: null,
        personId: personOfRow(this.sqlite, table.name, change.row_id, office.row),
        kept: { hlc: change.hlc, userId: change.user_id, value: null },
        lost: { hlc: office.version.hlc, userId: office.version.userId ?? String(office.row.updated_by), value: meaningful(table, office.row) },
      });
    }
    if (current !== undefined) deleteRow(this.sqlite, table, change.row_id);
    else this.forgetOfficeRow(table.name, change.row_id);
    this.setRowVersion(table.name, change.row_id, latest({ ...office.version, deleted: false }, change, true));
  }

  /**
   * A row this desk deleted, with the deletion still on its way (db/sync-capture.ts: officeRowBefore),
   * as it was deleted here; its fields as the office has them are in sync_office_fields (officeView).
   */
  private officeRowOf(table: TableShape, rowId: string): { row: Row; ownHlc: string } | undefined {
    const kept = prepared(this.sqlite, 'SELECT row_json, own_hlc FROM sync_office_rows WHERE entity = ? AND row_id = ?').get(table.name, rowId) as
      | { row_json: string; own_hlc: string }
      | undefined;
    return kept === undefined ? undefined : { row: JSON.parse(kept.row_json) as Row, ownHlc: kept.own_hlc };
  }

  /** What was kept of a row deleted here once its deletion is placed: the deletion is the office's now. */
  private forgetOfficeRow(entity: string, rowId: string): void {
    prepared(this.sqlite, 'DELETE FROM sync_office_fields WHERE entity = ? AND row_id = ?').run(entity, rowId);
    prepared(this.sqlite, 'DELETE FROM sync_office_rows WHERE entity = ? AND row_id = ?').run(entity, rowId);
  }

  /**
   * A row as the office's order has it, its fields' versions and its own: the row here (or as it was
   * deleted here), with what the desk's own changes on their way replaced in it kept aside
   * (sync_office_fields). With none on their way, the row's version is the one held (`held`);
   * otherwise the desk's changes moved it, and the office's is the latest of the fields' versions (the
   * stamps' included: every change writes them), or the row's birth.
   */
  private officeView(table: TableShape, rowId: string, here: Row, held: RowVersion | undefined): { row: Row; fields: Map<string, { hlc: string; user_id: string }>; version: { hlc: string; userId: string | null; bornHlc: string | null } } {
    const fields = this.fieldVersionsOf(table.name, rowId);
    const kept = prepared(this.sqlite, 'SELECT field, hlc, user_id, value FROM sync_office_fields WHERE entity = ? AND row_id = ?').all(table.name, rowId) as Array<{
      field: string;
      hlc: string;
      user_id: string;
      value: Value;
    }>;
    if (kept.length === 0 && held !== undefined) return { row: here, fields, version: held };
    const row = { ...here };
    for (const field of kept) {
      row[field.field] = field.value;
      fields.set(field.field, { hlc: field.hlc, user_id: field.user_id });
    }
    const bornHlc = held?.bornHlc ?? this.rowVersion(table.name, rowId)?.bornHlc ?? null;
    let version = { hlc: bornHlc ?? '', userId: typeof row.created_by === 'string' ? row.created_by : null, bornHlc };
    for (const written of fields.values()) if (written.hlc > version.hlc) version = { hlc: written.hlc, userId: written.user_id, bornHlc };
    return { row, fields, version };
  }

  /**
   * Another desk's change of a row this desk deleted, its deletion still on its way: taken into the row
   * as the office's order has it (officeRowOf), field by field as writeFields takes it into the record,
   * and weighed as every desk weighs it (weighField), so that the deletion meets, when it is placed,
   * what it meets at every other desk.
   */
  private intoOfficeRow(table: TableShape, change: Received, deletedHere: { row: Row; ownHlc: string }, after: Row, changed: string[]): void {
    const office = this.officeView(table, change.row_id, deletedHere.row, undefined);
    const base = baseOfField(change);
    const keep = prepared(
      this.sqlite,
      `INSERT INTO sync_office_fields (entity, row_id, field, hlc, user_id, value, own_hlc) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (entity, row_id, field) DO UPDATE SET hlc = excluded.hlc, user_id = excluded.user_id, value = excluded.value`,
    );
    for (const column of changed) {
      if (!(column in after)) continue;
      const field = office.fields.get(column);
      const here = { hlc: field?.hlc ?? office.version.bornHlc ?? '', userId: field?.user_id ?? String(office.row.created_by ?? ''), value: office.row[column] ?? null };
      const value = after[column] ?? null;
      this.weighField(table, change, column, value, base(column), here, personOfRow(this.sqlite, table.name, change.row_id, office.row));
      if (change.hlc > here.hlc) keep.run(table.name, change.row_id, column, change.hlc, change.user_id, value, deletedHere.ownHlc);
    }
  }

  /**
   * Writes the fields where the change is the latest (unless the record holds the change already: the
   * desk's own, back from the office), and weighs each meaningful field against the field as the
   * office's order had it just before the change (weighField). A field no update wrote has the version
   * of the row's birth (`born`). Returns whether anything was written.
   */
  private writeFields(
    table: TableShape,
    change: Received,
    current: Row,
    after: Row,
    columns: string[],
    versions: { base: (column: string) => string | null; born: string },
    inRecord = false,
  ): boolean {
    const fieldVersions = this.fieldVersionsOf(table.name, change.row_id);
    const writes: Row = {};
    for (const column of columns) {
      if (!(column in after)) continue;
      const field = fieldVersions.get(column);
      // The field here: its last writer, or the row's creator for a value it was born with.
      const here = { hlc: field?.hlc ?? versions.born, userId: field?.user_id ?? String(current.created_by ?? ''), value: current[column] ?? null };
      const value = after[column] ?? null;
      this.weighField(table, change, column, value, versions.base(column), inRecord ? null : here, personOfRow(this.sqlite, table.name, change.row_id, current));
      if (!inRecord && change.hlc > here.hlc) {
        if (!sameValue(here.value, value)) writes[column] = value;
        this.setFieldVersion(table.name, change.row_id, column, change.hlc, change.user_id);
      }
    }
    if (Object.keys(writes).length === 0) return false;
    updateRow(this.sqlite, table, change.row_id, current, writes);
    return true;
  }

  /**
   * A field's conflict, the same on every desk: every desk takes the office's changes in the office's
   * order, and weighs each against the field as that order had it just before (`office`): when the
   * change's writer had not seen that version (its base is older; a null base: the writer saw nothing
   * of the row) and wrote another value, the two are a conflict, the later one kept (of a meaningful
   * field: isQuestion). So each change made without seeing the value it met is one conflict with it,
   * whichever desk made it and whatever else came between; a third edit made apart is a conflict of
   * its own with the value it met.
   *
   * A desk's own edit was in its record before the office placed it: the field as the office's order
   * has it is then the one its capture kept (sync_office_fields, db/sync-capture.ts), followed here
   * by every change the office places before the edit, and let go when the desk's last edit of it on
   * its way comes back. Otherwise it is the field here (`here`; null: the record holds the change).
   */
  private weighField(table: TableShape, change: Received, column: string, value: Value, base: string | null, here: FieldValue | null, personId: string | null): void {
    const kept = prepared(this.sqlite, 'SELECT hlc, user_id, value, own_hlc FROM sync_office_fields WHERE entity = ? AND row_id = ? AND field = ?').get(table.name, change.row_id, column) as
      | { hlc: string; user_id: string; value: Value; own_hlc: string }
      | undefined;
    const office = kept === undefined ? here : { hlc: kept.hlc, userId: kept.user_id, value: kept.value };
    if (office === null) return;
    if (isQuestion(table.name, column) && (base === null || base < office.hlc) && !sameValue(office.value, value)) {
      const theirs = { hlc: change.hlc, userId: change.user_id, value };
      const later = change.hlc > office.hlc;
      this.addConflict({ kind: 'field', entity: table.name, rowId: change.row_id, field: column, personId, kept: later ? theirs : office, lost: later ? office : theirs });
    }
    if (kept === undefined) return;
    const key = [table.name, change.row_id, column];
    if (change.desk_id === this.ownDeskId && change.hlc >= kept.own_hlc) {
      // The desk's last edit of it is placed: the field here is the office's again.
      prepared(this.sqlite, 'DELETE FROM sync_office_fields WHERE entity = ? AND row_id = ? AND field = ?').run(...key);
    } else if (change.hlc > office.hlc) {
      prepared(this.sqlite, 'UPDATE sync_office_fields SET hlc = ?, user_id = ?, value = ? WHERE entity = ? AND row_id = ? AND field = ?').run(change.hlc, change.user_id, value, ...key);
    }
  }

  /**
   * The desk's own change, back from the office: in the record already, where it is weighed against
   * the fields as the office's order has them, as every other desk weighs it. Unless this desk's
   * database was put back from a copy older than it (a backup restored): the office gives it back,
   * and it is taken like another desk's.
   */
  private ownChangeBack(change: Received): string | null {
    const version = (SYNCED_TABLES as readonly string[]).includes(change.entity) ? this.rowVersion(change.entity, change.row_id) : undefined;
    if (version === undefined || version.hlc < change.hlc) return this.applyOne(change);
    // A row this desk deleted, its deletion on its way: the change is taken into the row as the office
    // has it, and the deletion, back, is weighed against it. A row the office deleted before this desk's
    // edit of it was placed: the edit meets the deletion, as it does at every desk.
    const deletedHere = prepared(this.sqlite, 'SELECT 1 FROM sync_office_rows WHERE entity = ? AND row_id = ?').get(change.entity, change.row_id) !== undefined;
    if (deletedHere || (version.deleted && change.action === 'update')) return this.applyOne(change);
    if (change.action !== 'update' || change.row_after === null) return null;
    return this.inSavepoint(() => {
      const table = this.shapeOf(change.entity);
      const current = this.currentRow(table, change.row_id);
      if (current === undefined) return;
      const after = valuesOf(table, JSON.parse(change.row_after!) as Record<string, unknown>);
      this.writeFields(table, change, current, after, changedColumns(table, change.changed), { base: baseOfField(change), born: version.bornHlc ?? '' }, true);
    });
  }

  /**
   * A row made for a file since merged into another belongs to the other; one naming a list's entry
   * that two desks added (an authority, a request type) names the one every desk kept.
   */
  private followMerges(values: Row): Row {
    let followed = values;
    if (typeof values.beneficiary_id === 'string') {
      const into = mergedInto(this.sqlite, values.beneficiary_id);
      if (into !== null) followed = { ...followed, beneficiary_id: into };
    }
    for (const [entity, column] of NAMING_COLUMNS) {
      const named = followed[column];
      if (typeof named !== 'string') continue;
      const kept = prepared(this.sqlite, 'SELECT into_id FROM sync_aliases WHERE entity = ? AND alias_id = ?').pluck().get(entity, named) as string | undefined;
      if (kept !== undefined) followed = { ...followed, [column]: kept };
    }
    return followed;
  }

  /**
   * One entry of a list added at two desks while apart (the same authority, request type or holiday):
   * every desk keeps the one added first: when the received one is, the one here gives way to it
   * (what named it names the received one); when the one here is, the received one is known as it.
   * Answers whether the received entry is still to be added (no such twin here).
   */
  private sameEntryAddedTwice(table: TableShape, change: Received, after: Row): boolean {
    const entry = SAME_ENTRY[table.name];
    if (entry === undefined) return true;
    const twin = prepared(this.sqlite, `SELECT id FROM ${sqlName(table.name)} WHERE ${sqlName(entry.key)} = ? AND id <> ?`).pluck().get(after[entry.key], change.row_id) as string | undefined;
    if (twin === undefined) return true;
    const twinBorn = this.rowVersion(table.name, twin)?.bornHlc ?? '';
    const alias = prepared(this.sqlite, 'INSERT OR REPLACE INTO sync_aliases (entity, alias_id, into_id) VALUES (?, ?, ?)');
    if (twinBorn !== '' && twinBorn <= change.hlc) {
      alias.run(table.name, change.row_id, twin);
      return false;
    }
    // The received entry came first: the one here makes room for it, and what named it names it.
    prepared(this.sqlite, `UPDATE ${sqlName(table.name)} SET ${sqlName(entry.key)} = ${sqlName(entry.key)} || '~' || id WHERE id = ?`).run(twin);
    insertRow(this.sqlite, table, after);
    for (const [referring, column] of entry.namedBy) prepared(this.sqlite, `UPDATE ${sqlName(referring)} SET ${sqlName(column)} = ? WHERE ${sqlName(column)} = ?`).run(change.row_id, twin);
    deleteRow(this.sqlite, table, twin);
    alias.run(table.name, twin, change.row_id);
    return false;
  }

  /**
   * An account made at another desk under a user name an account of this desk already has (each desk's
   * first administrator, say): it is known here under its name with the last letters of its id after it.
   * A user name only signs in at the desk whose keyring holds that user's password.
   */
  private withFreeUsername(user: Row): Row {
    const taken = prepared(this.sqlite, 'SELECT 1 FROM users WHERE username = ? AND id <> ?').get(user.username, user.id) !== undefined;
    return taken ? { ...user, username: `${String(user.username)}~${String(user.id).slice(-8)}` } : user;
  }

  /** A person whose ID number another file here bears: both stay, and a supervisor is asked to merge them. */
  private findDuplicate(change: Received, person: Row): void {
    if (person.erased_at !== null) return;
    const others = prepared(this.sqlite, 'SELECT id, created_by FROM beneficiaries WHERE id_type = ? AND id_number = ? AND id <> ? AND erased_at IS NULL')
      .all(person.id_type, person.id_number, change.row_id) as Array<{ id: string; created_by: string }>;
    for (const other of others) {
      // Each file's registration time, the same on every desk whatever was changed in it since.
      const otherHlc = this.rowVersion('beneficiaries', other.id)?.bornHlc ?? '';
      const first = otherHlc <= change.hlc;
      const older = { hlc: otherHlc, userId: other.created_by, value: other.id };
      const newer = { hlc: change.hlc, userId: change.user_id, value: change.row_id };
      // About the file registered first, whichever of the two this desk met first.
      const rowId = first ? other.id : change.row_id;
      this.addConflict({ kind: 'duplicate', entity: 'beneficiaries', rowId, field: 'id_number', personId: rowId, kept: first ? older : newer, lost: first ? newer : older });
    }
  }

  /**
   * A record whose printed number another record here bears (a desk that worked alone before it was
   * paired gave it too): both stay, and a supervisor gives one of them a new number.
   */
  private findNumberTwin(table: string, change: Received, row: Row): void {
    const numbered = NUMBERED[table];
    if (numbered === undefined || (table === 'letters' && row.direction !== 'outgoing')) return;
    const twins = prepared(this.sqlite, `SELECT id, created_by FROM ${sqlName(table)} WHERE ${sqlName(numbered)} = ? AND id <> ?${table === 'letters' ? " AND direction = 'outgoing'" : ''}`)
      .all(row[numbered], change.row_id) as Array<{ id: string; created_by: string }>;
    for (const twin of twins) {
      const twinHlc = this.rowVersion(table, twin.id)?.bornHlc ?? '';
      const first = twinHlc <= change.hlc;
      const older = { hlc: twinHlc, userId: twin.created_by, value: twin.id };
      const newer = { hlc: change.hlc, userId: change.user_id, value: change.row_id };
      const personId = personOfRow(this.sqlite, table, change.row_id, row);
      this.addConflict({ kind: 'number', entity: table, rowId: first ? twin.id : change.row_id, field: numbered, personId, kept: first ? older : newer, lost: first ? newer : older });
    }
  }

  private addConflict(conflict: FoundConflict): void {
    // Nothing is kept for a supervisor about a person erased: their conflicts went with the erasure
    // (copies.ts), on every desk, and none are found after it, whatever this desk received since.
    if (conflict.personId !== null && this.isErased(conflict.personId)) return;
    this.outcome.conflicts += keepConflict(this.sqlite, conflict, this.now());
  }

  private shapeOf(entity: string): TableShape {
    let shape = this.tables.get(entity);
    if (shape === undefined) {
      // A table this version does not share (a newer desk's): kept until this desk is updated.
      if (!(SYNCED_TABLES as readonly string[]).includes(entity)) throw new Held('unknown_table');
      shape = tableShape(this.sqlite, entity as SyncedTable);
      this.tables.set(entity, shape);
    }
    return shape;
  }

  private currentRow(table: TableShape, rowId: string): Row | undefined {
    return prepared(this.sqlite, `SELECT ${table.columns.map(sqlName).join(', ')} FROM ${sqlName(table.name)} WHERE id = ?`).get(rowId) as Row | undefined;
  }

  private rowVersion(entity: string, rowId: string): RowVersion | undefined {
    const row = prepared(this.sqlite, 'SELECT hlc, deleted, user_id, born_hlc FROM sync_row_versions WHERE entity = ? AND row_id = ?').get(entity, rowId) as
      | { hlc: string; deleted: number; user_id: string | null; born_hlc: string | null }
      | undefined;
    return row === undefined ? undefined : { hlc: row.hlc, deleted: row.deleted === 1, userId: row.user_id, bornHlc: row.born_hlc };
  }

  /** A row's version after a change; its birth only changes with a new row (`bornHlc`). */
  private setRowVersion(entity: string, rowId: string, version: { hlc: string; deleted: boolean; userId: string; bornHlc?: string }): void {
    prepared(this.sqlite, 
        `INSERT INTO sync_row_versions (entity, row_id, hlc, deleted, user_id, born_hlc) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (entity, row_id) DO UPDATE SET hlc = excluded.hlc, deleted = excluded.deleted, user_id = excluded.user_id,
           born_hlc = coalesce(excluded.born_hlc, born_hlc)`,
      )
      .run(entity, rowId, version.hlc, version.deleted ? 1 : 0, version.userId, version.bornHlc ?? null);
  }

  private fieldVersionsOf(entity: string, rowId: string): Map<string, { hlc: string; user_id: string }> {
    const rows = prepared(this.sqlite, 'SELECT field, hlc, user_id FROM sync_field_versions WHERE entity = ? AND row_id = ?').all(entity, rowId) as Array<{
      field: string;
      hlc: string;
      user_id: string;
    }>;
    return new Map(rows.map((row) => [row.field, row]));
  }

  private setFieldVersion(entity: string, rowId: string, field: string, hlc: string, userId: string): void {
    prepared(this.sqlite, 
        'INSERT INTO sync_field_versions (entity, row_id, field, hlc, user_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity, row_id, field) DO UPDATE SET hlc = excluded.hlc, user_id = excluded.user_id',
      )
      .run(entity, rowId, field, hlc, userId);
  }
}

/** A field's value, with its version and author. */
interface FieldValue {
  hlc: string;
  userId: string;
  value: Value;
}

/** The entries of lists two desks may each add while apart: the column that tells them one entry, and the columns that name them. */
const SAME_ENTRY: Partial<Record<string, { key: string; namedBy: ReadonlyArray<readonly [string, string]> }>> = {
  authorities: { key: 'name_ar', namedBy: [['requests', 'authority_id'], ['letters', 'authority_id'], ['request_events', 'authority_id']] },
  request_types: { key: 'code', namedBy: [['requests', 'type_id']] },
  holidays: { key: 'date', namedBy: [] },
};
/** Each column naming such an entry, with its list. */
const NAMING_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['authorities', 'authority_id'],
  ['request_types', 'type_id'],
];

/**
 * The tables whose records carry a number people see, and its column. Desks that numbered while
 * apart (before they were paired) may give one number twice: no unique index refuses the second, a
 * supervisor gives one of them a new number (services/conflicts).
 */
const NUMBERED: Partial<Record<string, string>> = {
  beneficiaries: 'file_number',
  requests: 'number',
  complaints: 'number',
  letters: 'number',
  program_payments: 'receipt_number',
};

/** A received change's values as far as they can be read, for whom they are about: nothing where they are not a JSON object. */
function receivedValues(rowAfter: string | null): Row {
  if (rowAfter === null) return {};
  try {
    const values = JSON.parse(rowAfter) as unknown;
    return typeof values === 'object' && values !== null && !Array.isArray(values) ? (values as Row) : {};
  } catch {
    return {};
  }
}

/** A change's values, checked to be this table's sent columns holding what SQLite stores. */
function valuesOf(table: TableShape, after: Record<string, unknown>): Row {
  const values: Row = {};
  for (const [column, value] of Object.entries(after)) {
    if (!table.columns.includes(column)) throw new Held('unknown_column');
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new Held('value');
    values[column] = value;
  }
  return values;
}

function changedColumns(table: TableShape, changed: string | null): string[] {
  if (changed === null) return table.columns;
  const columns = JSON.parse(changed) as unknown;
  if (!Array.isArray(columns) || !columns.every((column) => typeof column === 'string')) throw new Held('shape');
  return columns;
}

/**
 * The version of a field the writer of an update saw: sent field by field; from a desk of an earlier
 * version, the row's base stands for every field.
 */
function baseOfField(change: Received): (column: string) => string | null {
  const bases = change.field_bases === null ? null : (JSON.parse(change.field_bases) as Record<string, unknown>);
  return (column) => {
    const base = bases?.[column];
    return typeof base === 'string' ? base : change.base_hlc;
  };
}

/** A row's fields a supervisor would compare: what the stamps leave. */
const meaningful = (table: TableShape, row: Row): Row => Object.fromEntries(table.columns.filter((column) => !STAMP_COLUMNS.has(column)).map((column) => [column, row[column] ?? null]));

interface RowVersion {
  hlc: string;
  deleted: boolean;
  /** Who made the row's last change (unknown for a row versioned before authors were kept). */
  userId: string | null;
  /** The time of the insertion whose values the row holds where no update wrote since. */
  bornHlc: string | null;
}

/** A row's version after a change: the later of the two, the deletion standing either way. */
function latest(version: RowVersion | undefined, change: Received, deleted: boolean): { hlc: string; deleted: boolean; userId: string } {
  const changeIsLater = version === undefined || change.hlc > version.hlc;
  return {
    hlc: changeIsLater ? change.hlc : version.hlc,
    deleted: deleted || (version?.deleted ?? false),
    userId: changeIsLater ? change.user_id : (version.userId ?? change.user_id),
  };
}

/** A change refused by a rule of the table (a constraint, a trigger), as opposed to a fault of the code. */
function isRefusedBySqlite(error: unknown): error is Error {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}
