// Property-based fuzzing of the whole contract with fast-check: every call, as every role and signed
// out, fed random and hostile input (anything at all, huge and control-character strings, SQL
// fragments, objects nested thousands deep, prototype-pollution keys, the call's own field names
// with values of the wrong kind, valid inputs with one field spoiled). Every answer must be a
// result envelope with a code a person can be shown, never 'internal'; nothing may be logged as an
// unexpected failure; and a refused call must leave the database exactly as it was.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { openDatabase } from '../../db/connection';
import { callNames, contract, isSessionCall, type CallName } from '../../electron/api/contract';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import { ROLES, type Role } from '../../electron/api/permissions';
import type { Result } from '../../electron/api/result';
import type { SessionState } from '../../electron/api/session';
import { isRecordedRefusal } from '../../electron/services/session/refusals';
import { readKeyring } from '../../electron/services/accounts/keyring';
import { newRecoveryKey } from '../../electron/services/accounts/recovery-key';
import { ADMIN, expectOk, movableClock, openTestWaslWithStaff, snapshotDatabase, validFields, type StaffedTestWasl } from '../support/database';

/** Fixed so that a failure reproduces; set WASL_FUZZ_SEED to explore other inputs. */
const SEED = Number(process.env.WASL_FUZZ_SEED ?? 20_250_301);
const RUNS = Number(process.env.WASL_FUZZ_RUNS ?? 25);
console.log(`[fuzz] fast-check seed ${SEED}, ${RUNS} runs per call per role (WASL_FUZZ_SEED=${SEED} reproduces this run)`);

/** The refusals a person can be shown. Anything else ('internal' above all) is a bug. */
const ALLOWED_CODES = new Set([
  'validation',
  'forbidden',
  'unauthenticated',
  'locked',
  'not_found',
  'rule',
  'duplicate',
  'possible_duplicate',
  'version_conflict',
  'sign_in_failed',
  'account_locked',
  'password_change_required',
]);

/** Refusals that are recorded on purpose: a failed sign-in (and the lockout it may cause) goes to the audit log. */
const AUDITED_REFUSALS = new Set(['sign_in_failed', 'account_locked']);
// A session a failure ends also writes the refused calls held back until then ('call.refused').
const AUDITED_FAILURE_ACTIONS = new Set(['session.signInFailed', 'session.lockedOut', 'session.signedOut', 'call.refused']);
const AUDIT_TABLES = ['audit_log', 'audit_changes'] as const;

type Context = 'signedOut' | Role;
const CONTEXTS: readonly Context[] = ['signedOut', ...ROLES];

let app: StaffedTestWasl<'officer' | 'supervisor'>;
const time = movableClock();
let person: BeneficiaryDetail;
const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);

beforeAll(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' }, { clock: time.clock });
  person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
});

/** How each call answered in each context; printed with WASL_FUZZ_STATS=1, to see how deep the inputs reach. */
const outcomes = new Map<string, number>();

afterAll(async () => {
  if (process.env.WASL_FUZZ_STATS) console.log([...outcomes].map(([outcome, count]) => `${outcome}: ${count}`).join('\n'));
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  await app?.cleanup();
});

// --- the session each run starts from ------------------------------------------------------------

/** Puts the desk in the context's state: signed out, or signed in (and unlocked) as the role's account. */
async function enter(context: Context, options: { fresh?: boolean } = {}): Promise<void> {
  const state = app.wasl.desk.state();
  if (context === 'signedOut') {
    if (state.stage === 'signedOut') return;
    cached = null;
    expectOk(await app.dispatch('session.signOut', {}));
    return;
  }
  const account = app.accounts[context];
  const inKeyring = keyringAccounts().find((entry) => entry.userId === account.id);
  const clean = inKeyring !== undefined && inKeyring.failedAttempts === 0 && inKeyring.lockedUntil === null;
  if (!options.fresh && clean && state.stage === 'active' && state.user?.id === account.id) return;
  cached = null;
  // Signing in afresh also clears the failed attempts the fuzzed calls counted against the account.
  let result = await app.dispatch('session.signIn', { username: account.username, password: account.password });
  // The password is right, so a refusal means the fuzzed calls locked the account out (a locked account
  // answers as a wrong password does, to anyone not signed in): wait the lockout out.
  if (!result.ok && (result.error.code === 'account_locked' || result.error.code === 'sign_in_failed')) {
    time.advanceMinutes(16);
    result = await app.dispatch('session.signIn', { username: account.username, password: account.password });
  }
  const signedIn = expectOk<SessionState>(result);
  expect(signedIn).toMatchObject({ stage: 'active', user: { id: account.id, role: context, mustChangePassword: false } });
}

// --- what must not change -----------------------------------------------------------------------

