// Pairing a desk with the office server, from the desk's side: the administrator reads the server's
// certificate fingerprint, compares it, and pairs with the server's one-time code; the desk pins that
// certificate, keeps what the server gave it, and records the pairing in its audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeServerSeen, OfficeStatus } from '../../electron/api/office';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { ADMIN, auditEntries, createUser, expectError, expectOk, openTestWasl, signInAs, tempDir, type TestWasl } from '../support/database';
import { freePort } from '../support/postgres';

let app: TestWasl;
let server: OfficeServer;

beforeAll(async () => {
  app = await openTestWasl();
  server = await startOfficeServer({ dataDirectory: tempDir(), host: '127.0.0.1', port: 0 });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await app?.cleanup();
});

const typedAddress = () => `127.0.0.1:${server.port}`;
const code = async () => (await createPairingCode(server.database.db, new Date())).code;
const pairedAuditEntries = async () => (await auditEntries(app.dispatch)).filter((entry) => entry.action === 'office.paired');

describe('pairing this desk with the office server', () => {
  it('starts unpaired: the desk works alone', async () => {
    expect(expectOk<OfficeStatus>(await app.dispatch('office.status', {}))).toEqual({ link: null });
  });

  it('reads the certificate the server presents, for the administrator to compare', async () => {
    const seen = expectOk<OfficeServerSeen>(await app.dispatch('office.inspect', { address: ` ${typedAddress()} ` }));
    expect(seen).toEqual({ address: `https://127.0.0.1:${server.port}`, fingerprint: server.fingerprint });
  });

  it('says so when nothing answers at the address, or when it is not an address', async () => {
    expect(expectError(await app.dispatch('office.inspect', { address: `127.0.0.1:${await freePort()}` }))).toMatchObject({ code: 'rule', messageKey: 'office.unreachable' });
    const notAnAddress = expectError(await app.dispatch('office.inspect', { address: 'http://server/path' }));
    expect(notAnAddress.details?.fields).toEqual([{ path: 'address', messageKey: 'validation.office.address' }]);
  });

  it('refuses to pair when the certificate is not the one compared, or the code is not the server’s, and keeps nothing', async () => {
    const otherFingerprint = server.fingerprint.replace(/^../, server.fingerprint.startsWith('00') ? '11' : '00');
    expect(
      expectError(await app.dispatch('office.pair', { address: typedAddress(), fingerprint: otherFingerprint, code: await code(), deskName: 'الاستقبال 1' })),
    ).toMatchObject({ code: 'rule', messageKey: 'office.certificateChanged' });
    expect(
      expectError(await app.dispatch('office.pair', { address: typedAddress(), fingerprint: server.fingerprint, code: 'ABCD-EFGH-JKMN', deskName: 'الاستقبال 1' })),
    ).toMatchObject({ code: 'rule', messageKey: 'office.pairingCodeInvalid' });
    const badCode = expectError(await app.dispatch('office.pair', { address: typedAddress(), fingerprint: server.fingerprint, code: '12', deskName: '' }));
    expect(badCode.details?.fields?.map((field) => field.path)).toEqual(['code', 'deskName']);
    expect(expectOk<OfficeStatus>(await app.dispatch('office.status', {}))).toEqual({ link: null });
    expect(await pairedAuditEntries()).toEqual([]);
    expect(await server.database.db.selectFrom('desks').select('desk_id').execute()).toEqual([]);
  });

  it('lets an officer see whether the desk is paired, never pair it', async () => {
    const officer = await createUser(app.dispatch, 'officer');
    await signInAs(app.dispatch, officer.username, officer.password);
    try {
      expect(expectOk<OfficeStatus>(await app.dispatch('office.status', {}))).toEqual({ link: null });
      expect(expectError(await app.dispatch('office.inspect', { address: typedAddress() })).code).toBe('forbidden');
      expect(expectError(await app.dispatch('office.pair', { address: typedAddress(), fingerprint: server.fingerprint, code: await code(), deskName: 'x' })).code).toBe('forbidden');
    } finally {
      await signInAs(app.dispatch, ADMIN.username, ADMIN.password);
    }
  });

  it('pairs with the compared certificate and the server’s code, keeps the link, and records it without the secret', async () => {
    const status = expectOk<OfficeStatus>(
      await app.dispatch('office.pair', { address: typedAddress(), fingerprint: server.fingerprint.toLowerCase(), code: (await code()).toLowerCase(), deskName: 'الاستقبال 1' }),
    );
    const desks = await server.database.db.selectFrom('desks').select(['desk_id', 'name']).execute();
    expect(desks).toEqual([{ desk_id: status.link?.deskId, name: 'الاستقبال 1' }]);
    expect(status.link).toMatchObject({
      address: `https://127.0.0.1:${server.port}`,
      fingerprint: server.fingerprint,
      deskName: 'الاستقبال 1',
      pairedBy: { id: app.adminId },
    });
    const office = await server.database.db.selectFrom('office').select('office_id').executeTakeFirstOrThrow();
    expect(status.link?.officeId).toBe(office.office_id);

    const [entry, ...more] = await pairedAuditEntries();
    expect(more).toEqual([]);
    expect(entry?.summary).toEqual({ address: status.link?.address, fingerprint: server.fingerprint, deskId: status.link?.deskId, officeId: office.office_id });
    // The desk's secret is kept in the encrypted database and never leaves it through a call.
    const stored = await app.wasl.desk.openDatabase!.db.selectFrom('settings').select('value').where('key', '=', 'office.link').executeTakeFirstOrThrow();
    const credential = (JSON.parse(stored.value) as { credential: string }).credential;
    expect(credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(status)).not.toContain(credential);
    expect(JSON.stringify(entry)).not.toContain(credential);
  });

  it('refuses to pair a desk that is already paired', async () => {
    expect(
      expectError(await app.dispatch('office.pair', { address: typedAddress(), fingerprint: server.fingerprint, code: await code(), deskName: 'again' })),
    ).toMatchObject({ code: 'rule', messageKey: 'office.alreadyPaired' });
  });
});
