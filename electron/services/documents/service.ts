import type { Kysely, Selectable } from 'kysely';
import type { ValidInput } from '../../api/contract';
import type { DocumentDetail, DocumentReview, DocumentSummary, IssueText, IssueView, ReviewDue } from '../../api/documents';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { ControlledDocumentTable, ControlledDocumentVersionTable, DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { restamp, stamp, SYSTEM_USER_ID, type CallContext } from '../context';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { permissionsOf } from '../workflow/rules';
import { issueStatuses, reviewState } from './status';

type Db = Kysely<DatabaseSchema>;
type DocumentRow = Selectable<ControlledDocumentTable>;
type IssueRow = Selectable<ControlledDocumentVersionTable> & { updated_by_name: string };

const refuseField = (path: string, messageKey: string) => new AppError('validation', 'validation.failed', { fields: [{ path, messageKey }] });

const today = (context: CallContext) => todayInRiyadh(context.now);

async function requireDocument(db: Db, id: string): Promise<DocumentRow> {
  const document = await db.selectFrom('controlled_documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!document) throw notFound('document');
  return document;
}

function issuesOf(db: Db, documentIds: readonly string[]) {
  if (documentIds.length === 0) return Promise.resolve([] as IssueRow[]);
  return db
    .selectFrom('controlled_document_versions as v')
    .innerJoin('users as u', 'u.id', 'v.updated_by')
    .selectAll('v')
    .select('u.display_name as updated_by_name')
    .where('v.document_id', 'in', documentIds)
    .orderBy('v.document_id')
    .orderBy('v.issue', 'desc')
    .execute();
}

function issueViews(rows: readonly IssueRow[], day: string): IssueView[] {
  const statuses = issueStatuses(
    rows.map((row) => ({ issue: row.issue, status: row.status, effectiveOn: row.effective_on })),
    day,
  );
  return rows.map((row) => ({
    id: row.id,
    documentId: row.document_id,
    issue: row.issue,
    status: statuses.get(row.issue) ?? 'draft',
    changes: row.changes,
    approval:
      row.status === 'approved' && row.approver !== null && row.approved_on !== null && row.effective_on !== null && row.next_review_on !== null
        ? {
            approver: row.approver,
            term: row.approver_term,
            session: row.approver_session,
            sessionYear: row.approver_session_year,
            approvedOn: row.approved_on,
            effectiveOn: row.effective_on,
            nextReviewOn: row.next_review_on,
            recordedBy: { id: row.updated_by, displayName: row.updated_by_name },
            recordedAt: row.updated_at,
            asShipped: row.updated_by === SYSTEM_USER_ID,
          }
        : null,
    updatedAt: row.updated_at,
  }));
}

/** Reviews that changed nothing, newest first, with who recorded them. */
async function reviewsOf(db: Db, documentIds: readonly string[]): Promise<Array<DocumentReview & { documentId: string }>> {
  if (documentIds.length === 0) return [];
  const rows = await db
    .selectFrom('controlled_document_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select('u.display_name as created_by_name')
    .where('r.document_id', 'in', documentIds)
    .orderBy('r.document_id')
    .orderBy('r.reviewed_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    documentId: row.document_id,
    issue: row.issue,
    reviewedOn: row.reviewed_on,
    findings: row.findings,
    nextReviewOn: row.next_review_on,
    recordedBy: { id: row.created_by, displayName: row.created_by_name },
    recordedAt: row.created_at,
  }));
}

/**
 * The next review date, of the latest issue approved: the one its latest review set, or its approval's
 * before any review. A review of an earlier issue says nothing of a later one, whenever either was
 * recorded (an approval is often recorded days after the board met). An issue approved ahead of its
 * date answers the review already.
 */
function nextReviewOf(issues: readonly IssueView[], reviews: readonly DocumentReview[]): string | null {
  const latest = issues.find((issue) => issue.approval !== null);
  if (!latest?.approval) return null;
  return reviews.find((review) => review.issue === latest.issue)?.nextReviewOn ?? latest.approval.nextReviewOn;
}

function summaryOf(document: DocumentRow, issues: readonly IssueView[], reviews: readonly DocumentReview[], day: string): DocumentSummary {
  const nextReviewOn = nextReviewOf(issues, reviews);
  return {
    id: document.id,
    number: document.number,
    titleAr: document.title_ar,
    titleEn: document.title_en,
    articleId: document.article_id,
    inForce: issues.find((issue) => issue.status === 'in_force') ?? null,
    review: { nextReviewOn, ...reviewState(nextReviewOn, day) },
  };
}

// --- Reading ---------------------------------------------------------------------------------------

export async function listDocuments(db: Db, context: CallContext): Promise<DocumentSummary[]> {
  const day = today(context);
  const documents = await db.selectFrom('controlled_documents').selectAll().orderBy('number').orderBy('id').execute();
  const ids = documents.map((document) => document.id);
  const issues = await issuesOf(db, ids);
  const reviews = await reviewsOf(db, ids);
  return documents.map((document) =>
    summaryOf(
      document,
      issueViews(
        issues.filter((issue) => issue.document_id === document.id),
        day,
      ),
      reviews.filter((review) => review.documentId === document.id),
      day,
    ),
  );
}

export async function documentDetail(db: Db, id: string, context: CallContext): Promise<DocumentDetail> {
  const day = today(context);
  const document = await requireDocument(db, id);
  const issues = issueViews(await issuesOf(db, [id]), day);
  // The document's id is on every review read with others; here it is the document's own.
  const reviews = (await reviewsOf(db, [id])).map(({ documentId: _sameDocument, ...review }) => review);
  // A draft is not yet a governing document: only those who approve see it.
  const manages = (await permissionsOf(db, context.actorId))('documents.manage');
  const shown = manages ? issues : issues.filter((issue) => issue.status !== 'draft');
  return {
    ...summaryOf(document, issues, reviews, day),
    issues: shown,
    draftId: manages ? (issues.find((issue) => issue.status === 'draft')?.id ?? null) : null,
    reviews,
  };
}

export async function readIssue(db: Db, id: string, context: CallContext): Promise<IssueText> {
  const row = await db.selectFrom('controlled_document_versions').select(['document_id', 'status', 'body']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('documentIssue');
  if (row.status === 'draft' && !(await permissionsOf(db, context.actorId))('documents.manage')) throw notFound('documentIssue');
  const document = await requireDocument(db, row.document_id);
  const issue = issueViews(await issuesOf(db, [row.document_id]), today(context)).find((each) => each.id === id);
  if (!issue) throw notFound('documentIssue');
  await appendAudit(db, context, {
    action: 'document.read',
    entityType: 'document',
    entityId: document.id,
    summary: { number: document.number, issue: issue.issue, status: issue.status },
  });
  return { ...issue, number: document.number, titleAr: document.title_ar, titleEn: document.title_en, body: row.body };
}

export async function reviewsDue(db: Db, context: CallContext): Promise<ReviewDue[]> {
  const documents = await listDocuments(db, context);
  const due: ReviewDue[] = [];
  for (const document of documents) {
    const { state, nextReviewOn, daysLeft } = document.review;
    if (state === 'none' || nextReviewOn === null || daysLeft === null) continue;
    due.push({
      documentId: document.id,
      number: document.number,
      titleAr: document.titleAr,
      titleEn: document.titleEn,
      issue: document.inForce?.issue ?? 0,
      state,
      nextReviewOn,
      daysLeft,
    });
  }
  // The most pressing first.
  return due.sort((a, b) => a.daysLeft - b.daysLeft);
}

// --- Writing ---------------------------------------------------------------------------------------

export async function createDocument(db: Db, input: ValidInput<'documents.create'>, context: CallContext): Promise<DocumentDetail> {
  const documentId = await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('controlled_documents').select('id').where('number', '=', input.number).executeTakeFirst();
    if (taken) throw refuseField('number', 'validation.documents.numberTaken');
    let body = (input.body ?? '').trim();
    if (input.articleId !== null) {
      const article = await trx.selectFrom('articles').select(['body']).where('id', '=', input.articleId).executeTakeFirst();
      if (!article) throw refuseField('articleId', 'validation.documents.articleMissing');
      const kept = await trx.selectFrom('controlled_documents').select('id').where('article_id', '=', input.articleId).executeTakeFirst();
      if (kept) throw refuseField('articleId', 'validation.documents.articleKept');
      if (body === '') body = article.body;
    }
    const id = newId();
    await trx
      .insertInto('controlled_documents')
      .values({ id, number: input.number, title_ar: input.titleAr, title_en: input.titleEn, article_id: input.articleId, ...stamp(context) })
      .execute();
    await trx
      .insertInto('controlled_document_versions')
      .values({ ...draftValues(id, 1, input.changes, body), ...stamp(context) })
      .execute();
    await appendAudit(trx, context, { action: 'document.created', entityType: 'document', entityId: id, summary: { number: input.number } });
    return id;
  });
  return documentDetail(db, documentId, context);
}

