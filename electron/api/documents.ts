import { z } from 'zod';
import { call } from './define';
import { toLatinDigits } from './fields/digits';
import { id, isoDate, optionalText, orNull, requiredText } from './fields/schemas';

/**
 * The association's governing documents kept under control: the policy, the bylaws and the like.
 * Each has issues (01, 02…), written as a draft and approved once by the body that governs it; the
 * issue in force is the latest approved whose date of effect has come, and the ones before it stay
 * readable, marked superseded. The policy asks to be "reviewed periodically and updated when needed":
 * each approval sets the date of the next review, and a supervisor is reminded when it comes.
 */

export const DOCUMENT_APPROVERS = ['board', 'general_assembly', 'executive'] as const;
export type DocumentApprover = (typeof DOCUMENT_APPROVERS)[number];

/** Bodies that sit in numbered terms and sessions; the executive director approves alone. */
export const APPROVERS_IN_SESSION: readonly DocumentApprover[] = ['board', 'general_assembly'];

/**
 * What an issue is today: still a draft; approved to take effect on a later date; the one in force;
 * or superseded by a later one in force. Worked out from the approvals and today's Riyadh date, never stored.
 */
export const ISSUE_STATUSES = ['draft', 'scheduled', 'in_force', 'superseded'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];

/** From this many days before the next review date, a supervisor is reminded of it. */
export const REVIEW_NOTICE_DAYS = 30;

/** Nothing yet; the review falls due within the notice (or today); its date has passed. */
export type ReviewState = 'none' | 'due' | 'overdue';

/** A document's number as the association writes it: letters, a dash, digits (POL-01). */
const DOCUMENT_NUMBER = /^[A-Z]{2,6}-\d{1,4}$/;

const documentNumber = z
  .string({ error: 'validation.required' })
  .transform((value) => toLatinDigits(value.trim()).toUpperCase())
  .refine((value) => value !== '', { error: 'validation.required' })
  .refine((value) => value === '' || DOCUMENT_NUMBER.test(value), { error: 'validation.documents.number' });

/** A whole number typed in any digits, or nothing. */
const typedCount = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? (value.trim() === '' ? null : Number(toLatinDigits(value.trim()))) : (value ?? null)),
    z
      .number({ error: 'validation.invalid' })
      .int({ error: 'validation.invalid' })
      .min(min, { error: 'validation.outOfRange' })
      .max(max, { error: 'validation.outOfRange' })
      .nullable(),
  );

export const createDocumentInput = z
  .object({
    number: documentNumber,
    titleAr: requiredText(300),
    titleEn: requiredText(300),
    /** The reference library's article the document is: its first draft starts from the article's text. */
    articleId: orNull(id),
    /** The first draft's text, when it is not an article's. */
    body: optionalText(400_000),
    /** What the first issue is (a first issue changes nothing; the association says what it brings). */
    changes: requiredText(4000),
  })
  .superRefine((input, context) => {
    if (input.articleId === null && input.body === null) context.addIssue({ code: 'custom', path: ['body'], message: 'validation.required' });
  });
export type CreateDocumentInput = z.input<typeof createDocumentInput>;

export const saveDraftInput = z.object({
  documentId: id,
  /** What changes from the issue before. */
  changes: requiredText(4000),
  body: requiredText(400_000),
});
export type SaveDraftInput = z.input<typeof saveDraftInput>;

export const approveIssueInput = z
  .object({
    /** The draft approved. */
    id,
    approver: z.enum(DOCUMENT_APPROVERS, { error: 'validation.choice' }),
    term: typedCount(1, 99),
    session: typedCount(1, 99),
    sessionYear: typedCount(1900, 2200),
    /** The day the body approved it: today or before. */
    approvedOn: isoDate,
    effectiveOn: isoDate,
    nextReviewOn: isoDate,
  })
  .superRefine((input, context) => {
    if (APPROVERS_IN_SESSION.includes(input.approver)) {
      for (const field of ['term', 'session', 'sessionYear'] as const) {
        if (input[field] === null) context.addIssue({ code: 'custom', path: [field], message: 'validation.required' });
      }
    }
    if (input.effectiveOn < input.approvedOn) context.addIssue({ code: 'custom', path: ['effectiveOn'], message: 'validation.documents.effectiveBeforeApproval' });
    if (input.nextReviewOn <= input.effectiveOn) context.addIssue({ code: 'custom', path: ['nextReviewOn'], message: 'validation.documents.reviewBeforeEffect' });
  });
