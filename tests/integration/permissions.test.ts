// Who may make which call, checked over the whole contract: every call, as every role, refused with
// 'forbidden' when the role lacks the call's permission, writing nothing but the record of the refusal
// (at most one a minute per person and call, never the input); 'unauthenticated' when
// nobody is signed in and 'locked' when the screen is locked. A new call cannot slip through: the
// walk is over the contract itself, and the set of calls anyone may make before signing in is pinned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { callNames, contract, isSessionCall, type CallName } from '../../electron/api/contract';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES, roleMay, type Permission, type Role } from '../../electron/api/permissions';
import type { BeneficiaryDetail } from '../../electron/api/beneficiaries';
import type { SessionState } from '../../electron/api/session';
import type { Result } from '../../electron/api/result';
import {
  ADMIN,
  auditEntries,
  expectError,
  expectOk,
  movableClock,
  openTestHost,
  openTestWaslWithStaff,
  snapshotDatabase,
  validFields,
  type StaffAccount,
  type StaffedTestWasl,
} from '../support/database';

let app: StaffedTestWasl<'officer' | 'supervisor'>;
let person: BeneficiaryDetail;

beforeAll(async () => {
  app = await openTestWaslWithStaff({ officer: 'officer', supervisor: 'supervisor' });
  person = expectOk<BeneficiaryDetail>(await app.dispatch('beneficiaries.register', { fields: validFields() }));
});

afterAll(async () => {
  await app?.cleanup();
});

const signInAsRole = (role: Role): Promise<SessionState> => app.signIn(role);

const snapshot = () => snapshotDatabase(app.databasePath, app.key);

/** Makes a call that must be refused, checks that nothing was written (but its record, see snapshotDatabase), and answers the refusal. */
async function refusedWithoutWriting(name: string, input: unknown) {
  const before = snapshot();
  const result: Result<unknown> = await app.dispatch(name, input);
  const error = expectError(result);
  expect(snapshot(), `${name} wrote to the database`).toEqual(before);
  return error;
}

const accessOf = (name: CallName) => contract[name].access;
const NON_PUBLIC = callNames.filter((name) => accessOf(name) !== 'public');
const forbiddenFor = (role: Role) => NON_PUBLIC.filter((name) => !roleMay(role, accessOf(name) as Permission));

/**
 * Inputs that would succeed for a role allowed to make the call: the refusal must come from the
 * permission, not from the input.
 */
function validInputs(): Partial<Record<CallName, unknown>> {
  const officer = app.accounts.officer;
  return {
    'users.list': {},
    'users.create': { username: 'would.be', displayName: 'مستخدم', role: 'administrator', password: 'a perfectly fine password' },
    'users.update': { id: officer.id, displayName: 'مدير جديد', role: 'administrator', active: true },
    'users.resetPassword': { id: app.accounts.administrator.id, password: 'a perfectly fine password' },
    'audit.list': { beneficiaryId: person.id },
    'audit.verify': {},
    'audit.export': {},
    'reports.figures': { from: '2025-06-08', to: '2025-06-12' },
  };
}

