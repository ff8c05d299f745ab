// Pairing a desk with the office server, from the desk's side: the administrator reads the server's
// certificate fingerprint, compares it, and pairs with the server's one-time code; the desk pins that
// certificate, keeps what the server gave it, and records the pairing in its audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeServerSeen, OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import { officeKeyCheck } from '../../electron/services/sync/office-key';
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
    expect(expectOk<OfficeStatus>(await app.dispatch('office.status', {}))).toEqual({ link: null, sync: null });
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
    expect(expectOk<OfficeStatus>(await app.dispatch('office.status', {}))).toEqual({ link: null, sync: null });
    expect(await pairedAuditEntries()).toEqual([]);
    expect(await server.database.db.selectFrom('desks').select('desk_id').execute()).toEqual([]);
  });

  it('lets an officer see whether the desk is paired, never pair it', async () => {
    const officer = await createUser(app.dispatch, 'officer');
    await signInAs(app.dispatch, officer.username, officer.password);
    try {
      expect(expectOk<OfficeStatus>(await app.dispatch('office.status', {}))).toEqual({ link: null, sync: null });
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

  it('makes the office’s key as the office’s first desk, and records only its check at the server', async () => {
    const office = await server.database.db.selectFrom('office').select('key_check').executeTakeFirstOrThrow();
    expect(office.key_check).toBe(officeKeyCheck(officeKeyOf(app)));
  });

  it('refuses to pair a desk that is already paired', async () => {
    expect(
      expectError(await app.dispatch('office.pair', { address: typedAddress(), fingerprint: server.fingerprint, code: 'ABCD-EFGH-JKMN', deskName: 'again' })),
    ).toMatchObject({ code: 'rule', messageKey: 'office.alreadyPaired' });
  });

  it('makes a code for another desk that carries the office’s key to it, which the server cannot open', async () => {
    const made = expectOk<PairingCodeMade>(await app.dispatch('office.newPairingCode', {}));
    expect(made.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await auditEntries(app.dispatch)).filter((entry) => entry.action === 'office.pairingCodeMade').map((entry) => JSON.stringify(entry))).toEqual([
      expect.not.stringContaining(made.code),
    ]);
    // What the server holds of it: the wrap, and no trace of the code or the key.
    const kept = await server.database.db.selectFrom('pairing_codes').selectAll().where('key_wrap', 'is not', null).executeTakeFirstOrThrow();
    expect(JSON.stringify(kept)).not.toContain(made.code);
    expect(JSON.stringify(kept)).not.toContain(officeKeyOf(app).toString('base64'));

    const second = await openTestWasl();
    try {
      // At the server, a code could no longer be made: the office has its key.
      await expect(createPairingCode(server.database.db, new Date())).rejects.toThrow('office.pairOnDesk');
      const status = expectOk<OfficeStatus>(
        await second.dispatch('office.pair', { address: typedAddress(), fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' }),
      );
      expect(status.link?.deskName).toBe('الاستقبال 2');
      expect(officeKeyOf(second).equals(officeKeyOf(app))).toBe(true);
      // Used once.
      const third = await openTestWasl();
      try {
        expect(
          expectError(await third.dispatch('office.pair', { address: typedAddress(), fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 3' })),
        ).toMatchObject({ messageKey: 'office.pairingCodeInvalid' });
      } finally {
        await third.cleanup();
      }
    } finally {
      await second.cleanup();
    }
  });
});

/** The office's key a desk keeps, read from its encrypted database. */
function officeKeyOf(wasl: TestWasl): Buffer {
  const row = wasl.wasl.desk.openDatabase!.sqlite.prepare(`SELECT value FROM settings WHERE key = 'office.link'`).get() as { value: string };
  return Buffer.from((JSON.parse(row.value) as { officeKey: string }).officeKey, 'base64');
}
