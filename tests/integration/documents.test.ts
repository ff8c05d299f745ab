// The governing documents under control, through the real call path: the policy is there from setup
// as issue 01 approved by the board, in force and read by every member of staff (each reading
// recorded); a supervisor drafts and approves issue 02, which supersedes 01 while both stay readable;
// an officer neither sees drafts nor records issues; bad approvals are refused and change nothing;
// the review reminder comes 30 days before the date, and turns overdue the day after it. A database
// set up before the register existed receives the policy at its next opening, and the migration
// brings an empty database to the tables whose issues are read through their index.
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { POLICY_DOCUMENT_ID, POLICY_ISSUE_01_ID, starterArticleId } from '../../db/fixed-ids';
import { migrate } from '../../db/migrate';
import type { DocumentDetail, DocumentSummary, IssueText, ReviewDue } from '../../electron/api/documents';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import { daysBetween, reviewState } from '../../electron/services/documents/status';
import { STARTER_DOCUMENTS_KEY } from '../../electron/services/documents/starter';
import { POLICY_ARTICLE_BODY } from '../../electron/services/inquiries/starter-articles';
import { indexesIn, queryPlan } from '../support/query-log';
import {
  ADMIN,
  auditEntries,
  expectError,
  expectOk,
  openTestHost,
  openTestWaslWithStaff,
  refusedUnchanged,
  tempDir,
  type StaffedTestWasl,
} from '../support/database';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The desk's clock, set to a Riyadh day: whole days from the real one, so the time of day stays real. */
let offsetDays = 0;
const clock = () => new Date(Date.now() + offsetDays * DAY_MS);
const setToday = (day: string) => {
  offsetDays = daysBetween(todayInRiyadh(new Date()), day);
};
const today = () => todayInRiyadh(clock());
const dayAfter = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

let app: StaffedTestWasl<'supervisor' | 'officer'>;

const call = async <T>(name: string, input: unknown): Promise<T> => expectOk<T>(await app.dispatch(name, input));
const policy = () => call<DocumentDetail>('documents.get', { id: POLICY_DOCUMENT_ID });
const statuses = (detail: DocumentDetail) => detail.issues.map((issue) => [issue.issue, issue.status]);
const fieldsOf = (result: { ok: false; error: { details?: { fields?: Array<{ path: string; messageKey: string }> } } }) => result.error.details?.fields ?? [];

const boardApproval = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  approver: 'board',
  term: '١',
  session: '٢',
  sessionYear: '٢٠٢٦',
  approvedOn: today(),
  effectiveOn: today(),
  nextReviewOn: dayAfter(today(), 365),
  ...overrides,
});

beforeAll(async () => {
  setToday('2026-12-01');
  app = await openTestWaslWithStaff({ supervisor: 'supervisor', officer: 'officer' }, { clock });
}, 60_000);

afterAll(async () => {
  await app?.cleanup();
});

describe('the policy as Wasl puts it in', () => {
  it('is POL-01, issue 01 approved by the board (first term, session 1 of 2026) on 2026-01-31, in force, reviewed a year later', async () => {
    await app.signIn('officer');
    const documents = await call<DocumentSummary[]>('documents.list', {});
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      id: POLICY_DOCUMENT_ID,
      number: 'POL-01',
      titleAr: 'سياسة تنظيم العلاقة مع المستفيدين',
      articleId: starterArticleId(0),
      inForce: {
        id: POLICY_ISSUE_01_ID,
        issue: 1,
        status: 'in_force',
        approval: {
          approver: 'board',
          term: 1,
          session: 1,
          sessionYear: 2026,
          approvedOn: '2026-01-31',
          effectiveOn: '2026-01-31',
          nextReviewOn: '2027-01-31',
          recordedBy: { id: SYSTEM_USER_ID },
          asShipped: true,
        },
      },
      review: { state: 'none', nextReviewOn: '2027-01-31', daysLeft: 61 },
    });
  });

  it('is read by an officer word for word, and the reading is recorded', async () => {
    await app.signIn('officer');
    const text = await call<IssueText>('documents.readIssue', { id: POLICY_ISSUE_01_ID });
    expect(text).toMatchObject({ number: 'POL-01', issue: 1, status: 'in_force' });
    expect(text.body).toBe(POLICY_ARTICLE_BODY);
    await app.signIn('administrator');
    const [read] = await auditEntries(app.dispatch, { action: 'document.read' });
    expect(read).toMatchObject({ actor: { id: app.accounts.officer.id }, entityId: POLICY_DOCUMENT_ID, summary: { number: 'POL-01', issue: 1 } });
  });
});

