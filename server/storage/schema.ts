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

export interface ServerSchema {
  operations: OperationsTable;
  sequences: SequenceTable;
  server_schema_migrations: ServerSchemaMigrationsTable;
}
