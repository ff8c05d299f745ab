// First start and accounts through the real call path: setting Wasl up, the keyring that wraps the
// database key once per account, signing in and the lockout, password rules, administrators managing
// accounts, the recovery key, locking the screen, adopting a database from the first version, and
// refusing to start on files that do not belong together. Real encrypted files, no mocks.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_OPEN_REASONS, DatabaseOpenError, openDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { beneficiaryFields, type BeneficiaryDetail, type BeneficiaryPage } from '../../electron/api/beneficiaries';
import { callNames, isSessionCall } from '../../electron/api/contract';
import { ROLE_PERMISSIONS } from '../../electron/api/permissions';
import type { ApiError } from '../../electron/api/result';
import type { SessionState, SetupResult } from '../../electron/api/session';
import type { UserAccount } from '../../electron/api/users';
import type { Dispatch } from '../../electron/services/dispatch';
import { openWasl } from '../../electron/core/open-wasl';
import { startupFailureMessage } from '../../electron/core/startup-failure';
import { OWASP_SCRYPT, unwrapKey } from '../../electron/services/accounts/key-wrap';
import { KEYRING_FILE, KeyringError, readKeyring, recoveryBinding, type Keyring } from '../../electron/services/accounts/keyring';
import { newRecoveryKey, normalizeRecoveryKey } from '../../electron/services/accounts/recovery-key';
import { insertBeneficiary } from '../../electron/services/beneficiaries/service';
import { SYSTEM_USER_ID } from '../../electron/services/context';
import arabicErrors from '../../locales/ar/errors.json';
import englishErrors from '../../locales/en/errors.json';
import {
  ADMIN,
  ASSOCIATION,
  auditEntries,
  createUser,
  databaseKeyOf,
  expectError,
  expectOk,
  movableClock,
  openTestHost,
  openTestWasl,
  signInAs,
  snapshotDatabase,
  tempDir,
  validFields,
  type TestWasl,
} from '../support/database';

const RECOVERY_KEY = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/;
/** The one answer to a failed sign-in, whatever the reason: a wrong password, a name that matches no account, a locked account. */
const SIGN_IN_FAILED = { code: 'sign_in_failed', messageKey: 'session.signInFailed' };
const NEW_ADMIN_PASSWORD = 'a brand new sentence to remember';

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A set-up Wasl (signed in as its administrator), removed after the test. */
async function setUpWasl(options: { clock?: () => Date } = {}): Promise<TestWasl> {
  const app = await openTestWasl(options);
  cleanups.push(() => app.cleanup());
  return app;
}

/** A folder removed after the test. */
function scratchFolder(): string {
  const dir = tempDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Another host on the same folder (as after a restart), closed after the test. */
function reopen(app: TestWasl, options: { clock?: () => Date } = {}) {
  const host = openTestHost(app.dir, options);
  cleanups.push(() => host.wasl.close());
  return host;
}

const signIn = (dispatch: Dispatch, username: string, password: string) => dispatch('session.signIn', { username, password });
const signInAdmin = async (dispatch: Dispatch) => expectOk<SessionState>(await signIn(dispatch, ADMIN.username, ADMIN.password));
const signOut = async (dispatch: Dispatch) => expectOk<SessionState>(await dispatch('session.signOut', {}));
const stateOf = async (dispatch: Dispatch) => expectOk<SessionState>(await dispatch('session.state', {}));
const keyringOf = (app: TestWasl): Keyring => readKeyring(app.wasl.keyringPath);
const keyringText = (app: TestWasl) => readFileSync(app.wasl.keyringPath, 'utf8');
const accountInKeyring = (app: TestWasl, userId: string) => keyringOf(app).accounts.find((account) => account.userId === userId);

/** A user created by the administrator who has signed in once and chosen a password (`password`). */
async function activeUser(app: TestWasl, role: 'officer' | 'supervisor' | 'administrator' = 'officer') {
  const account = await createUser(app.dispatch, role);
  await signInAs(app.dispatch, account.username, account.password);
  await signOut(app.dispatch);
  return { ...account, password: `${account.password}-chosen` };
}

/** The error of a call, checked to be refused. */
async function refused(call: Promise<Parameters<typeof expectError>[0]>): Promise<ApiError> {
  return expectError(await call);
}

/** Runs calls that must be refused and checks that neither the database nor the keyring changed. */
async function refusedWithoutWriting(app: TestWasl, call: () => Promise<Parameters<typeof expectError>[0]>): Promise<ApiError> {
  const before = { database: snapshotDatabase(app.databasePath, app.key), keyring: keyringText(app) };
  const error = expectError(await call());
  expect({ database: snapshotDatabase(app.databasePath, app.key), keyring: keyringText(app) }).toEqual(before);
  return error;
}

const SERVICE_CALLS = callNames.filter((name) => !isSessionCall(name));

const hasArabicLetters = (text: string) => /[\u0621-\u064a]/.test(text);

/** The entries of the process's open file table that point at the given file (Linux). */
function openDescriptorsTo(path: string): string[] {
  if (!existsSync('/proc/self/fd')) return [];
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  });
}