function draftValues(documentId: string, issue: number, changes: string, body: string) {
  return {
    id: newId(),
    document_id: documentId,
    issue,
    status: 'draft' as const,
    changes,
    body,
    approver: null,
    approver_term: null,
    approver_session: null,
    approver_session_year: null,
    approved_on: null,
    effective_on: null,
    next_review_on: null,
  };
}

/** Writes the next issue's draft, or corrects the draft there is: one at a time, numbered after the last issue. */
export async function saveDraft(db: Db, input: ValidInput<'documents.saveDraft'>, context: CallContext): Promise<DocumentDetail> {
  await db.transaction().execute(async (trx) => {
    const document = await requireDocument(trx, input.documentId);
    const draft = await trx
      .selectFrom('controlled_document_versions')
      .select(['id', 'issue'])
      .where('document_id', '=', document.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    let issue: number;
    if (draft) {
      issue = draft.issue;
      await trx.updateTable('controlled_document_versions').set({ changes: input.changes, body: input.body, ...restamp(context) }).where('id', '=', draft.id).execute();
    } else {
      const last = await trx
        .selectFrom('controlled_document_versions')
        .select((eb) => eb.fn.max<number>('issue').as('issue'))
        .where('document_id', '=', document.id)
        .executeTakeFirst();
      issue = (last?.issue ?? 0) + 1;
      if (issue > 99) throw new AppError('rule', 'documents.tooManyIssues');
      await trx
        .insertInto('controlled_document_versions')
        .values({ ...draftValues(document.id, issue, input.changes, input.body), ...stamp(context) })
        .execute();
    }
    await appendAudit(trx, context, { action: 'document.draftSaved', entityType: 'document', entityId: document.id, summary: { number: document.number, issue } });
  });
  return documentDetail(db, input.documentId, context);
}

/**
 * Records the board's (or the assembly's, or the director's) approval of a draft. The approval is a
 * past fact: its date is today or before. It takes effect no earlier than the issue in force did, so
 * that issues take force in their order; it is reviewed after it takes effect.
 */
export async function approveIssue(db: Db, input: ValidInput<'documents.approve'>, context: CallContext): Promise<DocumentDetail> {
  const documentId = await db.transaction().execute(async (trx) => {
    const draft = await trx.selectFrom('controlled_document_versions').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!draft) throw notFound('documentIssue');
    if (draft.status !== 'draft') throw new AppError('rule', 'documents.alreadyApproved');
    const document = await requireDocument(trx, draft.document_id);
    if (input.approvedOn > today(context)) throw refuseField('approvedOn', 'validation.documents.approvedInFuture');
    const latest = await trx
      .selectFrom('controlled_document_versions')
      .select(['issue', 'effective_on'])
      .where('document_id', '=', document.id)
      .where('status', '=', 'approved')
      .orderBy('issue', 'desc')
      .executeTakeFirst();
    if (latest?.effective_on && input.effectiveOn < latest.effective_on) throw refuseField('effectiveOn', 'validation.documents.effectiveBeforeCurrent');
    const inSession = input.approver !== 'executive';
    await trx
      .updateTable('controlled_document_versions')
      .set({
        status: 'approved',
        approver: input.approver,
        approver_term: inSession ? input.term : null,
        approver_session: inSession ? input.session : null,
        approver_session_year: inSession ? input.sessionYear : null,
        approved_on: input.approvedOn,
        effective_on: input.effectiveOn,
        next_review_on: input.nextReviewOn,
        ...restamp(context),
      })
      .where('id', '=', draft.id)
      .execute();
    await appendAudit(trx, context, {
      action: 'document.approved',
      entityType: 'document',
      entityId: document.id,
      summary: {
        number: document.number,
        issue: draft.issue,
        approver: input.approver,
        term: inSession ? input.term : null,
        session: inSession ? input.session : null,
        sessionYear: inSession ? input.sessionYear : null,
        approvedOn: input.approvedOn,
        effectiveOn: input.effectiveOn,
        nextReviewOn: input.nextReviewOn,
        supersedes: latest?.issue ?? null,
      },
    });
    return document.id;
  });
  return documentDetail(db, documentId, context);
}