describe('the contract', () => {
  it('names a known permission, or public, for every call', () => {
    expect(callNames.length).toBeGreaterThan(0);
    for (const name of callNames) {
      const access = accessOf(name);
      expect(access === 'public' || (PERMISSIONS as readonly string[]).includes(access), `${name}: ${access}`).toBe(true);
    }
  });

  it('makes public exactly the session calls one makes before being signed in (not changing a password, not stillHere, not the kiosk)', () => {
    const publicCalls = callNames.filter((name) => accessOf(name) === 'public').toSorted();
    const signedIn = new Set(['session.changePassword', 'session.stillHere', 'session.enterKiosk', 'session.leaveKiosk']);
    const expected = callNames.filter((name) => isSessionCall(name) && !signedIn.has(name)).toSorted();
    expect(publicCalls).toEqual(expected);
    expect(publicCalls).toEqual([
      'session.lock',
      'session.recover',
      'session.setup',
      'session.signIn',
      'session.signOut',
      'session.state',
      'session.unlock',
    ]);
    expect(accessOf('session.changePassword')).toBe('self');
    // Handing the screen over is taking answers; taking it back needs only to be the one signed in.
    expect(accessOf('session.enterKiosk')).toBe('satisfaction.collect');
    expect(accessOf('session.leaveKiosk')).toBe('self');
    expect(accessOf('session.stillHere')).toBe('self');
  });

  it('gives every permission to some role, and every role the basic ones', () => {
    for (const permission of PERMISSIONS) {
      expect(ROLES.some((role) => roleMay(role, permission)), permission).toBe(true);
    }
    for (const role of ROLES) {
      expect(roleMay(role, 'self')).toBe(true);
      expect(roleMay(role, 'beneficiaries.view')).toBe(true);
    }
  });
});

describe('the permission table', () => {
  it('is as documented', () => {
    expect(ROLES).toEqual(['officer', 'supervisor', 'administrator']);
    expect([...ROLE_PERMISSIONS.officer].toSorted()).toEqual([
      'beneficiaries.edit',
      'beneficiaries.view',
      'complaints.handle',
      'contacts.log',
      'documents.read',
      'eligibility.decide',
      'enrolments.handle',
      'letters.register',
      'programs.view',
      'requests.handle',
      'satisfaction.collect',
      'self',
    ]);
    expect([...ROLE_PERMISSIONS.supervisor].toSorted()).toEqual([
      'audit.export',
      'audit.view',
      'beneficiaries.edit',
      'beneficiaries.exportPersonalData',
      'beneficiaries.view',
      'casework.assign',
      'complaints.handle',
      'conflicts.settle',
      'contacts.log',
      'documents.manage',
      'documents.read',
      'eligibility.decide',
      'enrolments.handle',
      'enrolments.supervise',
      'exports.create',
      'letters.register',
      'programs.manage',
      'programs.view',
      'queues.office',
      'reports.view',
      'requests.decide',
      'requests.handle',
      'satisfaction.collect',
      'satisfaction.office',
      'self',
      'suggestions.decide',
    ]);
    expect([...ROLE_PERMISSIONS.administrator].toSorted()).toEqual([...PERMISSIONS].toSorted());
  });

  it('keeps the audit trail and the accounts from officers, and the accounts from supervisors', () => {
    for (const permission of ['audit.view', 'audit.export', 'users.manage', 'beneficiaries.erase', 'settings.manage', 'catalog.manage', 'backups.manage', 'requests.decide', 'suggestions.decide', 'casework.assign', 'queues.office', 'reports.view', 'exports.create'] as const) {
      expect(roleMay('officer', permission), permission).toBe(false);
    }
    expect(roleMay('supervisor', 'audit.view')).toBe(true);
    expect(roleMay('supervisor', 'audit.export')).toBe(true);
    for (const permission of ['users.manage', 'beneficiaries.erase', 'settings.manage', 'catalog.manage', 'backups.manage'] as const) {
      expect(roleMay('supervisor', permission), permission).toBe(false);
    }
    for (const permission of PERMISSIONS) expect(roleMay('administrator', permission), permission).toBe(true);
    // Each role can do at least what the one below it can.
    for (const permission of ROLE_PERMISSIONS.officer) expect(roleMay('supervisor', permission)).toBe(true);
    for (const permission of ROLE_PERMISSIONS.supervisor) expect(roleMay('administrator', permission)).toBe(true);
  });

  it('forbids the audit and account calls to officers, the account calls to supervisors, nothing to administrators', () => {
    const named = (prefix: string) => callNames.filter((name) => name.startsWith(prefix));
    expect(named('users.').length).toBeGreaterThanOrEqual(4);
    expect(named('audit.').length).toBeGreaterThanOrEqual(3);
    expect(forbiddenFor('officer')).toEqual(expect.arrayContaining([...named('users.'), ...named('audit.')]));
    expect(forbiddenFor('supervisor')).toEqual(expect.arrayContaining(named('users.')));
    // Supervisors read, verify and export the log; setting aside the warning of a break in it is the administrator's.
    expect(forbiddenFor('supervisor').filter((name) => name.startsWith('audit.'))).toEqual(['audit.acknowledgeBreaks']);
    expect(forbiddenFor('administrator')).toEqual([]);
    // What an officer does all day stays open to every role.
    for (const role of ROLES) {
      for (const name of ['beneficiaries.register', 'beneficiaries.update', 'beneficiaries.get', 'search.beneficiaries', 'eligibility.record'] as const) {
        expect(forbiddenFor(role), `${name} as ${role}`).not.toContain(name);
      }
    }
  });
});

