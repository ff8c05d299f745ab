// Signing in at any desk of the office: an account made at desk A signs in at desk B once B has
// received its row from the office server, then at B with or without the server; a password changed
// at one desk is the only one that opens at the other once the change arrives; a disabled account
// signs in nowhere; failures count toward the lockout; a name that matches no account gets the very
// answer a wrong password gets.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeStatus, PairingCodeMade } from '../../electron/api/office';
import type { Result } from '../../electron/api/result';
import type { SessionState } from '../../electron/api/session';
import type { KeyRotationJob } from '../../electron/api/users';
import type { Dispatch } from '../../electron/services/dispatch';
import { readKeyring } from '../../electron/services/accounts/keyring';
import { createPairingCode } from '../../server/desks/desks';
import { startOfficeServer, type OfficeServer } from '../../server/office-server';
import type { Wasl } from '../../electron/core/open-wasl';
import { ADMIN, createUser, expectOk, openTestHost, openTestWasl, tempDir, type TestWasl } from '../support/database';

let server: OfficeServer;
let serverFolder: string;
let deskA: TestWasl;
let deskB: TestWasl;
/** Desk B as it is now: reopened (as after a restart) during the tests. */
let waslB: Wasl;
let dispatchB: Dispatch;
let closeB: () => Promise<void>;

const SIGN_IN_FAILED_PAIRED = { code: 'sign_in_failed', messageKey: 'session.signInFailedPaired' };
const address = () => `127.0.0.1:${server.port}`;

const signIn = (dispatch: Dispatch, username: string, password: string) => dispatch('session.signIn', { username, password });
const refusal = (result: Result<unknown>) => {
  expect(result.ok).toBe(false);
  return result.ok ? null : { code: result.error.code, messageKey: result.error.messageKey };
};

/** A round of desk A's sync, as its administrator. */
async function syncA(): Promise<void> {
  expectOk(await signIn(deskA.dispatch, ADMIN.username, ADMIN.password));
  expectOk<OfficeStatus>(await deskA.dispatch('office.syncNow', {}));
}

/** A round of desk B's sync, as its own administrator (someone who already signs in there). */
async function syncB(): Promise<void> {
  expectOk(await signIn(dispatchB, ADMIN.username, ADMIN.password));
  const status = expectOk<OfficeStatus>(await dispatchB('office.syncNow', {}));
  expect(status.sync?.problem ?? null).toBeNull();
}

/** Closes desk B and opens it again on the same files: its database closed until someone signs in. */
async function restartB(): Promise<void> {
  await closeB();
  const reopened = openTestHost(deskB.dir);
  waslB = reopened.wasl;
  dispatchB = reopened.wasl.dispatch;
  closeB = () => reopened.wasl.close();
}

const keyringB = () => readKeyring(`${deskB.dir}/wasl.keyring`);

/** An account's wrap of the office's key in desk B's record, and the time of the change that set it. */
function wrapInRecordOfB(userId: string): { wrap: string; at: string } {
  return waslB.desk.openDatabase!.sqlite.prepare(
    `SELECT office_key_wrap AS wrap, coalesce((SELECT hlc FROM sync_field_versions WHERE entity = 'users' AND row_id = users.id AND field = 'office_key_wrap'),
       (SELECT born_hlc FROM sync_row_versions WHERE entity = 'users' AND row_id = users.id)) AS at FROM users WHERE id = ?`,
  ).get(userId) as { wrap: string; at: string };
}

beforeAll(async () => {
  serverFolder = tempDir();
  server = await startOfficeServer({ dataDirectory: serverFolder, host: '127.0.0.1', port: 0 });
  deskA = await openTestWasl();
  deskB = await openTestWasl();
  waslB = deskB.wasl;
  dispatchB = deskB.dispatch;
  closeB = () => deskB.close();
  const { code } = await createPairingCode(server.database.db, new Date());
  expectOk(await deskA.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code, deskName: 'الاستقبال 1' }));
  const made = expectOk<PairingCodeMade>(await deskA.dispatch('office.newPairingCode', {}));
  expectOk(await deskB.dispatch('office.pair', { address: address(), fingerprint: server.fingerprint, code: made.code, deskName: 'الاستقبال 2' }));
}, 120_000);

afterAll(async () => {
  await deskA?.cleanup();
  await closeB?.();
  if (deskB) rmSync(deskB.dir, { recursive: true, force: true });
  await server?.close();
  if (serverFolder) rmSync(serverFolder, { recursive: true, force: true });
});

