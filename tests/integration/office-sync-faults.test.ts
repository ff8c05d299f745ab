// The sync when things go wrong: an erasure saved while a push is on its way, a clock that ran
// ahead and was corrected, changes too large for one push, an operation from the office that does
// not open as a change, and strangers sending large bodies. Nothing is lost or stuck, and what
// cannot be taken is set aside and told.
import { request } from 'node:https';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { OfficeStatus } from '../../electron/api/office';
import { HLC_MAX_DRIFT_MS } from '../../electron/api/sync/hlc';
import type * as OfficeClient from '../../electron/services/sync/office-client';
import { sealPayload } from '../../electron/services/sync/seal';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { pushOperations } from '../../server/sync/operations';
import { ADMIN, expectOk, openTestWasl, signInAs, tempDir, validFields, type TestWasl } from '../support/database';
import { newSigningKeyPair, privateSigningKey, signOperation } from '../../electron/services/sync/signature';
import { putDeskSigningKey } from '../../server/accounts/accounts';

/** Runs while a push is on its way, after the server has answered and before the desk reads the answer. */
const inFlight: { push: null | (() => Promise<void>) } = { push: null };
// The network client, not the database: the officer's work is slipped in between a push and its answer.
vi.mock('../../electron/services/sync/office-client', async (original) => {
  const real = await original<typeof OfficeClient>();
  return {
    ...real,
    askOffice: (async (connection, route, input) => {
      const answer = await real.askOffice(connection, route, input);
      if (route === 'POST /v1/operations/push' && inFlight.push) {
        const work = inFlight.push;
        inFlight.push = null;
        await work();
      }
      return answer;
    }) as typeof real.askOffice,
  };
});

let server: OfficeServer;
let desk: TestWasl;
let clockOffset = 0;
const sqlite = () => desk.wasl.desk.openDatabase!.sqlite;
const pending = () => sqlite().prepare('SELECT count(*) FROM sync_outbox').pluck().get() as number;
const syncNow = async () => expectOk<OfficeStatus>(await desk.dispatch('office.syncNow', {}));

beforeAll(async () => {
  server = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
  desk = await openTestWasl({ clock: () => new Date(Date.now() + clockOffset) });
  const { code } = await createPairingCode(server.database.db, new Date());
  expectOk(await desk.dispatch('office.pair', { address: `127.0.0.1:${server.port}`, fingerprint: server.fingerprint, code, deskName: 'A' }));
  await syncNow();
}, 120_000);

afterAll(async () => {
  await desk?.cleanup();
  await server?.close();
});

