import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { copyOfPerson } from '../../../db/sync-capture';

/**
 * Removes the copies of a person's records kept in the sync's queues (the values of changes waiting
 * to be sent, changes received) and conflicts, for their erasure: the erasure itself is then queued as the change that erases
 * them on every other desk. A queued copy is theirs as db/sync-capture.ts says (copyOfPerson): their
 * file, a row naming them, a row of one of their enrolments, or the scan of one of their letters.
 */
export async function forgetSyncCopiesOf(db: Kysely<DatabaseSchema>, beneficiaryId: string): Promise<void> {
  // The person is named once, as a parameter, in a common table the condition reads.
  const erased = sql`WITH erased (id) AS (SELECT ${beneficiaryId})`;
  const theirs = sql.raw(copyOfPerson('row_after', '(SELECT id FROM erased)'));
  // Changes waiting to be sent keep their place, but not their values: the office must still hear of
  // the row (a request's step the erasure leaves as it is) and of what changed in it, and reads it
  // as it is when it is sent, erased by then (desk-sync.ts).
  await sql`${erased} UPDATE sync_outbox SET row_after = NULL WHERE action <> 'delete' AND ${theirs}`.execute(db);
  await sql`${erased} DELETE FROM sync_inbox WHERE ${theirs}`.execute(db);
  // The two versions of a field a merge kept for a supervisor, and the duplicates found with them.
  await sql`DELETE FROM sync_conflicts WHERE person_id = ${beneficiaryId}
    OR (kind = 'duplicate' AND (kept_value = json_quote(${beneficiaryId}) OR lost_value = json_quote(${beneficiaryId})))`.execute(db);
}