describe('an account made at one desk of the office', () => {
  let clerk: { id: string; username: string; password: string };
  const passwordAtB = 'a pass phrase chosen at desk B';
  const passwordAtA = 'another pass phrase chosen at desk A';

  it('is not known at a desk that has not received it yet: the same answer as a wrong password, which says why', async () => {
    expectOk(await signIn(deskA.dispatch, ADMIN.username, ADMIN.password));
    clerk = await createUser(deskA.dispatch, 'officer', 'clerk');
    expectOk(await dispatchB('session.signOut', {}));
    const unknownHere = refusal(await signIn(dispatchB, 'clerk', clerk.password));
    expect(unknownHere).toEqual(SIGN_IN_FAILED_PAIRED);
    // A name no desk has, and a wrong password of an account desk B knows: word for word the same.
    expect(refusal(await signIn(dispatchB, 'nobody-at-all', clerk.password))).toEqual(SIGN_IN_FAILED_PAIRED);
    expect(refusal(await signIn(dispatchB, ADMIN.username, 'not the password at all'))).toEqual(SIGN_IN_FAILED_PAIRED);
  });

  it('signs in at desk B once B has synced, and chooses its own password there', async () => {
    await syncA();
    await syncB();
    expect(keyringB().office?.accounts.map((account) => account.username)).toContain('clerk');
    expect(keyringB().accounts.some((account) => account.userId === clerk.id)).toBe(false);
    expectOk(await dispatchB('session.signOut', {}));

    const state = expectOk<SessionState>(await signIn(dispatchB, 'clerk', clerk.password));
    expect(state.user).toMatchObject({ id: clerk.id, username: 'clerk', mustChangePassword: true });
    // It has a wrap of desk B's own key now: its next sign-in here needs nothing else.
    expect(keyringB().accounts.some((account) => account.userId === clerk.id)).toBe(true);
    expectOk(await dispatchB('session.changePassword', { currentPassword: clerk.password, newPassword: passwordAtB }));
  });

  it('signs in at desk B again after a restart, with the server down', async () => {
    const port = server.port;
    await server.close();
    try {
      await restartB();
      expect(refusal(await signIn(dispatchB, 'clerk', clerk.password))).toEqual(SIGN_IN_FAILED_PAIRED);
      expect(expectOk<SessionState>(await signIn(dispatchB, 'clerk', passwordAtB)).user).toMatchObject({ id: clerk.id, mustChangePassword: false });
    } finally {
      server = await startOfficeServer({ dataDirectory: serverFolder, host: '127.0.0.1', port });
    }
  });

  it('takes a password changed at desk B to desk A, where the administrator’s password stops opening', async () => {
    await syncB();
    await syncA();
    expect(refusal(await signIn(deskA.dispatch, 'clerk', clerk.password))).toEqual(SIGN_IN_FAILED_PAIRED);
    const state = expectOk<SessionState>(await signIn(deskA.dispatch, 'clerk', passwordAtB));
    expect(state.user).toMatchObject({ id: clerk.id, mustChangePassword: false });
  });

  let olderWrap: { wrap: string; at: string };

  it('takes a password changed at desk A to desk B: the old one is refused there after B syncs', async () => {
    olderWrap = wrapInRecordOfB(clerk.id);
    expectOk(await deskA.dispatch('session.changePassword', { currentPassword: passwordAtB, newPassword: passwordAtA }));
    await syncA();
    // Until desk B hears of it, the password it knows still opens there (it cannot know better, offline).
    expectOk(await signIn(dispatchB, 'clerk', passwordAtB));
    await syncB();
    expectOk(await dispatchB('session.signOut', {}));
    expect(refusal(await signIn(dispatchB, 'clerk', passwordAtB))).toEqual(SIGN_IN_FAILED_PAIRED);
    expect(expectOk<SessionState>(await signIn(dispatchB, 'clerk', passwordAtA)).user?.id).toBe(clerk.id);
  });

  it('keeps the newest password when desk B’s record is put back to an older one (a backup restored)', async () => {
    const newest = keyringB().office?.accounts.find((account) => account.userId === clerk.id);
    expect(wrapInRecordOfB(clerk.id).at > olderWrap.at).toBe(true);
    // The record as a backup made before the change holds it, as a restore leaves it: the keyring is not put back.
    const opened = waslB.desk.openDatabase!;
    opened.capture.enabled = false;
    try {
      opened.sqlite.prepare('UPDATE users SET office_key_wrap = ? WHERE id = ?').run(olderWrap.wrap, clerk.id);
      opened.sqlite.prepare("UPDATE sync_field_versions SET hlc = ? WHERE entity = 'users' AND row_id = ? AND field = 'office_key_wrap'").run(olderWrap.at, clerk.id);
      // And what it had received then: here, nothing yet.
      opened.sqlite.prepare("UPDATE settings SET value = '0' WHERE key = 'office.cursor'").run();
    } finally {
      opened.capture.enabled = true;
    }
    await restartB();
    expect(expectOk<SessionState>(await signIn(dispatchB, 'clerk', passwordAtA)).user?.id).toBe(clerk.id);
    expect(keyringB().office?.accounts.find((account) => account.userId === clerk.id)?.wrap).toEqual(newest?.wrap);
    expect(refusal(await signIn(dispatchB, 'clerk', passwordAtB))).toEqual(SIGN_IN_FAILED_PAIRED);
    // The office gives the record its newer change again at the next round.
    await syncB();
    expect(JSON.parse(wrapInRecordOfB(clerk.id).wrap)).toEqual(newest?.wrap);
    expectOk(await signIn(dispatchB, 'clerk', passwordAtA));
  });

  it('unlocks a screen locked at desk B with the password set meanwhile at desk A, and not with the old one', async () => {
    const passwordThird = 'a third pass phrase, chosen at desk A';
    expectOk(await dispatchB('session.lock', {}));
    expectOk(await signIn(deskA.dispatch, 'clerk', passwordAtA));
    expectOk(await deskA.dispatch('session.changePassword', { currentPassword: passwordAtA, newPassword: passwordThird }));
    await syncA();
    // Desk B is locked under the clerk: it syncs in the background, as it does every few seconds.
    await expect.poll(() => keyringB().accounts.some((account) => account.userId === clerk.id), { timeout: 30_000, interval: 250 }).toBe(false);
    expect(refusal(await dispatchB('session.unlock', { password: passwordAtA }))).toEqual({ code: 'sign_in_failed', messageKey: 'session.wrongPassword' });
    const state = expectOk<SessionState>(await dispatchB('session.unlock', { password: passwordThird }));
    expect(state).toMatchObject({ stage: 'active', user: { id: clerk.id } });
    expect(keyringB().accounts.some((account) => account.userId === clerk.id)).toBe(true);
    clerk = { ...clerk, password: passwordThird };
  }, 60_000);

  it('counts wrong passwords toward the lockout at the desk, even for an account it knows only through the office', async () => {
    expectOk(await signIn(deskA.dispatch, ADMIN.username, ADMIN.password));
    const second = await createUser(deskA.dispatch, 'officer', 'second');
    await syncA();
    await syncB();
    expectOk(await dispatchB('session.signOut', {}));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(refusal(await signIn(dispatchB, 'second', `wrong password number ${attempt}`))).toEqual(SIGN_IN_FAILED_PAIRED);
    }
    expect(keyringB().office?.accounts.find((account) => account.userId === second.id)?.lockedUntil).not.toBeNull();
    // Locked: even the right password gets the one answer.
    expect(refusal(await signIn(dispatchB, 'second', second.password))).toEqual(SIGN_IN_FAILED_PAIRED);

    // An administrator's reset at desk A: a fresh wrap, which ends the lockout at desk B when it arrives.
    const reset = 'a temporary pass phrase from the administrator';
    expectOk(await signIn(deskA.dispatch, ADMIN.username, ADMIN.password));
    expectOk(await deskA.dispatch('users.resetPassword', { id: second.id, password: reset }));
    await syncA();
    await syncB();
    expectOk(await dispatchB('session.signOut', {}));
    expect(refusal(await signIn(dispatchB, 'second', second.password))).toEqual(SIGN_IN_FAILED_PAIRED);
    expect(expectOk<SessionState>(await signIn(dispatchB, 'second', reset)).user).toMatchObject({ id: second.id, mustChangePassword: true });
  });

  it('follows the name another desk’s account is known by here, when a desk of this one had the name first', async () => {
    // Desk A's first administrator, named as desk B's: known at B by its name and the last letters of its id.
    await syncA();
    await syncB();
    const renamed = `${ADMIN.username}~${deskA.adminId.slice(-8)}`;
    expect(keyringB().office?.accounts.find((account) => account.userId === deskA.adminId)?.username).toBe(renamed);
    expectOk(await dispatchB('session.signOut', {}));
    expect(expectOk<SessionState>(await signIn(dispatchB, renamed, ADMIN.password)).user?.id).toBe(deskA.adminId);
    expect(expectOk<SessionState>(await signIn(dispatchB, ADMIN.username, ADMIN.password)).user?.id).toBe(deskB.adminId);
  });

  it('still signs in at desk B through the office’s key once B’s database key was replaced', async () => {
    expectOk(await signIn(dispatchB, ADMIN.username, ADMIN.password));
    const started = expectOk<KeyRotationJob>(await dispatchB('users.rotateDatabaseKey', { password: ADMIN.password }));
    await expect
      .poll(async () => {
        const status = await dispatchB('users.keyRotationStatus', { id: started.id });
        return status.ok ? (status.value as KeyRotationJob).state : 'running';
      }, { timeout: 60_000, interval: 20 })
      .toBe('done');
    // Only the administrator's own wrap of the new key: desk A's administrator had one, and lost it.
    expect(keyringB().accounts.map((account) => account.userId)).toEqual([deskB.adminId]);
    expectOk(await dispatchB('session.signOut', {}));
    const renamed = `${ADMIN.username}~${deskA.adminId.slice(-8)}`;
    const state = expectOk<SessionState>(await signIn(dispatchB, renamed, ADMIN.password));
    expect(state.user).toMatchObject({ id: deskA.adminId, mustChangePassword: true });
  });

  it('keeps out of the keyring a wrap that would cost more to open than Wasl’s own', async () => {
    expectOk(await signIn(deskA.dispatch, ADMIN.username, ADMIN.password));
    const costly = await createUser(deskA.dispatch, 'officer', 'costly');
    const sqliteA = deskA.wasl.desk.openDatabase!.sqlite;
    const wrap = JSON.parse(sqliteA.prepare('SELECT office_key_wrap FROM users WHERE id = ?').pluck().get(costly.id) as string) as { kdf: { N: number } };
    // As a desk that means harm would send it: a cost that would hang the sign-in screen of every desk.
    sqliteA.prepare('UPDATE users SET office_key_wrap = ? WHERE id = ?').run(JSON.stringify({ ...wrap, kdf: { ...wrap.kdf, N: 2 ** 22 } }), costly.id);
    await syncA();
    await syncB();
    expect(keyringB().office?.accounts.some((account) => account.userId === costly.id)).toBe(false);
    expectOk(await dispatchB('session.signOut', {}));
    expect(refusal(await signIn(dispatchB, 'costly', costly.password))).toEqual(SIGN_IN_FAILED_PAIRED);
  });

  it('signs in nowhere once disabled', async () => {
    expectOk(await signIn(deskA.dispatch, ADMIN.username, ADMIN.password));
    expectOk(await deskA.dispatch('users.update', { id: clerk.id, displayName: 'clerk', role: 'officer', active: false }));
    await syncA();
    await syncB();
    expect(keyringB().accounts.some((account) => account.userId === clerk.id)).toBe(false);
    expect(keyringB().office?.accounts.some((account) => account.userId === clerk.id)).toBe(false);
    expectOk(await dispatchB('session.signOut', {}));
    expect(refusal(await signIn(dispatchB, 'clerk', clerk.password))).toEqual(SIGN_IN_FAILED_PAIRED);
  });

  it('takes another account’s password from an administrator only', async () => {
    const adminOfA = () => keyringB().office?.accounts.find((account) => account.userId === deskA.adminId)?.wrap;
    const before = adminOfA();
    // An officer at desk A, whose desk writes in the administrator's row the wrap of a password the officer chose.
    // (Desk A harms itself so: the administrator's own wrap there goes. This comes last for that.)
    const second = expectOk<SessionState>(await signIn(deskA.dispatch, 'second', 'a temporary pass phrase from the administrator'));
    expect(second.user?.role).toBe('officer');
    const sqliteA = deskA.wasl.desk.openDatabase!.sqlite;
    const own = sqliteA.prepare('SELECT office_key_wrap FROM users WHERE id = ?').pluck().get(second.user!.id) as string;
    sqliteA.prepare('UPDATE users SET office_key_wrap = ? WHERE id = ?').run(own, deskA.adminId);
    await syncA();
    await syncB();
    expect(adminOfA()).toEqual(before);

    // And a desk that receives such a change all the same (the office refuses it) holds it, and takes nothing of it.
    const sqliteB = waslB.desk.openDatabase!.sqlite;
    const hlc = `${new Date().toISOString()}-0000-0000000000000000`;
    sqliteB
      .prepare(`INSERT INTO sync_inbox (server_seq, op_id, desk_id, user_id, hlc, entity, row_id, action, base_hlc, changed, row_after, received_at)
        VALUES (1000000, 'an-officer-s-change', 'another-desk', ?, ?, 'users', ?, 'update', NULL, '["office_key_wrap"]', ?, ?)`)
      .run(second.user!.id, hlc, deskA.adminId, JSON.stringify({ id: deskA.adminId, office_key_wrap: own }), new Date().toISOString());
    expectOk(await signIn(dispatchB, ADMIN.username, ADMIN.password));
    const status = expectOk<OfficeStatus>(await dispatchB('office.syncNow', {}));
    // Its administrators are told that a change waits.
    expect(status.sync?.problem).toMatchObject({ messageKey: 'office.operationsHeld' });
    expect(sqliteB.prepare('SELECT held_reason FROM sync_inbox WHERE server_seq = 1000000').pluck().get()).toBe('not_allowed');
    expect(adminOfA()).toEqual(before);
    expectOk(await dispatchB('session.signOut', {}));
    expect(expectOk<SessionState>(await signIn(dispatchB, `${ADMIN.username}~${deskA.adminId.slice(-8)}`, ADMIN.password)).user?.id).toBe(deskA.adminId);
  });
});
