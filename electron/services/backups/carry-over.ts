import { sql, type Kysely } from 'kysely';
import type { BackupAuditHead, BackupManifest } from '../../api/backups';
import type { AuditLogTable, DatabaseSchema } from '../../../db/schema';
import { auditHeadOf } from '../audit/anchor';
import { appendAudit, entryHash, GENESIS_HASH, type ChainedContent } from '../audit/log';
import { eraseBeneficiary } from '../beneficiaries/personal-data';
import { SYSTEM_USER_ID, type CallContext } from '../context';
import { replaceBackupRows } from './settings';
import type { CheckedCopy } from './verify';

type Db = Kysely<DatabaseSchema>;

/** The name the database as it was before the restore (its safety copy) is attached as. */
const BEFORE = 'wasl_before_restore';

/** Entries are carried this many at a time: a week of a busy desk is tens of thousands. */
const PAGE = 500;

export interface RestoredBackup {
  name: string;
  manifest: BackupManifest;
  checked: CheckedCopy;
  safetyCopyPath: string;
}

/**
 * Makes the checked copy of a backup ready to be put in place, before it is: what happened since the
 * backup was made is carried over from the database as it was just before the restore (its safety
 * copy, taken from the closed file, so nothing written up to the last call is missed).
 *
 * - The audit log: every entry made after the backup, with its time, actor, action, record, summary
 *   and change values, chained on after the backup's own, then the `backup.restored` entry naming
 *   where the log ended before (its head), where the backup's ended, and how many were carried. The
 *   backup's log is normally the live log's beginning, so the carried entries come out exactly as
 *   they were (same hashes): the restored log goes on from the live one, and the keyring's anchor
 *   still lies on it. An account that made a carried entry but is missing from the backup comes
 *   back as it was, so the entry still names who acted.
 * - The backups' own status (folder, last good backup): it describes the backups, not the registry.
 * - Erasures: a person whose data was destroyed after the backup was made does not come back with it;
 *   the erasure is made again, and recorded anew, in the restored data.
 */
export async function carryOverIntoRestoredCopy(copy: Db, restored: RestoredBackup, context: CallContext): Promise<void> {
  await sql`ATTACH DATABASE ${restored.safetyCopyPath} AS ${sql.id(BEFORE)}`.execute(copy);
  try {
    await copy.transaction().execute(async (trx) => {
      const headBefore = await lastEntryBefore(trx);
      const backupHead = restored.checked.auditHead;
      const after = await whereTheLogsParted(trx, backupHead);
      await carryActingAccounts(trx, after);
      const carried = await carryAuditEntries(trx, after);
      const actor = await actingAs(trx, context);
      await replaceBackupRows(trx, actor, await backupRowsBefore(trx));
      await appendAudit(trx, actor, {
        action: 'backup.restored',
        entityType: 'backup',
        entityId: restored.name,
        summary: {
          name: restored.name,
          createdAt: restored.manifest.createdAt,
          kind: restored.manifest.kind,
          schemaVersion: restored.checked.schemaVersion,
          beneficiaries: restored.checked.beneficiaries,
          safetyCopy: restored.safetyCopyPath,
          headBeforeSeq: headBefore?.seq ?? 0,
          headBeforeHash: headBefore?.hash ?? GENESIS_HASH,
          backupHeadSeq: backupHead?.seq ?? 0,
          backupHeadHash: backupHead?.hash ?? GENESIS_HASH,
          carriedEntries: carried,
          ...(actor.actorId === context.actorId ? {} : { restoredBy: context.actorId }),
        },
      });
    });
  } finally {
    await sql`DETACH DATABASE ${sql.id(BEFORE)}`.execute(copy);
  }
  await reapplyErasures(copy, restored.name, context);
}

/** Whoever restored may have no account in the restored database: the system account then signs, and the entry names who asked. */
async function actingAs(db: Db, context: CallContext): Promise<CallContext> {
  const known = await db.selectFrom('users').select('id').where('id', '=', context.actorId).executeTakeFirst();
  return { actorId: known ? context.actorId : SYSTEM_USER_ID, now: context.now };
}

async function lastEntryBefore(db: Db): Promise<BackupAuditHead | null> {
  const last = await sql<BackupAuditHead>`SELECT seq, hash FROM ${sql.id(BEFORE)}.audit_log ORDER BY seq DESC LIMIT 1`.execute(db);
  return last.rows[0] ?? null;
}

/**
 * The sequence number after which the live log holds what the backup does not. Normally the backup's
 * head, which the live log passes through. A live log that does not (it parted from the backup's
 * before that point: a backup of another line of the log, or a log rewritten) is carried whole, but
 * for the entries the restored log already holds.
 */
