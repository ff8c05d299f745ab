import { sql, type Kysely } from 'kysely';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import { enrolmentWorkflow } from '../../api/workflow/enrolments';
import type { DatabaseSchema } from '../../../db/schema';
import { restamp, type CallContext } from '../context';
import { notFound } from '../errors';
import { inStages } from '../workflow/rules';
import { appendEnrolmentEvent, auditEnrolmentMove, type EnrolmentRow } from './events';

/**
 * A program's places and its waitlist. Capacity is a hard limit: the accepted, active and completed
 * hold places, and so does each place offered from the waitlist while its offer runs. The waitlist is
 * kept in order of application (a supervisor may change it, with a reason); a freed place is offered
 * to the first on it, open to the end of the day `offer_days` after today (Riyadh), and an offer not
 * taken by then ends that application and passes to the next. All of it happens inside the
 * transaction of the change that frees or takes a place, or of `passExpiredOffers`: the same changes
 * give the same waitlist on every desk.
 */

type Db = Kysely<DatabaseSchema>;

/** A calendar date (yyyy-mm-dd) some days later. */
export function daysAfter(date: string, days: number): string {
  const noon = new Date(`${date}T12:00:00Z`);
  noon.setUTCDate(noon.getUTCDate() + days);
  return noon.toISOString().slice(0, 10);
}

export interface ProgramPlaces {
  capacity: number;
  /** Accepted, active and completed. */
  taken: number;
  /** Offers from the waitlist still running. */
  offered: number;
  /** What is left for a new acceptance or a new offer. */
  free: number;
}

export interface PlacedProgram {
  id: string;
  capacity: number;
  offer_days: number;
  status: string;
}

export async function programOf(db: Db, programId: string): Promise<PlacedProgram> {
  const program = await db.selectFrom('programs').select(['id', 'capacity', 'offer_days', 'status']).where('id', '=', programId).executeTakeFirst();
  if (!program) throw notFound('program');
  return program;
}

/** The program's places on `today`, leaving out `except`'s own offer (the one about to take its place). */
export async function placesOf(db: Db, program: PlacedProgram, today: string, except: string | null = null): Promise<ProgramPlaces> {
  const counts = await db
    .selectFrom('program_enrolments')
    .select((eb) => [
      eb.fn.sum<number>(sql<number>`CASE WHEN ${inStages('stage', enrolmentWorkflow.groups.holdingPlace)} THEN 1 ELSE 0 END`).as('taken'),
      eb.fn
        .sum<number>(sql<number>`CASE WHEN stage = 'waitlisted' AND offer_expires_on >= ${today} AND id IS NOT ${except} THEN 1 ELSE 0 END`)
        .as('offered'),
    ])
    .where('program_id', '=', program.id)
    .executeTakeFirstOrThrow();
  const taken = Number(counts.taken ?? 0);
  const offered = Number(counts.offered ?? 0);
  return { capacity: program.capacity, taken, offered, free: Math.max(0, program.capacity - taken - offered) };
}

/** Whether an enrolment on the waitlist holds an offer that still runs on `today`. */
export const holdsOffer = (row: Pick<EnrolmentRow, 'stage' | 'offer_expires_on'>, today: string): boolean =>
  row.stage === 'waitlisted' && row.offer_expires_on !== null && row.offer_expires_on >= today;

/**
 * The place on the waitlist of someone joining it: after everyone on it who applied before them, so
 * that the list keeps the order of application however the decisions came; those after move down one.
 */
export async function joinWaitlist(trx: Db, row: EnrolmentRow, context: CallContext): Promise<number> {
  const before = await trx
    .selectFrom('program_enrolments')
    .select((eb) => eb.fn.max<number | null>('waitlist_order').as('last'))
    .where('program_id', '=', row.program_id)
    .where('stage', '=', 'waitlisted')
    .where((eb) => eb.or([eb('applied_at', '<', row.applied_at), eb.and([eb('applied_at', '=', row.applied_at), eb('id', '<', row.id)])]))
    .executeTakeFirstOrThrow();
  const order = (before.last ?? 0) + 1;
  await trx
    .updateTable('program_enrolments')
    .set((eb) => ({ waitlist_order: eb('waitlist_order', '+', 1), ...restamp(context) }))
    .where('program_id', '=', row.program_id)
    .where('stage', '=', 'waitlisted')
    .where('waitlist_order', '>=', order)
    .execute();
  return order;
}

/** Closes the gap someone leaving the waitlist leaves: those after them move up one. */
export async function leaveWaitlist(trx: Db, row: Pick<EnrolmentRow, 'id' | 'program_id' | 'waitlist_order'>, context: CallContext): Promise<void> {
  if (row.waitlist_order === null) return;
  await trx
    .updateTable('program_enrolments')
    .set((eb) => ({ waitlist_order: eb('waitlist_order', '-', 1), ...restamp(context) }))
    .where('program_id', '=', row.program_id)
    .where('stage', '=', 'waitlisted')
    .where('id', '<>', row.id)
    .where('waitlist_order', '>', row.waitlist_order)
    .execute();
}

