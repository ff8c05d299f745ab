import type { Kysely } from 'kysely';
import { QUEUE_ROWS, type QueueFeeWaiver, type QueueList } from '../../api/queues';
import type { DatabaseSchema } from '../../../db/schema';
import { fullNameOf } from '../beneficiaries/mapping';

type Db = Kysely<DatabaseSchema>;

/**
 * The fee waivers waiting for a supervisor's decision, the longest waiting first, through the partial
 * index of the requests still open (program_fee_waivers_waiting): the whole office's, since any
 * supervisor decides them.
 */
export async function feeWaiverQueue(db: Db): Promise<QueueList<QueueFeeWaiver>> {
  const waiting = db.selectFrom('program_fee_waivers as w').where('w.status', '=', 'requested');
  const total = await waiting.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await waiting
    .innerJoin('program_enrolments as e', 'e.id', 'w.enrolment_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('beneficiaries as b', 'b.id', 'e.beneficiary_id')
    .innerJoin('program_fees as f', 'f.id', 'w.fee_id')
    .innerJoin('users as u', 'u.id', 'w.requested_by')
    .select(['w.id', 'w.enrolment_id', 'w.kind', 'w.amount', 'w.reason', 'w.requested_at', 'u.id as owner_id', 'u.display_name as owner_name'])
    .select(['p.id as program_id', 'p.name_ar', 'p.name_en', 'f.amount as fee_amount'])
    .select(['b.id as beneficiary_id', 'b.file_number', 'b.first_name', 'b.father_name', 'b.grandfather_name', 'b.family_name'])
    .orderBy('w.requested_at')
    .orderBy('w.id')
    .limit(QUEUE_ROWS)
    .execute();
  return {
    total: Number(total.count),
    rows: rows.map((row) => ({
      id: row.id,
      enrolmentId: row.enrolment_id,
      program: { id: row.program_id, nameAr: row.name_ar, nameEn: row.name_en },
      person: { beneficiaryId: row.beneficiary_id, name: fullNameOf(row), fileNumber: row.file_number },
      kind: row.kind,
      amount: row.amount,
      feeAmount: row.fee_amount,
      reason: row.reason,
      requestedAt: row.requested_at,
      owner: { id: row.owner_id, displayName: row.owner_name },
    })),
  };
}
