import type Database from 'better-sqlite3-multiple-ciphers';
import { sql, type Kysely } from 'kysely';
import type { BeneficiarySummary } from '../../api/beneficiaries';
import type { ConflictList, ConflictSide, ConflictView, HeldChange } from '../../api/conflicts';
import type { ComplaintKind } from '../../api/complaints';
import type { ValidInput } from '../../api/contract';
import { parseHlc } from '../../api/sync/hlc';
import type { DatabaseSchema, SyncConflictTable } from '../../../db/schema';
import { personOfRowSql, SYNCED_TABLES, type SyncedTable } from '../../../db/sync-capture';
import { appendAudit } from '../audit/log';
import { fullNameOf, toSummary, type SummaryRow } from '../beneficiaries/mapping';
import { selectSummaries } from '../beneficiaries/queries';
import { nextFileNumber } from '../beneficiaries/service';
import { nextComplaintNumber } from '../complaints/service';
import { nextOutgoingNumber } from '../letters/register';
import { nextReceiptNumber } from '../program-fees/receipt-number';
import { nextRequestNumber } from '../requests/lifecycle';
import { restamp, stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { deleteRow, moveRowsOfPerson, tableShape, updateRow, type Row } from '../sync/rows';

type Db = Kysely<DatabaseSchema>;

/** The open conflicts a supervisor is shown at once, newest first. */
const LIST_LIMIT = 200;

/**
 * The conflicts the merge of the office's changes found (services/sync/apply.ts), and their
 * settlement by a supervisor. A settlement is a record like any other: written here, in the
 * transaction that settles, it reaches every desk, which then no longer shows the conflict; a value
 * taken back is an ordinary change of the record, audited and sent.
 */
export async function listConflicts(db: Db): Promise<ConflictList> {
  const open = db.selectFrom('sync_conflicts as c').where(({ not, exists, selectFrom }) => not(exists(selectFrom('conflict_settlements as s').select('s.id').whereRef('s.id', '=', 'c.id'))));
  const rows = await open.selectAll('c').orderBy('c.found_at', 'desc').orderBy('c.id').limit(LIST_LIMIT).execute();
  const { total } = await open.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const userIds = [...new Set(rows.flatMap((row) => [row.kept_user_id, row.lost_user_id]))];
  const users = new Map(
    userIds.length === 0 ? [] : (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()).map((user) => [user.id, user.display_name]),
  );
  const conflicts: ConflictView[] = [];
  for (const row of rows) {
    const view = await toView(db, row, users);
    if (view !== null) conflicts.push(view);
  }
  return { conflicts, total: Number(total) };
}

/** The changes this desk received and could not take yet, oldest first, with why. */
export async function listHeldChanges(db: Db): Promise<HeldChange[]> {
  const rows = await db
    .selectFrom('sync_inbox')
    .select(['server_seq', 'entity', 'action', 'held_reason', 'received_at'])
    .where('held_reason', 'is not', null)
    .orderBy('server_seq')
    .limit(100)
    .execute();
  return rows.map((row) => ({ serverSeq: row.server_seq, entity: row.entity, action: row.action, reason: row.held_reason ?? '', receivedAt: row.received_at }));
}

async function toView(db: Db, row: SyncConflictTable, users: Map<string, string>): Promise<ConflictView | null> {
  const side = (hlc: string, userId: string, value: string | null): ConflictSide => ({
    value: value === null ? null : (JSON.parse(value) as unknown),
    at: new Date(parseHlc(hlc)?.millis ?? 0).toISOString(),
    by: { id: userId, displayName: users.get(userId) ?? '' },
  });
  let files: ConflictView['files'] = null;
  if (row.kind === 'duplicate') {
    const [first, second] = [JSON.parse(String(row.kept_value)) as string, JSON.parse(String(row.lost_value)) as string];
    const found = await summariesOf(db, [first, second]);
    // A file merged or erased since: there is nothing left to settle.
    if (!found.has(first) || !found.has(second)) return null;
    files = [found.get(first)!, found.get(second)!];
  }
  let numbered: ConflictView['numbered'] = null;
  if (row.kind === 'number') {
    const records = await numberedRecords(db, row.entity, [JSON.parse(String(row.kept_value)) as string, JSON.parse(String(row.lost_value)) as string]);
    // A record renumbered or gone since: nothing is left to settle.
    if (records === null) return null;
    numbered = records;
  }
  const person =
    row.person_id === null
      ? null
      : await db.selectFrom('beneficiaries').select(['id', 'file_number', 'first_name', 'father_name', 'grandfather_name', 'family_name']).where('id', '=', row.person_id).where('erased_at', 'is', null).executeTakeFirst();
  return {
    id: row.id,
    kind: row.kind,
    entity: row.entity,
    field: row.field,
    rowId: row.row_id,
    person: person ? { id: person.id, fileNumber: person.file_number, fullName: fullNameOf(person) } : null,
    kept: side(row.kept_hlc, row.kept_user_id, row.kept_value),
    lost: side(row.lost_hlc, row.lost_user_id, row.lost_value),
    files,
    numbered,
    foundAt: row.found_at,
  };
}

/**
 * The tables whose records carry a number people see: its column, and the column the person is read
 * from (db/sync-capture.ts, personOfRowSql: a receipt's person is its payment's enrolment's).
 */
const NUMBERED = {
  beneficiaries: { number: 'file_number', person: 'id' },
  requests: { number: 'number', person: 'beneficiary_id' },
  complaints: { number: 'number', person: 'beneficiary_id' },
  letters: { number: 'number', person: 'beneficiary_id' },
  program_payments: { number: 'receipt_number', person: 'enrolment_id' },
} as const;
type NumberedTable = keyof typeof NUMBERED;
const isNumbered = (entity: string): entity is NumberedTable => entity in NUMBERED;

/** Two records that bear one number, while they still do; null once one was renumbered or is gone. */
async function numberedRecords(db: Db, entity: string, ids: [string, string]): Promise<ConflictView['numbered']> {
  if (!isNumbered(entity)) return null;
  const { number, person } = NUMBERED[entity];
  const rows = await sql<{ id: string; number: string; person_id: string | null; created_at: string }>`
    SELECT r.id, r.${sql.ref(number)} AS number, ${sql.raw(personOfRowSql(entity, [person], 'r') ?? 'NULL')} AS person_id, r.created_at
    FROM ${sql.table(entity)} AS r WHERE r.id IN (${sql.join(ids)})`.execute(db);
  const byId = new Map(rows.rows.map((row) => [row.id, row]));
  const [first, second] = [byId.get(ids[0]), byId.get(ids[1])];
  if (first === undefined || second === undefined || first.number !== second.number) return null;
  const people = await db
    .selectFrom('beneficiaries')
    .select(['id', 'first_name', 'father_name', 'grandfather_name', 'family_name'])
    .where('id', 'in', [first.person_id ?? '', second.person_id ?? ''])
    .where('erased_at', 'is', null)
    .execute();
  const nameOf = (id: string | null) => {
    const found = people.find((person) => person.id === id);
    return found ? fullNameOf(found) : null;
  };
  const record = (row: typeof first) => ({ id: row.id, entity, personName: nameOf(row.person_id), createdAt: row.created_at });
  return { number: first.number, records: [record(first), record(second)] };
}

async function summariesOf(db: Db, ids: string[]): Promise<Map<string, BeneficiarySummary>> {
  const rows = await selectSummaries(db).where('b.id', 'in', ids).where('b.erased_at', 'is', null).execute();
  return new Map(rows.map((row) => [row.id, toSummary(row as SummaryRow)]));
}

/**
 * Settles a conflict: the record stays as it is (`kept`), or a field takes back the value that gave
 * way (`other_kept`). A deletion stands (what the edit held is shown for it to be entered again by
 * hand), and two files of one ID number are merged (mergeFiles) or kept as two people's.
 */
export async function settleConflict(db: Db, sqlite: Database.Database, input: ValidInput<'conflicts.settle'>, context: CallContext): Promise<ConflictList> {
  await db.transaction().execute(async (trx) => {
    const conflict = await openConflict(trx, input.id);
    // One number on two records is settled only by giving one of them another.
    if (conflict.kind === 'number') throw new AppError('rule', 'conflicts.renumberInstead');
    if (input.outcome === 'other_kept') {
      if (conflict.kind === 'duplicate') throw new AppError('rule', 'conflicts.mergeInstead');
      if (conflict.kind === 'deleted') throw new AppError('rule', 'conflicts.deletionStands');
      if (conflict.kind === 'stage') throw new AppError('rule', 'conflicts.stepStands');
      takeBackValue(sqlite, conflict, context);
    }
    await recordSettlement(trx, conflict, input.outcome, context);
  });
  return listConflicts(db);
}

/** Merges two files of one person: the other file's records move to the one kept, and the other is deleted. */
export async function mergeFiles(db: Db, sqlite: Database.Database, input: ValidInput<'conflicts.merge'>, context: CallContext): Promise<ConflictList> {
  await db.transaction().execute(async (trx) => {
    const conflict = await openConflict(trx, input.id);
    if (conflict.kind !== 'duplicate') throw new AppError('rule', 'conflicts.notDuplicate');
    const files = [JSON.parse(String(conflict.kept_value)) as string, JSON.parse(String(conflict.lost_value)) as string];
    if (!files.includes(input.keepId)) {
      throw new AppError('validation', 'validation.invalid', { fields: [{ path: 'keepId', messageKey: 'conflicts.notOneOfTheFiles' }] });
    }
    const mergedId = files.find((file) => file !== input.keepId)!;
    const people = await trx.selectFrom('beneficiaries').select(['id', 'file_number', 'erased_at']).where('id', 'in', files).execute();
    const merged = people.find((person) => person.id === mergedId);
    if (people.length !== 2 || people.some((person) => person.erased_at !== null)) throw new AppError('rule', 'conflicts.fileGone');
    // In this order, as the other desks take it: the merge, the file kept written whole (a desk where the
    // two files were merged the other way at once gets it back from this change: services/sync/apply.ts),
    // the records moved, the other file deleted.
    await trx
      .insertInto('beneficiary_merges')
      .values({ id: newId(), merged_id: mergedId, merged_file_number: merged!.file_number, into_id: input.keepId, ...stamp(context) })
      .execute();
    const stamps = restamp(context);
    sqlite.prepare('UPDATE beneficiaries SET updated_at = ?, updated_by = ?, row_version = row_version + 1 WHERE id = ?').run(stamps.updated_at, stamps.updated_by, input.keepId);
    const moved = moveFileInto(sqlite, mergedId, input.keepId, context);
    deleteRow(sqlite, tableShape(sqlite, 'beneficiaries'), mergedId);
    await recordSettlement(trx, conflict, 'merged', context);
    await appendAudit(trx, context, {
      action: 'beneficiary.merged',
      entityType: 'beneficiary',
      entityId: input.keepId,
      summary: { mergedId, mergedFileNumber: merged!.file_number, moved },
    });
  });
  return listConflicts(db);
}

/**
 * Gives one of two records that bear one number a new number, this desk's next in the record's
 * series (from the office server's block): an ordinary change of the record, audited with both
 * numbers, that reaches every desk.
 */
export async function renumberRecord(db: Db, input: ValidInput<'conflicts.renumber'>, context: CallContext): Promise<ConflictList> {
  await db.transaction().execute(async (trx) => {
    const conflict = await openConflict(trx, input.id);
    if (conflict.kind !== 'number' || !isNumbered(conflict.entity)) throw new AppError('rule', 'conflicts.notNumber');
    const twins = [JSON.parse(String(conflict.kept_value)) as string, JSON.parse(String(conflict.lost_value)) as string] as [string, string];
    if (!twins.includes(input.renumberId)) {
      throw new AppError('validation', 'validation.invalid', { fields: [{ path: 'renumberId', messageKey: 'conflicts.notOneOfTheRecords' }] });
    }
    if ((await numberedRecords(trx, conflict.entity, twins)) === null) throw new AppError('rule', 'conflicts.recordGone');
    if (conflict.entity === 'beneficiaries') {
      const erased = await trx.selectFrom('beneficiaries').select('id').where('id', '=', input.renumberId).where('erased_at', 'is not', null).executeTakeFirst();
      if (erased) throw new AppError('rule', 'beneficiaries.erased');
    }
    const table = conflict.entity;
    const column = NUMBERED[table].number;
    const current = await sql<{ number: string; kind: string | null; row_version: number | null }>`
      SELECT ${sql.ref(column)} AS number, ${table === 'complaints' ? sql.ref('kind') : sql`NULL`} AS kind,
             ${table === 'beneficiaries' || table === 'program_payments' ? sql.ref('row_version') : sql`NULL`} AS row_version
      FROM ${sql.table(table)} WHERE id = ${input.renumberId}`.execute(trx);
    const before = current.rows[0]!;
    const next = await NEXT_NUMBER[table](trx, before.kind, context);
    await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${next}, updated_at = ${context.now.toISOString()}, updated_by = ${context.actorId}
      ${before.row_version === null ? sql`` : sql`, row_version = row_version + 1`} WHERE id = ${input.renumberId}`.execute(trx);
    await trx.insertInto('conflict_settlements').values({ id: conflict.id, outcome: 'renumbered', ...stamp(context) }).execute();
    await appendAudit(trx, context, {
      action: 'record.renumbered',
      ...(conflict.person_id === null ? {} : { entityType: 'beneficiary' as const, entityId: conflict.person_id }),
      summary: { entity: table, id: input.renumberId, from: before.number, to: next },
    });
  });
  return listConflicts(db);
}

/** Each numbered table's next number, as its own service gives it. */
const NEXT_NUMBER: Record<NumberedTable, (trx: Db, kind: string | null, context: CallContext) => Promise<string>> = {
  beneficiaries: (trx, _kind, context) => nextFileNumber(trx, context),
  requests: (trx, _kind, context) => nextRequestNumber(trx, context),
  complaints: (trx, kind, context) => nextComplaintNumber(trx, kind as ComplaintKind, context),
  letters: (trx, _kind, context) => nextOutgoingNumber(trx, context),
  program_payments: (trx, _kind, context) => nextReceiptNumber(trx, context),
};

async function openConflict(db: Db, id: string): Promise<SyncConflictTable> {
  const conflict = await db.selectFrom('sync_conflicts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!conflict) throw notFound('conflict');
  const settled = await db.selectFrom('conflict_settlements').select('id').where('id', '=', id).executeTakeFirst();
  if (settled) throw new AppError('rule', 'conflicts.alreadySettled');
  return conflict;
}

/** A field takes back the value that gave way: an ordinary change of the record, stamped by the supervisor. */
function takeBackValue(sqlite: Database.Database, conflict: SyncConflictTable, context: CallContext): void {
  if (!(SYNCED_TABLES as readonly string[]).includes(conflict.entity) || conflict.field === null) throw new AppError('rule', 'conflicts.recordGone');
  const table = tableShape(sqlite, conflict.entity as SyncedTable);
  const current = sqlite.prepare(`SELECT ${table.columns.map((column) => `"${column}"`).join(', ')} FROM "${table.name}" WHERE id = ?`).get(conflict.row_id) as Row | undefined;
  if (current === undefined) throw new AppError('rule', 'conflicts.recordGone');
  if (typeof current.erased_at === 'string') throw new AppError('rule', 'beneficiaries.erased');
  const writes: Row = { [conflict.field]: JSON.parse(String(conflict.lost_value)) as Row[string], ...restamp(context) };
  if (typeof current.row_version === 'number') writes.row_version = current.row_version + 1;
  updateRow(sqlite, table, conflict.row_id, current, Object.fromEntries(Object.entries(writes).filter(([column]) => table.columns.includes(column))));
}

async function recordSettlement(db: Db, conflict: SyncConflictTable, outcome: 'kept' | 'other_kept' | 'merged', context: CallContext): Promise<void> {
  await db.insertInto('conflict_settlements').values({ id: conflict.id, outcome, ...stamp(context) }).execute();
  if (outcome === 'merged') return;
  await appendAudit(db, context, {
    action: 'conflict.settled',
    ...(conflict.person_id === null ? {} : { entityType: 'beneficiary' as const, entityId: conflict.person_id }),
    summary: { kind: conflict.kind, entity: conflict.entity, field: conflict.field, outcome },
  });
}

/**
 * Moves a file's records to the file kept: its phones and household after the kept file's, and every
 * other record as it is. Returns how many records moved. A number both files have moves too, and is
 * shown once (beneficiaries/service.ts): deleting one of the two here would lose it on every desk when
 * two supervisors merge the two files at once, each into the other, and the merge that gives way is
 * undone (services/sync/apply.ts: mergeStands), each having deleted the other file's copy. The copy
 * goes with the next save of the file, as an ordinary edit.
 */
function moveFileInto(sqlite: Database.Database, mergedId: string, keepId: string, context: CallContext): number {
  const stamps = restamp(context);
  const moveAfterKept = (table: 'beneficiary_phones' | 'household_members') => {
    const kept = sqlite.prepare(`SELECT count(*) FROM ${table} WHERE beneficiary_id = ?`).pluck().get(keepId) as number;
    return sqlite
      .prepare(`UPDATE ${table} SET beneficiary_id = ?, position = position + ?, updated_at = ?, updated_by = ? WHERE beneficiary_id = ?`)
      .run(keepId, kept, stamps.updated_at, stamps.updated_by, mergedId).changes;
  };
  return moveAfterKept('beneficiary_phones') + moveAfterKept('household_members') + moveRowsOfPerson(sqlite, mergedId, keepId);
}