describe('first start', () => {
  it('an empty folder waits to be set up, and nothing else works', async () => {
    const dir = scratchFolder();
    const { wasl } = openTestHost(dir);
    cleanups.push(() => wasl.close());
    const state = await stateOf(wasl.dispatch);
    expect(state).toEqual({ stage: 'setup', associationName: null, user: null, permissions: [], idleLockMinutes: 5, restarted: false, kiosk: null });
    expect(await refused(signIn(wasl.dispatch, ADMIN.username, ADMIN.password))).toEqual({ code: 'rule', messageKey: 'session.notSetUp' });
    expect(await refused(wasl.dispatch('beneficiaries.stats', {}))).toMatchObject({ code: 'unauthenticated' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('setup answers a recovery key and signs the first administrator in', async () => {
    const dir = scratchFolder();
    const { wasl } = openTestHost(dir);
    cleanups.push(() => wasl.close());
    const setup = expectOk<SetupResult>(await wasl.dispatch('session.setup', { associationName: ASSOCIATION, ...ADMIN }));

    expect(setup.recoveryKey).toMatch(RECOVERY_KEY);
    expect(setup.recoveryKey.split('-')).toHaveLength(8);
    expect(normalizeRecoveryKey(setup.recoveryKey)).toBe(setup.recoveryKey);
    expect(setup.state).toMatchObject({
      stage: 'active',
      associationName: ASSOCIATION,
      user: { username: ADMIN.username, displayName: ADMIN.displayName, role: 'administrator', mustChangePassword: false },
    });
    expect(setup.state.permissions.toSorted()).toEqual([...ROLE_PERMISSIONS.administrator].toSorted());
    expect(readdirSync(dir).filter((name) => !name.startsWith('wasl.db-')).toSorted()).toEqual(['wasl.db', KEYRING_FILE]);

    const users = expectOk<UserAccount[]>(await wasl.dispatch('users.list', {}));
    expect(users).toEqual([expect.objectContaining({ id: setup.state.user?.id, role: 'administrator', active: true, mustChangePassword: false })]);
    const [setUp] = await auditEntries(wasl.dispatch, { action: 'app.setUp' });
    expect(setUp).toMatchObject({
      actor: { id: setup.state.user?.id, displayName: ADMIN.displayName },
      entityType: 'user',
      entityId: setup.state.user?.id,
      summary: { associationName: ASSOCIATION, administrator: ADMIN.username, keptExistingData: false },
    });
    expect(JSON.stringify(await auditEntries(wasl.dispatch))).not.toContain(setup.recoveryKey);
  });

  it('refuses a second setup, on the same desk and after a restart, and changes nothing', async () => {
    const app = await setUpWasl();
    const again = { associationName: 'جمعية أخرى', username: 'intruder', displayName: 'دخيل', password: 'another-long-password' };
    const error = await refusedWithoutWriting(app, () => app.dispatch('session.setup', again));
    expect(error).toEqual({ code: 'rule', messageKey: 'session.alreadySetUp' });

    await app.close();
    const { wasl } = reopen(app);
    expect((await stateOf(wasl.dispatch)).stage).toBe('signedOut');
    expect(await refusedWithoutWriting(app, () => wasl.dispatch('session.setup', again))).toEqual(error);
    expect(keyringOf(app).accounts.map((account) => account.username)).toEqual([ADMIN.username]);
  });
});

describe('the keyring', () => {
  it('sits beside the database and never holds the database key in clear', async () => {
    const app = await setUpWasl();
    const officer = await createUser(app.dispatch, 'officer');
    const supervisor = await createUser(app.dispatch, 'supervisor');
    expect(app.wasl.keyringPath).toBe(join(app.dir, KEYRING_FILE));

    const bytes = readFileSync(app.wasl.keyringPath);
    const text = bytes.toString('utf8');
    expect(bytes.indexOf(app.key)).toBe(-1);
    expect(text.toLowerCase()).not.toContain(app.key.toString('hex'));
    expect(text).not.toContain(app.key.toString('base64'));
    expect(text).not.toContain(app.key.toString('base64url'));
    expect(text).not.toContain(ADMIN.password);
    expect(text).not.toContain(officer.password);
    expect(text).not.toContain(app.recoveryKey);
    // Readable by its owner only.
    expect(statSync(app.wasl.keyringPath).mode & 0o077).toBe(0);

    const keyring = keyringOf(app);
    expect(keyring.accounts.map((account) => account.userId).toSorted()).toEqual([app.adminId, officer.id, supervisor.id].toSorted());
    expect(keyring.accounts.map((account) => account.username).toSorted()).toEqual([ADMIN.username, officer.username, supervisor.username].toSorted());
    const wraps = [...keyring.accounts.map((account) => account.wrap), keyring.recovery];
    expect(new Set(wraps.map((wrap) => wrap.kdf.salt)).size).toBe(4);
    expect(new Set(wraps.map((wrap) => wrap.ciphertext)).size).toBe(4);
    // Each wrap opens the same key: the one the database is encrypted with.
    expect(await databaseKeyOf(app.wasl.keyringPath, officer.username, officer.password)).toEqual(app.key);
  });

  it("derives its wrapping keys with OWASP's scrypt cost in production (N=2^17, r=8, p=1)", async () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131_072, r: 8, p: 1 });
    const dir = scratchFolder();
    const wasl = openWasl({ databasePath: join(dir, 'wasl.db'), appVersion: '0.0.0-test', logError: () => undefined });
    cleanups.push(() => wasl.close());
    expectOk(await wasl.dispatch('session.setup', { associationName: ASSOCIATION, ...ADMIN }));
    const keyring = readKeyring(wasl.keyringPath);
    for (const wrap of [...keyring.accounts.map((account) => account.wrap), keyring.recovery]) {
      expect(wrap.kdf).toMatchObject({ name: 'scrypt', N: 131_072, r: 8, p: 1 });
      expect(Buffer.from(wrap.kdf.salt, 'base64')).toHaveLength(16);
    }
  });
});

describe('signing in', () => {
  it('answers a locked account exactly like a name that matches no account, and tells the administrator instead', async () => {
    const { clock, advanceMinutes } = movableClock();
    const app = await setUpWasl({ clock });
    const officer = await activeUser(app);
    const unknownName = await refused(signIn(app.dispatch, 'nobody.here', 'not-the-password-at-all'));
    expect(unknownName).toEqual(SIGN_IN_FAILED);
    const answers: ApiError[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) answers.push(await refused(signIn(app.dispatch, officer.username, `wrong guess ${attempt}`)));
    // Locked now: its right password is refused, and said no differently from any other failure.
    answers.push(await refused(signIn(app.dispatch, officer.username, officer.password)));
    answers.push(await refused(signIn(app.dispatch, officer.username, 'yet another guess')));
    for (const answer of answers) expect(answer).toEqual(unknownName);
    expect(accountInKeyring(app, officer.id)?.lockedUntil).not.toBeNull();

    // The administrator's list of accounts says which one is locked, and until when.
    await signInAdmin(app.dispatch);
    const listed = expectOk<UserAccount[]>(await app.dispatch('users.list', {})).find((user) => user.id === officer.id);
    expect(listed?.lockedUntil).toBe(accountInKeyring(app, officer.id)?.lockedUntil);
    expect((await auditEntries(app.dispatch, { action: 'session.lockedOut' })).map((entry) => entry.entityId)).toEqual([officer.id]);
    await signOut(app.dispatch);
    advanceMinutes(16);
    expect(expectOk<SessionState>(await signIn(app.dispatch, officer.username, officer.password)).stage).toBe('active');
  });

  it('answers a wrong password and an unknown username alike', async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    const wrongPassword = await refused(signIn(app.dispatch, officer.username, 'not-the-password-at-all'));
    const unknownUser = await refused(signIn(app.dispatch, 'nobody.here', 'not-the-password-at-all'));
    expect(wrongPassword).toEqual({ code: 'sign_in_failed', messageKey: 'session.signInFailed' });
    expect(unknownUser).toEqual(wrongPassword);
    expect((await stateOf(app.dispatch)).stage).toBe('signedOut');
  });

  it('folds the username as typed: case, blanks and Arabic-Indic digits', async () => {
    const app = await setUpWasl();
    const account = await createUser(app.dispatch, 'officer', 'khalid2');
    await signOut(app.dispatch);
    const state = expectOk<SessionState>(await signIn(app.dispatch, '  KHALID٢ ', account.password));
    expect(state.user).toMatchObject({ id: account.id, mustChangePassword: true });
  });

  it('locks an account after five failures, even against the right password, until the lockout ends', async () => {
    const { clock, advanceMinutes } = movableClock();
    const app = await setUpWasl({ clock });
    const officer = await activeUser(app);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await refused(signIn(app.dispatch, officer.username, `wrong guess number ${attempt}`))).toEqual(SIGN_IN_FAILED);
      expect(accountInKeyring(app, officer.id)?.failedAttempts).toBe(attempt);
    }
    expect(await refused(signIn(app.dispatch, officer.username, 'wrong guess number 5'))).toEqual(SIGN_IN_FAILED);
    expect(await refused(signIn(app.dispatch, officer.username, officer.password))).toEqual(SIGN_IN_FAILED);
    expect(accountInKeyring(app, officer.id)?.lockedUntil).not.toBeNull();

    // Other accounts are not affected.
    await signInAdmin(app.dispatch);
    const listed = expectOk<UserAccount[]>(await app.dispatch('users.list', {}));
    expect(listed.find((user) => user.id === officer.id)?.lockedUntil).not.toBeNull();
    await signOut(app.dispatch);

    advanceMinutes(14);
    expect(await refused(signIn(app.dispatch, officer.username, officer.password))).toEqual(SIGN_IN_FAILED);
    advanceMinutes(1.5);
    expect(expectOk<SessionState>(await signIn(app.dispatch, officer.username, officer.password)).user?.id).toBe(officer.id);
    expect(accountInKeyring(app, officer.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('a sign-in clears the failures counted so far', async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    for (let attempt = 1; attempt <= 4; attempt += 1) await signIn(app.dispatch, officer.username, 'wrong-password-again');
    expectOk(await signIn(app.dispatch, officer.username, officer.password));
    await signOut(app.dispatch);
    expect(await refused(signIn(app.dispatch, officer.username, 'wrong-password-again'))).toMatchObject({ code: 'sign_in_failed' });
    expect(accountInKeyring(app, officer.id)?.failedAttempts).toBe(1);
  });

  it('keeps a lockout across a restart', async () => {
    const { clock, advanceMinutes } = movableClock();
    const app = await setUpWasl({ clock });
    const officer = await activeUser(app);
    for (let attempt = 1; attempt <= 5; attempt += 1) await signIn(app.dispatch, officer.username, 'a wrong password');
    await app.close();

    const { wasl } = reopen(app, { clock });
    expect(await refused(signIn(wasl.dispatch, officer.username, officer.password))).toEqual(SIGN_IN_FAILED);
    expect(accountInKeyring(app, officer.id)?.lockedUntil).not.toBeNull();
    advanceMinutes(16);
    expect(expectOk<SessionState>(await signIn(wasl.dispatch, officer.username, officer.password)).stage).toBe('active');
  });

  it('records failed sign-ins and lockouts in the audit log', async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    for (let attempt = 1; attempt <= 5; attempt += 1) await signIn(app.dispatch, officer.username, 'a wrong password');
    await signIn(app.dispatch, 'ghost.user', 'a wrong password');
    await signInAdmin(app.dispatch);

    const failures = await auditEntries(app.dispatch, { action: 'session.signInFailed' });
    expect(failures).toHaveLength(6);
    expect(failures.filter((entry) => entry.entityId === officer.id)).toHaveLength(5);
    for (const entry of failures.filter((entry) => entry.entityId === officer.id)) {
      expect(entry).toMatchObject({ actor: { id: officer.id }, entityType: 'user', summary: { username: officer.username } });
    }
    // What was typed for a name that matches no account is not kept: it is often a password.
    expect(failures[0]).toMatchObject({ actor: null, entityType: 'user', entityId: null, summary: { unknownAccount: true } });
    expect(JSON.stringify(failures)).not.toContain('ghost');
    const lockouts = await auditEntries(app.dispatch, { action: 'session.lockedOut' });
    expect(lockouts).toEqual([expect.objectContaining({ actor: { id: officer.id, displayName: officer.displayName }, entityId: officer.id })]);
    // The password typed is never recorded.
    expect(JSON.stringify(failures)).not.toContain('a wrong password');
  });

  it('records failures made while the database was closed, at the next successful sign-in', async () => {
    const { clock, advanceMinutes } = movableClock();
    const app = await setUpWasl({ clock });
    const officer = await activeUser(app);
    await app.close();
    const databaseBefore = snapshotDatabase(app.databasePath, app.key);

    const { wasl } = reopen(app, { clock });
    const times: Array<[string, string]> = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      advanceMinutes(1);
      const before = clock().toISOString();
      await signIn(wasl.dispatch, officer.username, 'a wrong password');
      times.push([before, clock().toISOString()]);
    }
    await signIn(wasl.dispatch, 'ghost.user', 'a wrong password');
    // Kept until the database opens, without what was typed for a name that matches no account.
    expect(readFileSync(wasl.keyringPath, 'utf8')).not.toContain('ghost');
    expect(readKeyring(wasl.keyringPath).pendingEvents.map((event) => event.action)).toEqual([
      ...Array<string>(5).fill('session.signInFailed'),
      'session.lockedOut',
      'session.signInFailed',
    ]);
    // Nothing reached the database while it was closed.
    expect(snapshotDatabase(app.databasePath, app.key)).toEqual(databaseBefore);

    await signInAdmin(wasl.dispatch);
    expect(readKeyring(wasl.keyringPath).pendingEvents).toEqual([]);
    const failures = (await auditEntries(wasl.dispatch, { action: 'session.signInFailed' })).toReversed();
    expect(failures.map((entry) => entry.summary.username ?? entry.summary.unknownAccount)).toEqual([
      ...Array<string>(5).fill(officer.username),
      true,
    ]);

    // Each at the time it was made, not the time it was written.
    for (const [index, [before, after]] of times.entries()) {
      expect(failures[index]!.at >= before && failures[index]!.at <= after, `${failures[index]!.at} in [${before}, ${after}]`).toBe(true);
    }
    expect(await auditEntries(wasl.dispatch, { action: 'session.lockedOut', actorId: officer.id })).toHaveLength(1);
    expect(expectOk<{ intact: boolean }>(await wasl.dispatch('audit.verify', {})).intact).toBe(true);
  });
});