describe('who may do what', () => {
  it('lets an officer read but not draft, approve, create or be reminded', async () => {
    await app.signIn('officer');
    for (const [name, input] of [
      ['documents.saveDraft', { documentId: POLICY_DOCUMENT_ID, changes: 'تعديل', body: 'نص' }],
      ['documents.approve', boardApproval(POLICY_ISSUE_01_ID)],
      ['documents.create', { number: 'BYL-01', titleAr: 'اللائحة', titleEn: 'Bylaws', body: 'نص', changes: 'الأول' }],
      ['documents.reviewsDue', {}],
      ['documents.recordReview', { documentId: POLICY_DOCUMENT_ID, reviewedOn: today(), findings: 'لا تعديل', nextReviewOn: dayAfter(today(), 365) }],
    ] as const) {
      expect(expectError(await refusedUnchanged(app, name, input)).code, name).toBe('forbidden');
    }
  });
});

describe('the review reminder', () => {
  it.each([
    ['2026-12-31', 31, []],
    ['2027-01-01', 30, ['due']],
    ['2027-01-31', 0, ['due']],
    ['2027-02-01', -1, ['overdue']],
  ] as const)('on %s (%i days before the review date) is %j for a supervisor', async (day, daysLeft, states) => {
    setToday(day);
    await app.signIn('supervisor');
    const due = await call<ReviewDue[]>('documents.reviewsDue', {});
    expect(due.map((each) => each.state)).toEqual(states);
    if (states.length > 0) expect(due[0]).toMatchObject({ number: 'POL-01', issue: 1, nextReviewOn: '2027-01-31', daysLeft });
    expect((await policy()).review).toEqual({ state: states[0] ?? 'none', nextReviewOn: '2027-01-31', daysLeft });
  });

  it('counts whole days, due through the day itself', () => {
    expect(reviewState('2027-01-31', '2026-12-31')).toEqual({ state: 'none', daysLeft: 31 });
    expect(reviewState('2027-01-31', '2027-01-01')).toEqual({ state: 'due', daysLeft: 30 });
    expect(reviewState('2027-01-31', '2027-01-31')).toEqual({ state: 'due', daysLeft: 0 });
    expect(reviewState('2027-01-31', '2027-02-01')).toEqual({ state: 'overdue', daysLeft: -1 });
    expect(reviewState(null, '2027-02-01')).toEqual({ state: 'none', daysLeft: null });
  });
});

