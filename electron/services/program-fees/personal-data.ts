import type { Kysely } from 'kysely';
import type { DatabaseSchema, ProgramFeeWaiverTable, ProgramPaymentTable } from '../../../db/schema';
import labels from '../../../locales/ar/program-fees.json';
import { restamp, type CallContext } from '../context';
import { erasedValues, FEE_WAIVER_COLUMNS, PAYMENT_COLUMNS } from '../personal-data/tables';
import { html, type Html } from '../printing/html';

type Db = Kysely<DatabaseSchema>;

/** What the subject-access document shows of a person's fee waivers and payments, through their enrolments. */
export interface PersonFees {
  waivers: Array<{ programName: string; kind: 'full' | 'partial'; amount: number; reason: string; status: 'requested' | 'approved' | 'refused'; decisionNote: string | null; requestedAt: string }>;
  payments: Array<{
    programName: string;
    receiptNumber: string;
    amount: number;
    paidOn: string;
    method: 'cash' | 'bank_transfer' | 'card' | 'other';
    note: string | null;
    /** Why it was voided, or null for a payment that stands. */
    voidReason: string | null;
  }>;
}

/** The labels of the document's lines for the person's own columns. */
export const FEE_DOCUMENT_LINES = {
  reason: labels.waiverDialog.reason,
  decisionNote: labels.decisionDialog.note,
  note: labels.paymentDialog.note,
  voidReason: labels.voidDialog.reason,
} as const;

export async function feesOfPerson(db: Db, beneficiaryId: string): Promise<PersonFees> {
  const waivers = await db
    .selectFrom('program_fee_waivers as w')
    .innerJoin('program_enrolments as e', 'e.id', 'w.enrolment_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select(['p.name_ar', 'w.kind', 'w.amount', 'w.reason', 'w.status', 'w.decision_note', 'w.requested_at'])
    .where('e.beneficiary_id', '=', beneficiaryId)
    .orderBy('w.requested_at', 'desc')
    .execute();
  const payments = await db
    .selectFrom('program_payments as pay')
    .innerJoin('program_enrolments as e', 'e.id', 'pay.enrolment_id')
    .innerJoin('programs as p', 'p.id', 'e.program_id')
    .select(['p.name_ar', 'pay.receipt_number', 'pay.amount', 'pay.paid_on', 'pay.method', 'pay.note', 'pay.void_reason'])
    .where('e.beneficiary_id', '=', beneficiaryId)
    .orderBy('pay.paid_on', 'desc')
    .execute();
  return {
    waivers: waivers.map((row) => ({
      programName: row.name_ar,
      kind: row.kind,
      amount: row.amount,
      reason: row.reason,
      status: row.status,
      decisionNote: row.decision_note,
      requestedAt: row.requested_at,
    })),
    payments: payments.map((row) => ({
      programName: row.name_ar,
      receiptNumber: row.receipt_number,
      amount: row.amount,
      paidOn: row.paid_on,
      method: row.method,
      note: row.note,
      voidReason: row.void_reason,
    })),
  };
}

const riyals = (halalas: number) => (halalas / 100).toFixed(2);

/** The document's section: their waiver requests with the reasons given, and their payments with the receipt numbers. */
export function feesSection(data: PersonFees, none: string, formatDate: (date: string) => Html | string): Html {
  const words = labels.card;
  if (data.waivers.length === 0 && data.payments.length === 0) return html`<p class="none">${none}</p>`;
  return html`
    ${data.waivers.length === 0
      ? ''
      : html`<table class="grid">
          <thead><tr><th>${labels.receipt.for}</th><th>${labels.waiverDialog.kindLabel}</th><th>${labels.receipt.amount}</th><th>${FEE_DOCUMENT_LINES.reason}</th><th>${words.waivers}</th><th>${FEE_DOCUMENT_LINES.decisionNote}</th></tr></thead>
          <tbody>${data.waivers.map(
            (waiver) =>
              html`<tr><td>${waiver.programName}</td><td>${labels.kind[waiver.kind]}</td><td><bdi dir="ltr">${riyals(waiver.amount)}</bdi></td><td>${waiver.reason}</td><td>${labels.status[waiver.status]}</td><td>${waiver.decisionNote ?? ''}</td></tr>`,
          )}</tbody>
        </table>`}
    ${data.payments.length === 0
      ? ''
      : html`<table class="grid">
          <thead><tr><th>${labels.receipt.for}</th><th>${labels.receipt.number}</th><th>${labels.receipt.amount}</th><th>${labels.paymentDialog.paidOn}</th><th>${labels.receipt.method}</th><th>${FEE_DOCUMENT_LINES.note}</th><th>${FEE_DOCUMENT_LINES.voidReason}</th></tr></thead>
          <tbody>${data.payments.map(
            (payment) =>
              html`<tr><td>${payment.programName}</td><td><bdi dir="ltr">${payment.receiptNumber}</bdi>${payment.voidReason === null ? '' : html` (${words.voided})`}</td><td><bdi dir="ltr">${riyals(payment.amount)}</bdi></td><td>${formatDate(payment.paidOn)}</td><td>${labels.method[payment.method]}</td><td>${payment.note ?? ''}</td><td>${payment.voidReason ?? ''}</td></tr>`,
          )}</tbody>
        </table>`}`;
}

/**
 * What was written about the person goes with their other personal data, inside the erasure's
 * transaction: the reasons given for their waivers, the supervisors' notes on them, and the notes on
 * their payments and the reasons their payments were voided. Amounts, decisions and receipt numbers
 * stay (FEE_WAIVER_COLUMNS, PAYMENT_COLUMNS).
 * Answers how many rows were touched, for the erasure's record.
 */
export async function eraseFeesOf(trx: Db, beneficiaryId: string, context: CallContext): Promise<number> {
  const theirs = trx.selectFrom('program_enrolments').select('id').where('beneficiary_id', '=', beneficiaryId);
  const waivers = await trx
    .updateTable('program_fee_waivers')
    .set({ ...erasedValues<ProgramFeeWaiverTable>(FEE_WAIVER_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('enrolment_id', 'in', theirs)
    .executeTakeFirst();
  const payments = await trx
    .updateTable('program_payments')
    .set({ ...erasedValues<ProgramPaymentTable>(PAYMENT_COLUMNS, { beneficiaryId }), ...restamp(context) })
    .where('enrolment_id', 'in', theirs)
    .where((eb) => eb.or([eb('note', 'is not', null), eb('void_reason', 'is not', null)]))
    .executeTakeFirst();
  return Number(waivers.numUpdatedRows) + Number(payments.numUpdatedRows);
}