describe('the sign-in policy', () => {
  it('is changed by an administrator (audited, old and new values) and applies at once', async () => {
    const { clock, advanceMinutes } = movableClock();
    const app = await setUpWasl({ clock });
    expect(expectOk(await app.dispatch('settings.security', {}))).toEqual({ maxFailedAttempts: 5, lockoutMinutes: 15, idleLockMinutes: 5 });
    expect(expectError(await app.dispatch('settings.setSecurity', { maxFailedAttempts: 1, lockoutMinutes: 15, idleLockMinutes: 5 }))).toMatchObject({
      code: 'validation',
    });
    expectOk(await app.dispatch('settings.setSecurity', { maxFailedAttempts: 3, lockoutMinutes: 30, idleLockMinutes: 2 }));
    const [change] = await auditEntries(app.dispatch, { action: 'settings.changed' });
    expect(change?.changes).toEqual([
      { field: 'maxFailedAttempts', old: 5, new: 3 },
      { field: 'lockoutMinutes', old: 15, new: 30 },
      { field: 'idleLockMinutes', old: 5, new: 2 },
    ]);
    // The idle lock follows the new setting.
    advanceMinutes(2.5);
    expect(expectError(await app.dispatch('beneficiaries.stats', {}))).toMatchObject({ code: 'locked' });
    expectOk(await app.dispatch('session.unlock', { password: ADMIN.password }));

    const officer = await activeUser(app);
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      expect(await refused(signIn(app.dispatch, officer.username, `wrong ${attempt} of three`))).toMatchObject({ code: 'sign_in_failed' });
    }
    expect(await refused(signIn(app.dispatch, officer.username, 'wrong 3 of three'))).toEqual(SIGN_IN_FAILED);
    const lockedUntil = accountInKeyring(app, officer.id)?.lockedUntil;
    expect(new Date(lockedUntil ?? 0).getTime() - clock().getTime()).toBeGreaterThan(29 * 60_000);
  });
});

