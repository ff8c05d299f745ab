import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { readKeyring, writeKeyring, type AuditHead } from '../accounts/keyring';

/** The audit log's last entry, or null while it is empty. */
export async function auditHeadOf(db: Kysely<DatabaseSchema>): Promise<AuditHead | null> {
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last ?? null;
}

/**
 * Writes the log's last entry into the keyring, outside the database. A hash chain shows an entry
 * altered, removed or moved inside the log, but not entries cut from its end; comparing with this
 * anchor does. Called at the moments the desk changes hands (sign-in, sign-out, lock, close) and
 * after a restore, which rolls the log back on purpose.
 */
export async function anchorAuditHead(db: Kysely<DatabaseSchema>, keyringPath: string): Promise<void> {
  const head = await auditHeadOf(db);
  const keyring = readKeyring(keyringPath);
  if (keyring.auditHead?.seq === head?.seq && keyring.auditHead?.hash === head?.hash) return;
  writeKeyring(keyringPath, { ...readKeyring(keyringPath), auditHead: head });
}
