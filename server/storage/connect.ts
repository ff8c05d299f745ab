import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { migrateServer } from './migrations';
import { pglitePool } from './pglite-pool';
import type { ServerSchema } from './schema';

export interface OfficeDatabaseOptions {
  /** `postgres://…`: a PostgreSQL server. Absent: the embedded PostgreSQL, kept in `dataDirectory`. */
  databaseUrl?: string;
  /** Where the embedded PostgreSQL keeps its files; null keeps them in memory (tests). */
  dataDirectory?: string | null;
}

export interface OfficeDatabase {
  db: Kysely<ServerSchema>;
  /** Which engine answers: a PostgreSQL server, or the embedded one. */
  engine: 'postgresql' | 'embedded';
  close(): Promise<void>;
}

/**
 * Opens the office's database, migrated: a PostgreSQL server when given its address, otherwise the
 * embedded PostgreSQL (PGlite: PostgreSQL compiled to WebAssembly) in the server's data folder, so
 * that a small office needs nothing else installed.
 */
export async function openOfficeDatabase(options: OfficeDatabaseOptions): Promise<OfficeDatabase> {
  const { db, engine } = options.databaseUrl ? await serverDialect(options.databaseUrl) : await embeddedDialect(options.dataDirectory ?? null);
  try {
    await migrateServer(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, engine, close: () => db.destroy() };
}

async function serverDialect(databaseUrl: string): Promise<{ db: Kysely<ServerSchema>; engine: 'postgresql' }> {
  const { Pool, types } = (await import('pg')).default;
  // bigint (server_seq) is read as text, not as a number that would lose digits past 2^53.
  types.setTypeParser(types.builtins.INT8, (text: string) => text);
  return { db: new Kysely<ServerSchema>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: databaseUrl, max: 10 }) }) }), engine: 'postgresql' };
}

async function embeddedDialect(dataDirectory: string | null): Promise<{ db: Kysely<ServerSchema>; engine: 'embedded' }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const database = dataDirectory === null ? new PGlite() : new PGlite(join(dataDirectory, 'postgres'));
  await database.waitReady;
  return { db: new Kysely<ServerSchema>({ dialect: new PostgresDialect({ pool: pglitePool(database) }) }), engine: 'embedded' };
}
