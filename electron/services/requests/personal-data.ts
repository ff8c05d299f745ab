import type { Kysely } from 'kysely';
import type { DatabaseSchema, RequestEventTable, RequestTable } from '../../../db/schema';
import { restamp, type CallContext } from '../context';
import { erasedValues, REQUEST_COLUMNS, REQUEST_EVENT_COLUMNS } from '../personal-data/tables';

export { requestsOf } from './read';

/**
 * Erasure of one person's requests, inside the erasure's transaction: what the person asked for,
 * the reasons given for decisions and withdrawals, and every note on their requests' events go.
 * The rows, their numbers, types, stages, owners and dates stay, for the counts and the service
 * times the reports are built from (each column's rule: REQUEST_COLUMNS, REQUEST_EVENT_COLUMNS).
 * Answers how many requests were blanked.
 */
export async function eraseRequestsOf(trx: Kysely<DatabaseSchema>, beneficiaryId: string, context: CallContext): Promise<number> {
  const blanked = await trx
    .updateTable('requests')
    .set({ ...erasedValues<RequestTable>(REQUEST_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .executeTakeFirst();
  await trx
    .updateTable('request_events')
    .set({ ...erasedValues<RequestEventTable>(REQUEST_EVENT_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .where('note', 'is not', null)
    .execute();
  return Number(blanked.numUpdatedRows);
}