async function whereTheLogsParted(db: Db, backupHead: BackupAuditHead | null): Promise<number> {
  if (backupHead === null) return 0;
  const live = await sql<{ hash: string }>`SELECT hash FROM ${sql.id(BEFORE)}.audit_log WHERE seq = ${backupHead.seq}`.execute(db);
  return live.rows[0]?.hash === backupHead.hash ? backupHead.seq : 0;
}

/** Which entries of the live log (`log`) are carried: those after `after` that the restored log does not already hold. */
const carriedAfter = (after: number) => sql`log.seq > ${after} AND log.id NOT IN (SELECT id FROM main.audit_log)`;

/**
 * Accounts that made a carried entry but are not in the restored database (made after the backup)
 * come back as they are now: the keyring, which a restore does not roll back, holds their passwords,
 * and every entry keeps naming its actor. The same username held by another account in the restored
 * database makes the restore fail, and nothing changes.
 */
async function carryActingAccounts(db: Db, after: number): Promise<void> {
  const columns = await sql<{ name: string }>`SELECT name FROM pragma_table_info('users')`.execute(db);
  const list = sql.join(columns.rows.map((column) => sql.id(column.name)));
  await sql`
    INSERT INTO main.users (${list})
    SELECT ${list} FROM ${sql.id(BEFORE)}.users
     WHERE id IN (SELECT log.actor_id FROM ${sql.id(BEFORE)}.audit_log AS log WHERE ${carriedAfter(after)})
       AND id NOT IN (SELECT id FROM main.users)`.execute(db);
}

interface LiveEntry extends AuditLogTable {
  changes: string | null;
}

/**
 * Appends the live log's entries the restored one lacks, in their order, chained on: each keeps its
 * id, time, actor, action, record, summary and change values (none for a person erased since: the
 * erasure removed them from the live log), and gets the next sequence number and the hash of the
 * entry now before it.
 */
async function carryAuditEntries(db: Db, after: number): Promise<number> {
  let previous = (await auditHeadOf(db)) ?? { seq: 0, hash: GENESIS_HASH };
  let cursor = after;
  let carried = 0;
  for (;;) {
    const page = await sql<LiveEntry>`
      SELECT log.*, changes.changes AS changes
        FROM ${sql.id(BEFORE)}.audit_log AS log
        LEFT JOIN ${sql.id(BEFORE)}.audit_changes AS changes ON changes.entry_id = log.id
       WHERE ${carriedAfter(cursor)}
       ORDER BY log.seq LIMIT ${PAGE}`.execute(db);
    for (const row of page.rows) {
      const entry: ChainedContent = {
        seq: previous.seq + 1,
        id: row.id,
        at: row.at,
        actor_id: row.actor_id,
        action: row.action,
        entity_type: row.entity_type,
        entity_id: row.entity_id,
        summary: row.summary,
        changes_digest: row.changes_digest,
        prev_hash: previous.hash,
      };
      const hash = entryHash(entry);
      await db.insertInto('audit_log').values({ ...entry, hash }).execute();
      if (row.changes !== null) await db.insertInto('audit_changes').values({ entry_id: row.id, changes: row.changes }).execute();
      previous = { seq: entry.seq, hash };
      cursor = row.seq;
      carried += 1;
    }
    if (page.rows.length < PAGE) return carried;
  }
}

async function backupRowsBefore(db: Db): Promise<Array<{ key: string; value: string }>> {
  const rows = await sql<{ key: string; value: string }>`
    SELECT key, value FROM ${sql.id(BEFORE)}.settings WHERE key LIKE 'backup.%'`.execute(db);
  return rows.rows;
}

/**
 * Erases again, in the restored data, everyone whose erasure the log records (the carried entries
 * included) but whose data the backup still holds. The erasure is recorded anew, with the original
 * reason and the backup's name, so the restored log says why.
 */
async function reapplyErasures(db: Db, backupName: string, context: CallContext): Promise<void> {
  const erasures = await db
    .selectFrom('audit_log')
    .innerJoin('beneficiaries as person', 'person.id', 'audit_log.entity_id')
    .select(['person.id', 'audit_log.summary', 'person.file_number'])
    .where('audit_log.action', '=', 'beneficiary.erased')
    .where('person.erased_at', 'is', null)
    .orderBy('audit_log.seq')
    .execute();
  const actor = await actingAs(db, context);
  const done = new Set<string>();
  for (const erasure of erasures) {
    if (done.has(erasure.id)) continue;
    done.add(erasure.id);
    const reason = String((JSON.parse(erasure.summary) as { reason?: unknown }).reason ?? '');
    await eraseBeneficiary(
      db,
      { id: erasure.id, reason: `${reason} — (${backupName})`.slice(0, 1000), confirmFileNumber: erasure.file_number },
      actor,
    );
  }
}
