import type Database from 'better-sqlite3-multiple-ciphers';
import { DatabaseOpenError } from './connection';
import { currentSchemaVersionOf } from './version';
import { migrations as allMigrations, type Migration } from './migrations/index';

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings the database up to the newest schema this build knows. Each migration runs in its own
 * transaction and is recorded in `schema_migrations`; a database written by a newer Wasl is refused
 * before anything is changed.
 */
export function migrate(
  sqlite: Database.Database,
  migrations: readonly Migration[] = allMigrations,
  now: () => Date = () => new Date(),
): MigrationReport {
  refuseMisordered(migrations);
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const current = currentSchemaVersionOf(sqlite);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new DatabaseOpenError(
      'newer_version',
      `This database was written by a newer version of Wasl (schema ${current}; this version knows up to ${latest}). Install the newer version to open it.`,
    );
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    const remakesTables = 'run' in migration && migration.remakesTables === true;
    const run = sqlite.transaction(() => {
      if ('statements' in migration) for (const statement of migration.statements) sqlite.exec(statement);
      else migration.run(sqlite);
      if (remakesTables) refuseBrokenReferences(sqlite, migration);
      sqlite
        .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
        .run(migration.version, migration.name, now().toISOString());
    });
    // The pragma does nothing inside a transaction: it is set around it.
    const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
    if (remakesTables) sqlite.pragma('foreign_keys = OFF');
    try {
      run.immediate();
    } finally {
      if (remakesTables) sqlite.pragma(`foreign_keys = ${foreignKeys}`);
    }
    applied.push(`${migration.version}-${migration.name}`);
  }
  return { from: current, to: Math.max(current, latest), applied };
}

/** A table made again must leave every reference to and from it whole. */
function refuseBrokenReferences(sqlite: Database.Database, migration: Migration): void {
  const broken = sqlite.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new Error(`Migration '${migration.name}' left ${broken.length} broken references; nothing was changed.`);
}

/**
 * The list is numbered 1, 2, 3… in the order it runs: a version repeated, skipped or out of place would
 * run a change twice, or before what it builds on, on some database. A build with such a list never opens one.
 */
function refuseMisordered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const expected = (migrations[0]?.version ?? 1) + index;
    if (migration.version !== expected) {
      throw new Error(`Migration '${migration.name}' is numbered ${migration.version} where ${expected} belongs: the list must count up by one.`);
    }
  });
}

export const latestSchemaVersion = (): number => allMigrations.at(-1)?.version ?? 0;
