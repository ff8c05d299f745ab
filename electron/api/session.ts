import { z } from 'zod';
import { call } from './define';
import { givenPassword, newPassword, username } from './fields/password';
import { id, requiredText } from './fields/schemas';
import type { Language } from './app';
import type { Permission, Role } from './permissions';

/**
 * Where the desk stands: `setup` before the first administrator exists, `signedOut`, `locked` (a
 * user is signed in but the screen hides everything until their password is typed again), `active`;
 * `unavailable` when the keyring went missing while Wasl ran (nothing can be opened or set up);
 * `kiosk` while a beneficiary answers a questionnaire on the screen: the desk answers nothing but the
 * questionnaire until the officer's password is typed.
 */
export type SessionStage = 'setup' | 'signedOut' | 'locked' | 'active' | 'kiosk' | 'unavailable';

/** The questionnaire on the screen, while the desk is in kiosk. */
export interface KioskState {
  offerId: string;
  /** Shown on a second monitor: the officer's own screen shows only that it is there. */
  secondScreen: boolean;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  language: Language;
  /** Set by an administrator's reset: the user chooses their own password before anything else. */
  mustChangePassword: boolean;
}

export interface SessionState {
  stage: SessionStage;
  associationName: string | null;
  /** The signed-in user, also while locked (the lock screen names who must unlock it). */
  user: SessionUser | null;
  permissions: Permission[];
  idleLockMinutes: number;
  /**
   * The desk's core stopped unexpectedly and was started again, so whoever was signed in must sign
   * in again (what they had saved is kept). The sign-in screen says so until someone signs in.
   */
  restarted: boolean;
  kiosk: KioskState | null;
}

export interface SetupResult {
  state: SessionState;
  /** Shown once, to be printed or written down; Wasl keeps only what it wraps. */
  recoveryKey: string;
}

const account = {
  username,
  displayName: requiredText(80),
};

export const sessionCalls = {
  'session.state': call('public', z.object({})).returns<SessionState>(),
  'session.setup': call(
    'public',
    z.object({ associationName: requiredText(120), ...account, password: newPassword }),
  ).returns<SetupResult>(),
  'session.signIn': call(
    'public',
    z.object({ username: z.string({ error: 'validation.text' }).max(64, { error: 'validation.tooLong' }), password: givenPassword }),
  ).returns<SessionState>(),
  'session.signOut': call('public', z.object({})).returns<SessionState>(),
  /** Locking is always allowed: a no-op when nobody is signed in. */
  'session.lock': call('public', z.object({})).returns<SessionState>(),
  'session.unlock': call('public', z.object({ password: givenPassword })).returns<SessionState>(),
  /** When every administrator is locked out: the recovery key sets a new password for an administrator. */
  'session.recover': call(
    'public',
    z.object({
      recoveryKey: z.string({ error: 'validation.text' }).max(100, { error: 'validation.tooLong' }),
      username: z.string({ error: 'validation.text' }).max(64, { error: 'validation.tooLong' }),
      newPassword,
    }),
  ).returns<SessionState>(),
  'session.changePassword': call('self', z.object({ currentPassword: givenPassword, newPassword })).returns<SessionState>(),
  /**
   * Hands the screen to the person to answer a waiting offer: from then on the desk refuses every call
   * but the kiosk's own, whichever window makes it, until `session.leaveKiosk`.
   */
  'session.enterKiosk': call('satisfaction.collect', z.object({ offerId: id, secondScreen: z.boolean({ error: 'validation.choice' }).default(false) })).returns<SessionState>(),
  /** Back to the officer's screen: their password, checked and counted as unlocking's is. */
  'session.leaveKiosk': call('self', z.object({ password: givenPassword })).returns<SessionState>(),
  /** Sent while the user is at the keyboard, so the desk does not lock under someone who is typing. */
  'session.stillHere': call('self', z.object({})).returns<{ idleLockMinutes: number }>(),
};
