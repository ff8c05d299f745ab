import type { Kysely } from 'kysely';
import type { ValidInput } from '../../api/contract';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { EnrolmentFees, PaymentView, WaiverView } from '../../api/program-fees';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { restamp, stamp, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { nextReceiptNumber } from './receipt-number';

type Db = Kysely<DatabaseSchema>;

const refuseField = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

/** The enrolment money hangs off, with the fee version fixed on it when the person applied. */
async function requireEnrolment(db: Db, enrolmentId: string) {
  const enrolment = await db.selectFrom('program_enrolments').select(['id', 'program_id', 'beneficiary_id', 'fee_id']).where('id', '=', enrolmentId).executeTakeFirst();
  if (!enrolment) throw notFound('enrolment');
  return enrolment;
}

/**
 * What the person owes on an enrolment: the fee fixed on it, less the approved waivers and the
 * payments not voided. Read inside the caller's transaction, so that a write checks against what it
 * will change.
 */
async function owedOn(db: Db, enrolment: { id: string; fee_id: string | null }) {
  const fee = enrolment.fee_id === null ? undefined : await db.selectFrom('program_fees').selectAll().where('id', '=', enrolment.fee_id).executeTakeFirst();
  const waived = await db
    .selectFrom('program_fee_waivers')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('enrolment_id', '=', enrolment.id)
    .where('status', '=', 'approved')
    .executeTakeFirstOrThrow();
  const paid = await db
    .selectFrom('program_payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
    .where('enrolment_id', '=', enrolment.id)
    .where('voided_at', 'is', null)
    .executeTakeFirstOrThrow();
  const amount = fee?.amount ?? 0;
  const balance = Math.max(0, amount - Number(waived.total) - Number(paid.total));
  return { fee: fee ?? null, waived: Number(waived.total), paid: Number(paid.total), balance };
}

/** A program without a fee, or announced free, has nothing to waive or pay. */
function requireFee<Fee>(fee: Fee | null, amount: number): Fee {
  if (fee === null || amount === 0) throw new AppError('rule', 'programFees.noFee');
  return fee;
}

// --- Reading ---------------------------------------------------------------------------------------

export async function enrolmentFees(db: Db, enrolmentId: string): Promise<EnrolmentFees> {
  const enrolment = await requireEnrolment(db, enrolmentId);
  const owed = await owedOn(db, enrolment);
  const waivers = await db
    .selectFrom('program_fee_waivers as w')
    .innerJoin('users as r', 'r.id', 'w.requested_by')
    .leftJoin('users as d', 'd.id', 'w.decided_by')
    .select(['w.id', 'w.kind', 'w.amount', 'w.reason', 'w.status', 'w.requested_at', 'w.requested_by', 'r.display_name as requested_by_name'])
    .select(['w.decided_at', 'w.decided_by', 'd.display_name as decided_by_name', 'w.decision_note'])
    .where('w.enrolment_id', '=', enrolmentId)
    .orderBy('w.requested_at')
    .orderBy('w.id')
    .execute();
  const payments = await db
    .selectFrom('program_payments as p')
    .innerJoin('users as r', 'r.id', 'p.recorded_by')
    .leftJoin('users as v', 'v.id', 'p.voided_by')
    .select(['p.id', 'p.amount', 'p.paid_on', 'p.method', 'p.receipt_number', 'p.note', 'p.created_at', 'p.recorded_by', 'r.display_name as recorded_by_name'])
    .select(['p.voided_at', 'p.voided_by', 'v.display_name as voided_by_name', 'p.void_reason'])
    .where('p.enrolment_id', '=', enrolmentId)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  const waiverViews: WaiverView[] = waivers.map((row) => ({
    id: row.id,
    kind: row.kind,
    amount: row.amount,
    reason: row.reason,
    status: row.status,
    requestedAt: row.requested_at,
    requestedBy: { id: row.requested_by, displayName: row.requested_by_name },
    decidedAt: row.decided_at,
    decidedBy: row.decided_by === null ? null : { id: row.decided_by, displayName: row.decided_by_name ?? '' },
    decisionNote: row.decision_note,
  }));
  const paymentViews: PaymentView[] = payments.map((row) => ({
    id: row.id,
    amount: row.amount,
    paidOn: row.paid_on,
    method: row.method,
    receiptNumber: row.receipt_number,
    note: row.note,
    recordedAt: row.created_at,
    recordedBy: { id: row.recorded_by, displayName: row.recorded_by_name },
    voided:
      row.voided_at === null || row.voided_by === null
        ? null
        : { at: row.voided_at, by: { id: row.voided_by, displayName: row.voided_by_name ?? '' }, reason: row.void_reason ?? '' },
  }));
  return {
    enrolmentId,
    fee:
      owed.fee === null
        ? null
        : { id: owed.fee.id, version: owed.fee.version, amount: owed.fee.amount, covers: owed.fee.covers, announcedOn: owed.fee.announced_on },
    waived: owed.waived,
    paid: owed.paid,
    balance: owed.balance,
    waivers: waiverViews,
    payments: paymentViews,
    openWaiverId: waiverViews.find((waiver) => waiver.status === 'requested')?.id ?? null,
  };
}

// --- Waivers ---------------------------------------------------------------------------------------

/**
 * An officer asks for a waiver of the fee with a reason: all that is still owed, or part of it. One
 * request waits at a time per enrolment, and none may reach beyond what the person still owes.
 */
export async function requestWaiver(db: Db, input: ValidInput<'programFees.requestWaiver'>, context: CallContext): Promise<EnrolmentFees> {
  await db.transaction().execute(async (trx) => {
    const enrolment = await requireEnrolment(trx, input.enrolmentId);
    const owed = await owedOn(trx, enrolment);
    const fee = requireFee(owed.fee, owed.fee?.amount ?? 0);
    const open = await trx.selectFrom('program_fee_waivers').select('id').where('enrolment_id', '=', enrolment.id).where('status', '=', 'requested').executeTakeFirst();
    if (open) throw new AppError('rule', 'programFees.waiverOpen');
    // A full waiver waives what is still owed: the fee less what was paid or waived already.
    if (owed.balance === 0) throw refuseField('kind', 'validation.programFees.nothingOwed');
    const amount = input.kind === 'full' ? owed.balance : (input.amount ?? 0);
    if (amount > owed.balance) throw refuseField('amount', 'validation.programFees.beyondOwed');
    const id = newId();
    const at = context.now.toISOString();
    await trx
      .insertInto('program_fee_waivers')
      .values({
        id,
        enrolment_id: enrolment.id,
        fee_id: fee.id,
        kind: input.kind,
        amount,
        reason: input.reason,
        requested_at: at,
        requested_by: context.actorId,
        status: 'requested',
        decided_at: null,
        decided_by: null,
        decision_note: null,
        ...stamp(context),
      })
      .execute();
    await appendAudit(trx, context, {
      action: 'fee.waiverRequested',
      entityType: 'beneficiary',
      entityId: enrolment.beneficiary_id,
      summary: { enrolmentId: enrolment.id, waiverId: id, kind: input.kind, amount },
    });
  });
  return enrolmentFees(db, input.enrolmentId);
}

/**
 * A supervisor approves or refuses a waiver request, with a note; never their own request, which
 * another supervisor decides. An approval still may not reach beyond what is owed: a payment recorded
 * since the request may have lowered it.
 */
export async function decideWaiver(db: Db, input: ValidInput<'programFees.decideWaiver'>, context: CallContext): Promise<EnrolmentFees> {
  const enrolmentId = await db.transaction().execute(async (trx) => {
    const waiver = await trx.selectFrom('program_fee_waivers').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!waiver) throw notFound('waiver');
    if (waiver.status !== 'requested') throw new AppError('rule', 'programFees.waiverDecided');
    if (waiver.requested_by === context.actorId) throw new AppError('rule', 'programFees.ownWaiver');
    const enrolment = await requireEnrolment(trx, waiver.enrolment_id);
    if (input.decision === 'approved' && waiver.amount > (await owedOn(trx, enrolment)).balance) {
      throw new AppError('rule', 'programFees.waiverBeyondOwed');
    }
    await trx
      .updateTable('program_fee_waivers')
      .set((eb) => ({
        status: input.decision,
        decided_at: context.now.toISOString(),
        decided_by: context.actorId,
        decision_note: input.note,
        row_version: eb('row_version', '+', 1),
        ...restamp(context),
      }))
      .where('id', '=', waiver.id)
      .execute();
    await appendAudit(trx, context, {
      action: 'fee.waiverDecided',
      entityType: 'beneficiary',
      entityId: enrolment.beneficiary_id,
      summary: { enrolmentId: enrolment.id, waiverId: waiver.id, decision: input.decision, amount: waiver.amount },
    });
    return enrolment.id;
  });
  return enrolmentFees(db, enrolmentId);
}

// --- Payments --------------------------------------------------------------------------------------

/**
 * Records money received (Wasl does not take it): the amount, the day it was received (not in the
 * future), the method and a note, numbered with the next receipt number. Never more than is owed.
 */
export async function recordPayment(db: Db, input: ValidInput<'programFees.recordPayment'>, context: CallContext): Promise<EnrolmentFees> {
  if (input.paidOn > todayInRiyadh(context.now)) throw refuseField('paidOn', 'validation.programFees.futureDate');
  await db.transaction().execute(async (trx) => {
    const enrolment = await requireEnrolment(trx, input.enrolmentId);
    const owed = await owedOn(trx, enrolment);
    requireFee(owed.fee, owed.fee?.amount ?? 0);
    if (input.amount > owed.balance) throw refuseField('amount', 'validation.programFees.beyondOwed');
    const id = newId();
    // Taken last, once nothing else can refuse: a number given is a number printed.
    const receiptNumber = await nextReceiptNumber(trx, context);
    await trx
      .insertInto('program_payments')
      .values({
        id,
        enrolment_id: enrolment.id,
        amount: input.amount,
        paid_on: input.paidOn,
        method: input.method,
        receipt_number: receiptNumber,
        note: input.note,
        recorded_by: context.actorId,
        voided_at: null,
        voided_by: null,
        void_reason: null,
        ...stamp(context),
      })
      .execute();
    await appendAudit(trx, context, {
      action: 'fee.paymentRecorded',
      entityType: 'beneficiary',
      entityId: enrolment.beneficiary_id,
      summary: { enrolmentId: enrolment.id, paymentId: id, receiptNumber, amount: input.amount, method: input.method, paidOn: input.paidOn },
    });
  });
  return enrolmentFees(db, input.enrolmentId);
}

/**
 * A payment recorded by mistake is voided by a supervisor with a reason, never edited or deleted: its
 * receipt number stays in the register.
 */
export async function voidPayment(db: Db, input: ValidInput<'programFees.voidPayment'>, context: CallContext): Promise<EnrolmentFees> {
  const enrolmentId = await db.transaction().execute(async (trx) => {
    const payment = await trx.selectFrom('program_payments').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!payment) throw notFound('payment');
    if (payment.voided_at !== null) throw new AppError('rule', 'programFees.alreadyVoided');
    const enrolment = await requireEnrolment(trx, payment.enrolment_id);
    await trx
      .updateTable('program_payments')
      .set((eb) => ({
        voided_at: context.now.toISOString(),
        voided_by: context.actorId,
        void_reason: input.reason,
        row_version: eb('row_version', '+', 1),
        ...restamp(context),
      }))
      .where('id', '=', payment.id)
      .execute();
    await appendAudit(trx, context, {
      action: 'fee.paymentVoided',
      entityType: 'beneficiary',
      entityId: enrolment.beneficiary_id,
      summary: { enrolmentId: enrolment.id, paymentId: payment.id, receiptNumber: payment.receipt_number, amount: payment.amount },
    });
    return enrolment.id;
  });
  return enrolmentFees(db, enrolmentId);
}
