import type { ValidInput } from '../../api/contract';
import { isRole, type Role } from '../../api/permissions';
import type { SessionState } from '../../api/session';
import { unwrapKey, wrapKey } from '../accounts/key-wrap';
import { accountBinding, foldUsername, recoveryBinding, setKeyringAccount } from '../accounts/keyring';
import { normalizeRecoveryKey } from '../accounts/recovery-key';
import { refusePasswordLikeUsername } from '../accounts/users';
import { appendAudit } from '../audit/log';
import { SYSTEM_USER_ID } from '../context';
import { AppError } from '../errors';
import { clearFailures, countFailure, isLockedOut, recordFailure } from './lockout';
import { openWithKey } from './open';
import { sessionState } from './session-state';
import { requireDatabase, requireKeyring, type DeskState } from './state';
import { anchorAuditLog, auditSessionEvent, writeHeldBackRefusals } from './trail';

export async function signIn(desk: DeskState, typedUsername: string, password: string): Promise<SessionState> {
  const keyring = requireKeyring(desk);
  const username = foldUsername(typedUsername);
  const account = keyring.accounts.find((candidate) => candidate.username === username);
  const now = desk.now();
  if (!account) {
    // Same answer, and about the same time, as a wrong password: nothing tells which names exist.
    await unwrapKey(keyring.recovery, password, 'no-account');
    await recordFailure(desk, { at: now.toISOString(), action: 'session.signInFailed', username: null, userId: null });
    throw new AppError('sign_in_failed', 'session.signInFailed');
  }
  // Whoever has not signed in gets one answer to every failure, a lockout included: a different
  // answer would tell which names are accounts. The key is derived even for a locked account, so
  // the answer takes as long; the administrator's list of accounts shows which are locked.
  const key = await unwrapKey(account.wrap, password, accountBinding(keyring, account.userId));
  if (isLockedOut(account, now)) throw new AppError('sign_in_failed', 'session.signInFailed');
  if (key === null) {
    await countFailure(desk, account.userId, username);
    throw new AppError('sign_in_failed', 'session.signInFailed');
  }
  if (desk.session) await endSession(desk);
  await openWithKey(desk, key);
  clearFailures(desk, account.userId);
  await startSession(desk, account.userId, 'password');
  return sessionState(desk);
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
  const context = { actorId: user.id, now };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ active: 1, must_change_password: 0, updated_at: now.toISOString(), updated_by: user.id })
      .where('id', '=', user.id)
      .execute();
    await appendAudit(trx, context, { action: 'session.recovered', entityType: 'user', entityId: user.id, summary: { username } });
    setKeyringAccount(desk.options.keyringPath, user.id, { userId: user.id, username, wrap, failedAttempts: 0, lockedUntil: null });
  });
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
    // A wrap without a usable account (the row disabled by hand, say): treated as a wrong password.
    throw new AppError('sign_in_failed', 'session.signInFailed');
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
