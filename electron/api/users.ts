import { z } from 'zod';
import { call } from './define';
import { givenPassword, newPassword, username } from './fields/password';
import { id, requiredText } from './fields/schemas';
import { ROLES, type Role } from './permissions';
import type { ApiError } from './result';

export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  mustChangePassword: boolean;
  /** Set while too many failed sign-ins keep the account locked. */
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export interface NewRecoveryKey {
  /** Shown once, to be printed or written down; Wasl keeps only what it wraps. */
  recoveryKey: string;
}

/** The steps of replacing the database key, in order; the screen's progress bar counts them. */
export const KEY_ROTATION_STEPS = ['backup', 'copy', 'encrypt', 'check', 'swap'] as const;
export type KeyRotationStep = (typeof KEY_ROTATION_STEPS)[number];

export interface KeyRotationJob {
  id: string;
  state: 'running' | 'done' | 'failed';
  /** The step under way (or where it stopped). */
  step: KeyRotationStep;
  /** Steps finished, of KEY_ROTATION_STEPS.length. */
  done: number;
  total: number;
  error: ApiError | null;
  /** Handed over once, by the first look at the finished job: the new recovery key is then forgotten. */
  result: KeyRotationResult | null;
}

export interface KeyRotationResult {
  /** Shown once, to be printed or written down. */
  recoveryKey: string;
  /** The other active accounts: their passwords no longer open anything until an administrator resets them. */
  accountsToReset: Array<{ id: string; username: string; displayName: string }>;
  /** Whether a checked backup (under the old key) was made first; false when no backup folder is chosen. */
  backedUpFirst: boolean;
}

const role = z.enum(ROLES, { error: 'validation.choice' });

export const usersCalls = {
  'users.list': call('users.manage', z.object({})).returns<UserAccount[]>(),
  'users.create': call(
    'users.manage',
    z.object({ username, displayName: requiredText(80), role, password: newPassword }),
  ).returns<UserAccount>(),
  'users.update': call(
    'users.manage',
    z.object({
      id,
      displayName: requiredText(80),
      role,
      active: z.boolean({ error: 'validation.choice' }),
      /** Needed to enable an account again: disabling it removed its key, so it gets a new password. */
      password: newPassword.optional(),
    }),
  ).returns<UserAccount>(),
  /** A temporary password the user must change at the next sign-in; also ends a lockout. */
  'users.resetPassword': call('users.manage', z.object({ id, password: newPassword })).returns<UserAccount>(),
  /**
   * Replaces the recovery key (when the printed one may have been seen or lost): the previous key no
   * longer opens the live data; backups made before still open with it. The administrator's own
   * password is asked again, since whoever holds the new key can read everything.
   */
  'users.replaceRecoveryKey': call('users.manage', z.object({ password: givenPassword })).returns<NewRecoveryKey>(),
  /**
   * Writes the database again under a new key (when the key itself may have leaked), as a job the
   * screen follows with `users.keyRotationStatus`. The administrator's own password is asked again;
   * every other account loses its key and must be given a temporary password afterwards.
   */
  'users.rotateDatabaseKey': call('users.manage', z.object({ password: givenPassword })).returns<KeyRotationJob>(),
  'users.keyRotationStatus': call('users.manage', z.object({ id })).returns<KeyRotationJob>(),
};
