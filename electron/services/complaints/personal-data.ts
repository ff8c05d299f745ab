import type { Kysely } from 'kysely';
import type { ComplaintDetail } from '../../api/complaints';
import type { ComplaintEventTable, ComplaintTable, DatabaseSchema } from '../../../db/schema';
import { restamp, type CallContext } from '../context';
import { COMPLAINT_COLUMNS, COMPLAINT_EVENT_COLUMNS, erasedValues } from '../personal-data/tables';
import { complaintDetailsOf } from './service';

type Db = Kysely<DatabaseSchema>;

/**
 * Every complaint, note and suggestion a person brought, newest first, with their events: for the
 * subject-access document. It is the person's own record, so one about a staff member is included
 * with the name of whom it was about.
 */
export function complaintsOf(db: Db, beneficiaryId: string, now = new Date()): Promise<ComplaintDetail[]> {
  return complaintDetailsOf(db, beneficiaryId, now);
}

/**
 * The person's words go with their other personal data, inside the erasure's transaction: subject,
 * details, resolution, the name typed for them and the notes on the events. The rows stay, with
 * their kind, what they were about, stages, dates and decisions, for the counts and the suggestions
 * register (the improvement a suggestion led to is the association's, not the person's): each
 * column's rule is in COMPLAINT_COLUMNS and COMPLAINT_EVENT_COLUMNS. Answers how many complaints
 * were touched, for the erasure's record.
 */
export async function eraseComplaintsOf(trx: Db, beneficiaryId: string, context: CallContext): Promise<number> {
  const result = await trx
    .updateTable('complaints')
    .set({ ...erasedValues<ComplaintTable>(COMPLAINT_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .executeTakeFirst();
  await trx
    .updateTable('complaint_events')
    .set({ ...erasedValues<ComplaintEventTable>(COMPLAINT_EVENT_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .where('note', 'is not', null)
    .execute();
  return Number(result.numUpdatedRows);
}
