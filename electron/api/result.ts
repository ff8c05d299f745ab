/** Every api call answers with this envelope: a value, or an error a person can read. Never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'duplicate'
  | 'possible_duplicate'
  | 'version_conflict'
  | 'rule'
  | 'unknown_call'
  /** The caller is not the app's own window or page (the web host's token, the IPC sender check). */
  | 'unauthorized'
  /** Nobody is signed in. */
  | 'unauthenticated'
  /** The screen is locked: only unlocking (or signing out) is possible. */
  | 'locked'
  /** The screen is handed to a beneficiary answering a questionnaire: only the kiosk's own calls run. */
  | 'kiosk'
  /** The signed-in user's role does not have the call's permission. */
  | 'forbidden'
  /** An administrator's reset: the user must choose their own password first. */
  | 'password_change_required'
  | 'sign_in_failed'
  | 'account_locked'
  /** The database cannot be opened (damaged, missing, or a keyring that does not match it). */
  | 'database_unavailable'
  /** A backup could not be made or restored (folder missing or read-only, disk full, a damaged backup). */
  | 'backup_failed'
  /**
   * The desk's core stopped unexpectedly while the call was in flight and was started again: the
   * session ended, and whether this call was done is not known (what was acknowledged before is kept).
   */
  | 'restarted'
  | 'internal';

export interface FieldProblem {
  /** Dotted path of the field in the call's input, for example `phones.0`. */
  path: string;
  /** Key in the `errors` namespace of the locales. */
  messageKey: string;
}

export interface ApiError {
  code: ErrorCode;
  /** Key in the `errors` namespace of the locales. */
  messageKey: string;
  details?: { fields?: FieldProblem[] } & Record<string, unknown>;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ApiError): Result<never> => ({ ok: false, error });