describe('a review that changes nothing', () => {
  const review = (overrides: Record<string, unknown> = {}) => ({
    documentId: POLICY_DOCUMENT_ID,
    reviewedOn: today(),
    findings: 'روجعت السياسة ولا تحتاج تعديلًا',
    nextReviewOn: dayAfter(today(), 365),
    ...overrides,
  });

  it('is refused, changing nothing, when made in the future, before the approval, or setting a next review already passed', async () => {
    setToday('2027-02-01');
    await app.signIn('supervisor');
    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [{ reviewedOn: dayAfter(today(), 1) }, 'reviewedOn', 'validation.documents.reviewedInFuture'],
      [{ reviewedOn: '2026-01-30' }, 'reviewedOn', 'validation.documents.reviewedBeforeApproval'],
      [{ nextReviewOn: today() }, 'nextReviewOn', 'validation.documents.nextReviewNotAfterReview'],
      [{ reviewedOn: '2026-06-01', nextReviewOn: '2026-12-01' }, 'nextReviewOn', 'validation.documents.nextReviewPassed'],
      [{ findings: '   ' }, 'findings', 'validation.required'],
      [{ reviewedOn: 'أمس' }, 'reviewedOn', 'validation.date'],
    ];
    for (const [overrides, path, messageKey] of refusals) {
      const refused = await refusedUnchanged(app, 'documents.recordReview', review(overrides));
      expect(fieldsOf(refused), JSON.stringify(overrides)).toContainEqual({ path, messageKey });
    }
    expect(expectError(await refusedUnchanged(app, 'documents.recordReview', review({ documentId: POLICY_ISSUE_01_ID }))).messageKey).toBe('notFound.document');
  });

  it('answers the overdue reminder with the next review it sets, keeps the issue as it is, and is audited', async () => {
    setToday('2027-02-01');
    await app.signIn('supervisor');
    expect((await policy()).review.state).toBe('overdue');
    const reviewed = await call<DocumentDetail>('documents.recordReview', review({ reviewedOn: '2027-01-28', nextReviewOn: '2028-01-31' }));
    expect(reviewed.review).toEqual({ state: 'none', nextReviewOn: '2028-01-31', daysLeft: 364 });
    expect(statuses(reviewed)).toEqual([[1, 'in_force']]);
    expect(reviewed.reviews).toEqual([
      {
        id: expect.any(String),
        issue: 1,
        reviewedOn: '2027-01-28',
        findings: 'روجعت السياسة ولا تحتاج تعديلًا',
        nextReviewOn: '2028-01-31',
        recordedBy: { id: app.accounts.supervisor.id, displayName: app.accounts.supervisor.displayName },
        recordedAt: expect.any(String),
      },
    ]);
    expect(await call<ReviewDue[]>('documents.reviewsDue', {})).toEqual([]);
    const [entry] = await auditEntries(app.dispatch, { action: 'document.reviewed' });
    expect(entry).toMatchObject({ entityId: POLICY_DOCUMENT_ID, summary: { number: 'POL-01', issue: 1, reviewedOn: '2027-01-28', nextReviewOn: '2028-01-31' } });

    // The reminder comes back as the next review nears; officers read the reviews with the document.
    setToday('2028-01-05');
    await app.signIn('supervisor');
    expect((await call<ReviewDue[]>('documents.reviewsDue', {})).map((due) => [due.state, due.nextReviewOn])).toEqual([['due', '2028-01-31']]);
    await app.signIn('officer');
    expect((await policy()).reviews.map((each) => each.reviewedOn)).toEqual(['2027-01-28']);
    setToday('2027-02-01');
  });
});

