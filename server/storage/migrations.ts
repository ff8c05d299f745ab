import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ServerSchema } from './schema';

/** The server's schema, one step per version, in order. Each runs in the transaction that records it. */
const MIGRATIONS: ReadonlyArray<{ version: number; up: (db: Kysely<ServerSchema>) => Promise<void> }> = [
  {
    version: 1,
    up: async (db) => {
      await sql`
        CREATE TABLE operations (
          server_seq bigint PRIMARY KEY,
          op_id uuid NOT NULL UNIQUE,
          desk_id text NOT NULL CHECK (desk_id ~ '^[0-9a-f]{16}$'),
          user_id uuid NOT NULL,
          hlc text NOT NULL,
          entity text NOT NULL,
          row_id text NOT NULL,
          action text NOT NULL,
          base_hlc text,
          payload bytea NOT NULL,
          received_at timestamptz NOT NULL DEFAULT now()
        )`.execute(db);
      await sql`CREATE INDEX operations_by_row ON operations (entity, row_id, server_seq)`.execute(db);
      await sql`CREATE TABLE sequences (name text PRIMARY KEY, last_value bigint NOT NULL)`.execute(db);
      await sql`INSERT INTO sequences (name, last_value) VALUES ('operations', 0)`.execute(db);
    },
  },
  {
    version: 2,
    up: async (db) => {
      // The office itself: its id, made once, which every desk paired with it keeps.
      await sql`
        CREATE TABLE office (
          singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
          office_id uuid NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now()
        )`.execute(db);
      await sql`INSERT INTO office (office_id) VALUES (${randomUUID()})`.execute(db);
      // The desks paired with the office. A desk proves itself with a secret the server keeps only the hash of.
      await sql`
        CREATE TABLE desks (
          desk_id text PRIMARY KEY CHECK (desk_id ~ '^[0-9a-f]{16}$'),
          name text NOT NULL,
          credential_hash bytea NOT NULL UNIQUE,
          app_version text NOT NULL,
          paired_at timestamptz NOT NULL,
          last_seen_at timestamptz,
          revoked_at timestamptz
        )`.execute(db);
      // One-time pairing codes, kept as hashes: a code read from this table pairs nothing.
      await sql`
        CREATE TABLE pairing_codes (
          code_hash bytea PRIMARY KEY,
          created_at timestamptz NOT NULL,
          expires_at timestamptz NOT NULL,
          used_at timestamptz,
          used_by_desk text REFERENCES desks (desk_id)
        )`.execute(db);
    },
  },
  {
    version: 3,
    up: async (db) => {
      // What proves a desk holds the office's key (an HMAC under it): set once, by the desk that made the key.
      await sql`ALTER TABLE office ADD COLUMN key_check text`.execute(db);
      // A code made on a paired desk carries the office's key, wrapped by the code, which the server never learns.
      await sql`ALTER TABLE pairing_codes ADD COLUMN key_wrap text`.execute(db);
      await sql`ALTER TABLE pairing_codes ADD COLUMN made_by_desk text REFERENCES desks (desk_id)`.execute(db);
    },
  },
];

export const LATEST_SERVER_SCHEMA = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Brings the server's database to the latest schema. Two servers starting on one database at once
 * (an administrator's mistake) wait for each other: the first migrates, the second finds it done.
 */
export async function migrateServer(db: Kysely<ServerSchema>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS server_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  await db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE server_schema_migrations IN EXCLUSIVE MODE`.execute(trx);
    const applied = await trx.selectFrom('server_schema_migrations').select(({ fn }) => fn.max('version').as('version')).executeTakeFirst();
    const current = Number(applied?.version ?? 0);
    if (current > LATEST_SERVER_SCHEMA) throw new Error(`the server's database is of a newer version (${current}) than this server (${LATEST_SERVER_SCHEMA})`);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      await migration.up(trx);
      await trx.insertInto('server_schema_migrations').values({ version: migration.version }).execute();
    }
  });
}