describe('the keyring under concurrent changes', () => {
  it('keeps a policy change made while a failed sign-in was being checked', async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    await signInAdmin(app.dispatch);
    // Both start together; the failed sign-in reads the keyring before its slow key derivation.
    const failing = app.wasl.dispatch('session.signIn', { username: officer.username, password: 'not this one at all' });
    const changing = app.dispatch('settings.setSecurity', { maxFailedAttempts: 10, lockoutMinutes: 30, idleLockMinutes: 10 });
    await Promise.all([failing, changing]);
    expect(readKeyring(app.wasl.keyringPath).policy).toEqual({ maxFailedAttempts: 10, lockoutMinutes: 30, idleLockMinutes: 10 });
    expect(accountInKeyring(app, officer.id)?.failedAttempts).toBe(1);
  });

  it('keeps one entry per username, so an account made again under its old name signs in', async () => {
    const app = await setUpWasl();
    const first = await createUser(app.dispatch, 'officer', 'sara');
    // What a restore of an older backup leaves: the keyring knows "sara", the users table does not.
    const opened = openDatabase(app.databasePath, { key: app.key });
    opened.sqlite.prepare('DELETE FROM users WHERE id = ?').run(first.id);
    opened.sqlite.close();
    const again = await createUser(app.dispatch, 'officer', 'sara');
    expect(readKeyring(app.wasl.keyringPath).accounts.filter((account) => account.username === 'sara').map((account) => account.userId)).toEqual([
      again.id,
    ]);
    await signOut(app.dispatch);
    expect((await signInAs(app.dispatch, 'sara', again.password)).user?.id).toBe(again.id);
  });
});

describe('password rules', () => {
  const REFUSED: Array<[label: string, password: (username: string) => string, messageKey: string]> = [
    ['too short', () => 'short-pw', 'validation.password.tooShort'],
    ['common: password123', () => 'password123', 'validation.password.common'],
    ['common: 1234567890', () => '1234567890', 'validation.password.common'],
    ['common, in capitals', () => 'Password123', 'validation.password.common'],
    ['a repeated character', () => 'zzzzzzzzzzzz', 'validation.password.common'],
    ['containing the username', (username) => `${username.toUpperCase()}-my-long-password`, 'validation.password.containsUsername'],
  ];

  it.each(REFUSED)('refuses a new account with a password that is %s, writing nothing', async (_label, password, messageKey) => {
    const app = await setUpWasl();
    const error = await refusedWithoutWriting(app, () =>
      app.dispatch('users.create', { username: 'noura.h', displayName: 'نورة', role: 'officer', password: password('noura.h') }),
    );
    expect(error).toMatchObject({ code: 'validation', details: { fields: [{ path: 'password', messageKey }] } });
  });

  it.each(REFUSED)('refuses to set Wasl up with a password that is %s, creating nothing', async (_label, password, messageKey) => {
    const dir = scratchFolder();
    const { wasl } = openTestHost(dir);
    cleanups.push(() => wasl.close());
    const error = await refused(wasl.dispatch('session.setup', { associationName: ASSOCIATION, ...ADMIN, password: password(ADMIN.username) }));
    expect(error).toMatchObject({ code: 'validation', details: { fields: [{ path: 'password', messageKey }] } });
    expect(readdirSync(dir)).toEqual([]);
    expect((await stateOf(wasl.dispatch)).stage).toBe('setup');
  });

  it.each(REFUSED)('refuses to reset a password to one that is %s', async (_label, password, messageKey) => {
    const app = await setUpWasl();
    const officer = await createUser(app.dispatch, 'officer', 'noura.h');
    const error = await refusedWithoutWriting(app, () => app.dispatch('users.resetPassword', { id: officer.id, password: password('noura.h') }));
    expect(error).toMatchObject({ code: 'validation', details: { fields: [{ path: 'password', messageKey }] } });
  });

  it.each(REFUSED)('refuses to change one\'s own password to one that is %s', async (_label, password, messageKey) => {
    const app = await setUpWasl();
    const error = await refusedWithoutWriting(app, () =>
      app.dispatch('session.changePassword', { currentPassword: ADMIN.password, newPassword: password(ADMIN.username) }),
    );
    // The problem is reported at the call's own field, where the form shows it.
    expect(error).toMatchObject({ code: 'validation', details: { fields: [{ path: 'newPassword', messageKey }] } });
    expect(await databaseKeyOf(app.wasl.keyringPath, ADMIN.username, ADMIN.password)).toEqual(app.key);
  });

  it.each(REFUSED)('refuses to recover an administrator with a new password that is %s', async (_label, password, messageKey) => {
    const app = await setUpWasl();
    await signOut(app.dispatch);
    const error = await refusedWithoutWriting(app, () =>
      app.dispatch('session.recover', { recoveryKey: app.recoveryKey, username: ADMIN.username, newPassword: password(ADMIN.username) }),
    );
    expect(error).toMatchObject({ code: 'validation', details: { fields: [{ path: 'newPassword', messageKey }] } });
    expect(await databaseKeyOf(app.wasl.keyringPath, ADMIN.username, ADMIN.password)).toEqual(app.key);
  });

  it('has a sentence for every password rule in both languages', () => {
    for (const errors of [arabicErrors, englishErrors]) {
      for (const rule of ['tooShort', 'common', 'wrong', 'same', 'requiredToEnable', 'containsUsername'] as const) {
        expect(errors.validation.password[rule], rule).toEqual(expect.any(String));
      }
    }
  });
});

