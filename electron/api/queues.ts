import { z } from 'zod';
import { call } from './define';
import type { ComplaintStage } from './workflow/complaints';
import type { RequestStage } from './workflow/requests';

/** A request's stages, and a complaint's, note's or suggestion's, as their workflows define them. */
export type { ComplaintStage, RequestStage };

/** The most rows a queue lists; its total says how many there are in all. */
export const QUEUE_ROWS = 20;

/** One queue: the first rows, most urgent first, and how many there are in all. */
export interface QueueList<Row> {
  total: number;
  rows: Row[];
}

export interface QueuePerson {
  /** Null when the person is not registered (a name given at the desk). */
  beneficiaryId: string | null;
  name: string | null;
  fileNumber: string | null;
}

export interface QueueOwner {
  id: string;
  displayName: string;
}

export interface QueueRequest {
  id: string;
  number: string;
  person: QueuePerson;
  type: { nameAr: string; nameEn: string };
  stage: RequestStage;
  /** Riyadh calendar date. */
  dueDate: string;
  /** Past its due date (Riyadh's today) and the beneficiary not yet told the result. */
  overdue: boolean;
  owner: QueueOwner;
}

export interface QueueReferredRequest extends QueueRequest {
  authority: { nameAr: string; nameEn: string | null } | null;
  referredAt: string | null;
  /** Calendar days (Riyadh) since the referral. */
  daysWaiting: number;
}

export interface QueueDecidedRequest extends QueueRequest {
  outcome: 'approved' | 'rejected' | null;
  decidedAt: string | null;
  /** Calendar days (Riyadh) since the decision, while the beneficiary still does not know it. */
  daysSinceDecision: number;
}

export interface QueueAwaitingDecision extends QueueRequest {
  /** When it became ready for the decision: its review started, or the authority's answer came. */
  waitingSince: string;
  /** Working days (Sunday to Thursday, less the holidays) it has waited for the decision, on Riyadh dates. */
  workingDaysWaiting: number;
}

export interface QueueComplaint {
  id: string;
  number: string;
  kind: 'complaint' | 'note' | 'suggestion';
  subject: string;
  person: QueuePerson;
  stage: ComplaintStage;
  dueDate: string;
  overdue: boolean;
  owner: QueueOwner;
}

export interface QueueInquiry {
  id: string;
  contactId: string;
  question: string;
  person: QueuePerson;
  askedAt: string;
  /** Minutes since it was asked: the policy asks for answers without delay. */
  ageMinutes: number;
  owner: QueueOwner;
}

/**
 * Someone enrolled in a program whose unexcused absences in a row reached the program's threshold:
 * their officer (who enrolled them) calls them. They leave the queue when a follow-up contact with
 * them is logged after the last of those absences, or when they attend again.
 */
export interface QueueAbsenceFollowUp {
  enrolmentId: string;
  program: { id: string; nameAr: string; nameEn: string | null };
  person: QueuePerson;
  /** Unexcused absences in a row, up to the latest session marked. */
  absences: number;
  /** The Riyadh date of the latest of them. */
  lastAbsenceOn: string;
  owner: QueueOwner;
}

/**
 * A fee waiver asked for by an officer and waiting for a supervisor's decision: the whole office's,
 * oldest first. The officer who asked for it is its owner.
 */
export interface QueueFeeWaiver {
  id: string;
  enrolmentId: string;
  program: { id: string; nameAr: string; nameEn: string | null };
  person: QueuePerson;
  kind: 'full' | 'partial';
  /** Halalas asked to be waived, of the fee's amount. */
  amount: number;
  feeAmount: number;
  /** Why the officer asked: the supervisor reads it before deciding. */
  reason: string;
  requestedAt: string;
  owner: QueueOwner;
}

/**
 * The queues. A queue is null when the caller's role may not handle its kind of work (requests:
 * requests.handle; the decisions: requests.decide; complaints: complaints.handle; inquiries: contacts.log; absence follow-ups: enrolments.handle;
 * fee waivers: enrolments.supervise).
 */
export interface WorkQueues {
  /** The Riyadh date the queues were read on: what "overdue" was measured against. */
  today: string;
  openRequests: QueueList<QueueRequest> | null;
  awaitingAuthority: QueueList<QueueReferredRequest> | null;
  decidedNotNotified: QueueList<QueueDecidedRequest> | null;
  overdue: QueueList<QueueRequest> | null;
  /**
   * The whole office's requests ready for a supervisor's decision, whoever holds them, the longest
   * waiting first: the decision is the supervisor's on every request.
   */
  awaitingDecision: QueueList<QueueAwaitingDecision> | null;
  complaintsToAnswer: QueueList<QueueComplaint> | null;
  pendingInquiries: QueueList<QueueInquiry> | null;
  absenceFollowUps: QueueList<QueueAbsenceFollowUp> | null;
  /** The whole office's fee waivers waiting for a decision, whoever asked: the decision is a supervisor's. */
  feeWaivers: QueueList<QueueFeeWaiver> | null;
}

/** One officer's share of the office's open work. */
export interface OfficerLoad {
  /** `active` is false for a deactivated account that still holds open work: it has to be given to someone. */
  user: QueueOwner & { role: 'officer' | 'supervisor' | 'administrator'; active: boolean };
  openRequests: number;
  overdueRequests: number;
  awaitingAuthority: number;
  decidedNotNotified: number;
  openComplaints: number;
  pendingInquiries: number;
}

export interface OfficeQueues extends WorkQueues {
  /** Every active officer, supervisor and administrator, the heaviest load first. */
  load: OfficerLoad[];
}

export const queuesCalls = {
  /** The signed-in user's own work. */
  'queues.mine': call('self', z.object({})).returns<WorkQueues>(),
  /** The whole office's work and each officer's load. */
  'queues.office': call('queues.office', z.object({})).returns<OfficeQueues>(),
};
