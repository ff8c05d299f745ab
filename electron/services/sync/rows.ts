import type Database from 'better-sqlite3-multiple-ciphers';
import { reversedDigits } from '../../api/fields/digits';
import { eraseFromNameIndexNow, writeNameIndexNow } from '../../../db/queries/name-index';
import { sentColumns, sqlName, type SyncedTable } from '../../../db/sync-capture';
import { indexTokensOf } from '../beneficiaries/service';
import { articleSearchText } from '../inquiries/library';
import { normalizeNameForCompare } from '../search/normalize';

/**
 * Writing rows of the office's record by their columns, as a merge does (services/sync/apply.ts) and
 * as a supervisor's settlement of a conflict does (services/conflicts/): with the columns each desk
 * derives from the sent ones, and a person's place in the name index. Synchronous, on the connection:
 * whether the writes are captured (sent to the office) is the caller's to say.
 */

/**
 * A statement prepared once per connection and kept: taking in a whole office's record prepares the
 * same few statements millions of times otherwise.
 */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
export function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (cache === undefined) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(text);
  if (statement === undefined) cache.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

export type Value = string | number | null;
export type Row = Record<string, Value>;

/** Whether two values of a column are the same (SQLite gives an integer where a real was sent). */
export const sameValue = (a: Value, b: Value) => a === b || (typeof a === 'number' && typeof b === 'number' && Number(a) === Number(b));

/** A synced table as the merge writes it: its sent columns, and what is derived from them. */
export interface TableShape {
  name: SyncedTable;
  columns: string[];
  /** The derived columns for a row's values (`changed`: only when one of their sources changed). */
  derive: (row: Row, changed?: Row) => Row;
}

const NAME_COLUMNS = ['first_name', 'father_name', 'grandfather_name', 'family_name', 'latin_name'] as const;

const nameFieldsOf = (row: Row) => ({
  firstName: String(row.first_name ?? ''),
  fatherName: String(row.father_name ?? ''),
  grandfatherName: String(row.grandfather_name ?? ''),
  familyName: String(row.family_name ?? ''),
  latinName: typeof row.latin_name === 'string' ? row.latin_name : null,
});

const touches = (changed: Row | undefined, columns: readonly string[]) => changed === undefined || columns.some((column) => column in changed);

/** Each table's columns that are not sent but derived from the others, worked out here as the desk that wrote them did. */
const DERIVED: Partial<Record<SyncedTable, (row: Row, changed?: Row) => Row>> = {
  beneficiaries: (row, changed): Row => {
    if (!touches(changed, NAME_COLUMNS)) return {};
    const fields = nameFieldsOf(row);
    return { name_normalized: normalizeNameForCompare([fields.firstName, fields.fatherName, fields.grandfatherName, fields.familyName]) };
  },
  beneficiary_phones: (row, changed): Row => (touches(changed, ['phone']) ? { phone_reversed: reversedDigits(String(row.phone ?? '')) } : {}),
  articles: (row, changed): Row => (touches(changed, ['title', 'body']) ? { search_text: articleSearchText(String(row.title ?? ''), String(row.body ?? '')) } : {}),
};

export function tableShape(sqlite: Database.Database, name: SyncedTable): TableShape {
  return { name, columns: sentColumns(sqlite, name), derive: DERIVED[name] ?? (() => ({})) };
}


/** Adds a row from its sent columns; returns it with its derived columns. */
export function insertRow(sqlite: Database.Database, table: TableShape, values: Row): Row {
  const row = { ...values, ...table.derive(values) };
  const names = Object.keys(row);
  prepared(sqlite, `INSERT INTO ${sqlName(table.name)} (${names.map(sqlName).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((name) => row[name]));
  reindexPerson(sqlite, table, String(values.id), null, row);
  return row;
}

/** Writes some columns of a row (`current` is the row as it is), with the columns derived from them. */
export function updateRow(sqlite: Database.Database, table: TableShape, rowId: string, current: Row, writes: Row): void {
  const next = { ...current, ...writes };
  const all = { ...writes, ...table.derive(next, writes) };
  const names = Object.keys(all);
  prepared(sqlite, `UPDATE ${sqlName(table.name)} SET ${names.map((name) => `${sqlName(name)} = ?`).join(', ')} WHERE id = ?`).run(...names.map((name) => all[name]), rowId);
  reindexPerson(sqlite, table, rowId, current, { ...next, ...all });
}

/** Deletes a row, and what the merge kept of its fields as the office's order had them (services/sync/apply.ts). */
export function deleteRow(sqlite: Database.Database, table: TableShape, rowId: string): void {
  reindexPerson(sqlite, table, rowId, {}, null);
  prepared(sqlite, `DELETE FROM ${sqlName(table.name)} WHERE id = ?`).run(rowId);
  prepared(sqlite, 'DELETE FROM sync_office_fields WHERE entity = ? AND row_id = ?').run(table.name, rowId);
}

/** A person's place in the name index after a write of their file: added, renamed, or taken out (erased, deleted). */
function reindexPerson(sqlite: Database.Database, table: TableShape, rowId: string, before: Row | null, after: Row | null): void {
  if (table.name !== 'beneficiaries') return;
  const seq = (prepared(sqlite, 'SELECT seq FROM beneficiaries WHERE id = ?').pluck().get(rowId) as number | undefined) ?? null;
  if (seq === null) return;
  if (after === null || after.erased_at !== null) {
    if (before !== null) eraseFromNameIndexNow(sqlite, seq);
    return;
  }
  const nameChanged = before === null || NAME_COLUMNS.some((column) => before[column] !== after[column]);
  if (nameChanged) writeNameIndexNow(sqlite, seq, indexTokensOf(nameFieldsOf(after)), { replacing: before !== null });
}

/** The tables whose rows belong to a person's file, by their beneficiary_id. */
const ROWS_OF_A_PERSON = ['beneficiary_phones', 'household_members', 'eligibility_decisions', 'contacts', 'letters', 'requests', 'request_events', 'complaints', 'complaint_events', 'inquiries', 'program_enrolments', 'program_enrolment_events', 'program_attendance', 'program_discipline_notes'] as const;

/** Moves every row of one file to another (a merge of two files of one person); returns how many moved. */
export function moveRowsOfPerson(sqlite: Database.Database, fromId: string, toId: string): number {
  let moved = 0;
  for (const table of ROWS_OF_A_PERSON) moved += prepared(sqlite, `UPDATE ${sqlName(table)} SET beneficiary_id = ? WHERE beneficiary_id = ?`).run(toId, fromId).changes;
  return moved;
}

/**
 * The file a merged file's rows now belong to, following merges of merged files to the end; null for
 * a file not merged (or merged round in a circle, by two supervisors at once: left where it is).
 */
export function mergedInto(sqlite: Database.Database, beneficiaryId: string): string | null {
  const next = prepared(sqlite, 'SELECT into_id FROM beneficiary_merges WHERE merged_id = ?').pluck();
  const seen = new Set([beneficiaryId]);
  let file = beneficiaryId;
  for (;;) {
    const into = next.get(file) as string | undefined;
    if (into === undefined) return file === beneficiaryId ? null : file;
    if (seen.has(into)) return null;
    seen.add(into);
    file = into;
  }
}
