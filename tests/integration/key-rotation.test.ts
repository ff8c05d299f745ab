// Replacing the database key through the real call path, on real encrypted files: what a keyring or a
// password taken before can still open afterwards, the data and audit chain carried over, the other
// accounts left to be reset, a backup made first, and every point where a crash can stop it.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDatabase } from '../../db/connection';
import type { AuditVerification } from '../../electron/api/audit';
import type { BackupMade } from '../../electron/api/backups';
import type { SessionState } from '../../electron/api/session';
import type { KeyRotationJob, KeyRotationResult, UserAccount } from '../../electron/api/users';
import { unwrapKey, wrapKey } from '../../electron/services/accounts/key-wrap';
import { accountBinding, readKeyring, recoveryBinding, writeKeyring, type Keyring } from '../../electron/services/accounts/keyring';
import { nextKeyringPath, rekeyedDatabasePath } from '../../electron/services/accounts/rotate-database-key';
import {
  ADMIN,
  auditEntries,
  createUser,
  databaseKeyOf,
  expectError,
  expectOk,
  openTestHost,
  openTestWasl,
  signInAs,
  snapshotDatabase,
  TEST_KEY_DERIVATION,
  tempDir,
  validFields,
  type TestWasl,
} from '../support/database';

const RECOVERY_KEY = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/;

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUpWasl(): Promise<TestWasl> {
  const app = await openTestWasl();
  cleanups.push(() => app.cleanup());
  return app;
}

const keyringPathOf = (app: TestWasl) => app.wasl.keyringPath;

/** Starts the replacement and follows it the way the screen does, until it ends. */
async function rotate(app: TestWasl, password = ADMIN.password): Promise<{ seen: KeyRotationJob[]; last: KeyRotationJob }> {
  const started = expectOk<KeyRotationJob>(await app.dispatch('users.rotateDatabaseKey', { password }));
  const seen = [started];
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const status = await app.dispatch('users.keyRotationStatus', { id: started.id });
    // While the new file is swapped in, the desk answers as if signed out for a moment.
    if (!status.ok && status.error.code === 'unauthenticated') continue;
    const job = expectOk<KeyRotationJob>(status);
    seen.push(job);
    if (job.state !== 'running') return { seen, last: job };
  }
  throw new Error('the replacement did not end');
}