export type ApproveIssueInput = z.input<typeof approveIssueInput>;

/** A review of the issue in force that changes nothing: what it found, and when the next falls. */
export const recordReviewInput = z
  .object({
    documentId: id,
    /** The day the review was made: today or before, not before the issue in force was approved. */
    reviewedOn: isoDate,
    findings: requiredText(4000),
    nextReviewOn: isoDate,
  })
  .superRefine((input, context) => {
    if (input.nextReviewOn <= input.reviewedOn) context.addIssue({ code: 'custom', path: ['nextReviewOn'], message: 'validation.documents.nextReviewNotAfterReview' });
  });
export type RecordReviewInput = z.input<typeof recordReviewInput>;

export interface NamedAccount {
  id: string;
  displayName: string;
}

export interface IssueApproval {
  approver: DocumentApprover;
  term: number | null;
  session: number | null;
  sessionYear: number | null;
  approvedOn: string;
  effectiveOn: string;
  nextReviewOn: string;
  /** Who recorded the approval in Wasl. */
  recordedBy: NamedAccount;
  recordedAt: string;
  /** Recorded by Wasl itself, as it shipped the policy's first issue (services/documents/starter.ts). */
  asShipped: boolean;
}

/** An issue of a document, without its text. */
export interface IssueView {
  id: string;
  documentId: string;
  issue: number;
  status: IssueStatus;
  changes: string;
  approval: IssueApproval | null;
  updatedAt: string;
}

export interface IssueText extends IssueView {
  number: string;
  titleAr: string;
  titleEn: string;
  body: string;
}

/** A review recorded that changed nothing. */
export interface DocumentReview {
  id: string;
  /** The issue in force it reviewed. */
  issue: number;
  reviewedOn: string;
  findings: string;
  nextReviewOn: string;
  recordedBy: NamedAccount;
  recordedAt: string;
}

export interface ReviewView {
  state: ReviewState;
  /** The date the latest approved issue's latest review set, or its approval's before any review; null before any is approved. */
  nextReviewOn: string | null;
  /** Days from today (Riyadh) to it: negative once it has passed. */
  daysLeft: number | null;
}

export interface DocumentSummary {
  id: string;
  number: string;
  titleAr: string;
  titleEn: string;
  articleId: string | null;
  inForce: IssueView | null;
  review: ReviewView;
}

export interface DocumentDetail extends DocumentSummary {
  /** Newest issue first; drafts only for those who may approve them. */
  issues: IssueView[];
  /** The draft being prepared, if any: one at a time. */
  draftId: string | null;
  /** The reviews that changed nothing, newest first. */
  reviews: DocumentReview[];
}

export interface ReviewDue {
  documentId: string;
  number: string;
  titleAr: string;
  titleEn: string;
  issue: number;
  state: Exclude<ReviewState, 'none'>;
  nextReviewOn: string;
  daysLeft: number;
}

export const documentsCalls = {
  /** Every controlled document with its issue in force and when it is next reviewed. */
  'documents.list': call('documents.read', z.object({})).returns<DocumentSummary[]>(),
  /** A document and all its issues (without their text). */
  'documents.get': call('documents.read', z.object({ id })).returns<DocumentDetail>(),
  /** An issue's text, in force, superseded or (for those who approve) a draft: the reading is recorded. */
  'documents.readIssue': call('documents.read', z.object({ id })).returns<IssueText>(),
  /** The documents whose review falls due within the notice, or is overdue: for the supervisor's home screen. */
  'documents.reviewsDue': call('documents.manage', z.object({})).returns<ReviewDue[]>(),
  /** Puts a governing document under control, with its first issue as a draft. */
  'documents.create': call('documents.manage', createDocumentInput).returns<DocumentDetail>(),
  /** Writes the next issue's draft, or corrects the one being prepared. */
  'documents.saveDraft': call('documents.manage', saveDraftInput).returns<DocumentDetail>(),
  /** Records the approval of a draft: it takes force on its date of effect, superseding the issue before. */
  'documents.approve': call('documents.manage', approveIssueInput).returns<DocumentDetail>(),
  /** Records a review of the issue in force that changes nothing, and when the next one falls. */
  'documents.recordReview': call('documents.manage', recordReviewInput).returns<DocumentDetail>(),
};
