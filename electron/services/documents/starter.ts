import type { Kysely } from 'kysely';
import { POLICY_DOCUMENT_ID, POLICY_ISSUE_01_ID, starterArticleId } from '../../../db/fixed-ids';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { stamp, SYSTEM_USER_ID, type CallContext } from '../context';
import { newId } from '../ids';
import { BENEFICIARY_RELATIONS_POLICY } from '../inquiries/beneficiary-relations-policy';
import { POLICY_ARTICLE_BODY } from '../inquiries/starter-articles';
import { yearsAfter } from './status';

type Db = Kysely<DatabaseSchema>;

/** The settings row that records that a database received the policy as a controlled document. */
export const STARTER_DOCUMENTS_KEY = 'documents.starterEdition';
const STARTER_DOCUMENTS_EDITION = 1;

/**
 * The policy as the association issued it: its number in the register of governing documents, and its
 * first issue as the board approved it (first term, session 1 of 2026, 2026-01-31), in force from that
 * day. The policy asks to be "reviewed periodically" without saying how often: a year, the usual
 * round of a board's review of its policies, unless the board sets another date at its next approval.
 */
export const POLICY_DOCUMENT = {
  number: 'POL-01',
  titleAr: BENEFICIARY_RELATIONS_POLICY.title,
  titleEn: 'Policy for organizing the relationship with beneficiaries',
  changes: 'الإصدار الأول من السياسة كما اعتمده مجلس الإدارة.',
  approvedOn: BENEFICIARY_RELATIONS_POLICY.issuedOn,
  effectiveOn: BENEFICIARY_RELATIONS_POLICY.issuedOn,
  nextReviewOn: yearsAfter(BENEFICIARY_RELATIONS_POLICY.issuedOn, 1),
  term: 1,
  session: 1,
  sessionYear: 2026,
} as const;

/**
 * Puts the policy Wasl implements into the register of controlled documents, once: at setup, after the
 * starter library (its first article is the policy's text), and at the next opening of a database set
 * up before the register existed. The ids are the same at every desk, so that the desks of one office
 * hold one record of it. Written by the system account, in the caller's transaction; answers whether
 * it wrote anything.
 */
export async function installStarterDocuments(trx: Db, now: Date): Promise<boolean> {
  const installed = await trx.selectFrom('settings').select('key').where('key', '=', STARTER_DOCUMENTS_KEY).executeTakeFirst();
  if (installed) return false;
  const context: CallContext = { actorId: SYSTEM_USER_ID, now };
  // Received from another desk of the office already: the marker alone is written.
  const held = await trx.selectFrom('controlled_documents').select('id').where('id', '=', POLICY_DOCUMENT_ID).executeTakeFirst();
  if (!held) {
    const article = await trx.selectFrom('articles').select('id').where('id', '=', starterArticleId(0)).executeTakeFirst();
    await trx
      .insertInto('controlled_documents')
      .values({
        id: POLICY_DOCUMENT_ID,
        number: POLICY_DOCUMENT.number,
        title_ar: POLICY_DOCUMENT.titleAr,
        title_en: POLICY_DOCUMENT.titleEn,
        article_id: article ? article.id : null,
        ...stamp(context),
      })
      .execute();
    await trx
      .insertInto('controlled_document_versions')
      .values({
        id: POLICY_ISSUE_01_ID,
        document_id: POLICY_DOCUMENT_ID,
        issue: Number(BENEFICIARY_RELATIONS_POLICY.issue),
        status: 'approved',
        changes: POLICY_DOCUMENT.changes,
        body: POLICY_ARTICLE_BODY,
        approver: 'board',
        approver_term: POLICY_DOCUMENT.term,
        approver_session: POLICY_DOCUMENT.session,
        approver_session_year: POLICY_DOCUMENT.sessionYear,
        approved_on: POLICY_DOCUMENT.approvedOn,
        effective_on: POLICY_DOCUMENT.effectiveOn,
        next_review_on: POLICY_DOCUMENT.nextReviewOn,
        ...stamp(context),
      })
      .execute();
  }
  await trx
    .insertInto('settings')
    .values({ id: newId(), key: STARTER_DOCUMENTS_KEY, value: JSON.stringify(STARTER_DOCUMENTS_EDITION), ...stamp(context) })
    .execute();
  if (!held) {
    await appendAudit(trx, context, {
      action: 'document.starterInstalled',
      entityType: 'document',
      entityId: POLICY_DOCUMENT_ID,
      summary: { number: POLICY_DOCUMENT.number, issue: Number(BENEFICIARY_RELATIONS_POLICY.issue) },
    });
  }
  return !held;
}
