import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * PGlite as the pool Kysely's PostgreSQL dialect expects. PGlite is one connection: a client is
 * handed out only once the previous one is released, so two transactions never interleave on it.
 */
export function pglitePool(database: PGlite): PostgresPool {
  let queue: Promise<void> = Promise.resolve();

  const client = (release: () => void): PostgresPoolClient => ({
    query: (async (sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<unknown>> => {
      const result = await database.query(sql, [...parameters]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0, command: commandOf(sql) };
    }) as PostgresPoolClient['query'],
    release,
  });

  return {
    connect: () =>
      new Promise<PostgresPoolClient>((resolve) => {
        queue = queue.then(
          () =>
            new Promise<void>((released) => {
              resolve(client(released));
            }),
        );
      }),
    end: () => database.close(),
  };
}

/** The statement's kind, which Kysely reads to report the rows an insert, update or delete touched. */
function commandOf(sql: string): PostgresQueryResult<unknown>['command'] {
  const keyword = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  return keyword === 'INSERT' || keyword === 'UPDATE' || keyword === 'DELETE' || keyword === 'MERGE' ? keyword : 'SELECT';
}
