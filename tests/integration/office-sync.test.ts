// Two desks of one office through the office server: every change to the office's record queued in
// the transaction that made it, sent sealed with the office's key, received by the other desk in the
// office's order, opened and taken into its record; the server's database and its data folder never hold a person's
// name or ID number in clear; an erased person's copies leave the queues of both desks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { ADMIN, expectError, expectOk, newNationalId, openTestWasl, signInAs, tempDir, validFields, type TestWasl } from '../support/database';

const NAME = 'سلطانة';
let server: OfficeServer;
let serverFolder: string;
let deskA: TestWasl;
let deskB: TestWasl;

const address = () => `127.0.0.1:${server.port}`;
const rowsOf = (desk: TestWasl, table: 'sync_outbox' | 'sync_inbox') =>
  desk.wasl.desk.openDatabase!.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1`).all() as Array<Record<string, string | number | null>>;
const syncNow = async (desk: TestWasl) => expectOk<OfficeStatus>(await desk.dispatch('office.syncNow', {}));

/** Every file under a folder, read whole. */
function filesUnder(folder: string): Buffer[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path));
}

beforeAll(async () => {
  serverFolder = tempDir();
  server = await startOfficeServer({ dataDirectory: serverFolder, host: '127.0.0.1', port: 0 });
  deskA = await openTestWasl();
  deskB = await openTestWasl();
}, 120_000);

afterAll(async () => {
  await deskA?.cleanup();
  await deskB?.cleanup();
  await server?.close();
});

describe('two desks of one office', () => {
  let person: BeneficiaryDetail;
  const idNumber = newNationalId();

  it('queue nothing while they work alone', async () => {
    expectOk(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
    expect(rowsOf(deskA, 'sync_outbox')).toEqual([]);
  });

  it('queue, once paired, what the desk already held, and every change in the transaction that made it', async () => {
    const { code } = await createPairingCode(server.database.db, new Date());
    expectOk(await deskA.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' }));
    const held = rowsOf(deskA, 'sync_outbox');
    expect(held.filter((row) => row.entity === 'beneficiaries')).toHaveLength(1);

    person = expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields({ firstName: NAME, idType: 'national_id', idNumber }) }));
    const queued = rowsOf(deskA, 'sync_outbox').slice(held.length);
    expect(queued.find((row) => row.entity === 'beneficiaries')).toMatchObject({ action: 'insert', row_id: person.id, user_id: deskA.adminId });
    expect(JSON.parse(String(queued.find((row) => row.entity === 'beneficiaries')!.row_after))).toMatchObject({ id: person.id, first_name: NAME, id_number: idNumber });
    // Stamped by the desk's clock, in order.
    const times = queued.map((row) => String(row.hlc));
    expect(times).toEqual(times.toSorted());

    // A registration refused changes nothing, and queues nothing.
    const before = rowsOf(deskA, 'sync_outbox').length;
    expectError(await deskA.dispatch('beneficiaries.register', { fields: validFields({ firstName: '' }) }));
    expect(rowsOf(deskA, 'sync_outbox')).toHaveLength(before);
  });

  it('send it sealed: the server numbers it and empties the outbox, and holds no name or ID number in clear', async () => {
    const status = await syncNow(deskA);
    expect(status.sync).toMatchObject({ pending: 0, offlineSince: null, problem: null });
    expect(rowsOf(deskA, 'sync_outbox')).toEqual([]);

    const stored = await server.database.db.selectFrom('operations').selectAll().execute();
    expect(stored.length).toBeGreaterThan(3);
    const everything = Buffer.concat([...stored.map((row) => Buffer.from(JSON.stringify(row))), ...stored.map((row) => Buffer.from(row.payload))]);
    expect(everything.includes(Buffer.from(NAME))).toBe(false);
    expect(everything.includes(Buffer.from(idNumber))).toBe(false);
    // Nor the server's files on disk (the embedded PostgreSQL's): what is in clear there is found, the person is not.
    const files = filesUnder(serverFolder);
    const desk = await server.database.db.selectFrom('desks').select('desk_id').executeTakeFirstOrThrow();
    expect(files.some((bytes) => bytes.includes(Buffer.from(desk.desk_id)))).toBe(true);
    expect(files.some((bytes) => bytes.includes(Buffer.from(NAME)))).toBe(false);
    expect(files.some((bytes) => bytes.includes(Buffer.from(idNumber)))).toBe(false);
  });

  it('reach the other desk, paired with a code made on the first, opened and in the office’s order', async () => {
    const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}));
    expectOk(await deskB.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
    await syncNow(deskB);
    // Taken into desk B's record (services/sync/apply.ts; tests/integration/office-merge.test.ts), and out of its inbox.
    expect(expectOk<BeneficiaryDetail>(await deskB.dispatch('beneficiaries.get', { id: person.id }))).toMatchObject({ firstName: NAME, idNumber });
    expect(rowsOf(deskB, 'sync_inbox')).toEqual([]);
    // Desk B's own record reached desk A too: its first administrator.
    await syncNow(deskA);
    const deskBAdmin = deskB.adminId;
    expect(deskA.wasl.desk.openDatabase!.sqlite.prepare('SELECT count(*) FROM users WHERE id = ?').pluck().get(deskBAdmin)).toBe(1);
  });

  it('take an erased person’s copies out of both desks’ queues', async () => {
    expectOk(await deskA.dispatch('beneficiaries.erase', { id: person.id, reason: 'طلب الشخص حذف بياناته', confirmFileNumber: person.fileNumber }));
    const mentions = (desk: TestWasl) =>
      [...rowsOf(desk, 'sync_outbox'), ...rowsOf(desk, 'sync_inbox')].filter((row) => JSON.stringify(row).includes(NAME) || JSON.stringify(row).includes(idNumber));
    expect(mentions(deskA)).toEqual([]);
    await syncNow(deskA);
    await syncNow(deskB);
    expect(mentions(deskA)).toEqual([]);
    expect(mentions(deskB)).toEqual([]);
  });

  it('keep working when the server is down, and catch up when it is back', async () => {
    const port = server.port;
    await server.close();
    const registered = expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
    const offline = await syncNow(deskA);
    expect(offline.sync?.offlineSince).not.toBeNull();
    expect(offline.sync?.pending).toBeGreaterThan(0);

    server = await startOfficeServer({ dataDirectory: serverFolder, host: '127.0.0.1', port });
    const back = await syncNow(deskA);
    expect(back.sync).toMatchObject({ pending: 0, offlineSince: null });
    await syncNow(deskB);
    expect(expectOk<BeneficiaryDetail>(await deskB.dispatch('beneficiaries.get', { id: registered.id })).id).toBe(registered.id);
  });

  it('let any signed-in user see the sync’s state and ask for a round', async () => {
    await signInAs(deskA.dispatch, ADMIN.username, ADMIN.password);
    expect(expectOk<OfficeStatus>(await deskA.dispatch('office.status', {})).sync?.lastSyncedAt).not.toBeNull();
  });
});
