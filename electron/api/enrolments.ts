import { z } from 'zod';
import { call } from './define';
import { id, optionalText, requiredText } from './fields/schemas';
import { moveCalls } from './workflow/engine';
import { enrolmentWorkflow, type EnrolmentOffer, type EnrolmentStage, type InterviewResult } from './workflow/enrolments';

export {
  ENROLMENT_STAGES,
  enrolmentWorkflow,
  INTERVIEW_RESULTS,
  type EnrolmentMove,
  type EnrolmentOffer,
  type CompleteInput,
  type EnrolmentStage,
  type InterviewResult,
  type RecordInterviewInput,
  type ScheduleInterviewInput,
} from './workflow/enrolments';

export const ENROLMENT_EVENT_ACTIONS = [
  'applied',
  'interview_scheduled',
  'interviewed',
  'accepted',
  'waitlisted',
  'declined',
  'activated',
  'completed',
  'withdrawn',
  'dismissed',
  'offered',
  'offer_expired',
  'reordered',
] as const;
export type EnrolmentEventAction = (typeof ENROLMENT_EVENT_ACTIONS)[number];

/**
 * What Wasl checks of a person against a program's conditions when they apply: the program's
 * categories, gender and age range (from the birth date; unknown when none is recorded), and that
 * the person was found eligible for the association's services.
 */
export const ENROLMENT_CONDITIONS = ['category', 'gender', 'age', 'ageUnknown', 'eligibility'] as const;
export type EnrolmentCondition = (typeof ENROLMENT_CONDITIONS)[number];

export const applyInput = z.object({
  programId: id,
  beneficiaryId: id,
  /** The conditions are not met and a supervisor lets the person apply all the same: why. */
  overrideReason: optionalText(2000),
});
export type ApplyInput = z.input<typeof applyInput>;

export const reorderInput = z.object({
  id,
  /** The place on the waitlist it moves to, 1 first. */
  position: z.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).min(1, { error: 'validation.outOfRange' }).max(10_000, { error: 'validation.outOfRange' }),
  reason: requiredText(2000),
});
export type ReorderInput = z.input<typeof reorderInput>;

export interface NamedAccount {
  id: string;
  displayName: string;
}

export interface EnrolledProgram {
  id: string;
  nameAr: string;
  nameEn: string | null;
  startsOn: string;
  endsOn: string;
}

/** A line of a person's programs or of a program's roster. */
export interface EnrolmentSummary {
  id: string;
  program: EnrolledProgram;
  beneficiary: { id: string; fullName: string; fileNumber: string };
  stage: EnrolmentStage;
  stageSince: string;
  appliedAt: string;
  /** Its place on the waitlist, 1 first; null off it. */
  waitlistOrder: number | null;
  /** A freed place offered from the waitlist, open to the end of this Riyadh date. */
  offerExpiresOn: string | null;
  /** The offer's last day has passed: it goes to the next on the list at the program's next change. */
  offerExpired: boolean;
  interviewOn: string | null;
  interviewResult: InterviewResult | null;
}

export interface EnrolmentEventView {
  id: string;
  action: EnrolmentEventAction;
  fromStage: EnrolmentStage | null;
  toStage: EnrolmentStage;
  at: string;
  actor: NamedAccount;
  note: string | null;
}

export interface EnrolmentDetail extends EnrolmentSummary {
  /** The fee version in force when they applied (halalas), or null for a program without one. */
  fee: { id: string; version: number; amount: number; covers: string; announcedOn: string } | null;
  interviewer: NamedAccount | null;
  interviewNotes: string | null;
  decisionReason: string | null;
  /** Let in by a supervisor though the conditions were not met; the reason is gone once the person's data is erased. */
  conditionsOverride: { reason: string | null; approvedBy: NamedAccount } | null;
  events: EnrolmentEventView[];
  /** The stages its stepper shows. */
  path: EnrolmentStage[];
  /** What the reader may do with it now, from the enrolment workflow, their role and the program. */
  allowedMoves: EnrolmentOffer[];
}

/** A program open for applications, as the picker on a person's file offers it. */
export interface OpenProgram extends EnrolledProgram {
  kind: string;
  capacity: number;
  placesTaken: number;
  hasInterview: boolean;
  /** The conditions the person does not meet: applying needs a supervisor's override. */
  unmet: EnrolmentCondition[];
  /** They hold an open enrolment in it already. */
  enrolled: boolean;
}

