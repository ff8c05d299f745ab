import type { Kysely } from 'kysely';
import type { EnrolmentDetail } from '../../api/enrolments';
import type { DatabaseSchema, ProgramEnrolmentEventTable, ProgramEnrolmentTable } from '../../../db/schema';
import { restamp, type CallContext } from '../context';
import { ENROLMENT_COLUMNS, ENROLMENT_EVENT_COLUMNS, erasedValues } from '../personal-data/tables';
import { getEnrolment } from './service';

type Db = Kysely<DatabaseSchema>;

/** Every enrolment of a person in a program, newest application first, with its steps: for the subject-access document. */
export async function enrolmentsOf(db: Db, beneficiaryId: string, context: CallContext): Promise<EnrolmentDetail[]> {
  const rows = await db
    .selectFrom('program_enrolments')
    .select('id')
    .where('beneficiary_id', '=', beneficiaryId)
    .orderBy('applied_at', 'desc')
    .orderBy('seq', 'desc')
    .execute();
  const details: EnrolmentDetail[] = [];
  for (const row of rows) details.push(await getEnrolment(db, row.id, context));
  return details;
}

/**
 * What was written about the person goes with their other personal data, inside the erasure's
 * transaction: the interview's notes, the reasons given, why their conditions were waived, and the
 * notes on the steps. The rows stay, with their programs, stages and dates, for the programs' counts
 * and fairness figures: each column's rule is in ENROLMENT_COLUMNS and ENROLMENT_EVENT_COLUMNS.
 * Answers how many enrolments were touched, for the erasure's record.
 */
export async function eraseEnrolmentsOf(trx: Db, beneficiaryId: string, context: CallContext): Promise<number> {
  const result = await trx
    .updateTable('program_enrolments')
    .set({ ...erasedValues<ProgramEnrolmentTable>(ENROLMENT_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .executeTakeFirst();
  await trx
    .updateTable('program_enrolment_events')
    .set({ ...erasedValues<ProgramEnrolmentEventTable>(ENROLMENT_EVENT_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('beneficiary_id', '=', beneficiaryId)
    .where('note', 'is not', null)
    .execute();
  return Number(result.numUpdatedRows);
}