describe('a new issue', () => {
  let draftId: string;

  it('is drafted by a supervisor, unseen by officers until approved', async () => {
    setToday('2027-02-01');
    await app.signIn('supervisor');
    const drafted = await call<DocumentDetail>('documents.saveDraft', { documentId: POLICY_DOCUMENT_ID, changes: 'إضافة قياس رضا المستفيدين', body: `${POLICY_ARTICLE_BODY}\n\nملحق` });
    expect(statuses(drafted)).toEqual([
      [2, 'draft'],
      [1, 'in_force'],
    ]);
    draftId = drafted.draftId!;
    // Saved again: the same draft, corrected.
    const corrected = await call<DocumentDetail>('documents.saveDraft', { documentId: POLICY_DOCUMENT_ID, changes: 'إضافة قياس رضا المستفيدين بالاستبانات', body: `${POLICY_ARTICLE_BODY}\n\nملحق الاستبانات` });
    expect(corrected.draftId).toBe(draftId);
    expect(corrected.issues).toHaveLength(2);

    await app.signIn('officer');
    expect(statuses(await policy())).toEqual([[1, 'in_force']]);
    expect(expectError(await app.dispatch('documents.readIssue', { id: draftId })).messageKey).toBe('notFound.documentIssue');
  });

  it('is refused, changing nothing, when its approval is in the future, missing its session, or its dates are out of order', async () => {
    await app.signIn('supervisor');
    const refusals: Array<[Record<string, unknown>, string, string]> = [
      [{ approvedOn: dayAfter(today(), 1), effectiveOn: dayAfter(today(), 1) }, 'approvedOn', 'validation.documents.approvedInFuture'],
      [{ term: '' }, 'term', 'validation.required'],
      [{ sessionYear: null }, 'sessionYear', 'validation.required'],
      [{ approvedOn: 'غدا' }, 'approvedOn', 'validation.date'],
      [{ nextReviewOn: today() }, 'nextReviewOn', 'validation.documents.reviewBeforeEffect'],
      [{ nextReviewOn: dayAfter(today(), -10) }, 'nextReviewOn', 'validation.documents.reviewBeforeEffect'],
      [{ approvedOn: today(), effectiveOn: dayAfter(today(), -1) }, 'effectiveOn', 'validation.documents.effectiveBeforeApproval'],
      [{ approvedOn: '2026-01-01', effectiveOn: '2026-01-15' }, 'effectiveOn', 'validation.documents.effectiveBeforeCurrent'],
      [{ approver: 'shura' }, 'approver', 'validation.choice'],
    ];
    for (const [overrides, path, messageKey] of refusals) {
      const refused = await refusedUnchanged(app, 'documents.approve', boardApproval(draftId, overrides));
      expect(fieldsOf(refused), JSON.stringify(overrides)).toContainEqual({ path, messageKey });
    }
    expect(expectError(await refusedUnchanged(app, 'documents.approve', boardApproval(POLICY_ISSUE_01_ID))).messageKey).toBe('documents.alreadyApproved');
  });

  it('once approved by the board takes force and supersedes issue 01; both stay readable; the reminder is answered', async () => {
    await app.signIn('supervisor');
    // Recorded days after the board met, which was before issue 01's last review: the approval sets the next review.
    const approved = await call<DocumentDetail>('documents.approve', boardApproval(draftId, { approvedOn: '2027-01-27' }));
    expect(statuses(approved)).toEqual([
      [2, 'in_force'],
      [1, 'superseded'],
    ]);
    expect(approved.inForce).toMatchObject({
      issue: 2,
      changes: 'إضافة قياس رضا المستفيدين بالاستبانات',
      approval: { approver: 'board', term: 1, session: 2, sessionYear: 2026, approvedOn: '2027-01-27', effectiveOn: today(), recordedBy: { id: app.accounts.supervisor.id } },
    });
    expect(approved.review.nextReviewOn).toBe(dayAfter(today(), 365));
    expect(approved.draftId).toBeNull();
    expect(await call<ReviewDue[]>('documents.reviewsDue', {})).toEqual([]);
    const [entry] = await auditEntries(app.dispatch, { action: 'document.approved' });
    expect(entry).toMatchObject({ summary: { number: 'POL-01', issue: 2, approver: 'board', supersedes: 1 } });

    await app.signIn('officer');
    expect((await call<IssueText>('documents.readIssue', { id: draftId })).body).toContain('ملحق الاستبانات');
    const first = await call<IssueText>('documents.readIssue', { id: POLICY_ISSUE_01_ID });
    expect(first).toMatchObject({ issue: 1, status: 'superseded' });
    expect(first.body).toBe(POLICY_ARTICLE_BODY);
    expect(expectError(await refusedUnchanged(app, 'documents.approve', boardApproval(draftId))).code).toBe('forbidden');
  });

  it('approved ahead of its date waits for it, then takes over by itself', async () => {
    await app.signIn('supervisor');
    const drafted = await call<DocumentDetail>('documents.saveDraft', { documentId: POLICY_DOCUMENT_ID, changes: 'تحديث القنوات', body: 'نص الإصدار الثالث' });
    const approved = await call<DocumentDetail>(
      'documents.approve',
      boardApproval(drafted.draftId!, { approver: 'executive', term: null, session: null, sessionYear: null, effectiveOn: dayAfter(today(), 10) }),
    );
    expect(statuses(approved)).toEqual([
      [3, 'scheduled'],
      [2, 'in_force'],
      [1, 'superseded'],
    ]);
    expect(approved.issues[0]!.approval).toMatchObject({ approver: 'executive', term: null, session: null, sessionYear: null });
    // Its approval set the next review: issue 02, on its way out, is not reviewed.
    const refused = expectError(
      await refusedUnchanged(app, 'documents.recordReview', { documentId: POLICY_DOCUMENT_ID, reviewedOn: today(), findings: 'لا تعديل', nextReviewOn: dayAfter(today(), 365) }),
    );
    expect(refused).toMatchObject({ messageKey: 'documents.laterIssueApproved', details: { issue: '03', effectiveOn: dayAfter(today(), 10) } });
    setToday(dayAfter(today(), 10));
    await app.signIn('officer');
    expect(statuses(await policy())).toEqual([
      [3, 'in_force'],
      [2, 'superseded'],
      [1, 'superseded'],
    ]);
  });
});

