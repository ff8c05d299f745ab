import type { ValidInput } from '../../api/contract';
import { isRole, type Role } from '../../api/permissions';
import type { SessionState } from '../../api/session';
import { unwrapKey, wrapKey } from '../accounts/key-wrap';
import { accountBinding, foldUsername, recoveryBinding, type KeyringAccount } from '../accounts/keyring';
import { normalizeRecoveryKey } from '../accounts/recovery-key';
import { refusePasswordLikeUsername } from '../accounts/users';
import { appendAudit } from '../audit/log';
import { SYSTEM_USER_ID } from '../context';
import { AppError } from '../errors';
import { clearFailures, countFailure, isLockedOut, recordFailure } from './lockout';
import { databaseKeyThroughOffice, keepAccountEntries, wrapOfficeKeyFor, type AccountEntries } from './office-accounts';
import { openWithKey } from './open';
import { sessionState } from './session-state';
import { requireDatabase, requireKeyring, type DeskState } from './state';
import { anchorAuditLog, auditSessionEvent, writeHeldBackRefusals } from './trail';
import { newAccountSigningKey, unlockSigningKey } from '../sync/signing';

export async function signIn(desk: DeskState, typedUsername: string, password: string): Promise<SessionState> {
  const keyring = requireKeyring(desk);
  const username = foldUsername(typedUsername);
  const account = keyring.accounts.find((candidate) => candidate.username === username);
  // An account of the office with no wrap of this desk's own yet signs in through the office's key.
  const officeAccount = account === undefined ? keyring.office?.accounts.find((candidate) => candidate.username === username) : undefined;
  const now = desk.now();
  const entry = account ?? officeAccount;
  if (entry === undefined) {
    // Same answer, and about the same time, as a wrong password: nothing tells which names exist.
    await unwrapKey(keyring.recovery, password, 'no-account');
    await recordFailure(desk, { at: now.toISOString(), action: 'session.signInFailed', username: null, userId: null });
    throw signInFailed(desk);
  }
  // Whoever has not signed in gets one answer to every failure, a lockout included: a different
  // answer would tell which names are accounts. The key is derived even for a locked account, so
  // the answer takes as long; the administrator's list of accounts shows which are locked.
  const key = account
    ? await unwrapKey(account.wrap, password, accountBinding(keyring, account.userId))
    : await databaseKeyThroughOffice(keyring, entry, password);
  if (isLockedOut(entry, now)) throw signInFailed(desk);
  if (key === null) {
    await countFailure(desk, entry.userId, username);
    throw signInFailed(desk);
  }
  if (desk.session) await endSession(desk);
  await openWithKey(desk, key);
  clearFailures(desk, entry.userId);
  await startSession(desk, entry.userId, 'password');
  await afterPasswordSignIn(desk, entry, password, { throughOffice: account === undefined });
  return sessionState(desk);
}

/**
 * What a sign-in with the password does beyond opening the session. An account that came in through
 * the office's key gets its own wrap of this desk's key, so that its next sign-in here needs nothing
 * but its password; on a paired desk, an account whose password wraps no office key yet (one set
 * before the desk was paired) gets that wrap, so that it signs in at the office's other desks too.
 */
async function afterPasswordSignIn(desk: DeskState, entry: KeyringAccount, password: string, how: { throughOffice: boolean }): Promise<void> {
  const database = requireDatabase(desk);
  const { db } = database.opened;
  const { userId, username } = entry;
  const change: AccountEntries = {};
  if (how.throughOffice) {
    const wrap = await wrapKey(database.key, password, accountBinding(requireKeyring(desk), userId), desk.keyDerivation);
    change.local = { userId, username, wrap, failedAttempts: 0, lockedUntil: null };
  }
  const row = await db.selectFrom('users').select('office_key_wrap').where('id', '=', userId).executeTakeFirstOrThrow();
  const made = row.office_key_wrap === null ? await wrapOfficeKeyFor(db, userId, password, desk.keyDerivation) : null;
  if (made !== null) change.office = { made, username, databaseKey: database.key };
  if (change.local !== undefined || made !== null) {
    await db.transaction().execute(async (trx) => {
      if (made !== null) {
        await trx.updateTable('users').set({ office_key_wrap: made.column, updated_at: desk.now().toISOString(), updated_by: userId }).where('id', '=', userId).execute();
      }
      // The keyring last, inside the transaction: if writing it fails, the row is rolled back.
      keepAccountEntries(desk.options.keyringPath, userId, change);
    });
  }
  // The account's signing key, wrapped by the same password: open for what it does here (services/sync/signing.ts).
  await unlockSigningKey(db, desk.signingKeys, userId, password, desk.keyDerivation);
}

/**
 * The one answer to every failed sign-in. On a paired desk it also says that an account made, or a
 * password set, at another desk is known here only once this desk has received it from the office:
 * said to everyone alike, it tells nothing about which names are accounts.
 */
function signInFailed(desk: DeskState): AppError {
  return new AppError('sign_in_failed', desk.keyring.current()?.office ? 'session.signInFailedPaired' : 'session.signInFailed');
}