/** Whether a key opens a database file: tried on a copy of it, as someone who took the file would. */
function opens(path: string, key: Buffer): boolean {
  const folder = tempDir();
  const copy = join(folder, 'taken.db');
  copyFileSync(path, copy);
  try {
    openDatabase(copy, { key }).sqlite.close();
    return true;
  } catch (error) {
    if (error instanceof DatabaseOpenError && error.reason === 'wrong_key') return false;
    throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The key a stolen keyring gives to whoever knows one of its passwords. */
async function keyFromKeyring(keyring: Keyring, userId: string, password: string): Promise<Buffer | null> {
  const account = keyring.accounts.find((entry) => entry.userId === userId);
  return account ? unwrapKey(account.wrap, password, accountBinding(keyring, userId)) : null;
}

describe('replacing the database key', () => {
  it('leaves a keyring copied before, with a disabled account\'s wrap, opening nothing live', async () => {
    const app = await setUpWasl();
    const officer = await createUser(app.dispatch, 'officer');
    const registered = await app.dispatch('beneficiaries.register', { fields: validFields() });
    expectOk(registered);
    // Someone copies the keyring while the officer's account still has its key, and learns the password.
    const stolen = JSON.parse(readFileSync(keyringPathOf(app), 'utf8')) as Keyring;
    expectOk(await app.dispatch('users.update', { id: officer.id, displayName: officer.displayName, role: 'officer', active: false }));
    const stolenKey = await keyFromKeyring(stolen, officer.id, officer.password);
    expect(stolenKey).toEqual(app.key);
    // Disabling alone does not help: the stolen wrap still opens the live file.
    expect(opens(app.databasePath, stolenKey as Buffer)).toBe(true);

    const { last } = await rotate(app);
    expect(last).toMatchObject({ state: 'done', error: null, done: 5, total: 5 });

    expect(opens(app.databasePath, stolenKey as Buffer)).toBe(false);
    expect(opens(app.databasePath, app.key)).toBe(false);
    const newKey = await databaseKeyOf(keyringPathOf(app), ADMIN.username, ADMIN.password);
    expect(newKey).not.toEqual(app.key);
    expect(opens(app.databasePath, newKey)).toBe(true);
    // The old recovery key opens nothing in the new keyring either.
    const keyring = readKeyring(keyringPathOf(app));
    expect(await unwrapKey(keyring.recovery, app.recoveryKey, recoveryBinding(keyring))).toBeNull();
  });

  it('carries every record and the audit chain over, under the new key only, and records it without a key', async () => {
    const app = await setUpWasl();
    for (const firstName of ['سالم', 'نورة', 'فهد']) expectOk(await app.dispatch('beneficiaries.register', { fields: validFields({ firstName }) }));
    // Users and the audit log change on purpose (the accounts marked, the replacement recorded).
    const before = snapshotDatabase(app.databasePath, app.key, { except: ['users', 'audit_log', 'audit_changes'] });

    const { seen, last } = await rotate(app);
    const result = last.result as KeyRotationResult;
    expect(result.recoveryKey).toMatch(RECOVERY_KEY);
    expect(result.backedUpFirst).toBe(false);
    // The screen saw the steps go by in order, never backwards.
    const steps = seen.map((job) => job.done);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));

    const newKey = await databaseKeyOf(keyringPathOf(app), ADMIN.username, ADMIN.password);
    expect(snapshotDatabase(app.databasePath, newKey, { except: ['users', 'audit_log', 'audit_changes'] })).toEqual(before);
    const check = openDatabase(app.databasePath, { key: newKey, readonly: true });
    expect(check.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    check.sqlite.close();

    // The desk goes on, on the new key, without signing in again.
    expectOk(await app.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'ريم' }) }));
    expect(expectOk<AuditVerification>(await app.dispatch('audit.verify', {}))).toMatchObject({ intact: true, problem: null });
    const recorded = await auditEntries(app.dispatch, { action: 'databaseKey.replaced' });
    expect(recorded).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: app.adminId }), entityId: 'databaseKey', summary: { accountsReset: 0 } }),
    ]);
    const everything = JSON.stringify(await auditEntries(app.dispatch));
    expect(everything).not.toContain(result.recoveryKey);
    expect(everything).not.toContain(newKey.toString('hex'));
    expect(readFileSync(keyringPathOf(app), 'utf8')).not.toContain(result.recoveryKey);

    // The result is handed over once; the new recovery key is then forgotten.
    expect(expectError(await app.dispatch('users.keyRotationStatus', { id: last.id }))).toMatchObject({ code: 'not_found', messageKey: 'notFound.keyRotation' });
    // Nothing of the work is left beside the database.
    expect(readdirSync(app.dir).filter((name) => name.includes('rekey') || name.endsWith('.next'))).toEqual([]);

    // After a restart, the administrator's password and the new recovery key open it.
    await app.close();
    const { wasl } = openTestHost(app.dir);
    cleanups.push(() => wasl.close());
    await wasl.desk.openWithRecoveryKey(result.recoveryKey);
    expect(expectOk<SessionState>(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password })).stage).toBe('active');
  });

  it('leaves the other accounts without a key until an administrator resets them, and says which', async () => {
    const app = await setUpWasl();
    const officer = await createUser(app.dispatch, 'officer');
    const supervisor = await createUser(app.dispatch, 'supervisor');
    const disabled = await createUser(app.dispatch, 'officer');
    expectOk(await app.dispatch('users.update', { id: disabled.id, displayName: disabled.displayName, role: 'officer', active: false }));

    const { last } = await rotate(app);
    const result = last.result as KeyRotationResult;
    expect(result.accountsToReset.map((account) => account.id).sort()).toEqual([officer.id, supervisor.id].sort());
    expect(readKeyring(keyringPathOf(app)).accounts.map((account) => account.userId)).toEqual([app.adminId]);
    const users = expectOk<UserAccount[]>(await app.dispatch('users.list', {}));
    expect(users.find((user) => user.id === officer.id)?.mustChangePassword).toBe(true);
    expect((await auditEntries(app.dispatch, { action: 'databaseKey.replaced' }))[0]?.summary).toEqual({ accountsReset: 2 });

    expectOk(await app.dispatch('session.signOut', {}));
    expect(expectError(await app.dispatch('session.signIn', { username: officer.username, password: officer.password }))).toMatchObject({
      code: 'sign_in_failed',
    });
    await signInAs(app.dispatch, ADMIN.username, ADMIN.password);
    const temporary = 'a temporary sentence for the officer';
    expectOk(await app.dispatch('users.resetPassword', { id: officer.id, password: temporary }));
    expectOk(await app.dispatch('session.signOut', {}));
    expect((await signInAs(app.dispatch, officer.username, temporary)).stage).toBe('active');
  });

  it('makes a checked backup first, which the old key and passwords still open', async () => {
    const app = await setUpWasl();
    const officer = await createUser(app.dispatch, 'officer');
    const folder = tempDir();
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    expectOk(await app.dispatch('backups.configure', { folder }));

    const { last } = await rotate(app);
    expect(last.result?.backedUpFirst).toBe(true);
    const made = await auditEntries(app.dispatch, { action: 'backup.made' });
    expect(made).toHaveLength(1);
    const backupName = (made[0]?.summary as { name: string }).name;
    const backupKeyring = readKeyring(join(folder, backupName, 'wasl.keyring'));
    const oldKey = await keyFromKeyring(backupKeyring, officer.id, officer.password);
    expect(oldKey).toEqual(app.key);
    expect(opens(join(folder, backupName, 'wasl.db'), app.key)).toBe(true);
    // Its manifest is sealed under the old key: Wasl no longer restores it over the live database.
    expect(expectError(await app.dispatch('backups.restore', { name: backupName }))).toMatchObject({ code: 'backup_failed' });
    // A fresh backup afterwards holds the new keyring.
    const fresh = expectOk<BackupMade>(await app.dispatch('backups.run', {}));
    const newKey = await databaseKeyOf(join(folder, fresh.name, 'wasl.keyring'), ADMIN.username, ADMIN.password);
    expect(opens(join(folder, fresh.name, 'wasl.db'), newKey)).toBe(true);
  });

  it("needs the administrator's password again, and changes nothing without it", async () => {
    const app = await setUpWasl();
    const keyringBefore = readFileSync(keyringPathOf(app), 'utf8');
    const error = expectError(await app.dispatch('users.rotateDatabaseKey', { password: 'not my password at all' }));
    expect(error).toEqual({
      code: 'validation',
      messageKey: 'validation.failed',
      details: { fields: [{ path: 'password', messageKey: 'validation.password.wrong' }] },
    });
    expect(readFileSync(keyringPathOf(app), 'utf8')).toBe(keyringBefore);
    expect(opens(app.databasePath, app.key)).toBe(true);
    expect((await auditEntries(app.dispatch, { action: 'call.refused' })).map((entry) => entry.summary)).toEqual([
      { call: 'users.rotateDatabaseKey', code: 'validation', reason: 'validation.password.wrong', count: 1 },
    ]);
  });

  it('is refused to supervisors and officers', async () => {
    const app = await setUpWasl();
    const supervisor = await createUser(app.dispatch, 'supervisor');
    expectOk(await app.dispatch('session.signOut', {}));
    await signInAs(app.dispatch, supervisor.username, supervisor.password);
    const chosen = `${supervisor.password}-chosen`;
    expect(expectError(await app.dispatch('users.rotateDatabaseKey', { password: chosen }))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    expect(opens(app.databasePath, app.key)).toBe(true);
  });
});

