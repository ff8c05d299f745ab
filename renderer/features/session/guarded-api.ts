import { callNames, type Api, type CallName } from '../../../electron/api/contract';
import type { ErrorCode, Result } from '../../../electron/api/result';

/** Answers that mean the session changed under the screen: the gate must look again. */
const SESSION_CODES: ReadonlySet<ErrorCode> = new Set(['unauthenticated', 'locked', 'kiosk', 'password_change_required', 'restarted']);

/**
 * The api as screens use it: the same calls, but an answer saying the desk was locked or the session
 * ended (idle lock enforced by the app, an account disabled) tells the gate at once, so the lock
 * screen or the sign-in screen appears instead of a puzzling error.
 */
export function guardedApi(api: Api, onSessionChanged: () => void): Api {
  const guarded = {} as Record<CallName, (input: unknown) => Promise<Result<unknown>>>;
  for (const name of callNames) {
    const call = api[name] as (input: unknown) => Promise<Result<unknown>>;
    guarded[name] = async (input) => {
      const result = await call(input);
      if (!result.ok && SESSION_CODES.has(result.error.code)) onSessionChanged();
      return result;
    };
  }
  return guarded as unknown as Api;
}
