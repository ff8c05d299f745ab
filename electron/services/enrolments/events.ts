import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, ProgramEnrolmentEventTable, ProgramEnrolmentTable } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { stamp, type CallContext } from '../context';
import { newId } from '../ids';

type Db = Kysely<DatabaseSchema>;
export type EnrolmentRow = Selectable<ProgramEnrolmentTable>;

type NewEvent = Pick<Selectable<ProgramEnrolmentEventTable>, 'action' | 'from_stage' | 'to_stage'> & { note?: string | null };

/** One event of an enrolment: the row of its history and of the person's timeline. */
export async function appendEnrolmentEvent(
  trx: Db,
  enrolment: Pick<EnrolmentRow, 'id' | 'program_id' | 'beneficiary_id'>,
  event: NewEvent,
  context: CallContext,
): Promise<void> {
  await trx
    .insertInto('program_enrolment_events')
    .values({
      id: newId(),
      enrolment_id: enrolment.id,
      program_id: enrolment.program_id,
      beneficiary_id: enrolment.beneficiary_id,
      at: context.now.toISOString(),
      actor_id: context.actorId,
      note: null,
      ...event,
      ...stamp(context),
    })
    .execute();
}

/** The audit entry of an enrolment's move (or an offer made from the waitlist): ids and stages, never what anyone wrote. */
export function auditEnrolmentMove(
  trx: Db,
  enrolment: Pick<EnrolmentRow, 'id' | 'program_id' | 'beneficiary_id'>,
  change: { action: string; from: string; to: string },
  extra: Record<string, unknown>,
  context: CallContext,
): Promise<void> {
  return appendAudit(trx, context, {
    action: 'enrolment.moved',
    entityType: 'beneficiary',
    entityId: enrolment.beneficiary_id,
    summary: { enrolmentId: enrolment.id, programId: enrolment.program_id, action: change.action, from: change.from, to: change.to, ...extra },
  });
}
