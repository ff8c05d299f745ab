import { z } from 'zod';
import type { ComplaintEventAction } from './complaints';
import { CHANNELS, type ContactView } from './contacts';
import { call } from './define';
import { id } from './fields/schemas';
import type { EnrolmentEventAction } from './enrolments';
import type { RequestAction } from './requests';

/** What a person's timeline holds: every dealing with them, whichever area recorded it. */
export const TIMELINE_KINDS = ['contact', 'letter', 'request', 'complaint', 'eligibility', 'program', 'discipline', 'fee'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface NamePair {
  ar: string;
  en: string | null;
}

export interface TimelineLetter {
  id: string;
  direction: 'incoming' | 'outgoing';
  number: string;
  letterDate: string;
  subject: string;
  authority: NamePair | null;
  hasScan: boolean;
  requestId: string | null;
}

/** One step in the life of a request or a complaint: its action is one of that workflow's. */
export interface TimelineStep<Action extends string = RequestAction | ComplaintEventAction> {
  id: string;
  /** The request or complaint. */
  caseId: string;
  caseNumber: string;
  action: Action;
  toStage: string;
  note: string | null;
  actorName: string;
}

/** One line of a person's timeline, newest first. */
export type TimelineEntry =
  | { kind: 'contact'; at: string; contact: ContactView }
  | { kind: 'letter'; at: string; letter: TimelineLetter }
  | { kind: 'request'; at: string; step: TimelineStep<RequestAction> & { requestType: NamePair; outcome: 'approved' | 'rejected' | null } }
  | { kind: 'complaint'; at: string; step: TimelineStep<ComplaintEventAction> & { complaintKind: 'complaint' | 'note' | 'suggestion' } }
  | { kind: 'eligibility'; at: string; decision: { id: string; outcome: 'eligible' | 'not_eligible'; reason: string | null; decidedByName: string } }
  /** A step of an enrolment in a program: `caseId` is the enrolment, `caseNumber` empty (enrolments have no number). */
  | { kind: 'program'; at: string; step: TimelineStep<EnrolmentEventAction> & { program: NamePair } }
  /** A warning or a note on their discipline in a program; `at` is when it was recorded. */
  | { kind: 'discipline'; at: string; note: TimelineDisciplineNote }
  /** A step of the money of an enrolment: a fee waiver asked for or decided, a payment recorded or voided. */
  | { kind: 'fee'; at: string; fee: TimelineFeeStep };

export const FEE_TIMELINE_ACTIONS = ['waiver_requested', 'waiver_approved', 'waiver_refused', 'payment_recorded', 'payment_voided'] as const;
export type FeeTimelineAction = (typeof FEE_TIMELINE_ACTIONS)[number];

export interface TimelineFeeStep {
  /** The waiver's or payment's id with the step's letter. */
  id: string;
  enrolmentId: string;
  program: NamePair;
  action: FeeTimelineAction;
  /** Halalas waived or paid. */
  amount: number;
  /** The payment's receipt number; null for a waiver. */
  receiptNumber: string | null;
  /** The waiver's reason or decision note, the payment's note or the reason it was voided. */
  note: string | null;
  actorName: string;
}

export interface TimelineDisciplineNote {
  id: string;
  enrolmentId: string;
  program: NamePair;
  kind: 'warning' | 'note';
  whatHappened: string;
  occurredOn: string;
  recordedByName: string;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Pass as `before` for the next, older page; null on the last page. */
  nextBefore: string | null;
}

export const timelineCalls = {
  'beneficiaries.timeline': call(
    'beneficiaries.view',
    z.object({
      id,
      kinds: z.array(z.enum(TIMELINE_KINDS, { error: 'validation.choice' })).max(TIMELINE_KINDS.length).optional(),
      /** Contacts through this channel only (and, for letters, the letters register). */
      channel: z.enum(CHANNELS, { error: 'validation.choice' }).optional(),
      /** An `at` of the previous page's last entry, with its id after a `|`. */
      before: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
  ).returns<TimelinePage>(),
};
