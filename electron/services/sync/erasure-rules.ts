import type Database from 'better-sqlite3-multiple-ciphers';
import { ERASED_NAME } from '../../api/beneficiaries';
import { rowsOfPersonIn, SYNCED_TABLES, sqlName, THROUGH_ENROLMENT, type SyncedTable } from '../../../db/sync-capture';
import { deletesRows, PERSONAL_DATA_TABLES, type ColumnRule } from '../personal-data/tables';
import { deleteRow, prepared, sameValue, updateRow, type Row, type TableShape, type Value } from './rows';

/**
 * A person's erasure as the merge of the office's changes takes it (apply.ts): it reaches every row of
 * theirs on every desk, whenever the row arrived, by the rules of personal-data/tables.ts.
 */

/** Whether a change of a person's file is their erasure. */
export const isErasure = (after: Row, changed: string[]) => changed.includes('erased_at') && typeof after.erased_at === 'string';

/**
 * The person a row is about: the file itself, the file the row names, or (a row that names its person
 * only through their enrolment: db/sync-capture.ts, THROUGH_ENROLMENT) the file of its enrolment.
 */
export function personOfRow(sqlite: Database.Database, table: string, rowId: string, row: Row): string | null {
  if (table === 'beneficiaries') return rowId;
  if (typeof row.beneficiary_id === 'string') return row.beneficiary_id;
  if (!isThroughEnrolment(table) || typeof row.enrolment_id !== 'string') return null;
  return (prepared(sqlite, 'SELECT beneficiary_id FROM program_enrolments WHERE id = ?').pluck().get(row.enrolment_id) as string | undefined) ?? null;
}

const isThroughEnrolment = (table: string): boolean => (THROUGH_ENROLMENT as ReadonlySet<string>).has(table);

/** A row of an erased person's as their erasure leaves such rows (personal-data/tables.ts); null for a row erasure deletes. */
export function asErased(table: SyncedTable, row: Row, personId: string): Row | null {
  const description = (PERSONAL_DATA_TABLES as Partial<Record<string, Record<string, ColumnRule<unknown>>>>)[table];
  if (description === undefined) return row;
  if (deletesRows(description)) return null;
  const erased = { ...row };
  for (const [column, rule] of Object.entries(description)) {
    if (!(column in erased)) continue;
    if (rule.erasure === 'cleared') erased[column] = null;
    else if (rule.erasure === 'emptied') erased[column] = erased[column] === null ? null : '';
    else if (rule.erasure === 'marked') erased[column] = erased[column] === null ? null : ERASED_NAME;
    else if (typeof rule.erasure === 'object') erased[column] = rule.erasure.replacedBy({ beneficiaryId: personId }) as Value;
  }
  return erased;
}

/**
 * The erasure reaches what this desk holds of the person that the erasing desk did not know of
 * (recorded here, or received from a third desk, before the erasure arrived): each row as erasure
 * leaves such rows, as every desk takes them when they arrive after it.
 */
export function eraseRowsOfPerson(sqlite: Database.Database, shapeOf: (name: SyncedTable) => TableShape, personId: string): void {
  for (const name of SYNCED_TABLES) {
    if (name === 'beneficiaries') continue;
    const table = shapeOf(name);
    const theirs = rowsOfPersonIn(name, table.columns, '?');
    if (theirs === null) continue;
    const rows = prepared(sqlite, `SELECT ${table.columns.map(sqlName).join(', ')} FROM ${sqlName(name)} WHERE ${theirs}`).all(personId) as Row[];
    for (const row of rows) {
      const erased = asErased(name, row, personId);
      if (erased === null) {
        deleteRow(sqlite, table, String(row.id));
        continue;
      }
      const writes = Object.fromEntries(Object.keys(erased).filter((column) => !sameValue(row[column] ?? null, erased[column] ?? null)).map((column) => [column, erased[column] ?? null]));
      if (Object.keys(writes).length > 0) updateRow(sqlite, table, String(row.id), row, writes);
    }
  }
  eraseScansOfPerson(sqlite, shapeOf, personId);
}

/**
 * A scan names no one itself: it is the person's through the letter it was filed with. The scans of
 * an erased person's letters this desk holds are left as the erasure leaves scans (their names
 * emptied, their bytes gone), stamped with the person's erasure, as every desk stamps them.
 */
export function eraseScansOfPerson(sqlite: Database.Database, shapeOf: (name: SyncedTable) => TableShape, personId: string): void {
  const erasedAt = prepared(sqlite, 'SELECT erased_at FROM beneficiaries WHERE id = ?').pluck().get(personId) as string | null | undefined;
  if (typeof erasedAt !== 'string') return;
  const table = shapeOf('attachments');
  const scans = prepared(
    sqlite,
    `SELECT ${table.columns.map(sqlName).join(', ')} FROM attachments
     WHERE erased_at IS NULL AND id IN (SELECT scan_id FROM letters WHERE beneficiary_id = ? AND scan_id IS NOT NULL)`,
  ).all(personId) as Row[];
  for (const scan of scans) {
    const erased: Row = { ...asErased('attachments', scan, personId), erased_at: erasedAt };
    const writes = Object.fromEntries(Object.keys(erased).filter((column) => !sameValue(scan[column] ?? null, erased[column] ?? null)).map((column) => [column, erased[column] ?? null]));
    // The bytes are this desk's own (they travel apart, as a blob): they go too.
    updateRow(sqlite, table, String(scan.id), scan, { ...writes, content: null });
  }
}
