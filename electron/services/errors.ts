import type { ApiError, ErrorCode } from '../api/result';

/**
 * A refusal the officer should read: thrown by a service, turned into the call's error result by the
 * dispatcher. Anything else thrown is a bug and is answered as `internal`, without details.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: string,
    readonly details?: ApiError['details'],
  ) {
    super(messageKey);
    this.name = 'AppError';
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, messageKey: this.messageKey }
      : { code: this.code, messageKey: this.messageKey, details: this.details };
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `notFound.${what}`);
