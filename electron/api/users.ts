import { z } from 'zod';
import { call } from './define';
import { givenPassword, newPassword, username } from './fields/password';
import { id, requiredText } from './fields/schemas';
import { ROLES, type Role } from './permissions';

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
};
