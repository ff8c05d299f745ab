// The workflows' open-record condition against a real migrated database: the partial indexes of
// open requests and complaints, and of pending inquiries, hold the very condition the definitions
// give, and a query that repeats it reads through them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { complaintWorkflow } from '../../electron/api/workflow/complaints';
import { requestWorkflow } from '../../electron/api/workflow/requests';
import { IS_PENDING, pendingCondition } from '../../electron/services/inquiries/service';
import { notFinal, notFinalCondition } from '../../electron/services/workflow/rules';
import { openTestWasl, type TestWasl } from '../support/database';

let app: TestWasl;

beforeAll(async () => {
  app = await openTestWasl();
});

afterAll(async () => {
  await app.cleanup();
});

describe('the open-record condition', () => {
  it('is the condition of the partial indexes of open requests and complaints, and a query repeating it uses them', async () => {
    const opened = openDatabase(app.databasePath, { key: app.key });
    try {
      const indexSql = (name: string) =>
        (opened.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).get(name) as { sql: string } | undefined)?.sql;
      for (const name of ['requests_open_by_owner', 'requests_open_by_stage']) {
        expect(indexSql(name), name).toMatch(new RegExp(` WHERE ${escaped(notFinalCondition(requestWorkflow, 'stage'))}$`));
      }
      for (const name of ['complaints_open_by_owner', 'complaints_open_by_stage']) {
        expect(indexSql(name), name).toMatch(new RegExp(` WHERE ${escaped(notFinalCondition(complaintWorkflow, 'stage'))}$`));
      }
      // An inquiry's open group is its pending stage.
      for (const name of ['inquiries_pending', 'inquiries_pending_by_owner']) {
        expect(indexSql(name), name).toMatch(new RegExp(` WHERE ${escaped(pendingCondition('status'))}$`));
      }

      const plan = (query: { sql: string; parameters: readonly unknown[] }) =>
        (opened.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as Array<{ detail: string }>).map((row) => row.detail).join(' | ');
      const openRequestsOf = opened.db
        .selectFrom('requests as r')
        .where(notFinal(requestWorkflow, 'r.stage'))
        .where('r.owner_id', '=', app.adminId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .compile();
      expect(plan(openRequestsOf)).toContain('USING COVERING INDEX requests_open_by_owner');
      const openComplaintsOf = opened.db
        .selectFrom('complaints as c')
        .where(notFinal(complaintWorkflow, 'c.stage'))
        .where('c.owner_id', '=', app.adminId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .compile();
      expect(plan(openComplaintsOf)).toContain('USING COVERING INDEX complaints_open_by_owner');
      const pendingInquiriesOf = opened.db
        .selectFrom('inquiries as i')
        .where(IS_PENDING)
        .where('i.owner_id', '=', app.adminId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .compile();
      expect(plan(pendingInquiriesOf)).toContain('USING COVERING INDEX inquiries_pending_by_owner');
    } finally {
      opened.close();
    }
  });
});

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