describe.each(ROLES)('signed in as %s', (role) => {
  beforeAll(async () => {
    const state = await signInAsRole(role);
    expect(state).toMatchObject({ stage: 'active', user: { role } });
    expect(state.permissions.toSorted()).toEqual([...ROLE_PERMISSIONS[role]].toSorted());
  });

  it('is refused every call the role lacks, with any input, and nothing is written but the record of the refusal', async () => {
    const inputs = validInputs();
    for (const name of forbiddenFor(role)) {
      for (const input of [{}, inputs[name] ?? {}, null, 'not an object']) {
        expect(await refusedWithoutWriting(name, input), `${name} as ${role}`).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
      }
    }
    // Still the same session: a refusal does not sign anyone out.
    expect(expectOk<SessionState>(await app.dispatch('session.state', {}))).toMatchObject({ stage: 'active', user: { role } });
  });

  it('reaches the service for every call the role has (an answer other than forbidden)', async () => {
    for (const name of NON_PUBLIC.filter((call) => roleMay(role, accessOf(call) as Permission))) {
      const result = await app.dispatch(name, {});
      if (!result.ok) {
        expect(['forbidden', 'unauthenticated', 'locked', 'password_change_required', 'internal'], `${name} as ${role}`).not.toContain(
          result.error.code,
        );
      }
    }
    expect(app.loggedErrors).toEqual([]);
  });

  it("answers 'locked' to every call but the public ones while the screen is locked, writing nothing", async () => {
    expect(expectOk<SessionState>(await app.dispatch('session.lock', {})).stage).toBe('locked');
    for (const name of NON_PUBLIC) {
      expect(await refusedWithoutWriting(name, {}), `${name} as ${role}`).toEqual({ code: 'locked', messageKey: 'session.locked' });
    }
    for (const [name, input] of Object.entries(validInputs())) {
      expect(await refusedWithoutWriting(name, input), `${name} as ${role}`).toMatchObject({ code: 'locked' });
    }
    const account = app.accounts[role];
    expect(expectOk<SessionState>(await app.dispatch('session.unlock', { password: account.password })).stage).toBe('active');
  });
});

