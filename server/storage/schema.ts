import type { Generated } from 'kysely';

/**
 * The office server's tables (PostgreSQL). The operations are the office's one record: every desk's
 * writes, in the order the server gave them. Their payloads are sealed with the office's data key,
 * which the server never holds; what it reads in clear is only what it needs to order and check them.
 */
export interface OperationsTable {
  /** The office's order: every desk applies the operations in this order. */
  server_seq: string;
  /** The operation's own id (UUIDv7), made by the desk: a push sent twice is taken once. */
  op_id: string;
  desk_id: string;
  user_id: string;
  /** The hybrid logical clock time the desk gave it. */
  hlc: string;
  /** What it changes: the table, the row, and how (insert, update, delete…). */
  entity: string;
  row_id: string;
  action: string;
  /** The version of the row the writer saw (the HLC of its last change), when it changed one. */
  base_hlc: string | null;
  /** AES-256-GCM under the office's data key: the server stores it and hands it out, never reads it. */
  payload: Buffer;
  received_at: Generated<Date>;
  /** The office's chain at this operation (server/sync/chain.ts), given in the push's transaction, in `server_seq` order. */
  chain_hash: string;
  /** The author's signing key and the operation's Ed25519 signature; null for those taken before signatures were checked. */
  key_id: string | null;
  signature: string | null;
}

/** The next `server_seq`, in a row of its own: a push takes it under a lock, so pulls never skip one. */
export interface SequenceTable {
  name: string;
  last_value: string;
}

export interface ServerSchemaMigrationsTable {
  version: number;
  applied_at: Generated<Date>;
}

export interface OfficeTable {
  singleton: Generated<boolean>;
  office_id: string;
  created_at: Generated<Date>;
  /** HMAC-SHA256 of a fixed text under the office's key, base64url: null until the first desk made the key. */
  key_check: string | null;
  /** The last operation taken before the office checked signatures: those carry none. */
  unsigned_up_to: Generated<string>;
}

/** A desk paired with the office: its name, the hash of the secret it proves itself with, and whether it was revoked. */
export interface DesksTable {
  desk_id: string;
  name: string;
  credential_hash: Buffer;
  app_version: string;
  paired_at: Date;
  last_seen_at: Date | null;
  /** A stolen or retired PC: nothing it sends is taken from then on. */
  revoked_at: Date | null;
  /** When the desk's audit chain was found cut or rewritten against the links the server held; null while it holds. */
  chain_broken_at: Generated<Date | null>;
  chain_broken_reason: Generated<'rewritten' | 'skipped' | 'shortened' | null>;
  /** The first entry of the desk's log that no longer held. */
  chain_broken_seq: Generated<string | null>;
  /** What the desk said at its last round: the changes it still held unsent, and when its last round went through. */
  pending: Generated<number | null>;
  last_synced_at: Generated<Date | null>;
  /** When the desk sent the accounts it held before pairing (once). */
  accounts_joined_at: Generated<Date | null>;
}

/** An account of the office: its role and whether it is active, as an administrator last set them. */
export interface AccountsTable {
  user_id: string;
  role: 'officer' | 'supervisor' | 'administrator';
  active: boolean;
  changed_at: Date;
  /** The administrator who made the change; null for an account a desk brought when it joined. */
  changed_by: string | null;
  changed_by_desk: string;
}

/** A signing key the office took: an account's or a desk's, with who vouched for it. */
export interface SigningKeysTable {
  key_id: string;
  user_id: string | null;
  desk_id: string | null;
  /** Ed25519, raw 32 bytes in base64. */
  public_key: string;
  /** The key that vouched for it (the account's own or an administrator's); null for a first key. */
  vouched_by: string | null;
  registered_by_desk: string;
  registered_at: Date;
}

/** One link of a desk's audit chain, as the desk sent it: the entry's place and hashes, never its content. */
export interface DeskAuditLinksTable {
  desk_id: string;
  seq: string;
  prev_hash: string;
  hash: string;
  received_at: Date;
}

/** A one-time pairing code, by its hash. */
export interface PairingCodesTable {
  code_hash: Buffer;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  used_by_desk: string | null;
  /** The office's key wrapped by the code (a KeyWrap, JSON): null for a code made at the server. */
  key_wrap: string | null;
  made_by_desk: string | null;
}

/** A series of numbers people see (`letters.outgoing:1448`): the next number the office hands out of it. */
export interface NumberSeriesTable {
  series: string;
  next_number: number;
}

/** A block of a series' numbers handed to a desk, which numbers from it even while offline. */
export interface NumberBlocksTable {
  series: string;
  desk_id: string;
  first: number;
  last: number;
  handed_at: Date;
}

/**
 * An attachment's bytes (a letter's scan), sealed by the desk that filed it with the office's key:
 * the server keeps and hands out what it cannot read. Named by the attachment's id.
 */
export interface BlobsTable {
  blob_id: string;
  /** AES-256-GCM under the office's data key; empty once forgotten. */
  sealed: Buffer;
  /** The sealed bytes' length, kept when they are forgotten. */
  size: number;
  desk_id: string;
  stored_at: Date;
  /** The person the scan was about was erased: its bytes left the server, and it is never taken again. */
  forgotten_at: Date | null;
}

/**
 * The office's record at one place in its order (`server_seq`), sealed by the desk that published it
 * (services/sync/snapshot.ts): a new desk starts from it. Complete once its sealed manifest is kept.
 */
export interface SnapshotsTable {
  snapshot_id: string;
  desk_id: string;
  server_seq: string;
  chunk_count: number;
  manifest: Buffer | null;
  started_at: Date;
  completed_at: Date | null;
}

export interface SnapshotChunksTable {
  snapshot_id: string;
  chunk: number;
  /** AES-256-GCM under the office's data key, bound to its snapshot and place. */
  sealed: Buffer;
}

export interface ServerSchema {
  snapshots: SnapshotsTable;
  snapshot_chunks: SnapshotChunksTable;
  office: OfficeTable;
  desks: DesksTable;
  pairing_codes: PairingCodesTable;
  operations: OperationsTable;
  sequences: SequenceTable;
  number_series: NumberSeriesTable;
  number_blocks: NumberBlocksTable;
  blobs: BlobsTable;
  desk_audit_links: DeskAuditLinksTable;
  accounts: AccountsTable;
  signing_keys: SigningKeysTable;
  server_schema_migrations: ServerSchemaMigrationsTable;
}
