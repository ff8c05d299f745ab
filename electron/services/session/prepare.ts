import type Database from 'better-sqlite3-multiple-ciphers';
import { asOpenError, checkReadable, DatabaseOpenError } from '../../../db/connection';
import { migrate, type MigrationReport } from '../../../db/migrate';
import { AppError } from '../errors';

/**
 * Makes the database file ready for the desk, before the desk's connection opens it: every page read
 * once (when it is small enough to do so at each opening) and the migrations this build has and the
 * file has not yet had, a re-index of every name among them when the folding rules change. It runs
 * in the jobs' upkeep thread (services/jobs/), so the core keeps answering meanwhile. A damaged file,
 * or one written by a newer Wasl, is refused as such and left exactly as it was found.
 */
export function prepareDatabase(sqlite: Database.Database, input: { fullCheck: boolean }): MigrationReport {
  try {
    if (input.fullCheck) checkReadable(sqlite);
    return migrate(sqlite);
  } catch (error) {
    throw databaseUnavailable(error);
  }
}

/**
 * A database file that cannot be opened (damaged, not this key, written by a newer Wasl), as the
 * refusal a person reads; anything else is left as it was thrown.
 */
export function databaseUnavailable(error: unknown): unknown {
  const reason = asOpenError(error);
  return reason instanceof DatabaseOpenError ? new AppError('database_unavailable', `database.${reason.reason}`) : error;
}
