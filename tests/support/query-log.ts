import type Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';

/**
 * A Kysely over an open connection that keeps every statement it runs, for tests that read each
 * statement's query plan (EXPLAIN QUERY PLAN) to show that it goes through an index.
 */
export function recordingDatabase(sqlite: Database.Database): { db: Kysely<DatabaseSchema>; queries: CompiledQuery[] } {
  const queries: CompiledQuery[] = [];
  const db = new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });
  return { db, queries };
}

/** The lines of SQLite's query plan for one recorded statement (EXPLAIN QUERY PLAN's `detail` column). */
export function queryPlan(sqlite: Database.Database, query: CompiledQuery): string[] {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>;
  return rows.map((row) => row.detail);
}

/** The indexes a plan's lines name. */
export const indexesIn = (details: readonly string[]): string[] => details.flatMap((detail) => [...detail.matchAll(/INDEX (\w+)/g)].map((match) => match[1]!));
