import type Database from 'better-sqlite3-multiple-ciphers';

export function currentSchemaVersionOf(sqlite: Database.Database): number {
  const row = sqlite.prepare('SELECT max(version) AS version FROM schema_migrations').get() as
    | { version: number | null }
    | undefined;
  return row?.version ?? 0;
}
