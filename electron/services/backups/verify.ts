import { sql, type Kysely } from 'kysely';
import type { BackupAuditHead } from '../../api/backups';
import type { AuditLogTable, DatabaseSchema } from '../../../db/schema';
import { entryHash } from '../audit/log';
import { AppError } from '../errors';

type Db = Kysely<DatabaseSchema>;

export interface CheckedCopy {
  schemaVersion: number;
  beneficiaries: number;
  /** The last entry of the copy's audit log (null while it is empty). */
  auditHead: BackupAuditHead | null;
  /** Whether that entry's content still matches its hash. */
  auditHeadHolds: boolean;
}

/**
 * Copies the open database, as it is at this instant, to a new file encrypted with the same key.
 * `VACUUM INTO` reads one consistent snapshot (what was committed when it started) and SQLite3
 * Multiple Ciphers writes the copy with the database's own cipher and key; better-sqlite3's
 * `backup()` refuses an encrypted source. It goes through Kysely's connection, so it never runs in
 * the middle of a transaction another call has open.
 */
export async function copyDatabaseTo(db: Db, target: string): Promise<void> {
  await sql`VACUUM INTO ${target}`.execute(db);
}

/** The name the copy under check is attached as; never one the app's queries use. */
const CHECKED = 'wasl_backup_check';

/**
 * Checks a database file the way a restore needs it: it opens with the open database's key (an
 * attached file without a KEY clause takes the main database's key and cipher), every page and
 * index is sound (`integrity_check`), and it says which schema it has, how many people it holds, and
 * where its audit log ends.
 * The file is attached for reading only what is asked; nothing is written to it.
 */
export async function checkDatabaseCopy(db: Db, path: string): Promise<CheckedCopy> {
  return db.connection().execute(async (connection) => {
    let attached = false;
    try {
      let integrity: string[];
      try {
        await sql`ATTACH DATABASE ${path} AS ${sql.id(CHECKED)}`.execute(connection);
        attached = true;
        // The attached file gets SQLite's default 2 MiB cache; every page read is decrypted, and
        // integrity_check of 100,000 people takes twice as long with it as with the desk's 64 MiB.
        await sql`PRAGMA ${sql.id(CHECKED)}.cache_size = -65536`.execute(connection);
        const rows = await sql<Record<string, string>>`PRAGMA ${sql.id(CHECKED)}.integrity_check`.execute(connection);
        integrity = rows.rows.map((row) => String(Object.values(row)[0]));
      } catch (error) {
        // SQLITE_NOTADB: not this database's key (or the first page is damaged); anything else, damaged.
        const code = (error as { code?: unknown } | null)?.code;
        throw new AppError('backup_failed', code === 'SQLITE_NOTADB' ? 'backups.otherKey' : 'backups.damaged');
      }
      if (integrity.length !== 1 || integrity[0] !== 'ok') throw new AppError('backup_failed', 'backups.damaged');
      try {
        const version = await sql<{ version: number | null }>`SELECT max(version) AS version FROM ${sql.id(CHECKED)}.schema_migrations`.execute(
          connection,
        );
        const people = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.id(CHECKED)}.beneficiaries`.execute(connection);
        const last = await sql<AuditLogTable>`SELECT * FROM ${sql.id(CHECKED)}.audit_log ORDER BY seq DESC LIMIT 1`.execute(connection);
        const head = last.rows[0];
        return {
          schemaVersion: version.rows[0]?.version ?? 0,
          beneficiaries: people.rows[0]?.n ?? 0,
          auditHead: head ? { seq: head.seq, hash: head.hash } : null,
          auditHeadHolds: head ? entryHash(head) === head.hash : true,
        };
      } catch {
        // Sound pages, but not a Wasl database (no migrations table, no beneficiaries).
        throw new AppError('backup_failed', 'backups.damaged');
      }
    } finally {
      if (attached) await sql`DETACH DATABASE ${sql.id(CHECKED)}`.execute(connection);
    }
  });
}
