import { chmodSync, statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import type { DatabaseSchema } from './schema';
import { installCaptureFunctions, type CaptureSwitch } from './sync-capture';

export { DATABASE_FILE } from './files';

export const DATABASE_OPEN_REASONS = ['wrong_key', 'key_missing', 'not_encrypted_build', 'newer_version', 'corrupt', 'missing'] as const;

/** A database that could not be opened, with a stable reason the caller can explain to a person. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: (typeof DATABASE_OPEN_REASONS)[number],
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenDatabaseOptions {
  /** The 256-bit database key. */
  key: Buffer;
  /**
   * Path of a `better_sqlite3.node` built for another runtime. Electron passes the build made for
   * Electron's ABI here, so that `node_modules` keeps the Node build the tests use.
   */
  nativeBinding?: string;
  readonly?: boolean;
}

export interface OpenedDatabase {
  sqlite: Database.Database;
  db: Kysely<DatabaseSchema>;
  /** Call after each request: the write-ahead log is folded into the file once the desk is idle. */
  noteActivity(): void;
  /** Whether this connection's writes to the office's record are queued for the office server (off unless paired). */
  capture: CaptureSwitch;
  close(): Promise<void>;
}

/** How long the desk must be quiet before the write-ahead log is folded into the database file. */
const IDLE_CHECKPOINT_MS = 1500;

const KEY_BYTES = 32;

/**
 * Opens (or creates) the encrypted database file and applies the settings every connection needs.
 * The key is applied before anything else touches the file, so nothing is ever written in clear.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions): OpenedDatabase {
  if (options.key.length !== KEY_BYTES) {
    throw new Error(`The database key must be ${KEY_BYTES} bytes`);
  }
  const sqlite = new Database(path, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
  });
  let capture: CaptureSwitch;
  try {
    applyKey(sqlite, options.key);
    verifyKey(sqlite);
    applyPragmas(sqlite);
    if (!options.readonly) restrictDatabaseFiles(path);
    capture = installCaptureFunctions(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  let checkpointTimer: NodeJS.Timeout | undefined;
  return {
    sqlite,
    db,
    capture,
    noteActivity() {
      clearTimeout(checkpointTimer);
      checkpointTimer = setTimeout(() => {
        if (sqlite.open) sqlite.pragma('wal_checkpoint(PASSIVE)');
      }, IDLE_CHECKPOINT_MS);
      checkpointTimer.unref();
    },
    close: () => {
      clearTimeout(checkpointTimer);
      // Kysely's destroy() closes the better-sqlite3 handle only if a query ever ran through it.
      return db.destroy().finally(() => {
        if (sqlite.open) sqlite.close();
      });
    },
  };
}

function applyKey(sqlite: Database.Database, key: Buffer): void {
  // A plain SQLite build silently ignores PRAGMA key and would write the file in clear.
  // SQLite3 Multiple Ciphers answers the `cipher` pragma with the cipher it selected; plain SQLite answers nothing.
  const selected = sqlite.pragma(`cipher = 'sqlcipher'`, { simple: true });
  if (selected !== 'sqlcipher') {
    throw new DatabaseOpenError(
      'not_encrypted_build',
      'This SQLite build cannot encrypt the database (SQLite3 Multiple Ciphers is required).',
    );
  }
  // SQLCipher 4 format: PBKDF is skipped for a raw 256-bit key, the page layout stays SQLCipher's own.
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
}

/**
 * SQLite makes the file with the process's default mode (often readable by everyone), and its
 * `-wal` and `-shm` with the file's mode: all three are left to their owner alone, at every open.
 */
function restrictDatabaseFiles(path: string): void {
  // Windows files inherit the data folder's ACL (electron/core/data-folder-permissions.ts).
  if (path === ':memory:' || path === '' || process.platform === 'win32') return;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    const mode = statSync(file, { throwIfNoEntry: false })?.mode;
    if (mode === undefined || (mode & 0o077) === 0) continue;
    try {
      // Group and others lose every bit; nothing is added.
      chmodSync(file, mode & 0o7700);
    } catch {
      // Another user's file, opened with their leave: theirs to keep as they chose.
    }
  }
}

function verifyKey(sqlite: Database.Database): void {
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if (isSqliteError(error, 'SQLITE_NOTADB')) {
      throw new DatabaseOpenError(
        'wrong_key',
        'The database cannot be opened with this key: the key is wrong or the file is not a Wasl database.',
      );
    }
    throw new DatabaseOpenError('corrupt', `The database cannot be read: ${String(error)}`);
  }
}

function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  // Both this build and plain better-sqlite3 default WAL to NORMAL, which can lose the last
  // commits on a power cut; a saved beneficiary must survive one.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Temporary tables and indices are not encrypted on disk: keep them in memory.
  sqlite.pragma('temp_store = MEMORY');
  // Memory-mapped I/O bypasses the cipher's page codec.
  sqlite.pragma('mmap_size = 0');
  // Every page read from disk is decrypted: keep the working set (64 MiB) decrypted in memory.
  sqlite.pragma('cache_size = -65536');
  // Checkpoints happen when the desk is idle (noteActivity), not inside the officer's save; this is
  // only the ceiling (about 40 MiB of log) for a desk that is never idle.
  sqlite.pragma('wal_autocheckpoint = 10000');
}

/**
 * Reads every page once (`PRAGMA quick_check`): the key check only reads the first page, and a file
 * damaged further in would otherwise open, take new writes, and fail later in the middle of a call.
 */
export function checkReadable(sqlite: Database.Database): void {
  let problems: unknown[];
  try {
    problems = sqlite.pragma('quick_check(1)', { simple: false }) as unknown[];
  } catch (error) {
    throw asOpenError(error);
  }
  const first = problems[0] as { quick_check?: string } | undefined;
  if (first?.quick_check !== 'ok') {
    throw new DatabaseOpenError('corrupt', `The database is damaged: ${first?.quick_check ?? 'no answer to quick_check'}`);
  }
}

/** SQLite's own words for a file it cannot read, as the reason a person is told. */
export function asOpenError(error: unknown): unknown {
  if (error instanceof DatabaseOpenError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN|FORMAT)/.test(code)) {
    return new DatabaseOpenError('corrupt', `The database cannot be read: ${String(error)}`);
  }
  return error;
}

function isSqliteError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** Statements kept prepared; queries with a varying number of `IN (?, …)` values each take a slot. */
const STATEMENT_CACHE_SIZE = 300;

/**
 * Kysely prepares every query afresh, and preparing costs more than running most of ours (the
 * schema is parsed, the plan chosen). The same SQL text always gets the same prepared statement
 * here; Kysely runs one query at a time on this connection, so a statement is never used twice at once.
 */
function withStatementCache(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string): Database.Statement {
      let statement = cache.get(source);
      if (statement) {
        // Most recently used last, so the first entry is the one to evict.
        cache.delete(source);
      } else {
        statement = sqlite.prepare(source);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(source, statement);
      return statement;
    },
  };
}
