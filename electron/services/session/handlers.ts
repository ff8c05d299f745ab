import type { sessionCalls } from '../../api/session';
import type { AreaHandlers } from '../handlers';
import { changePassword } from './change-password';
import { enterKiosk, leaveKiosk } from './kiosk';
import { lockNow, unlock } from './lock';
import { sessionState } from './session-state';
import { setUp } from './setup';
import { recover, signIn, signOut } from './sign-in';
import { policyOf, type DeskState } from './state';

/** Runs session changes one at a time: each may take a quarter of a second of key derivation. */
export type Serially = <T>(work: () => Promise<T>) => Promise<T>;

/** The session's calls: answered whether or not a database is open. */
export function sessionHandlers(desk: DeskState, serially: Serially): AreaHandlers<typeof sessionCalls> {
  return {
    'session.state': async () => sessionState(desk),
    'session.setup': (input) => serially(() => setUp(desk, input)),
    'session.signIn': (input) => serially(() => signIn(desk, input.username, input.password)),
    'session.signOut': () => serially(() => signOut(desk)),
    'session.lock': () => serially(() => lockNow(desk)),
    'session.unlock': (input) => serially(() => unlock(desk, input.password)),
    'session.recover': (input) => serially(() => recover(desk, input)),
    'session.changePassword': (input, context) => serially(() => changePassword(desk, input, context)),
    'session.enterKiosk': (input, context) => serially(() => enterKiosk(desk, input, context)),
    'session.leaveKiosk': (input) => serially(() => leaveKiosk(desk, input.password)),
    'session.stillHere': async () => ({ idleLockMinutes: policyOf(desk).idleLockMinutes }),
  };
}
