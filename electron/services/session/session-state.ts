import { ROLE_PERMISSIONS } from '../../api/permissions';
import type { SessionState } from '../../api/session';
import { DEFAULT_POLICY } from '../accounts/keyring';
import { canSetUp } from './files';
import type { DeskState } from './state';

/** Where the desk stands, as the screen reads it (see SessionStage). */
export function sessionState(desk: DeskState): SessionState {
  const keyring = desk.keyring.current();
  const session = desk.session;
  return {
    stage: !session
      ? keyring !== null
        ? 'signedOut'
        : canSetUp(desk.options.databasePath)
          ? 'setup'
          : 'unavailable'
      : session.locked
        ? 'locked'
        : session.kiosk
          ? 'kiosk'
          : 'active',
    associationName: keyring?.associationName ?? null,
    user: session ? { ...session.user } : null,
    // Nothing is offered on a kiosk's screen: its own calls are all it may make.
    permissions: session && !session.locked && !session.kiosk ? [...ROLE_PERMISSIONS[session.user.role]] : [],
    idleLockMinutes: keyring?.policy.idleLockMinutes ?? DEFAULT_POLICY.idleLockMinutes,
    restarted: desk.restartNotice && !session,
    kiosk: session?.kiosk ? { ...session.kiosk } : null,
  };
}
