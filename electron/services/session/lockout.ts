import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { readKeyring, updateKeyring, writeKeyring, type KeyringAccount, type PendingEvent } from '../accounts/keyring';
import { appendAudit, type AuditEvent } from '../audit/log';
import { AppError } from '../errors';
import { requireDatabase, requireKeyring, type DeskState } from './state';

// Failed sign-ins: counted per account in the keyring (so a lockout holds across restarts, even
// against the right password), and recorded in the audit log, or kept in the keyring until the
// database opens.

export function isLockedOut(account: KeyringAccount, now: Date): boolean {
  return account.lockedUntil !== null && account.lockedUntil > now.toISOString();
}

/**
 * At the lock screen only: the person is signed in already and their name is on the screen, so
 * saying the account is locked (and for how long) tells nothing about which names exist.
 */
export function refuseWhileLockedOut(account: KeyringAccount, now: Date): void {
  if (isLockedOut(account, now) && account.lockedUntil !== null) {
    const minutes = Math.ceil((new Date(account.lockedUntil).getTime() - now.getTime()) / 60_000);
    throw new AppError('account_locked', 'session.accountLocked', { minutes });
  }
}

/** Counts a wrong password; returns true when this failure locked the account. */
export async function countFailure(desk: DeskState, userId: string, username: string): Promise<boolean> {
  const now = desk.now();
  const { keyringPath } = desk.options;
  // Read, change and write in one synchronous step, so that nothing written to the keyring
  // meanwhile (a policy change, a password reset) is lost.
  const keyring = readKeyring(keyringPath);
  const { maxFailedAttempts, lockoutMinutes } = keyring.policy;
  let lockedOut = false;
  const counted = <Entry extends KeyringAccount>(account: Entry): Entry => {
    if (account.userId !== userId) return account;
    const failedAttempts = account.failedAttempts + 1;
    if (failedAttempts < maxFailedAttempts) return { ...account, failedAttempts };
    lockedOut = true;
    return { ...account, failedAttempts: 0, lockedUntil: new Date(now.getTime() + lockoutMinutes * 60_000).toISOString() };
  };
  // The account's own entry here, or else its entry of the office's accounts (services/session/office-accounts.ts).
  const ownEntry = keyring.accounts.some((account) => account.userId === userId);
  const accounts = ownEntry ? keyring.accounts.map(counted) : keyring.accounts;
  const office = !ownEntry && keyring.office ? { ...keyring.office, accounts: keyring.office.accounts.map(counted) } : keyring.office;
  const failure: PendingEvent = { at: now.toISOString(), action: 'session.signInFailed', username, userId };
  const events = lockedOut ? [failure, { ...failure, action: 'session.lockedOut' as const }] : [failure];
  const open = desk.database !== null;
  writeKeyring(keyringPath, {
    ...keyring,
    accounts,
    ...(office === undefined ? {} : { office }),
    pendingEvents: open ? keyring.pendingEvents : [...keyring.pendingEvents, ...events],
  });
  if (open) for (const event of events) await auditFailure(desk, event);
  return lockedOut;
}

export function clearFailures(desk: DeskState, userId: string): void {
  const cleared = <Entry extends KeyringAccount>(entry: Entry): Entry => (entry.userId === userId ? { ...entry, failedAttempts: 0, lockedUntil: null } : entry);
  updateKeyring(desk.options.keyringPath, (keyring) => ({
    ...keyring,
    accounts: keyring.accounts.map(cleared),
    ...(keyring.office ? { office: { ...keyring.office, accounts: keyring.office.accounts.map(cleared) } } : {}),
  }));
}

/**
 * A failed sign-in that matches no account (or a wrong recovery key): into the audit log when the
 * database is open, otherwise kept in the keyring until it is. What was typed is never kept: a
 * name that matches no account is often a password typed in the wrong field.
 */
export async function recordFailure(desk: DeskState, event: PendingEvent): Promise<void> {
  if (desk.database) {
    await auditFailure(desk, event);
    return;
  }
  const { keyringPath } = desk.options;
  const keyring = readKeyring(keyringPath);
  writeKeyring(keyringPath, { ...keyring, pendingEvents: [...keyring.pendingEvents, event] });
}

/** Failed sign-ins made while the database was closed join the audit log once it opens. */
export async function flushPendingEvents(desk: DeskState): Promise<void> {
  const keyring = requireKeyring(desk);
  if (keyring.pendingEvents.length === 0) return;
  const { keyringPath } = desk.options;
  const { db } = requireDatabase(desk).opened;
  await db.transaction().execute(async (trx) => {
    for (const event of keyring.pendingEvents) {
      await appendAudit(trx, { actorId: await existingUser(trx, event.userId), now: new Date(event.at) }, pendingToAudit(event));
    }
    writeKeyring(keyringPath, { ...readKeyring(keyringPath), pendingEvents: [] });
  });
}

async function auditFailure(desk: DeskState, event: PendingEvent): Promise<void> {
  const { db } = requireDatabase(desk).opened;
  await appendAudit(db, { actorId: await existingUser(db, event.userId), now: new Date(event.at) }, pendingToAudit(event));
}

function pendingToAudit(event: PendingEvent): AuditEvent {
  const summary = event.recoveryKey ? { recoveryKey: true } : event.username === null ? { unknownAccount: true } : { username: event.username };
  return { action: event.action, entityType: 'user', entityId: event.userId, summary };
}

/** The actor of a failure: the account's id when it is a real account, no actor otherwise. */
async function existingUser(db: Kysely<DatabaseSchema>, userId: string | null): Promise<string | null> {
  if (userId === null) return null;
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  return row ? row.id : null;
}
