import type { SessionState } from '../../api/session';
import { unwrapKey, wrapKey } from '../accounts/key-wrap';
import { accountBinding } from '../accounts/keyring';
import { AppError } from '../errors';
import { clearFailures, countFailure, refuseWhileLockedOut } from './lockout';
import { databaseKeyThroughOffice, keepAccountEntries } from './office-accounts';
import { sessionState } from './session-state';
import { endSession } from './sign-in';
import { policyOf, requireDatabase, requireKeyring, type DeskState, type Session } from './state';
import { auditSessionEvent, anchorAuditLog, writeHeldBackRefusals } from './trail';

// The lock screen: locking hides everything but keeps the session (and a half-filled form) for after
// the password; after the idle minutes of the policy the desk locks by itself.

/** Locks the screen at once (Ctrl+Shift+L); nothing to do when nobody is signed in or it is locked already. */
export async function lockNow(desk: DeskState): Promise<SessionState> {
  if (desk.session && !desk.session.locked) await lockSession(desk, desk.session, 'manual');
  return sessionState(desk);
}

/**
 * Locks a session that has shown no sign of life for the idle minutes, before its call runs. Not in
 * kiosk: the person answering may take their time, and the kiosk already hides everything else.
 */
export async function lockIfIdle(desk: DeskState, session: Session, now: Date): Promise<void> {
  if (!session.locked && !session.kiosk && now.getTime() - session.lastSeen > policyOf(desk).idleLockMinutes * 60_000) {
    await lockSession(desk, session, 'idle');
  }
}

export async function unlock(desk: DeskState, password: string): Promise<SessionState> {
  const session = desk.session;
  if (!session) throw new AppError('unauthenticated', 'session.signedOut');
  await confirmPassword(desk, session, password);
  session.locked = false;
  session.lastSeen = desk.now().getTime();
  await auditSessionEvent(desk, { action: 'session.unlocked', entityType: 'user', entityId: session.user.id }, session.user.id);
  return sessionState(desk);
}

/**
 * The signed-in user's password typed again to take the screen back (unlocking, leaving the kiosk):
 * a wrong one is counted as a failed sign-in is, and the last one allowed ends the session.
 */
export async function confirmPassword(desk: DeskState, session: Session, password: string): Promise<void> {
  const keyring = requireKeyring(desk);
  const own = keyring.accounts.find((candidate) => candidate.userId === session.user.id);
  // Its password set at another desk while the screen was locked: its wrap here went when the change
  // arrived (office-accounts.ts), and the new password opens through the office's key.
  const account = own ?? keyring.office?.accounts.find((candidate) => candidate.userId === session.user.id);
  if (!account) {
    // Disabled while the screen was locked.
    await endSession(desk);
    throw new AppError('sign_in_failed', 'session.signInFailed');
  }
  try {
    refuseWhileLockedOut(account, desk.now());
  } catch (error) {
    await endSession(desk);
    throw error;
  }
  const key = own
    ? await unwrapKey(own.wrap, password, accountBinding(keyring, own.userId))
    : await databaseKeyThroughOffice(keyring, account, password);
  if (key === null) {
    const lockedOut = await countFailure(desk, account.userId, account.username);
    if (!lockedOut) throw new AppError('sign_in_failed', 'session.wrongPassword');
    await endSession(desk);
    throw new AppError('account_locked', 'session.accountLocked', { minutes: policyOf(desk).lockoutMinutes });
  }
  clearFailures(desk, account.userId);
  if (!own) {
    // Its own wrap of this desk's key again, for the new password.
    const wrap = await wrapKey(requireDatabase(desk).key, password, accountBinding(keyring, account.userId), desk.keyDerivation);
    keepAccountEntries(desk.options.keyringPath, account.userId, { local: { userId: account.userId, username: account.username, wrap, failedAttempts: 0, lockedUntil: null } });
  }
}

async function lockSession(desk: DeskState, session: Session, reason: 'idle' | 'manual'): Promise<void> {
  session.locked = true;
  await writeHeldBackRefusals(desk, session.user.id);
  await auditSessionEvent(desk, { action: 'session.locked', entityType: 'user', entityId: session.user.id, summary: { reason } }, session.user.id);
  await anchorAuditLog(desk);
}