describe('changing and resetting passwords', () => {
  it('changing one\'s password wraps the key anew: the old password opens nothing, the new one signs in', async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    await signIn(app.dispatch, officer.username, officer.password);
    const before = accountInKeyring(app, officer.id)?.wrap;
    const newPassword = 'my own sentence for the desk';

    expect(await refused(app.dispatch('session.changePassword', { currentPassword: 'not my password', newPassword }))).toMatchObject({
      code: 'validation',
      details: { fields: [{ path: 'currentPassword', messageKey: 'validation.password.wrong' }] },
    });
    expect(await refused(app.dispatch('session.changePassword', { currentPassword: officer.password, newPassword: officer.password }))).toMatchObject({
      code: 'validation',
      details: { fields: [{ path: 'newPassword', messageKey: 'validation.password.same' }] },
    });
    expect(accountInKeyring(app, officer.id)?.wrap).toEqual(before);

    expectOk(await app.dispatch('session.changePassword', { currentPassword: officer.password, newPassword }));
    const after = accountInKeyring(app, officer.id)?.wrap;
    expect(after?.ciphertext).not.toBe(before?.ciphertext);
    expect(after?.kdf.salt).not.toBe(before?.kdf.salt);
    await expect(databaseKeyOf(app.wasl.keyringPath, officer.username, officer.password)).rejects.toThrow(/wrong password/);
    expect(await databaseKeyOf(app.wasl.keyringPath, officer.username, newPassword)).toEqual(app.key);

    await signOut(app.dispatch);
    expect(await refused(signIn(app.dispatch, officer.username, officer.password))).toMatchObject({ code: 'sign_in_failed' });
    expect(expectOk<SessionState>(await signIn(app.dispatch, officer.username, newPassword)).user?.id).toBe(officer.id);
    await signInAdmin(app.dispatch);
    const changes = await auditEntries(app.dispatch, { action: 'session.passwordChanged', actorId: officer.id });
    // Once at the first sign-in (the administrator's password replaced), once now.
    expect(changes).toHaveLength(2);
    expect(changes.every((entry) => entry.entityId === officer.id)).toBe(true);
    expect(JSON.stringify(changes)).not.toContain(newPassword);
  });

  it("an administrator's reset makes the user choose a new password before anything else", async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    await signInAdmin(app.dispatch);
    const temporary = 'temporary password 2025';
    const reset = expectOk<UserAccount>(await app.dispatch('users.resetPassword', { id: officer.id, password: temporary }));
    expect(reset.mustChangePassword).toBe(true);
    expect(await auditEntries(app.dispatch, { action: 'user.passwordReset' })).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: app.adminId }), entityId: officer.id, summary: { username: officer.username } }),
    ]);
    await signOut(app.dispatch);

    expect(await refused(signIn(app.dispatch, officer.username, officer.password))).toMatchObject({ code: 'sign_in_failed' });
    const state = expectOk<SessionState>(await signIn(app.dispatch, officer.username, temporary));
    expect(state).toMatchObject({ stage: 'active', user: { id: officer.id, mustChangePassword: true } });
    for (const name of SERVICE_CALLS) {
      expect(await refused(app.dispatch(name, {})), name).toEqual({
        code: 'password_change_required',
        messageKey: 'session.passwordChangeRequired',
      });
    }
    expectOk(await app.dispatch('session.stillHere', {}));
    const changed = expectOk<SessionState>(
      await app.dispatch('session.changePassword', { currentPassword: temporary, newPassword: 'chosen by the officer' }),
    );
    expect(changed.user?.mustChangePassword).toBe(false);
    expectOk(await app.dispatch('beneficiaries.stats', {}));
  });

  it('a reset ends a lockout', async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    for (let attempt = 1; attempt <= 5; attempt += 1) await signIn(app.dispatch, officer.username, 'a wrong password');
    await signInAdmin(app.dispatch);
    expectOk(await app.dispatch('users.resetPassword', { id: officer.id, password: 'temporary password 2025' }));
    expect(accountInKeyring(app, officer.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    await signOut(app.dispatch);
    expect(expectOk<SessionState>(await signIn(app.dispatch, officer.username, 'temporary password 2025')).stage).toBe('active');
  });

  it('disabling an account removes its wrap: it cannot sign in, and its open session ends at its next call', async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    // The officer works at another desk on the same data (a second host on the same folder).
    const desk = reopen(app);
    await signIn(desk.wasl.dispatch, officer.username, officer.password);
    expectOk(await desk.wasl.dispatch('beneficiaries.stats', {}));

    await signInAdmin(app.dispatch);
    const disabled = expectOk<UserAccount>(
      await app.dispatch('users.update', { id: officer.id, displayName: officer.displayName, role: 'officer', active: false }),
    );
    expect(disabled.active).toBe(false);
    expect(accountInKeyring(app, officer.id)).toBeUndefined();
    expect(keyringText(app)).not.toContain(officer.id);

    expect(await refused(desk.wasl.dispatch('beneficiaries.stats', {}))).toEqual({ code: 'unauthenticated', messageKey: 'session.signedOut' });
    expect((await stateOf(desk.wasl.dispatch)).stage).toBe('signedOut');
    expect(await refused(signIn(desk.wasl.dispatch, officer.username, officer.password))).toEqual({
      code: 'sign_in_failed',
      messageKey: 'session.signInFailed',
    });
    expect(await auditEntries(app.dispatch, { action: 'user.changed' })).toEqual([
      expect.objectContaining({ entityId: officer.id, changes: [{ field: 'active', old: true, new: false }] }),
    ]);
  });

  it('an administrator cannot disable their own account or change their own role', async () => {
    const app = await setUpWasl();
    const self = { id: app.adminId, displayName: ADMIN.displayName };
    expect(await refusedWithoutWriting(app, () => app.dispatch('users.update', { ...self, role: 'administrator', active: false }))).toEqual({
      code: 'rule',
      messageKey: 'users.cannotChangeOwnAccess',
    });
    expect(await refusedWithoutWriting(app, () => app.dispatch('users.update', { ...self, role: 'supervisor', active: true }))).toEqual({
      code: 'rule',
      messageKey: 'users.cannotChangeOwnAccess',
    });
    // Their own display name is theirs to change.
    expect(expectOk<UserAccount>(await app.dispatch('users.update', { ...self, displayName: 'المدير', role: 'administrator', active: true })).displayName).toBe('المدير');
  });

  it('the last active administrator can be neither disabled nor demoted', async () => {
    const app = await setUpWasl();
    const second = await activeUser(app, 'administrator');
    await signInAdmin(app.dispatch);
    // Two administrators: one may demote the other…
    expectOk(await app.dispatch('users.update', { id: second.id, displayName: second.displayName, role: 'officer', active: true }));
    // …but the one left is the last, and no change of theirs may remove the last administrator.
    for (const change of [{ active: false, role: 'administrator' }, { active: true, role: 'officer' }, { active: false, role: 'supervisor' }]) {
      const error = await refusedWithoutWriting(app, () => app.dispatch('users.update', { id: app.adminId, displayName: ADMIN.displayName, ...change }));
      expect(error.code).toBe('rule');
      expect(['users.lastAdministrator', 'users.cannotChangeOwnAccess']).toContain(error.messageKey);
    }
    const users = expectOk<UserAccount[]>(await app.dispatch('users.list', {}));
    expect(users.filter((user) => user.role === 'administrator' && user.active).map((user) => user.id)).toEqual([app.adminId]);
  });

  it('enabling an account again needs a new password, which the user then replaces', async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    await signInAdmin(app.dispatch);
    const update = { id: officer.id, displayName: officer.displayName, role: 'officer' };
    expectOk(await app.dispatch('users.update', { ...update, active: false }));
    expect(await refused(app.dispatch('users.resetPassword', { id: officer.id, password: 'temporary password 2025' }))).toEqual({
      code: 'rule',
      messageKey: 'users.disabled',
    });

    const error = await refusedWithoutWriting(app, () => app.dispatch('users.update', { ...update, active: true }));
    expect(error).toMatchObject({ code: 'validation', details: { fields: [{ path: 'password', messageKey: 'validation.password.requiredToEnable' }] } });
    expect(await refusedWithoutWriting(app, () => app.dispatch('users.update', { ...update, active: true, password: 'password123' }))).toMatchObject({
      code: 'validation',
      details: { fields: [{ path: 'password', messageKey: 'validation.password.common' }] },
    });

    const enabled = expectOk<UserAccount>(await app.dispatch('users.update', { ...update, active: true, password: 'welcome back to the desk' }));
    expect(enabled).toMatchObject({ active: true, mustChangePassword: true });
    expect(accountInKeyring(app, officer.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    await signOut(app.dispatch);
    expect(await refused(signIn(app.dispatch, officer.username, officer.password))).toMatchObject({ code: 'sign_in_failed' });
    expect(expectOk<SessionState>(await signIn(app.dispatch, officer.username, 'welcome back to the desk')).user?.mustChangePassword).toBe(true);
  });
});

