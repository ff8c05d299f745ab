import type { Kysely } from 'kysely';
import type { FeeTimelineAction, TimelineEntry } from '../../api/timeline';
import type { DatabaseSchema } from '../../../db/schema';

type Db = Kysely<DatabaseSchema>;
type Dated = TimelineEntry & { id: string };

/**
 * A person's fee waivers and payments for their timeline, newest first, at most `take` before the
 * cursor: a waiver asked for and decided, a payment recorded and voided, each a step of its own. They
 * are reached through the person's enrolments (program_enrolments_by_beneficiary, then each table's
 * index by enrolment); a person has a handful, so all of theirs are read and the page cut here. A
 * step's id is its row's with the step's letter, so that two steps of one row at one instant still
 * follow each other in a fixed order across pages.
 */
export async function feeEntries(db: Db, beneficiaryId: string, cursor: { at: string; id: string } | null, take: number): Promise<Dated[]> {
  const theirs = db.selectFrom('program_enrolments').select('id').where('beneficiary_id', '=', beneficiaryId);
  const waivers = await db
    .selectFrom('program_fee_waivers as w')
    .innerJoin('program_enrolments as e', 'e.id', 'w.enrolment_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('users as r', 'r.id', 'w.requested_by')
    .leftJoin('users as d', 'd.id', 'w.decided_by')
    .select(['w.id', 'w.enrolment_id', 'w.amount', 'w.reason', 'w.status', 'w.requested_at', 'w.decided_at', 'w.decision_note', 'p.name_ar', 'p.name_en'])
    .select(['r.display_name as requested_by_name', 'd.display_name as decided_by_name'])
    .where('w.enrolment_id', 'in', theirs)
    .execute();
  const payments = await db
    .selectFrom('program_payments as pay')
    .innerJoin('program_enrolments as e', 'e.id', 'pay.enrolment_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .innerJoin('users as r', 'r.id', 'pay.recorded_by')
    .leftJoin('users as v', 'v.id', 'pay.voided_by')
    .select(['pay.id', 'pay.enrolment_id', 'pay.amount', 'pay.receipt_number', 'pay.note', 'pay.created_at', 'pay.voided_at', 'pay.void_reason', 'p.name_ar', 'p.name_en'])
    .select(['r.display_name as recorded_by_name', 'v.display_name as voided_by_name'])
    .where('pay.enrolment_id', 'in', theirs)
    .execute();

  const entries: Dated[] = [];
  const push = (id: string, at: string, action: FeeTimelineAction, row: { enrolment_id: string; amount: number; name_ar: string; name_en: string | null }, receiptNumber: string | null, note: string | null, actorName: string) =>
    entries.push({ kind: 'fee', at, id, fee: { id, enrolmentId: row.enrolment_id, program: { ar: row.name_ar, en: row.name_en }, action, amount: row.amount, receiptNumber, note, actorName } });
  for (const waiver of waivers) {
    push(`${waiver.id}:a`, waiver.requested_at, 'waiver_requested', waiver, null, waiver.reason, waiver.requested_by_name);
    if (waiver.status !== 'requested' && waiver.decided_at !== null) {
      push(`${waiver.id}:b`, waiver.decided_at, waiver.status === 'approved' ? 'waiver_approved' : 'waiver_refused', waiver, null, waiver.decision_note, waiver.decided_by_name ?? '');
    }
  }
  for (const payment of payments) {
    push(`${payment.id}:a`, payment.created_at, 'payment_recorded', payment, payment.receipt_number, payment.note, payment.recorded_by_name);
    if (payment.voided_at !== null) push(`${payment.id}:b`, payment.voided_at, 'payment_voided', payment, payment.receipt_number, payment.void_reason, payment.voided_by_name ?? '');
  }
  return entries
    .filter((entry) => cursor === null || entry.at < cursor.at || (entry.at === cursor.at && entry.id < cursor.id))
    .sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at)))
    .slice(0, take);
}
