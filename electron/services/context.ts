import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import type { KeyringAccess } from './accounts/users';

/** Who is making a call, and when. Every row a call writes is stamped with these. */
export interface CallContext {
  actorId: string;
  now: Date;
}

/** What every service is built from: plain values, so services run and are tested without Electron. */
export interface ServiceDependencies {
  db: Kysely<DatabaseSchema>;
  sqlite: Database.Database;
  dataDirectory: string;
  appVersion: string;
  /** The keyring and the database key: managing accounts wraps the key for each new password. */
  keys: KeyringAccess;
}

/**
 * The built-in system account: it owns what Wasl does by itself (migrations, re-indexing, seeds) and
 * what was recorded before accounts existed. Nobody can sign in as it.
 */
export const SYSTEM_USER_ID = '00000000-0000-7000-8000-000000000001';

export const stamp = (context: CallContext) => {
  const at = context.now.toISOString();
  return { created_at: at, updated_at: at, created_by: context.actorId, updated_by: context.actorId };
};

export const restamp = (context: CallContext) => ({
  updated_at: context.now.toISOString(),
  updated_by: context.actorId,
});