describe('the recovery key', () => {
  /** The key as someone types it back from paper: lower case, spaces for dashes, the letter O for zero. */
  const typedFromPaper = (key: string) => key.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'O');

  it('reads back what people type: case, blanks, dashes, O for 0, I and L for 1, Arabic-Indic digits', () => {
    const key = 'AB01-CD23-EF45-GH67-JK89-MN01-PQ23-RS45';
    expect(normalizeRecoveryKey(typedFromPaper(key))).toBe(key);
    expect(normalizeRecoveryKey('abOl cd23 ef45 gh67 jk89 mnOi pq23 rs45')).toBe(key);
    expect(normalizeRecoveryKey('AB٠١CD٢٣EF٤٥GH٦٧JK٨٩MN٠١PQ٢٣RS٤٥')).toBe(key);
    expect(normalizeRecoveryKey(key.slice(0, -1))).toBeNull();
    expect(normalizeRecoveryKey(`${key}-0000`)).toBeNull();
    expect(normalizeRecoveryKey(key.replace('A', 'U'))).toBeNull();
    expect(newRecoveryKey()).toMatch(RECOVERY_KEY);
  });

  it('lets an administrator back in when every administrator is locked out', async () => {
    const app = await setUpWasl();
    await signOut(app.dispatch);
    for (let attempt = 1; attempt <= 5; attempt += 1) await signIn(app.dispatch, ADMIN.username, 'forgotten password');
    expect(await refused(signIn(app.dispatch, ADMIN.username, ADMIN.password))).toEqual(SIGN_IN_FAILED);
    expect(accountInKeyring(app, app.adminId)?.lockedUntil).not.toBeNull();

    const typed = typedFromPaper(app.recoveryKey);
    expect(normalizeRecoveryKey(typed)).toBe(app.recoveryKey);
    const state = expectOk<SessionState>(
      await app.dispatch('session.recover', { recoveryKey: typed, username: ` ${ADMIN.username.toUpperCase()} `, newPassword: NEW_ADMIN_PASSWORD }),
    );
    expect(state).toMatchObject({ stage: 'active', user: { id: app.adminId, role: 'administrator', mustChangePassword: false } });
    expect(accountInKeyring(app, app.adminId)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect(await auditEntries(app.dispatch, { action: 'session.recovered' })).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: app.adminId }), entityId: app.adminId }),
    ]);
    expect((await auditEntries(app.dispatch, { action: 'session.signedIn' }))[0]?.summary).toEqual({ how: 'recoveryKey' });
    expect(JSON.stringify(await auditEntries(app.dispatch))).not.toContain(app.recoveryKey);

    await signOut(app.dispatch);
    expect(await refused(signIn(app.dispatch, ADMIN.username, ADMIN.password))).toMatchObject({ code: 'sign_in_failed' });
    expect(expectOk<SessionState>(await signIn(app.dispatch, ADMIN.username, NEW_ADMIN_PASSWORD)).user?.id).toBe(app.adminId);
    // The recovery key still works afterwards (it is not used up).
    expect(await databaseKeyOf(app.wasl.keyringPath, ADMIN.username, NEW_ADMIN_PASSWORD)).toEqual(app.key);
  });

  it('works on a freshly started desk, before the database is open', async () => {
    const app = await setUpWasl();
    await app.close();
    const { wasl } = reopen(app);
    const state = expectOk<SessionState>(
      await wasl.dispatch('session.recover', { recoveryKey: app.recoveryKey, username: ADMIN.username, newPassword: NEW_ADMIN_PASSWORD }),
    );
    expect(state.stage).toBe('active');
  });

  it('refuses a wrong recovery key, and records the attempt', async () => {
    const app = await setUpWasl();
    await signOut(app.dispatch);
    const wraps = keyringOf(app).accounts;
    const refusal = { code: 'sign_in_failed', messageKey: 'session.recoveryFailed' };
    for (const recoveryKey of [newRecoveryKey(), 'not a recovery key', app.recoveryKey.slice(0, -1)]) {
      expect(await refused(app.dispatch('session.recover', { recoveryKey, username: ADMIN.username, newPassword: NEW_ADMIN_PASSWORD })), recoveryKey).toEqual(refusal);
    }
    expect(keyringOf(app).accounts).toEqual(wraps);
    expect((await stateOf(app.dispatch)).stage).toBe('signedOut');
    await signInAdmin(app.dispatch);
    const failures = await auditEntries(app.dispatch, { action: 'session.signInFailed' });
    expect(failures).toHaveLength(3);
    expect(failures.every((entry) => entry.summary.recoveryKey === true && entry.actor === null)).toBe(true);
  });

  it("refuses a username that is not an administrator's, changing nobody's password", async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    const keyringBefore = keyringOf(app).accounts;
    for (const username of [officer.username, 'nobody.here']) {
      expect(await refused(app.dispatch('session.recover', { recoveryKey: app.recoveryKey, username, newPassword: NEW_ADMIN_PASSWORD })), username).toEqual({
        code: 'rule',
        messageKey: 'session.recoveryNeedsAdministrator',
      });
    }
    expect(keyringOf(app).accounts).toEqual(keyringBefore);
    expect((await stateOf(app.dispatch)).stage).toBe('signedOut');
    expect(await refused(signIn(app.dispatch, officer.username, NEW_ADMIN_PASSWORD))).toMatchObject({ code: 'sign_in_failed' });
    expect(expectOk<SessionState>(await signIn(app.dispatch, officer.username, officer.password)).stage).toBe('active');
  });
});

describe('a new recovery key', () => {
  const recover = (dispatch: Dispatch, recoveryKey: string) =>
    dispatch('session.recover', { recoveryKey, username: ADMIN.username, newPassword: NEW_ADMIN_PASSWORD });

  it('replaces the old one on the live data: the old key opens nothing any more, the new one does', async () => {
    const app = await setUpWasl();
    const accountsBefore = keyringOf(app).accounts;
    // A copy of the keyring made before, as every backup holds one.
    const keyringInOlderBackup = JSON.parse(keyringText(app)) as Keyring;

    const issued = expectOk<{ recoveryKey: string }>(await app.dispatch('users.replaceRecoveryKey', { password: ADMIN.password }));
    expect(issued.recoveryKey).toMatch(RECOVERY_KEY);
    expect(issued.recoveryKey).not.toBe(app.recoveryKey);
    expect(keyringOf(app).accounts).toEqual(accountsBefore);
    expect(await auditEntries(app.dispatch, { action: 'recoveryKey.replaced' })).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: app.adminId }), entityType: 'setting', entityId: 'recoveryKey' }),
    ]);
    expect(JSON.stringify(await auditEntries(app.dispatch))).not.toContain(issued.recoveryKey);
    expect(keyringText(app)).not.toContain(issued.recoveryKey);

    await signOut(app.dispatch);
    expect(await refused(recover(app.dispatch, app.recoveryKey))).toEqual({ code: 'sign_in_failed', messageKey: 'session.recoveryFailed' });
    expect(await unwrapKey(keyringOf(app).recovery, app.recoveryKey, recoveryBinding(keyringOf(app)))).toBeNull();
    expect(await unwrapKey(keyringOf(app).recovery, issued.recoveryKey, recoveryBinding(keyringOf(app)))).toEqual(app.key);
    // What the screen says: a backup made before still opens with the old key.
    expect(await unwrapKey(keyringInOlderBackup.recovery, app.recoveryKey, recoveryBinding(keyringInOlderBackup))).toEqual(app.key);

    // The command-line tool, on a desk started afresh, takes only the new key.
    await app.close();
    const { wasl } = reopen(app);
    await expect(wasl.desk.openWithRecoveryKey(app.recoveryKey)).rejects.toMatchObject({ code: 'sign_in_failed' });
    await wasl.desk.openWithRecoveryKey(issued.recoveryKey);
    expect(expectOk<SessionState>(await recover(wasl.dispatch, issued.recoveryKey))).toMatchObject({ stage: 'active', user: { id: app.adminId } });
  });

  it("needs the administrator's password again, and changes nothing without it", async () => {
    const app = await setUpWasl();
    const error = await refusedWithoutWriting(app, () => app.dispatch('users.replaceRecoveryKey', { password: 'not my password at all' }));
    expect(error).toEqual({
      code: 'validation',
      messageKey: 'validation.failed',
      details: { fields: [{ path: 'password', messageKey: 'validation.password.wrong' }] },
    });
    expect(expectError(await app.dispatch('users.replaceRecoveryKey', {})).code).toBe('validation');
    // Someone guessing the password at an unattended desk leaves a trace (a missing field does not).
    expect((await auditEntries(app.dispatch, { action: 'call.refused' })).map((entry) => entry.summary)).toEqual([
      { call: 'users.replaceRecoveryKey', code: 'validation', reason: 'validation.password.wrong', count: 1 },
    ]);
    await signOut(app.dispatch);
    expect(expectOk<SessionState>(await recover(app.dispatch, app.recoveryKey)).stage).toBe('active');
  });

  it('is refused to supervisors and officers, and the attempt is recorded', async () => {
    const app = await setUpWasl();
    const supervisor = await activeUser(app, 'supervisor');
    await signIn(app.dispatch, supervisor.username, supervisor.password);
    const error = await refusedWithoutWriting(app, () => app.dispatch('users.replaceRecoveryKey', { password: supervisor.password }));
    expect(error).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    await signInAdmin(app.dispatch);
    expect((await auditEntries(app.dispatch, { action: 'call.refused', actorId: supervisor.id })).map((entry) => entry.summary)).toEqual([
      { call: 'users.replaceRecoveryKey', code: 'forbidden', reason: 'forbidden', count: 1 },
    ]);
  });
});