describe('the sync when things go wrong', () => {
  it('sends an erasure saved while a push was on its way', async () => {
    const person = expectOk<BeneficiaryDetail>(await desk.dispatch('beneficiaries.register', { fields: validFields() }));
    inFlight.push = async () => {
      expectOk(await desk.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب الشخص حذف بياناته', confirmFileNumber: person.fileNumber }));
    };
    // The erasure, queued under numbers the push did not carry, is sent (in the same round, or the next).
    await syncNow();
    expect((await syncNow()).sync?.pending).toBe(0);
    const onServer = await server.database.db.selectFrom('operations').select('action').where('row_id', '=', person.id).orderBy('server_seq').execute();
    expect(onServer.map((operation) => operation.action)).toEqual(['insert', 'update']);
  });

  it('sends, once the clock is corrected, what was saved while it ran an hour ahead, stamped again', async () => {
    clockOffset = 60 * 60 * 1000;
    await signInAs(desk.dispatch, ADMIN.username, ADMIN.password);
    expectOk(await desk.dispatch('beneficiaries.register', { fields: validFields() }));
    const ahead = await syncNow();
    expect(ahead.sync?.problem?.messageKey).toBe('office.clockOff');
    expect(pending()).toBeGreaterThan(0);

    clockOffset = 0;
    await signInAs(desk.dispatch, ADMIN.username, ADMIN.password);
    const corrected = await syncNow();
    expect(corrected.sync).toMatchObject({ pending: 0, problem: null });
    const latest = await server.database.db.selectFrom('operations').select('hlc').orderBy('server_seq', 'desc').limit(5).execute();
    for (const { hlc } of latest) expect(Date.parse(hlc.slice(0, 24))).toBeLessThan(Date.now() + HLC_MAX_DRIFT_MS);
  });

  it('sends changes larger than one push allows in several', async () => {
    const articles = sqlite().prepare('SELECT id FROM articles').pluck().all() as string[];
    const body = 'نص طويل من المكتبة '.repeat(1000);
    const update = sqlite().prepare('UPDATE articles SET body = ? WHERE id = ?');
    // As if 600 edits of long articles waited (about 25 MB sealed): more than the server takes at once.
    sqlite().transaction(() => {
      for (let index = 0; index < 600; index += 1) update.run(`${body}${index}`, articles[index % articles.length]);
    })();
    expect(pending()).toBe(600);
    expect((await syncNow()).sync).toMatchObject({ pending: 0, problem: null });
  }, 60_000);

  it('sets aside an operation that does not open as a change, tells it, and goes on with the next', async () => {
    const link = JSON.parse((sqlite().prepare(`SELECT value FROM settings WHERE key = 'office.link'`).get() as { value: string }).value) as { officeKey: string };
    const key = Buffer.from(link.officeKey, 'base64');
    const otherDesk = 'b'.repeat(16);
    // Signed, as every operation is, by the desk that sends them (with its key in the office's register).
    const { publicKey, seed } = newSigningKeyPair();
    const keyId = uuidv7();
    await putDeskSigningKey(server.database.db, otherDesk, { keyId, publicKey }, new Date());
    const sealed = (payload: unknown, desk = otherDesk) => {
      const header = { opId: uuidv7(), userId: '00000000-0000-7000-8000-000000000001', hlc: `${new Date().toISOString()}-0000-${desk}`, entity: 'holidays', rowId: uuidv7(), action: 'insert', baseHlc: null };
      const payloadSealed = sealPayload(key, header, payload);
      const signature = signOperation({ ...header, deskId: otherDesk, keyId, payload: payloadSealed }, privateSigningKey(seed, publicKey)!);
      return { ...header, deskId: otherDesk, payload: Buffer.from(payloadSealed, 'base64'), keyId, signature };
    };
    const good = sealed({ changed: null, after: { id: 'h-good', name: 'يوم' } });
    await pushOperations(server.database.db, [sealed(null), sealed({ changed: null, after: { id: 'x' } }, 'c'.repeat(16)), good], async (_trx, fresh) => fresh.map(() => null));

    const status = await syncNow();
    expect(status.sync?.problem).toMatchObject({ messageKey: 'office.operationsRejected', details: { count: 2 } });
    expect(sqlite().prepare('SELECT reason FROM sync_rejected ORDER BY server_seq').pluck().all()).toEqual(['shape', 'desk']);
    expect(sqlite().prepare('SELECT count(*) FROM sync_inbox WHERE op_id = ?').pluck().get(good.opId)).toBe(1);
  });

  it('refuses a stranger’s large body before reading it', async () => {
    const body = Buffer.alloc(15 * 1024 * 1024, 0x41);
    const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const outgoing = request(
        { method: 'POST', host: '127.0.0.1', port: server.port, path: '/v1/operations/push', ca: [server.certificate], checkServerIdentity: () => undefined, headers: { 'content-length': String(body.length) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      outgoing.on('error', reject);
      // The server may answer and close before the whole body is written: that is the point.
      outgoing.on('socket', (socket) => socket.on('error', () => undefined));
      outgoing.end(body);
    }).catch((error: unknown) => ({ status: 0, text: String(error) }));
    // Refused as unknown, or cut off before the whole body was sent: never read and parsed.
    if (answer.status !== 0) expect(JSON.parse(answer.text)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await syncNow()).sync?.offlineSince).toBeNull();
  });
});