/**
 * Moves one enrolment on the waitlist to `position` (1 first; past the end is the end), the others
 * closing up around it. Returns the place it had and the place it has.
 */
export async function moveOnWaitlist(trx: Db, row: EnrolmentRow, position: number, context: CallContext): Promise<{ from: number; to: number }> {
  const from = row.waitlist_order ?? 1;
  const { length } = await trx
    .selectFrom('program_enrolments')
    .select((eb) => eb.fn.countAll<number>().as('length'))
    .where('program_id', '=', row.program_id)
    .where('stage', '=', 'waitlisted')
    .executeTakeFirstOrThrow();
  const to = Math.min(position, Number(length));
  if (to === from) return { from, to };
  const others = trx
    .updateTable('program_enrolments')
    .where('program_id', '=', row.program_id)
    .where('stage', '=', 'waitlisted')
    .where('id', '<>', row.id);
  if (to < from) {
    await others
      .set((eb) => ({ waitlist_order: eb('waitlist_order', '+', 1), ...restamp(context) }))
      .where('waitlist_order', '>=', to)
      .where('waitlist_order', '<', from)
      .execute();
  } else {
    await others
      .set((eb) => ({ waitlist_order: eb('waitlist_order', '-', 1), ...restamp(context) }))
      .where('waitlist_order', '>', from)
      .where('waitlist_order', '<=', to)
      .execute();
  }
  await trx.updateTable('program_enrolments').set({ waitlist_order: to, ...restamp(context) }).where('id', '=', row.id).execute();
  return { from, to };
}

/**
 * Brings a program's waitlist up to date on the caller's today: each offer whose last day has passed
 * ends its application (declined, as an expired offer) and leaves the list; then, while a place is
 * free and the program still takes people, the first on the list without an offer is offered one.
 * Each of these is an event and an audit entry of its own.
 */
export async function settleWaitlist(trx: Db, programId: string, context: CallContext): Promise<void> {
  const today = todayInRiyadh(context.now);
  const at = context.now.toISOString();
  const expired = await trx
    .selectFrom('program_enrolments')
    .selectAll()
    .where('program_id', '=', programId)
    .where('stage', '=', 'waitlisted')
    .where('offer_expires_on', '<', today)
    .orderBy('waitlist_order')
    .execute();
  for (const row of expired) {
    // Read again: those before it leaving the list have moved it up.
    const current = await trx.selectFrom('program_enrolments').select('waitlist_order').where('id', '=', row.id).executeTakeFirstOrThrow();
    await leaveWaitlist(trx, { ...row, waitlist_order: current.waitlist_order }, context);
    await trx
      .updateTable('program_enrolments')
      .set((eb) => ({
        stage: 'declined',
        stage_since: at,
        waitlist_order: null,
        offer_expires_on: null,
        row_version: eb('row_version', '+', 1),
        ...restamp(context),
      }))
      .where('id', '=', row.id)
      .execute();
    await appendEnrolmentEvent(trx, row, { action: 'offer_expired', from_stage: 'waitlisted', to_stage: 'declined' }, context);
    await auditEnrolmentMove(trx, row, { action: 'offer_expired', from: 'waitlisted', to: 'declined' }, { offerExpiredOn: row.offer_expires_on }, context);
  }

  const program = await programOf(trx, programId);
  // A program finished or cancelled offers no more places.
  if (program.status !== 'open' && program.status !== 'running') return;
  let { free } = await placesOf(trx, program, today);
  if (free === 0) return;
  const waiting = await trx
    .selectFrom('program_enrolments')
    .selectAll()
    .where('program_id', '=', programId)
    .where('stage', '=', 'waitlisted')
    .where('offer_expires_on', 'is', null)
    .orderBy('waitlist_order')
    .limit(free)
    .execute();
  for (const row of waiting) {
    if (free === 0) break;
    const expiresOn = daysAfter(today, program.offer_days);
    await trx
      .updateTable('program_enrolments')
      .set((eb) => ({ offer_expires_on: expiresOn, row_version: eb('row_version', '+', 1), ...restamp(context) }))
      .where('id', '=', row.id)
      .execute();
    await appendEnrolmentEvent(trx, row, { action: 'offered', from_stage: 'waitlisted', to_stage: 'waitlisted' }, context);
    await auditEnrolmentMove(trx, row, { action: 'offered', from: 'waitlisted', to: 'waitlisted' }, { offerExpiresOn: expiresOn }, context);
    free -= 1;
  }
}
