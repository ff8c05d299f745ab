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
  | 'unauthorized'
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