describe('a replacement of the database key cut short', () => {
  /**
   * The files a crash leaves at each point: the live pair closed, a re-keyed copy of the database,
   * and the keyring that opens it.
   */
  async function crashedAt(point: 'copyWritten' | 'keyringWritten' | 'databaseSwapped') {
    const app = await setUpWasl();
    expectOk(await app.dispatch('beneficiaries.register', { fields: validFields({ firstName: 'هند' }) }));
    await app.close();
    const live = app.databasePath;
    const rekeyed = rekeyedDatabasePath(live);
    const newKey = Buffer.alloc(32, 7);
    copyFileSync(live, rekeyed);
    const copy = openDatabase(rekeyed, { key: app.key });
    copy.sqlite.pragma('journal_mode = DELETE');
    copy.sqlite.pragma(`rekey = "x'${newKey.toString('hex')}'"`);
    copy.sqlite.close();
    const keyringPath = join(app.dir, 'wasl.keyring');
    const keyring = readKeyring(keyringPath);
    const next: Keyring = {
      ...keyring,
      accounts: [{ ...keyring.accounts[0]!, wrap: await wrapKey(newKey, ADMIN.password, accountBinding(keyring, app.adminId), TEST_KEY_DERIVATION) }],
      recovery: await wrapKey(newKey, 'ABCD', recoveryBinding(keyring), TEST_KEY_DERIVATION),
    };
    if (point !== 'copyWritten') writeKeyring(nextKeyringPath(keyringPath), next);
    if (point === 'databaseSwapped') {
      rmSync(live);
      copyFileSync(rekeyed, live);
      rmSync(rekeyed);
    }
    const { wasl } = openTestHost(app.dir);
    cleanups.push(() => wasl.close());
    return { app, wasl, newKey, keyringPath };
  }

  for (const point of ['copyWritten', 'keyringWritten'] as const) {
    it(`is undone at the next start when it stopped before the swap (${point})`, async () => {
      const { app, wasl, keyringPath } = await crashedAt(point);
      expect(existsSync(rekeyedDatabasePath(app.databasePath))).toBe(false);
      expect(existsSync(nextKeyringPath(keyringPath))).toBe(false);
      expect(await databaseKeyOf(keyringPath, ADMIN.username, ADMIN.password)).toEqual(app.key);
      expect(expectOk<SessionState>(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password })).stage).toBe('active');
    });
  }

  it('is finished at the next start when the new database was already in place', async () => {
    const { app, wasl, newKey, keyringPath } = await crashedAt('databaseSwapped');
    expect(existsSync(nextKeyringPath(keyringPath))).toBe(false);
    expect(await databaseKeyOf(keyringPath, ADMIN.username, ADMIN.password)).toEqual(newKey);
    expect(expectOk<SessionState>(await wasl.dispatch('session.signIn', { username: ADMIN.username, password: ADMIN.password })).stage).toBe('active');
    expect(opens(app.databasePath, app.key)).toBe(false);
  });

  it('leaves the live pair as it was when the copy cannot be written', async () => {
    const app = await setUpWasl();
    const keyringBefore = readFileSync(keyringPathOf(app), 'utf8');
    // A folder where the copy would go: writing it fails.
    mkdirSync(rekeyedDatabasePath(app.databasePath));
    writeFileSync(join(rekeyedDatabasePath(app.databasePath), 'in-the-way'), '');
    const { last } = await rotate(app);
    expect(last.state).toBe('failed');
    expect(last.error).toMatchObject({ messageKey: 'keyRotation.failed' });
    expect(readFileSync(keyringPathOf(app), 'utf8')).toBe(keyringBefore);
    expect(opens(app.databasePath, app.key)).toBe(true);
    expect(await auditEntries(app.dispatch, { action: 'databaseKey.replaceFailed' })).toHaveLength(1);
    expectOk(await app.dispatch('beneficiaries.register', { fields: validFields() }));
  });
});