/** A program's enrolments, by stage, and its waitlist in order. */
export interface ProgramRoster {
  program: EnrolledProgram & { capacity: number; hasInterview: boolean; offerDays: number; status: string };
  /** Accepted, active and completed: the places taken. */
  placesTaken: number;
  /** Places offered from the waitlist and not yet taken or expired. */
  placesOffered: number;
  enrolments: EnrolmentSummary[];
  /** The waitlisted, first to last. */
  waitlist: EnrolmentSummary[];
  /** Manual changes of the waitlist's order, ever: the fairness figures show them. */
  reorderCount: number;
}

export interface InterviewFormPdf {
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
}

/** A completion certificate printed as an A4 PDF, to save: its bytes travel as base64. */
export interface CertificatePdf {
  /** The verification number, never the person's name: file names end up in recent-file lists. */
  fileName: string;
  mimeType: 'application/pdf';
  base64: string;
  verificationNumber: string;
}

/** A certificate found by its verification number: what it says, to compare with the paper in hand. */
export interface CertificateVerification {
  verificationNumber: string;
  enrolmentId: string;
  beneficiary: { id: string; fullName: string; fileNumber: string };
  program: EnrolledProgram;
  /** When it was first printed, and by whom. */
  issuedAt: string;
  issuedBy: NamedAccount;
  /** The enrolment is still completed: a certificate of one moved on since would no longer stand. */
  completed: boolean;
}

/** The answer to a verification number: the certificate, or null when no certificate has that number. */
export interface CertificateLookup {
  certificate: CertificateVerification | null;
}

export const certificateInput = z.object({ id, language: z.enum(['ar', 'en'], { error: 'validation.choice' }).default('ar') });

/**
 * A verification number as a person types it: spaces and dashes anywhere, any case. The check
 * character is checked by the service, which says when a number is mistyped.
 */
export const verifyCertificateInput = z.object({
  verificationNumber: z
    .string({ error: 'validation.enrolments.certificateNumberRequired' })
    .trim()
    .min(1, { error: 'validation.enrolments.certificateNumberRequired' })
    .max(40, { error: 'validation.enrolments.certificateNumberMistyped' }),
});
export type VerifyCertificateInput = z.input<typeof verifyCertificateInput>;

export const enrolmentsCalls = {
  'enrolments.apply': call('enrolments.handle', applyInput).returns<EnrolmentDetail>(),
  ...moveCalls(enrolmentWorkflow).returns<EnrolmentDetail>(),
  'enrolments.reorder': call(enrolmentWorkflow.sideSteps.reorder.permission, reorderInput).returns<EnrolmentDetail>(),
  /** Passes each expired offer of the program's waitlist to the next in line. */
  'enrolments.passExpiredOffers': call('enrolments.handle', z.object({ programId: id })).returns<ProgramRoster>(),
  'enrolments.get': call('enrolments.handle', z.object({ id })).returns<EnrolmentDetail>(),
  /** A person's programs, newest application first. */
  'enrolments.ofPerson': call('beneficiaries.view', z.object({ beneficiaryId: id })).returns<EnrolmentSummary[]>(),
  /** The programs open for applications, with what the person does not meet of each. */
  'enrolments.openFor': call('enrolments.handle', z.object({ beneficiaryId: id })).returns<OpenProgram[]>(),
  'enrolments.roster': call('programs.view', z.object({ programId: id })).returns<ProgramRoster>(),
  /** The interview form, A4 Arabic on the letterhead, to print and fill in. */
  'enrolments.interviewForm': call('enrolments.handle', z.object({ id })).returns<InterviewFormPdf>(),
  /**
   * The completion certificate of a completed enrolment, A4 on the letterhead in the officer's
   * language: its verification number is given at the first print and kept for every reprint.
   */
  'enrolments.certificate': call('enrolments.handle', certificateInput).returns<CertificatePdf>(),
  /** A supervisor looks a certificate's verification number up. */
  'enrolments.verifyCertificate': call('enrolments.supervise', verifyCertificateInput).returns<CertificateLookup>(),
};