describe('locking the screen', () => {
  it('hides every call until the password is typed again', async () => {
    const app = await setUpWasl();
    const locked = expectOk<SessionState>(await app.dispatch('session.lock', {}));
    expect(locked).toMatchObject({ stage: 'locked', user: { id: app.adminId }, permissions: [] });
    for (const name of callNames.filter((call) => !isSessionCall(call) || call === 'session.changePassword' || call === 'session.stillHere')) {
      expect(await refused(app.dispatch(name, {})), name).toEqual({ code: 'locked', messageKey: 'session.locked' });
    }
    expect((await stateOf(app.dispatch)).stage).toBe('locked');

    expect(await refused(app.dispatch('session.unlock', { password: 'not my password' }))).toEqual({
      code: 'sign_in_failed',
      messageKey: 'session.wrongPassword',
    });
    expect(accountInKeyring(app, app.adminId)?.failedAttempts).toBe(1);
    expect((await stateOf(app.dispatch)).stage).toBe('locked');

    const unlocked = expectOk<SessionState>(await app.dispatch('session.unlock', { password: ADMIN.password }));
    expect(unlocked).toMatchObject({ stage: 'active', user: { id: app.adminId } });
    expect(accountInKeyring(app, app.adminId)?.failedAttempts).toBe(0);
    expectOk(await app.dispatch('beneficiaries.stats', {}));
    expect((await auditEntries(app.dispatch, { action: 'session.locked' }))[0]?.summary).toEqual({ reason: 'manual' });
    expect(await auditEntries(app.dispatch, { action: 'session.unlocked' })).toHaveLength(1);
  });

  it('counts wrong passwords at the lock screen towards the lockout', async () => {
    const app = await setUpWasl();
    const officer = await activeUser(app);
    await signIn(app.dispatch, officer.username, officer.password);
    await app.dispatch('session.lock', {});
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await refused(app.dispatch('session.unlock', { password: 'a wrong password' }))).toMatchObject({ code: 'sign_in_failed' });
    }
    expect(await refused(app.dispatch('session.unlock', { password: 'a wrong password' }))).toMatchObject({ code: 'account_locked' });
    expect((await stateOf(app.dispatch)).stage).toBe('signedOut');
    expect(await refused(signIn(app.dispatch, officer.username, officer.password))).toEqual(SIGN_IN_FAILED);
    expect(accountInKeyring(app, officer.id)?.lockedUntil).not.toBeNull();
  });

  it('locks by itself after the idle minutes, and answers "locked" to the next call', async () => {
    const { clock, advanceMinutes } = movableClock();
    const app = await setUpWasl({ clock });
    expect((await stateOf(app.dispatch)).idleLockMinutes).toBe(5);
    advanceMinutes(4.9);
    expectOk(await app.dispatch('beneficiaries.stats', {}));
    advanceMinutes(5.1);
    expect(await refused(app.dispatch('beneficiaries.stats', {}))).toEqual({ code: 'locked', messageKey: 'session.locked' });
    expect((await stateOf(app.dispatch)).stage).toBe('locked');
    expectOk(await app.dispatch('session.unlock', { password: ADMIN.password }));
    expect((await auditEntries(app.dispatch, { action: 'session.locked' }))[0]?.summary).toEqual({ reason: 'idle' });
  });

  it('stays open while the user is at the keyboard (session.stillHere)', async () => {
    const { clock, advanceMinutes } = movableClock();
    const app = await setUpWasl({ clock });
    for (let minute = 0; minute < 20; minute += 4) {
      advanceMinutes(4);
      expect(expectOk<{ idleLockMinutes: number }>(await app.dispatch('session.stillHere', {}))).toEqual({ idleLockMinutes: 5 });
    }
    advanceMinutes(4);
    expectOk(await app.dispatch('beneficiaries.stats', {}));
    // Reading the session's state is not being at the keyboard.
    advanceMinutes(3);
    await stateOf(app.dispatch);
    advanceMinutes(3);
    expect(await refused(app.dispatch('session.stillHere', {}))).toMatchObject({ code: 'locked' });
  });
});

describe('a database from the first version', () => {
  it('is taken over at setup, data kept, and its key file removed', async () => {
    const dir = scratchFolder();
    const databasePath = join(dir, 'wasl.db');
    const key = randomBytes(32);
    const legacy = openDatabase(databasePath, { key });
    migrate(legacy.sqlite);
    const fields = beneficiaryFields.parse(validFields());
    const id = await legacy.db.transaction().execute((trx) => insertBeneficiary(trx, fields, { actorId: SYSTEM_USER_ID, now: new Date() }));
    await legacy.close();
    writeFileSync(`${databasePath}.key`, `${key.toString('hex')}\n`);

    const { wasl } = openTestHost(dir);
    cleanups.push(() => wasl.close());
    expect((await stateOf(wasl.dispatch)).stage).toBe('setup');
    const setup = expectOk<SetupResult>(await wasl.dispatch('session.setup', { associationName: ASSOCIATION, ...ADMIN }));
    expect(setup.state.stage).toBe('active');
    expect(existsSync(`${databasePath}.key`)).toBe(false);

    const person = expectOk<BeneficiaryDetail>(await wasl.dispatch('beneficiaries.get', { id }));
    expect(person).toMatchObject({ idNumber: fields.idNumber, fullName: 'محمد عبدالله سعد الحربي', createdBy: SYSTEM_USER_ID });
    expect(expectOk<BeneficiaryPage>(await wasl.dispatch('beneficiaries.list', {})).total).toBe(1);
    expect(await databaseKeyOf(wasl.keyringPath, ADMIN.username, ADMIN.password)).toEqual(key);
    const [setUp] = await auditEntries(wasl.dispatch, { action: 'app.setUp' });
    expect(setUp?.summary).toMatchObject({ keptExistingData: true });
    // The built-in desk account is nobody's to sign in as.
    await signOut(wasl.dispatch);
    expect(await refused(signIn(wasl.dispatch, 'desk', 'any password at all'))).toMatchObject({ code: 'sign_in_failed' });
  });
});

