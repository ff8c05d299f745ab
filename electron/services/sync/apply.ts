import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { COMPLAINT_STAGES } from '../../api/workflow/complaints';
import { REQUEST_STAGES } from '../../api/workflow/requests';
import type { SyncInboxTable } from '../../../db/schema';
import { deletesRows, PERSONAL_DATA_TABLES, type ColumnRule } from '../personal-data/tables';
import { SYNCED_TABLES, sqlName, type CaptureSwitch, type SyncedTable } from '../../../db/sync-capture';
import { deleteRow, insertRow, mergedInto, moveRowsOfPerson, prepared, tableShape, updateRow, type Row, type TableShape, type Value } from './rows';

/**
 * How a paired desk takes the office's changes into its own record, in the office's order, by the
 * same rules on every desk, so that every desk ends with the same record whatever order it met the
 * changes in:
 * - a field holds the value of the latest change that wrote it (by hybrid-logical-clock time), last
 *   writer wins field by field, so two officers' edits of different fields of one file both stay;
 * - when a change was made without its writer having seen the field's latest value (its base is older:
 *   two officers changed the same field), the value that gave way is kept in a conflict for a supervisor;
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

/** Columns every desk writes by itself on every change: the last writer's, never a supervisor's question. */
const STAMP_COLUMNS = new Set(['created_at', 'updated_at', 'created_by', 'updated_by', 'row_version']);

/**
 * Whether two values of a column are a supervisor's question: not the stamps, nor a case's stage,
 * which its steps give (replaySteps), with its own conflict when two desks moved it at once.
 */