/**
 * What a refused call must leave as it was: every table but the audit log, row by row
 * (snapshotDatabase), and the audit log's tip. The log is append-only (its triggers refuse updates
 * and deletes), so the same number of entries ending in the same hash is the same log; hashing every
 * entry on every run would make the run time grow with the log.
 */
interface Fingerprint {
  tables: ReturnType<typeof snapshotDatabase>;
  audit: { entries: number; lastSeq: number; lastHash: string | null; changes: number };
}

let cached: Fingerprint | null = null;

function fingerprint(): Fingerprint {
  const tables = snapshotDatabase(app.databasePath, app.key, { except: AUDIT_TABLES });
  const { sqlite } = openDatabaseForReading();
  try {
    const tip = sqlite.prepare('SELECT count(*) AS entries, coalesce(max(seq), 0) AS lastSeq FROM audit_log').get() as { entries: number; lastSeq: number };
    const lastHash = (sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined) ?? null;
    const changes = sqlite.prepare('SELECT count(*) FROM audit_changes').pluck().get() as number;
    return { tables, audit: { ...tip, lastHash, changes } };
  } finally {
    sqlite.close();
  }
}

const currentFingerprint = () => (cached ??= fingerprint());
const keyringAccounts = () => readKeyring(app.wasl.keyringPath).accounts;

function auditActionsAfter(seq: number): string[] {
  const { sqlite } = openDatabaseForReading();
  try {
    return sqlite.prepare('SELECT action FROM audit_log WHERE seq > ? ORDER BY seq').pluck().all(seq) as string[];
  } finally {
    sqlite.close();
  }
}

const openDatabaseForReading = () => openDatabase(app.databasePath, { key: app.key, readonly: true });

// --- hostile values -----------------------------------------------------------------------------

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 'the bottom';
  for (let level = 0; level < depth; level += 1) value = wrap(value);
  return value;
}

/** Printed short in a counterexample (fast-check would recurse through every level). */
function labelled<T extends object>(value: T, text: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => text, enumerable: false });
  return value;
}

const DEEP_OBJECT = labelled(nested(1_500, (inner) => ({ a: inner, fields: inner })) as object, '<object nested 1500 deep>');
const DEEP_ARRAY = labelled(nested(1_500, (inner) => [inner]) as object, '<array nested 1500 deep>');
const POLLUTION = JSON.parse(
  '{"__proto__": {"polluted": "yes", "isAdmin": true}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}}',
) as Record<string, unknown>;

const SQL_FRAGMENTS = [
  "'; DROP TABLE beneficiaries; --",
  "' OR '1'='1",
  '" OR ""="',
  '1; DELETE FROM audit_log',
  "admin'--",
  "' UNION SELECT value FROM settings --",
  '%',
  '_',
  '*',
  '\\',
  'NULL',
  '"unterminated',
  'NEAR(a b)',
  'a OR b NOT c',
  '^',
  '(',
  ')',
  '{col}:',
];

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000admin',
  '\ud800',
  '\udfff',
  '\u202eelddim',
  '\u200f\u200e\u200b',
  '\ufeff',
  'null',
  'undefined',
  'NaN',
  '__proto__',
  'constructor',
  'toString',
  '../../../etc/passwd',
  '0'.repeat(400),
  '٠٥٥١٢٣٤٥٦٧',
  '2025-02-30',
  '9999-12-31',
  '0000-00-00',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '=cmd|"/c calc"!A1',
  'a;=HYPERLINK("http://evil.example","x")',
  '🙂'.repeat(1_000),
  // What breaks a workbook's XML or turns text around: non-characters, halves of surrogate pairs, bidi overrides.
  'x\uFFFFy',
  'x\uFFFEy',
  '\uD800',
  'x\uDC00y',
  'letter\u202Efdp.hta',
  '\u2066\u202B\u2069',
  '..\\..\\..\\Startup\\evil.bat',
];

const HUGE_STRINGS = ['x'.repeat(100_000), 'محمد '.repeat(20_000), '٠'.repeat(100_000), `${'a'.repeat(99_990)}\u0000`];

const controlCharacters = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), minLength: 1 });

const hostileString = fc.oneof(
  fc.constantFrom(...SQL_FRAGMENTS, ...ODD_STRINGS, ...HUGE_STRINGS),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', minLength: 10, maxLength: 200 }),
  controlCharacters,
  fc.tuple(fc.constantFrom(...SQL_FRAGMENTS), controlCharacters).map(([sql, control]) => `${sql}${control}`),
);

const hostileNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, -1, 1.5, 2 ** 53 + 1, 1e308, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER),
  fc.integer(),
  fc.double(),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: hostileNumber, weight: 2 },
  fc.boolean(),
  fc.constantFrom(null, undefined, DEEP_OBJECT, DEEP_ARRAY, POLLUTION, [], {}, new Date(Number.NaN)),
  {
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
    weight: 3,
  },
  fc.array(hostileString, { maxLength: 8 }),
);

