import { z } from 'zod';
import { call } from './define';
import { id, isoDate, optionalText, requiredText } from './fields/schemas';
import { MAX_FEE_HALALAS } from './programs';

/**
 * The money of an enrolment: fee waivers asked for by an officer and decided by a supervisor, and
 * payments recorded with a receipt number. Wasl records money; it does not move it. A fee never bars
 * access: nothing in the enrolment's workflow looks at what a person owes.
 */

export const WAIVER_KINDS = ['full', 'partial'] as const;
export type WaiverKind = (typeof WAIVER_KINDS)[number];

export const WAIVER_STATUSES = ['requested', 'approved', 'refused'] as const;
export type WaiverStatus = (typeof WAIVER_STATUSES)[number];

export const WAIVER_DECISIONS = ['approved', 'refused'] as const;
export type WaiverDecision = (typeof WAIVER_DECISIONS)[number];

export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'card', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const halalas = z
  .number({ error: 'validation.invalid' })
  .int({ error: 'validation.invalid' })
  .min(1, { error: 'validation.outOfRange' })
  .max(MAX_FEE_HALALAS, { error: 'validation.outOfRange' });

export const requestWaiverInput = z
  .object({
    enrolmentId: id,
    kind: z.enum(WAIVER_KINDS, { error: 'validation.choice' }),
    /** Halalas, for a partial waiver; a full waiver is all that is still owed. */
    amount: halalas.nullable().default(null),
    reason: requiredText(2000),
  })
  .superRefine((input, context) => {
    if (input.kind === 'partial' && input.amount === null) context.addIssue({ code: 'custom', path: ['amount'], message: 'validation.required' });
  });
export type RequestWaiverInput = z.input<typeof requestWaiverInput>;

export const decideWaiverInput = z.object({
  id,
  decision: z.enum(WAIVER_DECISIONS, { error: 'validation.choice' }),
  note: optionalText(2000),
});
export type DecideWaiverInput = z.input<typeof decideWaiverInput>;

export const recordPaymentInput = z.object({
  enrolmentId: id,
  amount: halalas,
  /** The Riyadh date it was received: today or before. */
  paidOn: isoDate,
  method: z.enum(PAYMENT_METHODS, { error: 'validation.choice' }),
  note: optionalText(500),
});
export type RecordPaymentInput = z.input<typeof recordPaymentInput>;

export const voidPaymentInput = z.object({ id, reason: requiredText(500) });
export type VoidPaymentInput = z.input<typeof voidPaymentInput>;

export interface NamedAccount {
  id: string;
  displayName: string;
}

export interface WaiverView {
  id: string;
  kind: WaiverKind;
  /** Halalas. */
  amount: number;
  reason: string;
  status: WaiverStatus;
  requestedAt: string;
  requestedBy: NamedAccount;
  decidedAt: string | null;
  decidedBy: NamedAccount | null;
  decisionNote: string | null;
}

export interface PaymentView {
  id: string;
  /** Halalas. */
  amount: number;
  paidOn: string;
  method: PaymentMethod;
  receiptNumber: string;
  note: string | null;
  recordedAt: string;
  recordedBy: NamedAccount;
  /** Voided with a reason: it keeps its receipt number and counts for nothing. */
  voided: { at: string; by: NamedAccount; reason: string } | null;
}

/** What a person owes on an enrolment, and how it came to that. Halalas throughout. */
export interface EnrolmentFees {
  enrolmentId: string;
  /** The fee version fixed on the enrolment, or null for a program without one. */
  fee: { id: string; version: number; amount: number; covers: string; announcedOn: string } | null;
  waived: number;
  paid: number;
  /** The fee less the approved waivers and the payments not voided: never below zero. */
  balance: number;
  waivers: WaiverView[];
  /** Newest first. */
  payments: PaymentView[];
  /** A request waits for a supervisor: no other may be asked for until it is decided. */
  openWaiverId: string | null;
}

export interface ReceiptPdf {
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
  receiptNumber: string;
}

export const programFeesCalls = {
  /** An enrolment's fee, waivers, payments and balance. */
  'programFees.ofEnrolment': call('enrolments.handle', z.object({ enrolmentId: id })).returns<EnrolmentFees>(),
  /** Asks for a full or partial waiver of the fee, with a reason: one open request at a time. */
  'programFees.requestWaiver': call('enrolments.handle', requestWaiverInput).returns<EnrolmentFees>(),
  /** A supervisor approves or refuses a waiver request, with a note. */
  'programFees.decideWaiver': call('enrolments.supervise', decideWaiverInput).returns<EnrolmentFees>(),
  /** Records money received, numbered with the next receipt number. */
  'programFees.recordPayment': call('enrolments.handle', recordPaymentInput).returns<EnrolmentFees>(),
  /**
   * A supervisor voids a payment recorded by mistake, with a reason: its receipt number stays in the
   * register. Not the officer who takes money, lest cash recorded and receipted be voided by the same hand.
   */
  'programFees.voidPayment': call('enrolments.supervise', voidPaymentInput).returns<EnrolmentFees>(),
  /** A payment's receipt, A4 on the letterhead, in the officer's language. */
  'programFees.receipt': call('enrolments.handle', z.object({ paymentId: id, language: z.enum(['ar', 'en'], { error: 'validation.choice' }) })).returns<ReceiptPdf>(),
};
