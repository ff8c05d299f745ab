import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { CHAIN_GENESIS } from '../../electron/api/sync/witness';
import { chainHashOf } from '../sync/chain';
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
  {
    version: 4,
    up: async (db) => {
      // The numbers people see (letters, files, requests, complaints), one series per kind and year:
      // the next number the office hands out of each.
      await sql`CREATE TABLE number_series (series text PRIMARY KEY, next_number integer NOT NULL CHECK (next_number >= 1))`.execute(db);
      // Every block handed to a desk, so that any number of a series can be traced to the desk that held it.
      await sql`
        CREATE TABLE number_blocks (
          series text NOT NULL REFERENCES number_series (series),
          desk_id text NOT NULL REFERENCES desks (desk_id),
          first integer NOT NULL,
          last integer NOT NULL CHECK (last >= first),
          handed_at timestamptz NOT NULL,
          PRIMARY KEY (series, first)
        )`.execute(db);
    },
  },
  {
    version: 5,
    up: async (db) => {
      // Scans and other attachments, each sealed by the desk that filed it (the server cannot open
      // them), named by its attachment's id. A scan erased with its person leaves its bytes here
      // (`sealed` emptied) and keeps its row, forgotten, so that no desk can send it again.
      await sql`
        CREATE TABLE blobs (
          blob_id text PRIMARY KEY,
          sealed bytea NOT NULL,
          size integer NOT NULL CHECK (size >= 0),
          desk_id text NOT NULL REFERENCES desks (desk_id),
          stored_at timestamptz NOT NULL,
          forgotten_at timestamptz
        )`.execute(db);
    },
  },
  {
    version: 6,
    up: async (db) => {
      // The office's own chain over its operations, in their order: what it held before is chained now.
      await sql`ALTER TABLE operations ADD COLUMN chain_hash text`.execute(db);
      await chainHeldOperations(db);
      await sql`ALTER TABLE operations ALTER COLUMN chain_hash SET NOT NULL`.execute(db);
      // Each desk's audit chain as the desk sent it: the links only (place and hashes), never what an entry says.
      await sql`
        CREATE TABLE desk_audit_links (
          desk_id text NOT NULL REFERENCES desks (desk_id),
          seq bigint NOT NULL CHECK (seq >= 1),
          prev_hash text NOT NULL,
          hash text NOT NULL,
          received_at timestamptz NOT NULL,
          PRIMARY KEY (desk_id, seq)
        )`.execute(db);
      // A desk whose history was found cut or rewritten: recorded once, when and how, for every desk to be told.
      await sql`ALTER TABLE desks ADD COLUMN chain_broken_at timestamptz`.execute(db);
      await sql`ALTER TABLE desks ADD COLUMN chain_broken_reason text CHECK (chain_broken_reason IN ('rewritten', 'skipped', 'shortened'))`.execute(db);
      await sql`ALTER TABLE desks ADD COLUMN chain_broken_seq bigint`.execute(db);
    },
  },
  {
    version: 7,
    up: async (db) => {
      // What each desk said at its last round, for the administrators' desks list: the changes it
      // still holds unsent, and when its last round went through (its app version is `app_version`).
      await sql`ALTER TABLE desks ADD COLUMN pending integer CHECK (pending >= 0)`.execute(db);
      await sql`ALTER TABLE desks ADD COLUMN last_synced_at timestamptz`.execute(db);
    },
  },
  {
    version: 8,
    up: async (db) => {
      // The office's accounts: an id, a role and whether it is active (never a name or a password).
      await sql`CREATE TABLE accounts (
          user_id text PRIMARY KEY,
          role text NOT NULL CHECK (role IN ('officer', 'supervisor', 'administrator')),
          active boolean NOT NULL,
          changed_at timestamptz NOT NULL,
          changed_by text,
          changed_by_desk text NOT NULL
        )`.execute(db);
      // Every signing key the office ever took, an account's or a desk's: operations signed with an old key still verify.
      await sql`CREATE TABLE signing_keys (
          key_id text PRIMARY KEY,
          user_id text,
          desk_id text,
          public_key text NOT NULL,
          vouched_by text,
          registered_by_desk text NOT NULL,
          registered_at timestamptz NOT NULL,
          CHECK ((user_id IS NULL) <> (desk_id IS NULL))
        )`.execute(db);
      await sql`CREATE INDEX signing_keys_by_user ON signing_keys (user_id)`.execute(db);
      await sql`CREATE UNIQUE INDEX signing_keys_one_per_desk ON signing_keys (desk_id) WHERE desk_id IS NOT NULL`.execute(db);
      // Each desk sends the accounts it held before pairing once.
      await sql`ALTER TABLE desks ADD COLUMN accounts_joined_at timestamptz`.execute(db);
      // An operation's author's key and signature; those taken before this version carry none.
      await sql`ALTER TABLE operations ADD COLUMN key_id text`.execute(db);
      await sql`ALTER TABLE operations ADD COLUMN signature text`.execute(db);
      await sql`ALTER TABLE office ADD COLUMN unsigned_up_to bigint NOT NULL DEFAULT 0`.execute(db);
      await sql`UPDATE office SET unsigned_up_to = COALESCE((SELECT last_value FROM sequences WHERE name = 'operations'), 0)`.execute(db);
    },
  },
  {
    version: 9,
    up: async (db) => {
      // The office's record as an up-to-date desk held it at one place in the office's order, sealed
      // by that desk in chunks, for a new desk to start from instead of taking every operation one by
      // one (electron/services/sync/snapshot.ts). The server reads only where it stands and its size.
      await sql`
        CREATE TABLE snapshots (
          snapshot_id uuid PRIMARY KEY,
          desk_id text NOT NULL REFERENCES desks (desk_id),
          server_seq bigint NOT NULL CHECK (server_seq >= 1),
          chunk_count integer NOT NULL CHECK (chunk_count >= 1),
          manifest bytea,
          started_at timestamptz NOT NULL,
          completed_at timestamptz
        )`.execute(db);
      await sql`
        CREATE TABLE snapshot_chunks (
          snapshot_id uuid NOT NULL REFERENCES snapshots (snapshot_id) ON DELETE CASCADE,
          chunk integer NOT NULL CHECK (chunk >= 0),
          sealed bytea NOT NULL,
          PRIMARY KEY (snapshot_id, chunk)
        )`.execute(db);
    },
  },
];

/**
 * Chains the operations the office held before it kept a chain (version 6), from the first, in
 * their order, a page at a time: from then on each push chains its own (sync/operations.ts).
 */
export async function chainHeldOperations(db: Kysely<ServerSchema>): Promise<void> {
  let previous = CHAIN_GENESIS;
  for (let after = '0'; ; ) {
    const page = await sql<{ server_seq: string; op_id: string; payload: Uint8Array }>`
      SELECT server_seq, op_id, payload FROM operations WHERE server_seq > ${after} ORDER BY server_seq LIMIT 1000`.execute(db);
    if (page.rows.length === 0) return;
    const chained = page.rows.map((row) => {
      previous = chainHashOf(previous, Number(row.server_seq), row.op_id, row.payload);
      return sql`(${String(row.server_seq)}::bigint, ${previous})`;
    });
    // One statement per page, not one per operation: an office's record runs to millions of them.
    await sql`UPDATE operations SET chain_hash = chained.hash FROM (VALUES ${sql.join(chained)}) AS chained (server_seq, hash) WHERE operations.server_seq = chained.server_seq`.execute(db);
    after = String(page.rows.at(-1)!.server_seq);
  }
}

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