/** Anything at all as the whole input, not only objects. */
const hostileTopLevel: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.constantFrom(DEEP_OBJECT, DEEP_ARRAY, POLLUTION, null, undefined, [], 'input', 42, true, ...HUGE_STRINGS.slice(0, 1)),
  fc.dictionary(hostileString, hostileValue, { maxKeys: 6 }),
);

// --- inputs shaped like each call's own ------------------------------------------------------------

interface SchemaDefinition {
  type: string;
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
  innerType?: z.ZodType;
}

const definitionOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDefinition } })._zod.def;

/** The fields of an object schema, looking through transforms, defaults and optionality. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  const definition = definitionOf(schema);
  if (definition.type === 'object' && definition.shape) return definition.shape;
  if (definition.type === 'pipe' && definition.in) return shapeOf(definition.in);
  if (definition.innerType) return shapeOf(definition.innerType);
  return null;
}

/** An object with the call's own field names (nested ones too), each holding a hostile value or missing. */
function keyedHostile(shape: Record<string, z.ZodType>, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => {
      const inner = depth < 2 ? shapeOf(schema) : null;
      return [key, inner ? fc.oneof(hostileValue, keyedHostile(inner, depth + 1)) : hostileValue];
    }),
  );
  return fc.record(fields, { requiredKeys: [] });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A valid input spoiled: one field (at any depth) given a hostile value, or several, or none; and
 * sometimes prototype-pollution keys added beside the real ones.
 */
function spoiled(sample: Record<string, unknown>, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(sample);
  const replacement = (key: string) => {
    const value = sample[key];
    return isPlainObject(value) && depth < 2 ? fc.oneof(hostileValue, spoiled(value, depth + 1)) : hostileValue;
  };
  const oneField = fc
    .constantFrom(...keys)
    .chain((key) => replacement(key).map((value) => ({ ...sample, [key]: value })));
  const severalFields = fc.record(
    Object.fromEntries(keys.map((key) => [key, fc.oneof({ arbitrary: fc.constant(sample[key]), weight: 2 }, replacement(key))])),
    { requiredKeys: [] },
  );
  const missingField = fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(sample).filter(([name]) => name !== key)));
  return fc
    .tuple(
      fc.oneof(
        { arbitrary: oneField, weight: 4 },
        { arbitrary: severalFields, weight: 2 },
        { arbitrary: missingField, weight: 1 },
        { arbitrary: fc.constant(sample), weight: 1 },
      ),
      fc.boolean(),
    )
    .map(([input, polluted]) => (polluted ? { ...input, ...POLLUTION } : input));
}

/** Inputs that would pass validation, to be spoiled; none of them can sign anyone in or change a known password. */
function validSamples(): Partial<Record<string, Record<string, unknown>>> {
  const officer = app.accounts.officer;
  return {
    'session.setup': { associationName: 'جمعية', username: 'another.admin', displayName: 'مدير', password: 'a fine pass phrase' },
    'session.signIn': { username: officer.username, password: 'not the password at all' },
    'session.unlock': { password: 'not the password at all' },
    'session.recover': { recoveryKey: newRecoveryKey(), username: ADMIN.username, newPassword: 'a fine pass phrase' },
    'session.changePassword': { currentPassword: 'not the password at all', newPassword: 'a fine pass phrase' },
    'preferences.setLanguage': { language: 'en' },
    'users.create': { username: 'fuzz.user', displayName: 'مستخدم', role: 'officer', password: 'a fine pass phrase' },
    'users.update': { id: officer.id, displayName: 'موظف', role: 'officer', active: true },
    'users.resetPassword': { id: officer.id, password: 'a fine pass phrase' },
    'audit.list': { beneficiaryId: person.id, actorId: app.adminId, action: 'beneficiary.viewed', from: '2025-01-01', to: '2035-12-31', limit: 10 },
    'audit.export': { action: 'beneficiary.viewed', from: '2025-01-01' },
    'beneficiaries.register': { fields: { ...validFields() }, confirmNotDuplicate: false },
    'beneficiaries.update': { id: person.id, expectedVersion: 1, fields: { ...validFields({ idNumber: person.idNumber }) }, confirmNotDuplicate: true },
    'beneficiaries.get': { id: person.id },
    'beneficiaries.list': { category: 'prisoner', eligibility: 'pending', status: 'active', sort: 'newest', page: 1, pageSize: 10 },
    'beneficiaries.checkDuplicates': { idType: 'national_id', idNumber: person.idNumber, firstName: 'محمد', familyName: 'الحربي', phones: ['0551234567'] },
    'beneficiaries.exportPersonalData': { id: person.id },
    'beneficiaries.erase': { id: person.id, reason: 'طلب المستفيد إتلاف بياناته', confirmFileNumber: '1999-99999' },
    'eligibility.record': { beneficiaryId: person.id, inScope: true, legalResident: true, receivesServices: true, outcome: 'eligible', reason: null },
    'search.beneficiaries': { query: 'محمد', limit: 10 },
  };
}