describe('files that do not belong together', () => {
  /** A set-up folder, closed, for the test to damage. */
  async function closedFolder() {
    const app = await setUpWasl();
    await app.close();
    return app;
  }

  function thrownByOpening(dir: string): unknown {
    try {
      const { wasl } = openTestHost(dir);
      cleanups.push(() => wasl.close());
    } catch (error) {
      return error;
    }
    return expect.fail('expected openWasl to throw');
  }

  const listing = (dir: string) => readdirSync(dir).toSorted();

  it('refuses a database without its keyring, creating nothing', async () => {
    const app = await closedFolder();
    rmSync(join(app.dir, KEYRING_FILE));
    const before = listing(app.dir);
    const bytes = readFileSync(app.databasePath);
    const error = thrownByOpening(app.dir);
    expect(error).toBeInstanceOf(KeyringError);
    expect(error).toMatchObject({ reason: 'missing' });
    expect(listing(app.dir)).toEqual(before);
    expect(readFileSync(app.databasePath).equals(bytes)).toBe(true);
  });

  it('never offers setup over a database whose keyring vanished while Wasl ran', async () => {
    const app = await setUpWasl();
    await signOut(app.dispatch);
    const bytes = readFileSync(app.databasePath);
    rmSync(join(app.dir, KEYRING_FILE));
    expect((await stateOf(app.dispatch)).stage).toBe('unavailable');
    expect(await refused(app.dispatch('session.setup', { associationName: ASSOCIATION, ...ADMIN }))).toMatchObject({
      code: 'database_unavailable',
      messageKey: 'database.keyringMissing',
    });
    expect(existsSync(app.databasePath)).toBe(true);
    await app.close();
    expect(readFileSync(app.databasePath).length).toBeGreaterThanOrEqual(bytes.length);
    expect(existsSync(join(app.dir, KEYRING_FILE))).toBe(false);
  });

  it('refuses a damaged keyring, leaving it as it is', async () => {
    const app = await closedFolder();
    for (const damaged of ['{"format": "wasl-keyring", "accounts": [', '{"format":"wasl-keyring","version":1}', '\u0000\u0001garbage']) {
      writeFileSync(join(app.dir, KEYRING_FILE), damaged);
      const error = thrownByOpening(app.dir);
      expect(error, damaged).toBeInstanceOf(KeyringError);
      expect(error).toMatchObject({ reason: 'damaged' });
      expect(readFileSync(join(app.dir, KEYRING_FILE), 'utf8')).toBe(damaged);
      expect(listing(app.dir)).toEqual(['wasl.db', KEYRING_FILE]);
    }
  });

  it('refuses a keyring whose database has gone, without creating a new one', async () => {
    const app = await closedFolder();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${app.databasePath}${suffix}`, { force: true });
    const keyring = keyringText(app);
    const error = thrownByOpening(app.dir);
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect(error).toMatchObject({ reason: 'missing' });
    expect(listing(app.dir)).toEqual([KEYRING_FILE]);
    expect(keyringText(app)).toBe(keyring);
  });

  it('explains every such failure in Arabic and in English', () => {
    const failures = [
      ...DATABASE_OPEN_REASONS.map((reason) => new DatabaseOpenError(reason, 'x')),
      new KeyringError('missing', 'x'),
      new KeyringError('damaged', 'x'),
    ];
    const sentences = failures.map((failure) => startupFailureMessage(failure));
    for (const [index, { ar, en }] of sentences.entries()) {
      expect(hasArabicLetters(ar), `${index}`).toBe(true);
      expect(en).toMatch(/^[\x20-\x7e]+$/);
      expect(en).toMatch(/Wasl|keyring|database/);
    }
    expect(new Set(sentences.map((sentence) => sentence.en)).size).toBe(failures.length);
    expect(startupFailureMessage(new KeyringError('missing', 'x')).en).toContain('wasl.keyring');
    expect(startupFailureMessage(new DatabaseOpenError('missing', 'x')).en).toContain('wasl.db');
    const unexpected = startupFailureMessage(new Error('something else'));
    expect(hasArabicLetters(unexpected.ar)).toBe(true);
    expect(unexpected.en).not.toContain('something else');
  });
});

describe('a damaged database file', () => {
  /** A closed, set-up folder with a few people in it, and the database's bytes. */
  async function filledFolder() {
    const app = await setUpWasl();
    for (let count = 0; count < 5; count += 1) expectOk(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    await app.close();
    expect(existsSync(`${app.databasePath}-wal`)).toBe(false);
    return app;
  }

  /** Flips `length` bytes at `offset` and answers the damaged file's bytes. */
  function damage(path: string, offset: number, length = 64): Buffer {
    const bytes = readFileSync(path);
    for (let index = offset; index < offset + length; index += 1) bytes[index] = bytes[index]! ^ 0xa5;
    writeFileSync(path, bytes);
    return bytes;
  }

  /** Signs in on the damaged file: the refusal, whether the file changed, and whether anything still holds it open. */
  async function signInOnDamaged(app: TestWasl, damaged: Buffer) {
    const host = openTestHost(app.dir);
    const result = await signIn(host.wasl.dispatch, ADMIN.username, ADMIN.password);
    await host.wasl.close();
    return {
      error: expectError(result),
      loggedErrors: host.loggedErrors,
      unchanged: readFileSync(app.databasePath).equals(damaged),
      stillOpen: openDescriptorsTo(app.databasePath),
    };
  }

  function expectUnavailable(outcome: Awaited<ReturnType<typeof signInOnDamaged>>) {
    expect(outcome.error.code).toBe('database_unavailable');
    expect(outcome.error.messageKey).toMatch(/^database\./);
    expect(Object.keys(englishErrors.database)).toContain(outcome.error.messageKey.slice('database.'.length));
    expect(outcome.loggedErrors).toEqual([]);
    expect(outcome.unchanged, 'the damaged file was written to').toBe(true);
    expect(outcome.stillOpen, 'a connection to the damaged file stayed open').toEqual([]);
  }

  it('damaged in its first page: signing in answers database_unavailable and leaves the file alone', async () => {
    const app = await filledFolder();
    expectUnavailable(await signInOnDamaged(app, damage(app.databasePath, 100)));
  });

  it('damaged in the middle: signing in answers database_unavailable and leaves the file alone', async () => {
    const app = await filledFolder();
    const size = statSync(app.databasePath).size;
    expectUnavailable(await signInOnDamaged(app, damage(app.databasePath, Math.floor(size / 2) - 2048, 4096)));
  });

  /** Damages the page holding the schema version, which opening the database reads first thing. */
  async function damagedSchemaPage() {
    const app = await filledFolder();
    const reader = openDatabase(app.databasePath, { key: app.key });
    const rootPage = reader.sqlite.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'schema_migrations'`).pluck().get() as number;
    const pageSize = reader.sqlite.pragma('page_size', { simple: true }) as number;
    reader.sqlite.close();
    return signInOnDamaged(app, damage(app.databasePath, (rootPage - 1) * pageSize + 1000));
  }

  it('damaged where the schema version is kept: the desk lets go of the file and writes nothing', async () => {
    const outcome = await damagedSchemaPage();
    expect(outcome.stillOpen, 'a connection to the damaged file stayed open').toEqual([]);
    expect(outcome.unchanged, 'the damaged file was written to').toBe(true);
  });

  it('damaged where the schema version is kept: signing in answers database_unavailable', async () => {
    expectUnavailable(await damagedSchemaPage());
  });
});
