// The governing documents between the desks of one office, through a real office server: each desk
// received the policy by itself under the same ids, so the office holds one record of it and no
// conflict; an issue drafted and approved at one desk reaches the other in force, the issue before it
// superseded there too; a review recorded at one sets the next review at both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_DOCUMENT_ID, POLICY_ISSUE_01_ID } from '../../db/fixed-ids';
import type { ConflictList } from '../../electron/api/conflicts';
import type { DocumentDetail, DocumentSummary, IssueText } from '../../electron/api/documents';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { TestWasl } from '../support/database';
import { callOn, openTwoDesks, sqliteOf, type TwoDesks } from '../support/two-desks';

let office: TwoDesks;
let deskA: TestWasl;
let deskB: TestWasl;
const call = callOn;
const syncBoth = () => office.syncBoth();

beforeAll(async () => {
  office = await openTwoDesks();
  ({ deskA, deskB } = office);
}, 120_000);

afterAll(async () => {
  await office?.close();
});

describe('the policy under control at two desks of one office', () => {
  it('is one record, with nothing held and no conflict', async () => {
    for (const desk of [deskA, deskB]) {
      const documents = await call<DocumentSummary[]>(desk, 'documents.list', {});
      expect(documents.map((document) => [document.id, document.inForce?.id])).toEqual([[POLICY_DOCUMENT_ID, POLICY_ISSUE_01_ID]]);
      expect(sqliteOf(desk).prepare("SELECT count(*) FROM sync_inbox WHERE entity LIKE 'controlled_document%'").pluck().get()).toBe(0);
      expect((await call<ConflictList>(desk, 'conflicts.list', {})).conflicts).toEqual([]);
    }
  });

  it('takes an issue approved at one desk into force at the other', async () => {
    const drafted = await call<DocumentDetail>(deskA, 'documents.saveDraft', { documentId: POLICY_DOCUMENT_ID, changes: 'تحديث دوري', body: 'نص الإصدار الثاني' });
    const today = todayInRiyadh();
    await call(deskA, 'documents.approve', {
      id: drafted.draftId,
      approver: 'board',
      term: 1,
      session: 3,
      sessionYear: 2026,
      approvedOn: today,
      effectiveOn: today,
      nextReviewOn: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    });
    await syncBoth();

    const atB = await call<DocumentDetail>(deskB, 'documents.get', { id: POLICY_DOCUMENT_ID });
    expect(atB.issues.map((issue) => [issue.issue, issue.status])).toEqual([
      [2, 'in_force'],
      [1, 'superseded'],
    ]);
    expect(atB.inForce?.approval).toMatchObject({ approver: 'board', term: 1, session: 3, sessionYear: 2026, approvedOn: today });
    expect((await call<IssueText>(deskB, 'documents.readIssue', { id: drafted.draftId })).body).toBe('نص الإصدار الثاني');
  }, 60_000);

  it('gives the other desk a review recorded at one, and the next review it set', async () => {
    const today = todayInRiyadh();
    const nextReviewOn = `${Number(today.slice(0, 4)) + 2}-01-15`;
    await call(deskB, 'documents.recordReview', { documentId: POLICY_DOCUMENT_ID, reviewedOn: today, findings: 'لا تحتاج تعديلًا', nextReviewOn });
    await syncBoth();

    const atA = await call<DocumentDetail>(deskA, 'documents.get', { id: POLICY_DOCUMENT_ID });
    expect(atA.reviews.map((review) => [review.issue, review.findings, review.nextReviewOn])).toEqual([[2, 'لا تحتاج تعديلًا', nextReviewOn]]);
    expect(atA.review.nextReviewOn).toBe(nextReviewOn);
  }, 60_000);
});