/**
 * Records a review of the issue in force that changes nothing. Like an approval it is a past fact:
 * made today or before, and not before the issue in force was approved; the next one falls after
 * today, so that recording it answers the reminder. While a later issue is approved and waiting for
 * its date, that issue's approval has set the next review, and a review of the one it replaces is refused.
 */
export async function recordReview(db: Db, input: ValidInput<'documents.recordReview'>, context: CallContext): Promise<DocumentDetail> {
  await db.transaction().execute(async (trx) => {
    const document = await requireDocument(trx, input.documentId);
    const issues = issueViews(await issuesOf(trx, [document.id]), today(context));
    const inForce = issues.find((issue) => issue.status === 'in_force');
    if (!inForce?.approval) throw new AppError('rule', 'documents.nothingInForce');
    const waiting = issues.find((issue) => issue.status === 'scheduled');
    if (waiting?.approval) throw new AppError('rule', 'documents.laterIssueApproved', { issue: String(waiting.issue).padStart(2, '0'), effectiveOn: waiting.approval.effectiveOn });
    if (input.reviewedOn > today(context)) throw refuseField('reviewedOn', 'validation.documents.reviewedInFuture');
    if (input.reviewedOn < inForce.approval.approvedOn) throw refuseField('reviewedOn', 'validation.documents.reviewedBeforeApproval');
    if (input.nextReviewOn <= today(context)) throw refuseField('nextReviewOn', 'validation.documents.nextReviewPassed');
    await trx
      .insertInto('controlled_document_reviews')
      .values({
        id: newId(),
        document_id: document.id,
        issue: inForce.issue,
        reviewed_on: input.reviewedOn,
        findings: input.findings,
        next_review_on: input.nextReviewOn,
        ...stamp(context),
      })
      .execute();
    await appendAudit(trx, context, {
      action: 'document.reviewed',
      entityType: 'document',
      entityId: document.id,
      summary: { number: document.number, issue: inForce.issue, reviewedOn: input.reviewedOn, nextReviewOn: input.nextReviewOn },
    });
  });
  return documentDetail(db, input.documentId, context);
}
