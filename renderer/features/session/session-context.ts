import { createContext, useContext } from 'react';
import type { Permission } from '../../../electron/api/permissions';
import type { SessionState } from '../../../electron/api/session';

export interface SessionActions {
  state: SessionState;
  /** Whether the signed-in user's role has this permission (screens hide what they cannot do). */
  can: (permission: Permission) => boolean;
  lock: () => Promise<void>;
  signOut: () => Promise<void>;
  /** Re-reads the session from the app, after a call reported that it changed. */
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<SessionActions | null>(null);

export function useSession(): SessionActions {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionGate>');
  return session;
}