export async function signOut(desk: DeskState): Promise<SessionState> {
  await endSession(desk);
  return sessionState(desk);
}

export async function recover(desk: DeskState, input: ValidInput<'session.recover'>): Promise<SessionState> {
  const keyring = requireKeyring(desk);
  const normalized = normalizeRecoveryKey(input.recoveryKey);
  const key = normalized === null ? null : await unwrapKey(keyring.recovery, normalized, recoveryBinding(keyring));
  const now = desk.now();
  if (key === null) {
    await recordFailure(desk, { at: now.toISOString(), action: 'session.signInFailed', username: null, userId: null, recoveryKey: true });
    throw new AppError('sign_in_failed', 'session.recoveryFailed');
  }
  // Opening the database signs nobody in; whoever is signed in stays so until the recovery is sure.
  await openWithKey(desk, key);
  const username = foldUsername(input.username);
  const { db } = requireDatabase(desk).opened;
  const user = await db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user || user.role !== 'administrator') throw new AppError('rule', 'session.recoveryNeedsAdministrator');
  refusePasswordLikeUsername(input.newPassword, username, 'newPassword');
  if (desk.session) await endSession(desk);
  const wrap = await wrapKey(key, input.newPassword, accountBinding(keyring, user.id), desk.keyDerivation);
  // On a paired desk the new password is the account's at every desk: it wraps the office's key too.
  const made = await wrapOfficeKeyFor(db, user.id, input.newPassword, desk.keyDerivation);
  // The account's signing key was wrapped by the forgotten password: a new one, which the office takes
  // only once another administrator vouches for it (by resetting this password); until then what this
  // administrator does here waits, refused (services/sync/signing.ts).
  const signing = await newAccountSigningKey(user.id, input.newPassword, desk.keyDerivation);
  const context = { actorId: user.id, now };
  desk.actingFor = user.id;
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          active: 1,
          must_change_password: 0,
          updated_at: now.toISOString(),
          updated_by: user.id,
          signing_key: signing.kept,
          ...(made === null ? {} : { office_key_wrap: made.column }),
        })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(trx, context, { action: 'session.recovered', entityType: 'user', entityId: user.id, summary: { username } });
      keepAccountEntries(desk.options.keyringPath, user.id, {
        local: { userId: user.id, username, wrap, failedAttempts: 0, lockedUntil: null },
        ...(made === null ? {} : { office: { made, username, databaseKey: key } }),
      });
    });
  } finally {
    desk.actingFor = null;
  }
  desk.signingKeys.hold(user.id, signing.key);
  await startSession(desk, user.id, 'recoveryKey');
  return sessionState(desk);
}

/**
 * Opens the database with the recovery key for the association's own tools (the command-line
 * report, scheduled by an administrator): nobody signs in, and what the tool does is done as the
 * system account. The opening is recorded; a wrong key is recorded like a failed sign-in.
 */
export async function openWithRecoveryKey(desk: DeskState, recoveryKey: string): Promise<void> {
  const keyring = requireKeyring(desk);
  const normalized = normalizeRecoveryKey(recoveryKey);
  const key = normalized === null ? null : await unwrapKey(keyring.recovery, normalized, recoveryBinding(keyring));
  if (key === null) {
    await recordFailure(desk, { at: desk.now().toISOString(), action: 'session.signInFailed', username: null, userId: null, recoveryKey: true });
    throw new AppError('sign_in_failed', 'session.recoveryFailed');
  }
  await openWithKey(desk, key);
  await auditSessionEvent(desk, { action: 'session.openedWithRecoveryKey' }, SYSTEM_USER_ID);
}

export async function startSession(desk: DeskState, userId: string, how: 'password' | 'recoveryKey' | 'setup'): Promise<void> {
  const { db } = requireDatabase(desk).opened;
  const row = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'active', 'language', 'must_change_password'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row || row.active !== 1 || !isRole(row.role)) {
    // A wrap without a usable account (the row disabled by hand, or at another desk): treated as a wrong password.
    throw signInFailed(desk);
  }
  const now = desk.now();
  await db.updateTable('users').set({ last_sign_in_at: now.toISOString() }).where('id', '=', userId).execute();
  desk.restartNotice = false;
  desk.session = {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role as Role,
      language: row.language,
      mustChangePassword: row.must_change_password === 1,
    },
    locked: false,
    lastSeen: now.getTime(),
    kiosk: null,
  };
  await auditSessionEvent(desk, { action: 'session.signedIn', entityType: 'user', entityId: userId, summary: { how } }, userId);
  await anchorAuditLog(desk);
}

export async function endSession(desk: DeskState): Promise<void> {
  const session = desk.session;
  desk.session = null;
  if (session && desk.database) {
    await writeHeldBackRefusals(desk, session.user.id);
    await auditSessionEvent(desk, { action: 'session.signedOut', entityType: 'user', entityId: session.user.id }, session.user.id);
    await anchorAuditLog(desk);
  }
}
