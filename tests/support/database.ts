// Shared setup for the integration tests: real encrypted SQLite files in temporary folders, opened
// the way the app opens them (openWasl), and a few builders for valid input. Never a mock of the database.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { AuditEntry, AuditPage } from '../../electron/api/audit';
import type { BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import type { Result } from '../../electron/api/result';
import type { Role } from '../../electron/api/permissions';
import type { SessionState, SetupResult } from '../../electron/api/session';
import type { UserAccount } from '../../electron/api/users';
import type { Dispatch } from '../../electron/services/dispatch';
import { openWasl, type Wasl } from '../../electron/core/open-wasl';
import type { PrintPdf } from '../../electron/services/context';
import type { ScryptParameters } from '../../electron/services/accounts/key-wrap';
import { accountBinding, readKeyring } from '../../electron/services/accounts/keyring';
import { unwrapKey } from '../../electron/services/accounts/key-wrap';

/** A fresh temporary folder for one test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'wasl-test-'));
}

/**
 * A much cheaper scrypt than the app's (OWASP's N=2^17): the tests sign in hundreds of times. The
 * keyring records each wrap's parameters, so the app reads these wraps like its own.
 */
export const TEST_KEY_DERIVATION: ScryptParameters = { N: 2 ** 10, r: 8, p: 1 };

export const ADMIN = { username: 'admin', displayName: 'مدير النظام', password: 'correct-horse-battery-staple' };
export const ASSOCIATION = 'جمعية العناية بالسجناء بالأحساء';

export interface TestWasl {
  dispatch: Dispatch;
  wasl: Wasl;
  recoveryKey: string;
  /** The first administrator, signed in after setup. */
  adminId: string;
  /** Closes the database (the folder stays until `cleanup`). */
  close(): Promise<void>;
  /** Closes the database if still open and deletes the temporary folder. */
  cleanup(): Promise<void>;
  databasePath: string;
  dir: string;
  key: Buffer;
  /** Every unexpected failure the dispatcher reported (instead of printing it). */
  loggedErrors: Array<{ error: unknown; callName: string }>;
}

/** What a test's Wasl is opened with: a clock that the test moves, a printer where it prints. */
export interface TestHostOptions {
  clock?: () => Date;
  printPdf?: PrintPdf;
}

/** Opens Wasl as the hosts do on a temporary folder, without setting it up. */
export function openTestHost(dir: string, options: TestHostOptions = {}): { wasl: Wasl; loggedErrors: TestWasl['loggedErrors'] } {
  const loggedErrors: TestWasl['loggedErrors'] = [];
  const wasl = openWasl({
    databasePath: join(dir, 'wasl.db'),
    appVersion: '0.0.0-test',
    keyDerivation: TEST_KEY_DERIVATION,
    clock: options.clock,
    printPdf: options.printPdf,
    logError: (error, callName) => loggedErrors.push({ error, callName }),
  });
  return { wasl, loggedErrors };
}

/**
 * Opens Wasl as the hosts do, on a new encrypted database in a temporary folder, set up through the
 * setup call and signed in as its first administrator.
 */
export async function openTestWasl(options: TestHostOptions = {}): Promise<TestWasl> {
  const dir = tempDir();
  const databasePath = join(dir, 'wasl.db');
  const { wasl, loggedErrors } = openTestHost(dir, options);
  const setup = expectOk<SetupResult>(await wasl.dispatch('session.setup', { associationName: ASSOCIATION, ...ADMIN }));
  const key = await databaseKeyOf(wasl.keyringPath, ADMIN.username, ADMIN.password);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await wasl.close();
  };
  return {
    dispatch: wasl.dispatch,
    wasl,
    recoveryKey: setup.recoveryKey,
    adminId: setup.state.user?.id ?? '',
    close,
    cleanup: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
    databasePath,
    dir,
    key,
    loggedErrors,
  };
}

/** The database key, unwrapped from the keyring the way signing in does (for a second connection). */
export async function databaseKeyOf(keyringPath: string, username: string, password: string): Promise<Buffer> {
  const keyring = readKeyring(keyringPath);
  const account = keyring.accounts.find((entry) => entry.username === username);
  if (!account) throw new Error(`no account ${username} in the keyring`);
  const key = await unwrapKey(account.wrap, password, accountBinding(keyring, account.userId));
  if (!key) throw new Error(`wrong password for ${username}`);
  return key;
}

/** The password a user chooses at the first sign-in (see signInAs) in place of the one an administrator set. */
export function chosenPassword(temporary: string): string {
  return `${temporary}-chosen`;
}

/**
 * Signs in as a user whose password an administrator set: the first sign-in must choose a new
 * password (`chosenPassword`), which this does, so the session is ready for work.
 */
