import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';

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
}

/** The built-in account every action is recorded against until accounts exist (issue #3 replaces it). */
export const DESK_USER_ID = '00000000-0000-7000-8000-000000000001';

export const stamp = (context: CallContext) => {
  const at = context.now.toISOString();
  return { created_at: at, updated_at: at, created_by: context.actorId, updated_by: context.actorId };
};

export const restamp = (context: CallContext) => ({
  updated_at: context.now.toISOString(),
  updated_by: context.actorId,
});