function inputsFor(name: CallName): fc.Arbitrary<unknown> {
  const shape = shapeOf(contract[name].input as z.ZodType);
  const sample = validSamples()[name];
  const choices: Array<fc.Arbitrary<unknown>> = [hostileTopLevel];
  if (shape && Object.keys(shape).length > 0) choices.push(keyedHostile(shape), keyedHostile(shape));
  if (sample) choices.push(spoiled(sample), spoiled(sample));
  return fc.oneof(...choices);
}

/**
 * Never let a fuzzed folder path reach the real file system (the tests may run as root): a path
 * that looks absolute is moved inside the test's own folder.
 */
function confined(input: unknown): unknown {
  if (!isPlainObject(input) || typeof input.folder !== 'string') return input;
  if (!/^\s*(?:[A-Za-z]:[\\/]|\\\\|\/)/.test(input.folder)) return input;
  return { ...input, folder: join(app.dir, 'fuzzed-folders', input.folder.replace(/\.\./g, '__').replace(/^[A-Za-z]:/, '')) };
}

// --- one run ------------------------------------------------------------------------------------

async function runOnce(context: Context, name: CallName, rawInput: unknown): Promise<void> {
  await enter(context);
  const input = confined(rawInput);
  const before = currentFingerprint();
  const keyringBefore = isSessionCall(name) ? null : JSON.stringify(keyringAccounts());

  const result: Result<unknown> = await app.dispatch(name, input);
  // fast-check reports the input that failed; the label says where.
  const label = `${name} as ${context}`;

  expect(typeof result, label).toBe('object');
  expect(typeof result.ok, label).toBe('boolean');
  expect(app.loggedErrors, label).toEqual([]);
  expect(crashes, label).toEqual([]);
  expect(({} as Record<string, unknown>).polluted, label).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin, label).toBeUndefined();

  cached = null;
  const outcome = `${context} ${name} ${result.ok ? 'ok' : result.error.code}`;
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  if (!result.ok) {
    expect(ALLOWED_CODES.has(result.error.code), `${label} answered ${JSON.stringify(result.error)}`).toBe(true);
    expect(typeof result.error.messageKey, label).toBe('string');
    expect(result.error.messageKey.length, label).toBeGreaterThan(0);
    const after = currentFingerprint();
    expect(after.tables, `${label} was refused but wrote to the database`).toEqual(before.tables);
    if (AUDITED_REFUSALS.has(result.error.code) && isSessionCall(name)) {
      // A failed sign-in is recorded, and nothing else.
      for (const action of auditActionsAfter(before.audit.lastSeq)) expect(AUDITED_FAILURE_ACTIONS.has(action), `${label} recorded ${action}`).toBe(true);
    } else if (isRecordedRefusal(name, result.error)) {
      // The record of the refusal (who, which call; at most one a minute), and nothing else.
      for (const action of auditActionsAfter(before.audit.lastSeq)) expect(action, `${label} recorded ${action}`).toBe('call.refused');
      expect(after.audit.changes, label).toBe(before.audit.changes);
    } else {
      expect(after.audit, `${label} was refused but wrote to the audit log`).toEqual(before.audit);
    }
    if (keyringBefore !== null) expect(JSON.stringify(keyringAccounts()), `${label} changed the keyring`).toBe(keyringBefore);
  }
  // A session call may have signed out, locked, or counted failures against the account: enter() puts that right.
}

const seedOf = (context: Context, name: CallName) => SEED + CONTEXTS.indexOf(context) * 1_000 + callNames.indexOf(name);

describe.each(CONTEXTS)('every call, %s', (context) => {
  it.each(callNames.map((name) => [name]))('%s: answers an envelope, never internal, and a refusal writes nothing', async (name) => {
    const seed = seedOf(context, name);
    await fc.assert(
      fc.asyncProperty(inputsFor(name), (input) => runOnce(context, name, input)),
      { seed, numRuns: RUNS, endOnFailure: true },
    );
  });
});

describe('after the fuzzing', () => {
  it('the desk still works, the audit chain is intact, and nothing leaked onto Object.prototype', async () => {
    await enter('administrator', { fresh: true });
    expectOk(await app.dispatch('beneficiaries.register', { fields: validFields() }));
    const verification = expectOk<{ intact: boolean }>(await app.dispatch('audit.verify', {}));
    expect(verification.intact).toBe(true);
    expect(app.loggedErrors).toEqual([]);
    expect(crashes).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(readFileSync(app.wasl.keyringPath, 'utf8'))).toMatchObject({ format: 'wasl-keyring' });
  });
});
