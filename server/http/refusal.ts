import type { ApiError } from '../../electron/api/result';

/** A request the server refuses: the HTTP status it answers with, and the error the desk shows its user. */
export class OfficeRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.messageKey);
    this.name = 'OfficeRefusal';
  }
}