const isQuestion = (table: string, column: string) => !STAMP_COLUMNS.has(column) && !(table in CASE_STEPS && (column === 'stage' || column === 'stage_since'));

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
        for (const touched of this.cases) this.inSavepoint(() => this.replaySteps(JSON.parse(touched) as [CaseTable, string]));
        return this.outcome;
      }
      for (const change of changes) {
        const heldFor = change.desk_id === this.ownDeskId ? this.ownChangeBack(change) : this.applyOne(change);
        if (heldFor === null) {
          forget.run(change.server_seq);
          this.outcome.applied += 1;
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
    if (after !== null && table.name !== 'beneficiaries') {
      // A row of a person erased meanwhile (logged at another desk before it heard of the erasure) is
      // taken as the erasure leaves such rows: its personal columns blank, or not at all.
      const personId = personOf(table, change.row_id, after);
      if (personId !== null && this.isErased(personId)) {
        const erased = asErased(table.name, after, personId);
        if (erased === null) return;
        after = erased;
      }
    }
    const touched = caseTouched(change.entity, change.row_id, after);
    if (touched !== null) this.cases.add(JSON.stringify(touched));
    if (change.action === 'insert' && after !== null) this.insert(table, change, after);
    else if (change.action === 'update' && after !== null) this.update(table, change, after, changedColumns(table, change.changed));
    else if (change.action === 'delete') this.delete(table, change);
    else throw new Held('shape');
  }

  /**
   * The changes only some roles may make, held when their author is not, here, an active account of
   * such a role: an account's role or its being active (administrators), a person's erasure
   * (administrators), a merge of two files and a settlement of a conflict (supervisors and
   * administrators). Who the author is, is what the sending desk says: until operations are signed
   * by their authors, this keeps an ordinary desk's mistakes out, not a desk that holds the office's
   * key and lies.
   */
  private refuseWhatTheAuthorMayNot(table: TableShape, change: Received, after: Row | null): void {
    const changed = change.action === 'update' && change.changed !== null ? (JSON.parse(change.changed) as string[]) : Object.keys(after ?? {});
    let needs: readonly string[] | null = null;
    if (table.name === 'users' && change.action === 'update' && changed.some((column) => column === 'role' || column === 'active')) needs = ['administrator'];
    else if (table.name === 'beneficiaries' && change.action === 'update' && changed.includes('erased_at')) needs = ['administrator'];
    else if (table.name === 'beneficiary_merges' || table.name === 'conflict_settlements') needs = ['supervisor', 'administrator'];
    if (needs === null) return;
    const author = prepared(this.sqlite, 'SELECT role, active FROM users WHERE id = ?').get(change.user_id) as { role: string; active: number } | undefined;
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
        this.addConflict({ kind: 'deleted', entity: table.name, rowId: change.row_id, field: null, personId: personOf(table, change.row_id, after), kept: { hlc: version.hlc, userId: version.userId ?? change.user_id, value: null }, lost: { hlc: change.hlc, userId: change.user_id, value: meaningful(table, after) } });
      }
      return;
    }
    const current = this.currentRow(table, change.row_id);
    if (current === undefined) {
      if (table.name === 'users') after = this.withFreeUsername(after);
      if (table.name === 'beneficiary_merges') {
        // The same merge made at two desks is one merge; a file merged into two files at once waits for a supervisor.
        const earlier = prepared(this.sqlite, 'SELECT into_id FROM beneficiary_merges WHERE merged_id = ?').get(after.merged_id) as { into_id: string } | undefined;
        if (earlier !== undefined && earlier.into_id === after.into_id) return;
        if (earlier !== undefined) throw new Held('merged_elsewhere');
      }
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
      if (version?.deleted) {
        // An edit of a row deleted meanwhile: the deletion stands, and the edit waits for a supervisor.
        const edited = Object.fromEntries(changed.map((column) => [column, after[column] ?? null]));
        this.addConflict({ kind: 'deleted', entity: table.name, rowId: change.row_id, field: null, personId: personOf(table, change.row_id, after), kept: { hlc: version.hlc, userId: version.userId ?? change.user_id, value: null }, lost: { hlc: change.hlc, userId: change.user_id, value: edited } });
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
    // What the merge kept of them for a supervisor goes with them.
    prepared(this.sqlite, 'DELETE FROM sync_conflicts WHERE person_id = ?').run(change.row_id);
    this.eraseRowsOfPerson(change.row_id);
  }

  /**
   * The erasure reaches what this desk holds of the person that the erasing desk did not know of
   * (recorded here, or received from a third desk, before the erasure arrived): each row as erasure
   * leaves such rows, as every desk takes them when they arrive after it.
   */
  private eraseRowsOfPerson(personId: string): void {
    for (const name of SYNCED_TABLES) {
      if (name === 'beneficiaries') continue;
      const table = this.shapeOf(name);
      if (!table.columns.includes('beneficiary_id')) continue;
      const rows = prepared(this.sqlite, `SELECT ${table.columns.map(sqlName).join(', ')} FROM ${sqlName(name)} WHERE beneficiary_id = ?`).all(personId) as Row[];
      for (const row of rows) {
        const erased = asErased(name, row, personId);
        if (erased === null) {
          deleteRow(this.sqlite, table, String(row.id));
          continue;
        }
        const writes = Object.fromEntries(Object.keys(erased).filter((column) => !sameValue(row[column] ?? null, erased[column] ?? null)).map((column) => [column, erased[column] ?? null]));
        if (Object.keys(writes).length > 0) updateRow(this.sqlite, table, String(row.id), row, writes);
      }
    }
  }

  private isErased(personId: string): boolean {
    return prepared(this.sqlite, 'SELECT 1 FROM beneficiaries WHERE id = ? AND erased_at IS NOT NULL').get(personId) !== undefined;
  }

  private delete(table: TableShape, change: Received): void {
    const version = this.rowVersion(table.name, change.row_id);
    const current = this.currentRow(table, change.row_id);
    // A file merged into another at another desk: what this desk made for it meanwhile follows it first.
    if (current !== undefined && table.name === 'beneficiaries') {
      const into = mergedInto(this.sqlite, change.row_id);
      if (into !== null) moveRowsOfPerson(this.sqlite, change.row_id, into);
    }
    if (current !== undefined) {
      // The row changed after the deleter last saw it: the deletion stands, the edit is kept for a supervisor.
      if (version !== undefined && !version.deleted && (change.base_hlc === null || version.hlc > change.base_hlc)) {
        this.addConflict({
          kind: 'deleted',
          entity: table.name,
          rowId: change.row_id,
          field: null,
          personId: personOf(table, change.row_id, current),
          kept: { hlc: change.hlc, userId: change.user_id, value: null },
          lost: { hlc: version.hlc, userId: version.userId ?? String(current.updated_by), value: meaningful(table, current) },
        });
      }
      deleteRow(this.sqlite, table, change.row_id);
    }
    this.setRowVersion(table.name, change.row_id, latest(version, change, true));
  }

  /**
   * Writes the fields where the change is the latest, and keeps a conflict for each meaningful field
   * whose latest value the change's writer had not seen (`base` older than the field's version; a
   * null base: the writer saw nothing of the row). A field no update wrote has the version of the
   * row's birth (`born`). Returns whether anything was written.
   */
  private writeFields(table: TableShape, change: Received, current: Row, after: Row, columns: string[], versions: { base: (column: string) => string | null; born: string }): boolean {
    const fieldVersions = this.fieldVersionsOf(table.name, change.row_id);
    const writes: Row = {};
    for (const column of columns) {
      if (!(column in after)) continue;
      const field = fieldVersions.get(column);
      const fieldHlc = field?.hlc ?? versions.born;
      const wins = change.hlc > fieldHlc;
      const differs = !sameValue(current[column] ?? null, after[column] ?? null);
      const base = versions.base(column);
      // Its writer saw a value that was in a conflict, and wrote after it: that conflict is past, on
      // every desk, whatever order the desk met the values in (the one with the third value in it).
      if (base !== null) this.forgetConflictsSeenPast(table.name, change.row_id, column, base);
      if (differs && isQuestion(table.name, column) && (base === null || base < fieldHlc)) {
        const theirs = { hlc: change.hlc, userId: change.user_id, value: after[column] ?? null };
        const ours = { hlc: fieldHlc, userId: field?.user_id ?? String(current.updated_by ?? change.user_id), value: current[column] ?? null };
        this.addConflict({ kind: 'field', entity: table.name, rowId: change.row_id, field: column, personId: personOf(table, change.row_id, current), kept: wins ? theirs : ours, lost: wins ? ours : theirs });
      }
      if (wins) {
        if (differs) writes[column] = after[column] ?? null;
        this.setFieldVersion(table.name, change.row_id, column, change.hlc, change.user_id);
      }
    }
    if (Object.keys(writes).length === 0) return false;
    updateRow(this.sqlite, table, change.row_id, current, writes);
    return true;
  }

  /**
   * The desk's own change, back from the office: in the record already, unless this desk's database
   * was put back from a copy older than it (a backup restored), when the office gives it back and it
   * is taken like another desk's, with no conflict against the desk's own later changes. What it
   * settles of the conflicts (its writer saw a value in one, and wrote after it) it settles here too,
   * as every other desk does when it takes it.
   */
  private ownChangeBack(change: Received): string | null {
    if (change.action === 'update' && change.changed !== null) {
      const changed = JSON.parse(change.changed) as unknown;
      const base = baseOfField(change);
      if (Array.isArray(changed)) {
        for (const column of changed) {
          const seen = typeof column === 'string' ? base(column) : null;
          if (seen !== null) this.forgetConflictsSeenPast(change.entity, change.row_id, String(column), seen);
        }
      }
    }
    const version = (SYNCED_TABLES as readonly string[]).includes(change.entity) ? this.rowVersion(change.entity, change.row_id) : undefined;
    if (version !== undefined && version.hlc >= change.hlc) return null;
    this.takingOwnChange = true;
    try {
      return this.applyOne(change);
    } finally {
      this.takingOwnChange = false;
    }
  }

  /** While a change of this desk's own is given back: nothing it meets is a conflict with itself. */
  private takingOwnChange = false;

  private forgetConflictsSeenPast(entity: string, rowId: string, field: string, seen: string): void {
    prepared(
      this.sqlite,
      `DELETE FROM sync_conflicts WHERE entity = ? AND row_id = ? AND field = ? AND kind = 'field' AND ? IN (kept_hlc, lost_hlc)
         AND id NOT IN (SELECT id FROM conflict_settlements)`,
    ).run(entity, rowId, field, seen);
  }

  /**
   * A request's or complaint's stage, worked out again from its steps in their order, the same on
   * every desk: by the time each step was made on the hybrid clock (a step made after seeing another
   * sorts after it, whatever the desks' wall clocks said when they wrote `at`), then by id. Each step
   * that leaves the stage it found moves the case; a step that was no longer a move where it fell (two
   * desks moved the case at once, and the other step came first) is kept, moves nothing, and becomes a
   * conflict for a supervisor. Written with the capture off, as every desk writes it alike.
   */
  private replaySteps([table, caseId]: [CaseTable, string]): void {
    const { steps, key } = CASE_STEPS[table];
    const current = prepared(this.sqlite, `SELECT stage, stage_since FROM ${sqlName(table)} WHERE id = ?`).get(caseId) as { stage: string; stage_since: string } | undefined;
    if (current === undefined) return;
    const events = prepared(this.sqlite, 
        `SELECT step.id, step.from_stage, step.to_stage, step.at, step.actor_id FROM ${sqlName(steps)} AS step
         LEFT JOIN sync_row_versions AS version ON version.entity = ? AND version.row_id = step.id
         WHERE step.${sqlName(key)} = ? ORDER BY version.born_hlc, step.at, step.id`,
      )
      .all(steps, caseId) as Array<{ id: string; from_stage: string | null; to_stage: string; at: string; actor_id: string }>;
    let stage: string | null = null;
    let since = current.stage_since;
    let lastMove: (typeof events)[number] | null = null;
    for (const event of events) {
      const sideStep = event.from_stage === event.to_stage;
      if (sideStep) continue;
      // A step to a stage this version does not know (a newer desk's) moves nothing here.
      if (event.from_stage === stage && CASE_STEPS[table].stages.includes(event.to_stage)) {
        stage = event.to_stage;
        since = event.at;
        lastMove = event;
        continue;
      }
      const version = (id: string) => this.rowVersion(steps, id)?.bornHlc ?? '';
      this.addConflict({
        kind: 'stage',
        entity: table,
        rowId: caseId,
        field: 'stage',
        personId: (prepared(this.sqlite, `SELECT beneficiary_id FROM ${sqlName(table)} WHERE id = ?`).pluck().get(caseId) as string | null) ?? null,
        kept: { hlc: lastMove === null ? '' : version(lastMove.id), userId: lastMove?.actor_id ?? event.actor_id, value: stage },
        lost: { hlc: version(event.id), userId: event.actor_id, value: event.to_stage },
      });
    }
    if (stage !== null && (stage !== current.stage || since !== current.stage_since)) {
      prepared(this.sqlite, `UPDATE ${sqlName(table)} SET stage = ?, stage_since = ? WHERE id = ?`).run(stage, since, caseId);
    }
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
      const personId = typeof row.beneficiary_id === 'string' ? row.beneficiary_id : null;
      this.addConflict({ kind: 'number', entity: table, rowId: first ? twin.id : change.row_id, field: numbered, personId, kept: first ? older : newer, lost: first ? newer : older });
    }
  }

  private addConflict(conflict: FoundConflict): void {
    if (this.takingOwnChange) return;
    // Nothing is kept for a supervisor about a person erased: their conflicts went with the erasure
    // (copies.ts), on every desk, and none are found after it, whatever this desk received since.
    if (conflict.personId !== null && prepared(this.sqlite, 'SELECT 1 FROM beneficiaries WHERE id = ? AND erased_at IS NOT NULL').get(conflict.personId) !== undefined) return;
    const id = conflictId(conflict);
    const added = prepared(this.sqlite, 
        `INSERT INTO sync_conflicts (id, kind, entity, row_id, field, kept_hlc, kept_user_id, kept_value, lost_hlc, lost_user_id, lost_value, person_id, found_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kept_hlc = excluded.kept_hlc, kept_user_id = excluded.kept_user_id, kept_value = excluded.kept_value
           WHERE excluded.kind = 'stage' AND kept_hlc IS NOT excluded.kept_hlc`,
      )
      .run(
        id,
        conflict.kind,
        conflict.entity,
        conflict.rowId,
        conflict.field,
        conflict.kept.hlc,
        conflict.kept.userId,
        JSON.stringify(conflict.kept.value),
        conflict.lost.hlc,
        conflict.lost.userId,
        JSON.stringify(conflict.lost.value),
        conflict.personId,
        this.now().toISOString(),
      );
    this.outcome.conflicts += added.changes;
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

interface FoundConflict {
  kind: 'field' | 'deleted' | 'duplicate' | 'stage' | 'number';
  entity: string;
  rowId: string;
  field: string | null;
  /** The person the row is about: the file itself, or the file a row of theirs names. */
  personId: string | null;
  kept: { hlc: string; userId: string; value: unknown };
  lost: { hlc: string; userId: string; value: unknown };
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

/** The tables whose records carry a number people see, and its column. */
const NUMBERED: Partial<Record<string, string>> = { beneficiaries: 'file_number', requests: 'number', complaints: 'number', letters: 'number' };

/** The cases whose stage is their steps' to say, with the table of their steps and the column naming the case. */
const CASE_STEPS: Record<'requests' | 'complaints', { steps: string; key: string; stages: readonly string[] }> = {
  requests: { steps: 'request_events', key: 'request_id', stages: REQUEST_STAGES },
  complaints: { steps: 'complaint_events', key: 'complaint_id', stages: COMPLAINT_STAGES },
};
type CaseTable = keyof typeof CASE_STEPS;

/** The case a change touches the steps or stage of, if any. */
function caseTouched(entity: string, rowId: string, after: Row | null): [CaseTable, string] | null {
  if (entity === 'requests' || entity === 'complaints') return [entity, rowId];
  for (const [table, { steps, key }] of Object.entries(CASE_STEPS) as Array<[CaseTable, (typeof CASE_STEPS)[CaseTable]]>) {
    if (entity === steps && typeof after?.[key] === 'string') return [table, after[key]];
  }
  return null;
}

/** A conflict's id, the same on every desk: from what it is about and the two changes' times, in order. */
function conflictId(conflict: FoundConflict): string {
  // A step that moved nothing is one conflict, whatever move stood before it when it was found: a step
  // received later may come before it in the steps' order, and the conflict then names that one (addConflict).
  const times = conflict.kind === 'stage' ? [conflict.lost.hlc] : [conflict.kept.hlc, conflict.lost.hlc].toSorted();
  const digest = createHash('sha256').update(JSON.stringify([conflict.kind, conflict.entity, conflict.rowId, conflict.field, ...times])).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
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

/** Whether a change of a person's file is their erasure. */
const isErasure = (after: Row, changed: string[]) => changed.includes('erased_at') && typeof after.erased_at === 'string';

/** The person a row is about: the file itself, or the file the row names. */
function personOf(table: TableShape, rowId: string, row: Row): string | null {
  if (table.name === 'beneficiaries') return rowId;
  return typeof row.beneficiary_id === 'string' ? row.beneficiary_id : null;
}

/** A row of an erased person's as their erasure leaves such rows (personal-data/tables.ts); null for a row erasure deletes. */
function asErased(table: SyncedTable, row: Row, personId: string): Row | null {
  const description = (PERSONAL_DATA_TABLES as Partial<Record<string, Record<string, ColumnRule<unknown>>>>)[table];
  if (description === undefined) return row;
  if (deletesRows(description)) return null;
  const erased = { ...row };
  for (const [column, rule] of Object.entries(description)) {
    if (!(column in erased)) continue;
    if (rule.erasure === 'cleared') erased[column] = null;
    else if (rule.erasure === 'emptied') erased[column] = erased[column] === null ? null : '';
    else if (typeof rule.erasure === 'object') erased[column] = rule.erasure.replacedBy({ beneficiaryId: personId }) as Value;
  }
  return erased;
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

const sameValue = (a: Value, b: Value) => a === b || (typeof a === 'number' && typeof b === 'number' && Number(a) === Number(b));

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