describe('another governing document', () => {
  it('is put under control from a reference article, its number unique, its first issue a draft', async () => {
    await app.signIn('supervisor');
    const created = await call<DocumentDetail>('documents.create', { number: 'byl-٠١', titleAr: 'اللائحة الأساسية', titleEn: 'Bylaws', articleId: null, body: 'نص اللائحة', changes: 'الإصدار الأول' });
    expect(created).toMatchObject({ number: 'BYL-01', inForce: null, review: { state: 'none' } });
    expect(statuses(created)).toEqual([[1, 'draft']]);
    expect(fieldsOf(await refusedUnchanged(app, 'documents.create', { number: 'BYL-01', titleAr: 'أخرى', titleEn: 'Other', body: 'نص', changes: 'الأول' }))).toEqual([
      { path: 'number', messageKey: 'validation.documents.numberTaken' },
    ]);
    expect(fieldsOf(await refusedUnchanged(app, 'documents.create', { number: 'لائحة', titleAr: '', titleEn: 'Other', changes: 'الأول' }))).toEqual(
      expect.arrayContaining([
        { path: 'number', messageKey: 'validation.documents.number' },
        { path: 'titleAr', messageKey: 'validation.required' },
        { path: 'body', messageKey: 'validation.required' },
      ]),
    );
    expect(fieldsOf(await refusedUnchanged(app, 'documents.create', { number: 'POL-09', titleAr: 'السياسة', titleEn: 'Policy', articleId: starterArticleId(0), changes: 'الأول' }))).toEqual([
      { path: 'articleId', messageKey: 'validation.documents.articleKept' },
    ]);
    const fromArticle = await call<DocumentDetail>('documents.create', { number: 'GUI-01', titleAr: 'دليل التسجيل', titleEn: 'Registration guide', articleId: starterArticleId(1), changes: 'الأول' });
    const text = await call<IssueText>('documents.readIssue', { id: fromArticle.draftId });
    expect(text.body.length).toBeGreaterThan(50);
  });
});

describe('a desk set up before the register existed', () => {
  it('receives the policy once, at its next opening, and its audit chain stays whole', async () => {
    await app.close();
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      opened.sqlite.prepare('DELETE FROM controlled_document_reviews').run();
      opened.sqlite.prepare('DELETE FROM controlled_document_versions').run();
      opened.sqlite.prepare('DELETE FROM controlled_documents').run();
      opened.sqlite.prepare('DELETE FROM settings WHERE key = ?').run(STARTER_DOCUMENTS_KEY);
    } finally {
      opened.sqlite.close();
    }
    const { wasl } = openTestHost(app.dir, { clock });
    try {
      expectOk(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
      const documents = expectOk<DocumentSummary[]>(await wasl.dispatch('documents.list', {}));
      expect(documents.map((document) => [document.number, document.inForce?.issue])).toEqual([['POL-01', 1]]);
      expectOk(await wasl.dispatch('session.signOut', {}));
      expectOk(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
      expect(await auditEntries(wasl.dispatch, { action: 'document.starterInstalled' })).toHaveLength(2);
      expect(expectOk<{ intact: boolean }>(await wasl.dispatch('audit.verify', {})).intact).toBe(true);
    } finally {
      await wasl.close();
    }
  });
});

describe('migration 27 from an empty database', () => {
  it('makes the two tables, and a document’s issues are read through their index', () => {
    const dir = tempDir();
    const opened = openDatabase(join(dir, 'wasl.db'), { key: randomBytes(32) });
    try {
      migrate(opened.sqlite);
      const columns = (table: string) => opened.sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table);
      expect(columns('controlled_documents')).toEqual(expect.arrayContaining(['number', 'title_ar', 'title_en', 'article_id']));
      expect(columns('controlled_document_versions')).toEqual(expect.arrayContaining(['issue', 'status', 'approver', 'effective_on', 'next_review_on']));
      const plan = queryPlan(opened.sqlite, CompiledQuery.raw('SELECT * FROM controlled_document_versions WHERE document_id = ? ORDER BY issue DESC', [POLICY_DOCUMENT_ID]));
      expect(indexesIn(plan)).toEqual(['controlled_document_versions_by_document']);
      // An approved issue without its approval is refused by the table itself.
      expect(() =>
        opened.sqlite
          .prepare(
            `INSERT INTO controlled_document_versions (id, document_id, issue, status, changes, body, created_at, updated_at, created_by, updated_by)
             VALUES ('x', 'y', 1, 'approved', 'c', 'b', '', '', '', '')`,
          )
          .run(),
      ).toThrow(/CHECK/);
    } finally {
      opened.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
