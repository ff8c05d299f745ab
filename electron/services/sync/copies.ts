import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';

/**
 * Removes the copies of a person's records kept in the sync's queues (changes waiting to be sent,
 * changes received), for their erasure: the erasure itself is then queued as the change that erases
 * them on every other desk. A queued copy names the person by its row's id, its beneficiary_id, or
 * (a scan) the letter it was filed with.
 */
export async function forgetSyncCopiesOf(db: Kysely<DatabaseSchema>, beneficiaryId: string): Promise<void> {
  for (const table of ['sync_outbox', 'sync_inbox'] as const) {
    await sql`
      DELETE FROM ${sql.table(table)}
      WHERE row_id = ${beneficiaryId}
         OR json_extract(row_after, '$.beneficiary_id') = ${beneficiaryId}
         -- A scan names no one itself: it is theirs through the letter it was filed with.
         OR (entity = 'attachments' AND row_id IN (SELECT scan_id FROM letters WHERE beneficiary_id = ${beneficiaryId} AND scan_id IS NOT NULL))`.execute(db);
  }
}
