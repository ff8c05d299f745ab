// Shared setup for the integration tests: real encrypted SQLite files in temporary folders, opened
// the way the app opens them (openWasl), and a few builders for valid input. Never a mock of the database.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDatabase } from '../../db/connection';
import type { BeneficiaryFieldsInput } from '../../electron/api/beneficiaries';
import { withSaudiCheckDigit } from '../../electron/api/fields/saudi-id';
import type { Result } from '../../electron/api/result';
import type { Dispatch } from '../../electron/hosts/dispatch';
import type { KeyProvider } from '../../electron/hosts/key-provider';
import { openWasl } from '../../electron/hosts/open-app';

/** A fresh temporary folder for one test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'wasl-test-'));
}

/** A key provider that always answers the same key, held in memory (the tests need it to open a second connection). */
export function fixedKeyProvider(key: Buffer): KeyProvider {
  return { databaseKey: () => key };
}

export interface TestWasl {
  dispatch: Dispatch;
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

/** Opens Wasl as the hosts do, on a new encrypted database in a temporary folder. */
export function openTestWasl(): TestWasl {
  const dir = tempDir();
  const databasePath = join(dir, 'wasl.db');
  const key = randomBytes(32);
  const loggedErrors: TestWasl['loggedErrors'] = [];
  const wasl = openWasl({
    databasePath,
    keyProvider: fixedKeyProvider(key),
    appVersion: '0.0.0-test',
    logError: (error, callName) => loggedErrors.push({ error, callName }),
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await wasl.close();
  };
  return {
    dispatch: wasl.dispatch,
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
] as const;

/**
 * Reads the database through a second connection with the same key: the row count of every app
 * table and a digest of every row of every table (FTS shadow tables included). Two equal snapshots
 * mean nothing was written in between.
 */
export function snapshotDatabase(databasePath: string, key: Buffer): { counts: Record<string, number>; digest: string } {
  const opened = openDatabase(databasePath, { key });
  try {
    const counts: Record<string, number> = {};
    for (const table of APP_TABLES) {
      counts[table] = (opened.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    }
    const hash = createHash('sha256');
    const tables = opened.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
      .pluck()
      .all() as string[];
    for (const table of tables) {
      // Some FTS5 shadow tables are WITHOUT ROWID: sort the serialized rows instead of ordering by rowid.
      const rows = opened.sqlite
        .prepare(`SELECT * FROM "${table}"`)
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

/** Row counts of the app tables through a second connection. */
export function countRows(databasePath: string, key: Buffer): Record<string, number> {
  return snapshotDatabase(databasePath, key).counts;
}