describe('signed out', () => {
  it("answers 'unauthenticated' to every call but the public ones, writing nothing", async () => {
    await signInAsRole('officer');
    expect(expectOk<SessionState>(await app.dispatch('session.signOut', {})).stage).toBe('signedOut');
    for (const name of NON_PUBLIC) {
      expect(await refusedWithoutWriting(name, {}), name).toEqual({ code: 'unauthenticated', messageKey: 'session.signedOut' });
    }
    for (const [name, input] of Object.entries(validInputs())) {
      expect(await refusedWithoutWriting(name, input), name).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it("answers 'unauthenticated' on a desk just started, before the database is open", async () => {
    const host = openTestHost(app.dir);
    try {
      for (const name of NON_PUBLIC) {
        expect(await refusedWithoutWriting(name, {}), name).toEqual({ code: 'unauthenticated', messageKey: 'session.signedOut' });
      }
      expect(host.loggedErrors).toEqual([]);
    } finally {
      await host.wasl.close();
    }
  });
});

describe('a change of role', () => {
  it('applies from the next call, without signing in again', async () => {
    const supervisor = app.accounts.supervisor;
    // The supervisor works at a second desk on the same data.
    const desk = openTestHost(app.dir);
    try {
      expectOk(await desk.wasl.dispatch('session.signIn', { username: supervisor.username, password: supervisor.password }));
      expectOk(await desk.wasl.dispatch('audit.list', {}));

      await signInAsRole('administrator');
      expectOk(await app.dispatch('users.update', { id: supervisor.id, displayName: 'مشرف سابق', role: 'officer', active: true }));
      expect(expectError(await desk.wasl.dispatch('audit.list', {}))).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
      expectOk(await desk.wasl.dispatch('beneficiaries.stats', {}));

      expectOk(await app.dispatch('users.update', { id: supervisor.id, displayName: 'مشرف', role: 'supervisor', active: true }));
      expectOk(await desk.wasl.dispatch('audit.list', {}));
    } finally {
      await desk.wasl.close();
    }
  });
});

describe('a refused call', () => {
  const time = movableClock();
  let desk: StaffedTestWasl<'officer'>;
  let officer: StaffAccount;

  /** What an attacker would type into the forms: none of it may reach the log. */
  const TYPED = { id: '01JTYPEDBYANATTACKER00000', username: 'would.be.admin', password: 'a secret pass phrase typed', displayName: 'اسم سري', role: 'administrator', name: 'backup-secret.wasl' };

  beforeAll(async () => {
    desk = await openTestWaslWithStaff({ officer: 'officer' }, { clock: time.clock });
    officer = desk.accounts.officer;
    expectOk(await desk.dispatch('session.signOut', {}));
  });

  afterAll(async () => {
    await desk?.cleanup();
  });

  const signInDesk = async (username: string, password: string) =>
    expectOk<SessionState>(await desk.dispatch('session.signIn', { username, password }));
  const signOutDesk = async () => expectOk<SessionState>(await desk.dispatch('session.signOut', {}));

  /** The refusals recorded so far, read from the file (reading them through the app would end the session). */
  function refusalsInLog(): Array<{ actorId: string | null; summary: Record<string, unknown>; text: string }> {
    const opened = openDatabase(desk.databasePath, { key: desk.key, readonly: true });
    try {
      const rows = opened.sqlite
        .prepare(`SELECT * FROM audit_log WHERE action = 'call.refused' ORDER BY seq`)
        .all() as Array<{ actor_id: string | null; summary: string }>;
      return rows.map((row) => ({ actorId: row.actor_id, summary: JSON.parse(row.summary) as Record<string, unknown>, text: JSON.stringify(row) }));
    } finally {
      opened.sqlite.close();
    }
  }

  it('leaves a trace of every forbidden attempt (who, which call, when), never what was typed', async () => {
    const before = refusalsInLog().length;
    await signInDesk(officer.username, officer.password);
    const attempted = forbiddenFor('officer');
    expect(attempted.length).toBeGreaterThanOrEqual(23);
    expect(attempted).toEqual(expect.arrayContaining(['users.create', 'users.resetPassword', 'beneficiaries.erase', 'backups.restore']));
    for (const name of attempted) {
      expect(expectError(await desk.dispatch(name, TYPED)), name).toEqual({ code: 'forbidden', messageKey: 'forbidden' });
    }
    await signOutDesk();

    const recorded = refusalsInLog().slice(before);
    expect(recorded.map((entry) => entry.summary.call).toSorted()).toEqual([...attempted].toSorted());
    for (const entry of recorded) {
      expect(entry.actorId).toBe(officer.id);
      expect(entry.summary).toEqual({ call: entry.summary.call, code: 'forbidden', reason: 'forbidden', count: 1 });
      for (const value of Object.values(TYPED)) expect(entry.text).not.toContain(value);
    }
    // The administrator reads them in the log, by person.
    await signInDesk(ADMIN.username, ADMIN.password);
    const listed = await auditEntries(desk.dispatch, { action: 'call.refused', actorId: officer.id });
    expect(listed.length).toBeGreaterThanOrEqual(attempted.length);
    expect(expectOk<{ intact: boolean }>(await desk.dispatch('audit.verify', {})).intact).toBe(true);
    await signOutDesk();
  });

  it('writes one entry a minute at most for a call refused in a loop, with the count of the refusals it stands for', async () => {
    const before = refusalsInLog().length;
    await signInDesk(officer.username, officer.password);
    for (let attempt = 1; attempt <= 50; attempt += 1) expectError(await desk.dispatch('users.create', TYPED));
    expect(refusalsInLog().slice(before).map((entry) => entry.summary.count)).toEqual([1]);

    time.advanceMinutes(1.01);
    expectError(await desk.dispatch('users.create', TYPED));
    for (let attempt = 1; attempt <= 9; attempt += 1) expectError(await desk.dispatch('users.create', TYPED));
    const afterAMinute = refusalsInLog().slice(before);
    expect(afterAMinute.map((entry) => entry.summary.count)).toEqual([1, 50]);
    expect(afterAMinute[1]?.summary.since).toEqual(expect.any(String));

    // What was held back is written when the session ends: every refusal is counted once.
    await signOutDesk();
    const recorded = refusalsInLog().slice(before);
    expect(recorded.map((entry) => entry.summary.count)).toEqual([1, 50, 9]);
    expect(recorded.every((entry) => entry.summary.call === 'users.create' && entry.actorId === officer.id)).toBe(true);
  });

  it('cannot be made to flood the log by a loop over every forbidden call', async () => {
    const before = refusalsInLog().length;
    await signInDesk(officer.username, officer.password);
    const names = forbiddenFor('officer');
    for (let round = 1; round <= 20; round += 1) {
      for (const name of names) expectError(await desk.dispatch(name, {}));
    }
    // Each call's first refusal at once, none held back by the others; the repeats are counted.
    expect(refusalsInLog().slice(before).map((entry) => entry.summary.call)).toEqual(names);
    // A minute later, a few entries a minute for one person, whatever the calls.
    time.advanceMinutes(1.01);
    for (const name of names) expectError(await desk.dispatch(name, {}));
    expect(refusalsInLog().length - before - names.length).toBeLessThanOrEqual(10);
    await signOutDesk();
    const recorded = refusalsInLog().slice(before);
    expect(recorded.length).toBeLessThanOrEqual(10 + 2 * names.length);
    expect(new Set(recorded.map((entry) => entry.summary.call))).toEqual(new Set(names));
    expect(recorded.reduce((total, entry) => total + Number(entry.summary.count), 0)).toBe(21 * names.length);
  });

  it('records a change refused by a rule, but not a typing mistake', async () => {
    const before = refusalsInLog().length;
    await signInDesk(ADMIN.username, ADMIN.password);
    const ownAccess = expectError(await desk.dispatch('users.update', { id: desk.adminId, displayName: 'مدير', role: 'officer', active: true }));
    expect(ownAccess).toEqual({ code: 'rule', messageKey: 'users.cannotChangeOwnAccess' });
    expect(expectError(await desk.dispatch('users.create', { username: 'x', displayName: '', role: 'officer', password: 'short' })).code).toBe('validation');
    const recorded = refusalsInLog().slice(before);
    expect(recorded.map((entry) => entry.summary)).toEqual([{ call: 'users.update', code: 'rule', reason: 'users.cannotChangeOwnAccess', count: 1 }]);
    expect(recorded[0]?.actorId).toBe(desk.adminId);
    await signOutDesk();
  });
});
