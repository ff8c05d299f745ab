// The office's accounts are the server's, and every operation is signed by its author: a real office
// server and two paired desks. The server holds each account by its id, role and state (never a name
// or a password) and each account's and desk's public signing key; an administrator's changes to an
// account reach the server first, signed, and need it in reach; the server takes an operation only
// signed with a key of its author, an active account whose role may make it; a desk takes what it
// receives only signed so; and no desk can write in another account's name.
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import type { OfficeAccounts } from '../../electron/api/sync/office';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { LINK_KEY } from '../../electron/services/office/link-key';
import { unwrapKey, type KeyWrap } from '../../electron/services/accounts/key-wrap';
import { askOffice, type OfficeConnection } from '../../electron/services/sync/office-client';
import { newSigningKeyPair, privateSigningKey, signAccount, signKey, signOperation, signRevocation } from '../../electron/services/sync/signature';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import { officeDatabases } from '../support/postgres';
import { createUser, expectError, expectOk, openTestWasl, signInAs, tempDir, validFields, ADMIN, type TestWasl } from '../support/database';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import { deskSigningKey } from '../../electron/services/sync/signing';
import { sealPayload } from '../../electron/services/sync/seal';
import { sentColumns } from '../../db/sync-capture';

let server: OfficeServer;
let deskA: TestWasl;
let deskB: TestWasl;

const address = () => `127.0.0.1:${server.port}`;
const syncNow = async (desk: TestWasl) => expectOk<OfficeStatus>(await desk.dispatch('office.syncNow', {}));
const sqliteOf = (desk: TestWasl) => desk.wasl.desk.openDatabase!.sqlite;
const connectionOf = (desk: TestWasl) =>
  JSON.parse(sqliteOf(desk).prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LINK_KEY) as string) as OfficeConnection & { deskId: string };
const register = async (desk: TestWasl) => {
  const answer = await askOffice(connectionOf(desk), 'POST /v1/accounts/list', {});
  if (!answer.ok) throw new Error(answer.error.messageKey);
  return answer.value;
};
const accountOf = (accounts: OfficeAccounts, userId: string) => accounts.accounts.find((account) => account.userId === userId);

const databases = officeDatabases();