export async function signInAs(dispatch: Dispatch, username: string, password: string): Promise<SessionState> {
  const state = expectOk<SessionState>(await dispatch('session.signIn', { username, password }));
  if (!state.user?.mustChangePassword) return state;
  return expectOk<SessionState>(
    await dispatch('session.changePassword', { currentPassword: password, newPassword: chosenPassword(password) }),
  );
}

/** Unwraps a successful result, failing the test with the error envelope otherwise. */
export function expectOk<T = unknown>(result: Result<unknown>): T {
  if (!result.ok) expect.fail(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** The error of a refused call, failing the test when the call succeeded. */
export function expectError(result: Result<unknown>) {
  if (result.ok) expect.fail(`expected an error, got ${JSON.stringify(result.value).slice(0, 300)}`);
  return result.error;
}

let nextSerial = 1;

/** A valid national ID (starts with 1, correct check digit), different on every call. */
export function newNationalId(): string {
  return withSaudiCheckDigit(`1${String(10_000_000 + nextSerial++).padStart(8, '0')}`);
}

/** A valid iqama number (starts with 2, correct check digit), different on every call. */
export function newIqama(): string {
  return withSaudiCheckDigit(`2${String(20_000_000 + nextSerial++).padStart(8, '0')}`);
}

/** A valid Saudi mobile in local form (05XXXXXXXX), different on every call. */
export function newMobile(): string {
  return `05${String(50_000_000 + nextSerial++).padStart(8, '0')}`;
}

/** A birth date between 1960 and 2005, different on every call (so two default registrations are never likely duplicates). */
export function newBirthDate(): string {
  const day = 24 * 60 * 60 * 1000;
  return new Date(Date.UTC(1960, 0, 1) + ((nextSerial++ * 37) % 16_000) * day).toISOString().slice(0, 10);
}

/** The fields of a valid registration: a Saudi prisoner with consent given, a fresh ID, phone and birth date. */
export function validFields(overrides: Partial<BeneficiaryFieldsInput> = {}): BeneficiaryFieldsInput {
  return {
    firstName: 'محمد',
    fatherName: 'عبدالله',
    grandfatherName: 'سعد',
    familyName: 'الحربي',
    latinName: null,
    idType: 'national_id',
    idNumber: newNationalId(),
    nationality: 'SA',
    residencyStatus: 'citizen',
    gender: 'male',
    birthDate: newBirthDate(),
    phones: [newMobile()],
    districtId: null,
    address: null,
    category: 'prisoner',
    prisonerRelation: null,
    prisonerName: null,
    prisonerFacility: null,
    prisonerStatus: 'serving_sentence',
    household: [],
    needs: ['financial'],
    needsPriority: 'medium',
    needsNotes: null,
    consentGiven: true,
    consentDate: '2025-01-05',
    consentMethod: 'written',
    status: 'active',
    notes: null,
    ...overrides,
  };
}

/** The tables the app writes (not the FTS index's shadow tables, which have no meaning on their own). */
export const APP_TABLES = [
  'schema_migrations',
  'users',
  'settings',
  'counters',
  'districts',
  'beneficiaries',
  'beneficiary_phones',
  'household_members',
  'eligibility_decisions',
  'contacts',
  'authorities',
  'attachments',
  'letters',
  'request_types',
  'holidays',
  'requests',
  'request_events',
  'complaints',
  'complaint_events',
  'articles',
  'inquiries',
  'audit_log',
  'audit_changes',
] as const;

/**
 * Reads the database through a second connection with the same key: the row count of every app
 * table and a digest of every row of every table (FTS shadow tables included). Two equal snapshots
 * mean nothing was written in between, but for the record of a refused call (`call.refused`), the
 * one thing a refusal writes: it is left out (the tests of that record read the log itself).
 */
export function snapshotDatabase(
  databasePath: string,
  key: Buffer,
  options: { except?: readonly string[] } = {},
): { counts: Record<string, number>; digest: string } {
  const opened = openDatabase(databasePath, { key });
  const rowsOf = (table: string) =>
    table === 'audit_log' ? `(SELECT * FROM audit_log WHERE action != 'call.refused')` : `"${table}"`;
  try {
    const counts: Record<string, number> = {};
    for (const table of APP_TABLES.filter((name) => !options.except?.includes(name))) {
      counts[table] = (opened.sqlite.prepare(`SELECT count(*) AS n FROM ${rowsOf(table)}`).get() as { n: number }).n;
    }
    const hash = createHash('sha256');
    const tables = opened.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
      .pluck()
      .all() as string[];
    for (const table of tables.filter((name) => !options.except?.includes(name))) {
      // Some FTS5 shadow tables are WITHOUT ROWID: sort the serialized rows instead of ordering by rowid.
      const rows = opened.sqlite
        .prepare(`SELECT * FROM ${rowsOf(table)}`)
        .all()
        .map((row) => JSON.stringify(row)) // blobs serialize through Buffer#toJSON
        .sort();
      hash.update(`\n#${table}\n${rows.join('\n')}`);
    }
    return { counts, digest: hash.digest('hex') };
  } finally {
    opened.sqlite.close();
  }
}

/** Rows of the test's database, read through a second connection with the key. */
export function readRows(test: Pick<TestWasl, 'databasePath' | 'key'>, query: string, ...parameters: unknown[]): Array<Record<string, unknown>> {
  const opened = openDatabase(test.databasePath, { key: test.key });
  try {
    return opened.sqlite.prepare(query).all(...parameters) as Array<Record<string, unknown>>;
  } finally {
    opened.sqlite.close();
  }
}

/**
 * A call that must be refused, and change nothing: the database is as it was before it (the
 * refusal's own audit entry aside). Answers the refusal.
 */
export async function refusedUnchanged(
  test: Pick<TestWasl, 'dispatch' | 'databasePath' | 'key'>,
  name: string,
  input: unknown,
): Promise<Result<unknown> & { ok: false }> {
  const before = snapshotDatabase(test.databasePath, test.key, { except: ['audit_log'] });
  const result = await test.dispatch(name, input);
  expect(result.ok, `${name} was not refused`).toBe(false);
  expect(snapshotDatabase(test.databasePath, test.key, { except: ['audit_log'] })).toEqual(before);
  return result as Result<unknown> & { ok: false };
}

/** Row counts of the app tables through a second connection. */
export function countRows(databasePath: string, key: Buffer): Record<string, number> {
  return snapshotDatabase(databasePath, key).counts;
}

/** A clock the test moves forward: real time plus an offset, so it agrees with code that reads the real time. */
export function movableClock(): { clock: () => Date; advanceMinutes(minutes: number): void } {
  let offset = 0;
  return {
    clock: () => new Date(Date.now() + offset),
    advanceMinutes: (minutes) => {
      offset += minutes * 60_000;
    },
  };
}

/** The audit entries matching the filters, newest first (every page, as the signed-in user). */
export async function auditEntries(dispatch: Dispatch, filters: Record<string, unknown> = {}): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: number | undefined;
  do {
    const page = expectOk<AuditPage>(await dispatch('audit.list', { ...filters, limit: 200, ...(before === undefined ? {} : { before }) }));
    entries.push(...page.entries);
    before = page.nextBefore ?? undefined;
  } while (before !== undefined);
  return entries;
}

/**
 * Creates an account with the given role (as the signed-in administrator) and returns it with its
 * password.
 */
export async function createUser(dispatch: Dispatch, role: Role, username = `${role}.${nextSerial++}`): Promise<UserAccount & { password: string }> {
  const password = `a long pass phrase for the desk ${nextSerial++}`;
  const account = expectOk<UserAccount>(
    await dispatch('users.create', { username, displayName: `${role} ${username}`, role, password }),
  );
  return { ...account, password };
}

/** An account of the desk ready for work: it has signed in once and chosen its own password. */
export interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The password it signs in with: the one it chose (the administrator's own for the first administrator). */
  password: string;
}

export interface StaffedTestWasl<Name extends string> extends TestWasl {
  /** The first administrator, as `administrator`, and each account asked for, under the name it was asked for. */
  accounts: Record<Name | 'administrator', StaffAccount>;
  /** Signs the named account in. */
  signIn(name: Name | 'administrator'): Promise<SessionState>;
}

/**
 * Opens Wasl as openTestWasl does, with an account in each role asked for (`{ officerA: 'officer' }`):
 * the administrator creates them, each signs in once and chooses its own password as a new colleague
 * does, and the administrator is signed in again.
 */
export async function openTestWaslWithStaff<Name extends string>(
  roles: Record<Name, Role>,
  options: TestHostOptions = {},
): Promise<StaffedTestWasl<Name>> {
  const app = await openTestWasl(options);
  const administrator: StaffAccount = { id: app.adminId, ...ADMIN, role: 'administrator' };
  const accounts = { administrator } as Record<Name | 'administrator', StaffAccount>;
  const created: Array<[Name, UserAccount & { password: string }]> = [];
  for (const [name, role] of Object.entries(roles) as Array<[Name, Role]>) created.push([name, await createUser(app.dispatch, role)]);
  for (const [name, account] of created) {
    await signInAs(app.dispatch, account.username, account.password);
    const { id, username, displayName, role } = account;
    accounts[name] = { id, username, displayName, role, password: chosenPassword(account.password) };
  }
  const signIn = async (name: Name | 'administrator') => {
    const { username, password } = accounts[name];
    return expectOk<SessionState>(await app.dispatch('session.signIn', { username, password }));
  };
  await signIn('administrator');
  return { ...app, accounts, signIn };
}
