import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';

/**
 * Removes the copies of a person's records kept in the sync's queues (the values of changes waiting
 * to be sent, changes received) and conflicts, for their erasure: the erasure itself is then queued as the change that erases
 * them on every other desk. A queued copy names the person by its row's id, its beneficiary_id, or
 * (a scan) the letter it was filed with.
 */
export async function forgetSyncCopiesOf(db: Kysely<DatabaseSchema>, beneficiaryId: string): Promise<void> {
  const theirs = sql`(row_id = ${beneficiaryId}
    OR json_extract(row_after, '$.beneficiary_id') = ${beneficiaryId}
    -- A scan names no one itself: it is theirs through the letter it was filed with.
    OR (entity = 'attachments' AND row_id IN (SELECT scan_id FROM letters WHERE beneficiary_id = ${beneficiaryId} AND scan_id IS NOT NULL)))`;
  // Changes waiting to be sent keep their place, but not their values: the office must still hear of
  // the row (a request's step the erasure leaves as it is) and of what changed in it, and reads it
  // as it is when it is sent, erased by then (desk-sync.ts).
  await sql`UPDATE sync_outbox SET row_after = NULL WHERE action <> 'delete' AND ${theirs}`.execute(db);
  await sql`DELETE FROM sync_inbox WHERE ${theirs}`.execute(db);
  // The two versions of a field a merge kept for a supervisor, and the duplicates found with them.
  await sql`DELETE FROM sync_conflicts WHERE person_id = ${beneficiaryId}
    OR (kind = 'duplicate' AND (kept_value = json_quote(${beneficiaryId}) OR lost_value = json_quote(${beneficiaryId})))`.execute(db);
}