describe.each(databases)('with the office’s record in %s', (_engine, database) => {
  beforeAll(async () => {
    server = await startOfficeServer({ dataDirectory: tempDir(), databaseUrl: database.url(), host: '127.0.0.1', port: 0 });
    deskA = await openTestWasl();
    deskB = await openTestWasl();
    const { code } = await createPairingCode(server.database.db, new Date());
    expectOk(await deskA.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code, deskName: 'A' }));
    const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}));
    expectOk(await deskB.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code: made.code, deskName: 'B' }));
    await syncNow(deskA);
    await syncNow(deskB);
    await syncNow(deskA);
  }, 120_000);

  afterAll(async () => {
    await deskA?.cleanup();
    await deskB?.cleanup();
    await server?.close();
  });

  describe('the office’s accounts and signatures', () => {
    it('holds each desk’s accounts by id, role and state only, and every account’s and desk’s public key', async () => {
      const office = await register(deskA);
      expect(accountOf(office, deskA.adminId)).toMatchObject({ role: 'administrator', active: true });
      expect(accountOf(office, deskB.adminId)).toMatchObject({ role: 'administrator', active: true });
      const owners = office.keys.map((key) => key.userId ?? `desk:${key.deskId}`);
      expect(owners).toEqual(expect.arrayContaining([deskA.adminId, deskB.adminId, `desk:${connectionOf(deskA).deskId}`, `desk:${connectionOf(deskB).deskId}`]));
      // Nothing of a name, a user name or a password reaches the server's accounts.
      const stored = await server.database.db.selectFrom('accounts').selectAll().execute();
      expect(Object.keys(stored[0]!).sort()).toEqual(['active', 'changed_at', 'changed_by', 'changed_by_desk', 'role', 'user_id']);
      expect(JSON.stringify(stored)).not.toContain(ADMIN.displayName);
      // Every operation the office holds names the key it was signed with.
      const unsigned = await server.database.db.selectFrom('operations').select('op_id').where('signature', 'is', null).execute();
      expect(unsigned).toEqual([]);
    });

    it('takes an account an administrator makes at a desk first, with its key vouched for, and what the account does arrives signed by it', async () => {
      const officer = await createUser(deskA.dispatch, 'officer');
      const office = await register(deskA);
      expect(accountOf(office, officer.id)).toMatchObject({ role: 'officer', active: true });
      const key = await server.database.db.selectFrom('signing_keys').selectAll().where('user_id', '=', officer.id).executeTakeFirstOrThrow();
      expect(key.vouched_by).not.toBeNull();

      await signInAs(deskA.dispatch, officer.username, officer.password);
      const person = expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
      await syncNow(deskA);
      const sent = await server.database.db.selectFrom('operations').select(['user_id', 'key_id']).where('row_id', '=', person.id).executeTakeFirstOrThrow();
      expect(sent).toEqual({ user_id: officer.id, key_id: key.key_id });
      await syncNow(deskB);
      expect(sqliteOf(deskB).prepare('SELECT count(*) FROM beneficiaries WHERE id = ?').pluck().get(person.id)).toBe(1);
      expect(sqliteOf(deskB).prepare('SELECT count(*) FROM sync_rejected').pluck().get()).toBe(0);
      expectOk(await deskA.dispatch('session.signOut', {}));
      expectOk(await deskA.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
    });

    it('refuses what a disabled account did, which stays at its desk with the administrators told; the others never receive it', async () => {
      const officer = await createUser(deskA.dispatch, 'officer');
      await signInAs(deskA.dispatch, officer.username, officer.password);
      await syncNow(deskA);
      await syncNow(deskB);
      // At desk B an administrator disables the account, while desk A's officer works on.
      const disabled = await deskB.dispatch('users.update', { id: officer.id, displayName: officer.displayName, role: 'officer', active: false });
      expectOk(disabled);
      expect(accountOf(await register(deskB), officer.id)).toMatchObject({ active: false });
      const person = expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
      const status = await syncNow(deskA);
      expect(status.sync?.problem).toMatchObject({ messageKey: 'office.operationsRefused' });
      expect(sqliteOf(deskA).prepare('SELECT DISTINCT refused_reason FROM sync_outbox WHERE row_id = ?').pluck().all(person.id)).toEqual(['disabled_account']);
      expect(await server.database.db.selectFrom('operations').select('op_id').where('row_id', '=', person.id).execute()).toEqual([]);
      await syncNow(deskB);
      expect(sqliteOf(deskB).prepare('SELECT count(*) FROM beneficiaries WHERE id = ?').pluck().get(person.id)).toBe(0);
      // Enabled again at the office: what waited is taken at desk A's next round, and reaches desk B.
      expectOk(await deskB.dispatch('users.update', { id: officer.id, displayName: officer.displayName, role: 'officer', active: true, password: 'a new pass phrase for this officer' }));
      expect((await syncNow(deskA)).sync).toMatchObject({ pending: 0, problem: null });
      await syncNow(deskB);
      expect(sqliteOf(deskB).prepare('SELECT count(*) FROM beneficiaries WHERE id = ?').pluck().get(person.id)).toBe(1);
      expectOk(await deskA.dispatch('session.signOut', {}));
      expectOk(await deskA.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password }));
    });

    it('lets no desk write in another account’s name: a change no open key of its author signs waits, and a key of another is refused', async () => {
      // A change queued at desk A in desk B's administrator's name: no key of theirs is open at A.
      sqliteOf(deskA)
        .prepare(`INSERT INTO sync_outbox (op_id, hlc, user_id, entity, row_id, action, base_hlc, changed, row_after) VALUES (?, ?, ?, 'holidays', ?, 'insert', NULL, NULL, ?)`)
        .run(uuidv7(), `${new Date().toISOString()}-0000-${connectionOf(deskA).deskId}`, deskB.adminId, uuidv7(), JSON.stringify({ id: 'forged' }));
      const status = await syncNow(deskA);
      expect(status.sync?.problem).toMatchObject({ messageKey: 'office.operationsWaitForAuthors', details: { count: 1 } });
      sqliteOf(deskA).prepare('DELETE FROM sync_outbox WHERE user_id = ?').run(deskB.adminId);

      // Sent straight to the server in B's administrator's name, signed with an officer's own key (its password known).
      const officer = await createUser(deskA.dispatch, 'officer');
      const kept = JSON.parse(sqliteOf(deskA).prepare('SELECT signing_key FROM users WHERE id = ?').pluck().get(officer.id) as string) as { keyId: string; publicKey: string; wrap: KeyWrap };
      const seed = await unwrapKey(kept.wrap, officer.password, `wasl-signing-key:${officer.id}:${kept.keyId}`);
      const officerKey = privateSigningKey(seed!, kept.publicKey)!;
      const connection = connectionOf(deskA);
      const header = { opId: uuidv7(), userId: deskB.adminId, hlc: `${new Date().toISOString()}-0000-${connection.deskId}`, entity: 'holidays', rowId: uuidv7(), action: 'insert', baseHlc: null, payload: randomBytes(64).toString('base64'), keyId: kept.keyId };
      const forged = await askOffice(connection, 'POST /v1/operations/push', { operations: [{ ...header, signature: signOperation({ ...header, deskId: connection.deskId }, officerKey) }] });
      expect(forged).toMatchObject({ ok: true, value: { placed: [], refused: [{ opId: header.opId, reason: 'unknown_key' }] } });
      // Nor with a key the office does not hold; nor with the officer's key over other bytes than it signed.
      const { publicKey, seed: strangerSeed } = newSigningKeyPair();
      const stranger = { ...header, opId: uuidv7(), userId: officer.id, keyId: uuidv7() };
      const unknown = await askOffice(connection, 'POST /v1/operations/push', { operations: [{ ...stranger, signature: signOperation({ ...stranger, deskId: connection.deskId }, privateSigningKey(strangerSeed, publicKey)!) }] });
      expect(unknown).toMatchObject({ ok: true, value: { refused: [{ reason: 'unknown_key' }] } });
      const own = { ...header, opId: uuidv7(), userId: officer.id };
      const altered = { ...own, signature: signOperation({ ...own, deskId: connection.deskId }, officerKey), payload: randomBytes(64).toString('base64') };
      expect(await askOffice(connection, 'POST /v1/operations/push', { operations: [altered] })).toMatchObject({ ok: true, value: { refused: [{ reason: 'signature' }] } });
      // An officer does not make an account, not even their own row again (as an administrator), and Wasl itself writes none.
      const ownRow = { ...header, opId: uuidv7(), userId: officer.id, entity: 'users', rowId: officer.id };
      const asAdministrator = await askOffice(connection, 'POST /v1/operations/push', { operations: [{ ...ownRow, signature: signOperation({ ...ownRow, deskId: connection.deskId }, officerKey) }] });
      expect(asAdministrator).toMatchObject({ ok: true, value: { placed: [], refused: [{ reason: 'not_allowed' }] } });
      const deskKey = deskSigningKey(sqliteOf(deskA), new Date().toISOString());
      const systemRow = { ...header, opId: uuidv7(), userId: SYSTEM_USER_ID, entity: 'users', rowId: SYSTEM_USER_ID, action: 'update', keyId: deskKey.keyId };
      const bySystem = await askOffice(connection, 'POST /v1/operations/push', { operations: [{ ...systemRow, signature: signOperation({ ...systemRow, deskId: connection.deskId }, deskKey.privateKey) }] });
      expect(bySystem).toMatchObject({ ok: true, value: { placed: [], refused: [{ reason: 'not_allowed' }] } });

      // A person's erasure sent as an insertion of their file, signed by the officer: the office cannot
      // tell it from an officer's registration, and every desk holds it as not the officer's to make.
      const person = expectOk<BeneficiaryDetail>(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
      await syncNow(deskA);
      await syncNow(deskB);
      const held = sqliteOf(deskA).prepare('SELECT * FROM beneficiaries WHERE id = ?').get(person.id) as Record<string, unknown>;
      const row = Object.fromEntries(sentColumns(sqliteOf(deskA), 'beneficiaries').map((column) => [column, held[column]]));
      const officeKey = Buffer.from((connectionOf(deskA) as unknown as { officeKey: string }).officeKey, 'base64');
      const erasure = { opId: uuidv7(), userId: officer.id, hlc: `${new Date().toISOString()}-0000-${connection.deskId}`, entity: 'beneficiaries', rowId: person.id, action: 'insert' as const, baseHlc: null };
      const sealed = sealPayload(officeKey, erasure, { changed: null, after: { ...row, erased_at: new Date().toISOString() } });
      const sent = { ...erasure, payload: sealed, keyId: kept.keyId };
      expect(await askOffice(connection, 'POST /v1/operations/push', { operations: [{ ...sent, signature: signOperation({ ...sent, deskId: connection.deskId }, officerKey) }] })).toMatchObject({ ok: true, value: { refused: [] } });
      await syncNow(deskB);
      expect(sqliteOf(deskB).prepare('SELECT held_reason FROM sync_inbox WHERE op_id = ?').pluck().get(erasure.opId)).toBe('not_allowed');
      expect(sqliteOf(deskB).prepare('SELECT erased_at FROM beneficiaries WHERE id = ?').pluck().get(person.id)).toBeNull();
      sqliteOf(deskB).prepare('DELETE FROM sync_inbox WHERE op_id = ?').run(erasure.opId);
    });

    it('sets aside, at every desk, an operation whose signature was changed on the server', async () => {
      const before = sqliteOf(deskB).prepare('SELECT count(*) FROM sync_rejected').pluck().get() as number;
      expectOk(await deskA.dispatch('beneficiaries.register', { fields: validFields() }));
      await syncNow(deskA);
      const last = await server.database.db.selectFrom('operations').select(['op_id', 'signature']).orderBy('server_seq', 'desc').limit(1).executeTakeFirstOrThrow();
      await server.database.db.updateTable('operations').set({ signature: randomBytes(64).toString('base64') }).where('op_id', '=', last.op_id).execute();
      await syncNow(deskB);
      expect(sqliteOf(deskB).prepare('SELECT count(*) FROM sync_rejected').pluck().get()).toBe(before + 1);
      expect(sqliteOf(deskB).prepare('SELECT reason FROM sync_rejected WHERE op_id = ?').pluck().get(last.op_id)).toBe('signature');
    });

    it('takes an account’s change only signed by an active administrator, and a later key only vouched for', async () => {
      const connection = connectionOf(deskA);
      const officer = await createUser(deskA.dispatch, 'officer');
      const officerKey = await server.database.db.selectFrom('signing_keys').select('key_id').where('user_id', '=', officer.id).executeTakeFirstOrThrow();
      // An officer's own key cannot make them an administrator (nor can any key that is not an administrator's).
      const { publicKey, seed } = newSigningKeyPair();
      const stranger = privateSigningKey(seed, publicKey)!;
      const promotion = { userId: officer.id, role: 'administrator' as const, active: true, changedAt: new Date().toISOString() };
      expect(await askOffice(connection, 'POST /v1/accounts/put', { account: promotion, signerKeyId: officerKey.key_id, signature: signAccount(promotion, stranger) })).toMatchObject({
        ok: false,
        error: { messageKey: 'office.notAdministrator' },
      });
      // A second key of the officer's, vouched for by no one, or by a key that is not theirs nor an administrator's.
      const second = { userId: officer.id, keyId: uuidv7(), publicKey };
      expect(await askOffice(connection, 'POST /v1/accounts/keys/put', { ...second, vouch: null })).toMatchObject({ ok: false, error: { messageKey: 'office.keyNotVouched' } });
      expect(await askOffice(connection, 'POST /v1/accounts/keys/put', { ...second, vouch: { keyId: officerKey.key_id, signature: signKey(second, stranger) } })).toMatchObject({
        ok: false,
        error: { messageKey: 'office.keyNotVouched' },
      });
      // An administrator cannot take away their own access, and the office keeps one active administrator.
      const demoted = expectError(await deskA.dispatch('users.update', { id: deskA.adminId, displayName: ADMIN.displayName, role: 'officer', active: true }));
      expect(demoted.messageKey).toBe('users.cannotChangeOwnAccess');
      // An administrator's signed change is taken only made a moment ago, and only newer than the office's.
      const kept = JSON.parse(sqliteOf(deskA).prepare('SELECT signing_key FROM users WHERE id = ?').pluck().get(deskA.adminId) as string) as { keyId: string; publicKey: string; wrap: KeyWrap };
      const administrator = privateSigningKey((await unwrapKey(kept.wrap, ADMIN.password, `wasl-signing-key:${deskA.adminId}:${kept.keyId}`))!, kept.publicKey)!;
      const putAccount = (changedAt: Date) => {
        const account = { userId: officer.id, role: 'supervisor' as const, active: true, changedAt: changedAt.toISOString() };
        return askOffice(connection, 'POST /v1/accounts/put', { account, signerKeyId: kept.keyId, signature: signAccount(account, administrator) });
      };
      expect(await putAccount(new Date(Date.now() - 3_600_000))).toMatchObject({ ok: false, error: { messageKey: 'office.clockOff' } });
      const now = new Date();
      expect(await putAccount(now)).toMatchObject({ ok: true });
      expect(await putAccount(now)).toMatchObject({ ok: false, error: { messageKey: 'office.accountChangedMeanwhile' } });
      // A desk revoked only at the signed word of an active administrator: not an officer's, nor one naming an administrator it is not.
      for (const [askedBy, keyId] of [
        [officer.id, officerKey.key_id],
        [deskA.adminId, officerKey.key_id],
        [deskA.adminId, uuidv7()],
      ] as const) {
        const revocation = { deskId: connectionOf(deskB).deskId, askedBy, at: new Date().toISOString() };
        const refused = await askOffice(connection, 'POST /v1/desks/revoke', { ...revocation, keyId, signature: signRevocation(revocation, stranger) });
        expect(refused).toMatchObject({ ok: false, error: { messageKey: 'office.notAdministrator' } });
      }
      expect((await server.database.db.selectFrom('desks').select('revoked_at').where('desk_id', '=', connectionOf(deskB).deskId).executeTakeFirstOrThrow()).revoked_at).toBeNull();
    });

    it('takes an administrator’s new key after a recovery only once another administrator vouches for it, by resetting their password', async () => {
      const newPassword = 'a password chosen after the recovery';
      expectOk(await deskB.dispatch('session.recover', { recoveryKey: deskB.recoveryKey, username: ADMIN.username, newPassword }));
      const person = expectOk<BeneficiaryDetail>(await deskB.dispatch('beneficiaries.register', { fields: validFields() }));
      const status = await syncNow(deskB);
      expect(status.sync?.problem).toMatchObject({ messageKey: 'office.signingKeyRefused' });
      // The account's own row, written by the recovery, is the administrator's, not Wasl's: it waits with the rest.
      expect(sqliteOf(deskB).prepare("SELECT DISTINCT user_id FROM sync_outbox WHERE entity = 'users'").pluck().all()).toEqual([deskB.adminId]);
      expect(sqliteOf(deskB).prepare('SELECT DISTINCT refused_reason FROM sync_outbox WHERE row_id = ?').pluck().all(person.id)).toEqual(['unknown_key']);

      // At desk A another administrator resets that password: a new key, vouched for by them.
      const temporary = 'a temporary password from desk A';
      await syncNow(deskA);
      expectOk(await deskA.dispatch('users.resetPassword', { id: deskB.adminId, password: temporary }));
      await syncNow(deskA);
      await syncNow(deskB);
      expectOk(await deskB.dispatch('session.signOut', {}));
      await signInAs(deskB.dispatch, ADMIN.username, temporary);
      // Everything that waited goes (the one problem left is the operation altered on the server, above).
      expect((await syncNow(deskB)).sync).toMatchObject({ pending: 0, problem: { messageKey: 'office.operationsRejected', details: { count: 1 } } });
      await syncNow(deskA);
      expect(sqliteOf(deskA).prepare('SELECT count(*) FROM beneficiaries WHERE id = ?').pluck().get(person.id)).toBe(1);
    });

    it('refuses to make or change an account while the office server is out of reach, and changes nothing', async () => {
      const before = sqliteOf(deskA).prepare('SELECT count(*) FROM users').pluck().get();
      await server.close();
      const refused = expectError(await deskA.dispatch('users.create', { username: 'offline.officer', displayName: 'موظف', role: 'officer', password: 'a long pass phrase for the desk' }));
      expect(refused.messageKey).toBe('users.officeUnreachable');
      expect(sqliteOf(deskA).prepare('SELECT count(*) FROM users').pluck().get()).toBe(before);
    });
  });
});
