// The governing documents between the desks of one office, through a real office server: each desk
// received the policy by itself under the same ids, so the office holds one record of it and no
// conflict; an issue drafted and approved at one desk reaches the other in force, the issue before it
// superseded there too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY_DOCUMENT_ID, POLICY_ISSUE_01_ID } from '../../db/fixed-ids';
import type { ConflictList } from '../../electron/api/conflicts';
import type { DocumentDetail, DocumentSummary, IssueText } from '../../electron/api/documents';
import { todayInRiyadh } from '../../electron/api/fields/riyadh-date';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { expectOk, openTestWasl, tempDir, type TestWasl } from '../support/database';

let server: OfficeServer;
let deskA: TestWasl;
let deskB: TestWasl;

const sqliteOf = (desk: TestWasl) => desk.wasl.desk.openDatabase!.sqlite;
const call = async <T>(desk: TestWasl, name: string, input: unknown): Promise<T> => expectOk<T>(await desk.dispatch(name, input));
const syncBoth = async () => {
  for (const desk of [deskA, deskB, deskA]) await call<OfficeStatus>(desk, 'office.syncNow', {});
};

beforeAll(async () => {
  deskA = await openTestWasl();
  deskB = await openTestWasl();
  server = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
  const address = `127.0.0.1:${server.port}`;
  const { code } = await createPairingCode(server.database.db, new Date());
  expectOk(await deskA.dispatch('office.pair', { address, fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' }));
  const made = await call<PairingCodeMade>(deskA, 'office.newPairingCode', {});
  expectOk(await deskB.dispatch('office.pair', { address, fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
  await syncBoth();
}, 120_000);

afterAll(async () => {
  await deskA?.cleanup();
  await deskB?.cleanup();
  await server?.close();
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
});
