import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { readKeyring, writeKeyring, type AuditHead } from '../accounts/keyring';
import { SYSTEM_USER_ID } from '../context';
import { appendAudit } from './log';

type Db = Kysely<DatabaseSchema>;

/**
 * Somewhere outside the database that remembers the log's last entry. A hash chain shows an entry
 * altered, removed or moved inside the log, but not entries cut from its end: only a witness that
 * the database cannot rewrite shows those. The keyring is the first witness; the office server will
 * be a second, off the desk, so the desk speaks to this interface and not to the keyring.
 */
export interface AuditWitness {
  /** The head last anchored, or null when none has been. */
  read(): AuditHead | null;
  write(head: AuditHead | null): void;
}

/** The keyring, beside the database but outside it, as the witness. */
export function keyringWitness(keyringPath: string): AuditWitness {
  return {
    read: () => readKeyring(keyringPath).auditHead ?? null,
    write: (head) => {
      // Read again just before writing, so that nothing written to the keyring meanwhile is lost.
      writeKeyring(keyringPath, { ...readKeyring(keyringPath), auditHead: head });
    },
  };
}

/** The audit log's last entry, or null while it is empty. */
export async function auditHeadOf(db: Db): Promise<AuditHead | null> {
  const last = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return last ?? null;
}

/**
 * Moves the anchor forward to the log's last entry, but only along the chain: when the log still
 * reaches the anchored entry, unchanged. A log that does not (entries cut from its end, or replaced
 * since) is never re-anchored silently: the break is recorded first, as an entry chained onto the
 * log as it was found, and the anchor then moves onto that entry, so that the break stays in the
 * chain (`audit.verify` reports it) and cutting the break itself away shows at the next check.
 * Called when the database opens, before anything else is appended, and whenever the desk changes
 * hands (sign-in, sign-out, lock, close). Answers whether a break was found.
 */
export function advanceAuditAnchor(db: Db, witness: AuditWitness, now: Date): Promise<boolean> {
  // One transaction holds the one connection: nothing is appended between the check and the anchor
  // written, and two changes of hands at once (an idle lock during a sign-out) record one break, not two.
  return db.transaction().execute(async (trx) => {
    const anchor = witness.read();
    const head = await auditHeadOf(trx);
    const reached = anchor === null || (await reaches(trx, anchor));
    if (reached) {
      if (head?.seq !== anchor?.seq || head?.hash !== anchor?.hash) witness.write(head);
      return false;
    }
    await appendAudit(trx, { actorId: SYSTEM_USER_ID, now }, {
      action: 'audit.breakDetected',
      entityType: 'audit',
      summary: { anchorSeq: anchor.seq, anchorHash: anchor.hash, foundSeq: head?.seq ?? 0, foundHash: head?.hash ?? null },
    });
    witness.write(await auditHeadOf(trx));
    return true;
  });
}

/** Whether the log still holds the anchored entry, with the hash it had when it was anchored. */
async function reaches(db: Db, anchor: AuditHead): Promise<boolean> {
  const entry = await db.selectFrom('audit_log').select('hash').where('seq', '=', anchor.seq).executeTakeFirst();
  return entry?.hash === anchor.hash;
}

/**
 * Anchors the log's last entry as it is, whatever was anchored before: only for a deliberate change
 * of the log's history that is itself recorded (a restore, which rolls the log back to a backup's).
 */
export async function anchorAuditHead(db: Db, keyringPath: string): Promise<void> {
  const witness = keyringWitness(keyringPath);
  const head = await auditHeadOf(db);
  const anchor = witness.read();
  if (anchor?.seq === head?.seq && anchor?.hash === head?.hash) return;
  witness.write(head);
}
