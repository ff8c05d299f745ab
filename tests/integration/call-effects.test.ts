// What the screens read again after every write (renderer/api/data-changes.ts) must leave the audit
// log as it was, or each refresh would record a look that nobody took. The calls classed `opens` are
// the reads that record who looked; they are the ones a refresh leaves alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { CALL_EFFECTS } from '../../electron/api/call-effects';
import type { CallName } from '../../electron/api/contract';
import { openCasework, REQUEST_TYPE_IDS } from '../support/casework';
import { expectOk, openTestWasl, validFields, type TestWasl } from '../support/database';

describe('reads leave the audit log as it was; opens record the look', () => {
  let app: TestWasl;
  let personId: string;
  let requestId: string;
  let complaintId: string;
  let inquiryId: string;
  let articleId: string;

  beforeAll(async () => {
    app = await openTestWasl();
    personId = expectOk<{ id: string }>(await app.dispatch('beneficiaries.register', { fields: validFields() })).id;
    const casework = openCasework(app);
    try {
      requestId = await casework.request({ beneficiaryId: personId, ownerId: app.adminId, stage: 'under_review', dueDate: '2026-12-20', typeId: REQUEST_TYPE_IDS.financialAid });
      complaintId = await casework.complaint({ ownerId: app.adminId, stage: 'received', dueDate: '2026-12-20', beneficiaryId: personId });
      inquiryId = await casework.inquiry({ ownerId: app.adminId, status: 'pending', askedAt: '2026-12-01T09:00:00+03:00', beneficiaryId: personId });
    } finally {
      casework.close();
    }
    articleId = expectOk<{ hits: Array<{ id: string }> }>(await app.dispatch('library.search', { query: '' })).hits[0]!.id;
  });

  afterAll(async () => {
    await app.cleanup();
  });

  /** The last entry's number, read through a second connection. */
  const auditHead = (): number => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      return (opened.sqlite.prepare('SELECT max(seq) AS head FROM audit_log').get() as { head: number }).head;
    } finally {
      opened.sqlite.close();
    }
  };

  const week = { from: '2026-11-29', to: '2026-12-03' };
  /** Every read a screen keeps on display (useCall), with an input it accepts. */
  const screenReads = (): Array<[CallName, unknown]> => [
    ['app.info', {}],
    ['lookups.districts', {}],
    ['users.list', {}],
    ['settings.security', {}],
    ['audit.list', {}],
    ['audit.breaks', {}],
    ['audit.actors', {}],
    ['beneficiaries.list', {}],
    ['beneficiaries.stats', {}],
    ['beneficiaries.timeline', { id: personId }],
    ['search.beneficiaries', { query: 'محمد', limit: 10 }],
    ['contacts.unlinked', {}],
    ['authorities.list', {}],
    ['letters.list', {}],
    ['requests.types', {}],
    ['requests.list', {}],
    ['requests.referralAuthorities', {}],
    ['requests.assignees', {}],
    ['holidays.list', {}],
    ['complaints.targets', {}],
    ['complaints.list', {}],
    ['complaints.suggestionsRegister', {}],
    ['complaints.staffOptions', {}],
    ['library.search', { query: 'الطلب' }],
    ['library.get', { id: articleId }],
    ['inquiries.pending', {}],
    ['inquiries.answered', {}],
    ['queues.mine', {}],
    ['queues.office', {}],
    ['reports.figures', week],
    ['reports.trend', week],
    ['backups.status', {}],
    ['backups.settings', {}],
    ['backups.list', {}],
  ];

  it('classes every read a screen refreshes as `reads`, and none of them writes an audit entry', async () => {
    for (const [name, input] of screenReads()) {
      expect(CALL_EFFECTS[name], name).toBe('reads');
      const before = auditHead();
      const result = await app.dispatch(name, input);
      expect(result.ok, `${name}: ${JSON.stringify(result)}`).toBe(true);
      expect(auditHead(), name).toBe(before);
    }
  });

  it('records a look for each call classed `opens` that a screen reads', async () => {
    const opens: Array<[CallName, unknown]> = [
      ['beneficiaries.get', { id: personId }],
      ['requests.get', { id: requestId }],
      ['complaints.get', { id: complaintId }],
      ['inquiries.get', { id: inquiryId }],
    ];
    for (const [name, input] of opens) {
      expect(CALL_EFFECTS[name], name).toBe('opens');
      const before = auditHead();
      expectOk(await app.dispatch(name, input));
      expect(auditHead(), name).toBeGreaterThan(before);
    }
  });
});
