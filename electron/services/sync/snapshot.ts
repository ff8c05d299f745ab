import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { SNAPSHOT_CHUNK_MAX_BYTES, SNAPSHOT_CHUNKS_MAX } from '../../api/sync/office';
import { migrations } from '../../../db/migrations';
import type { DatabaseSchema } from '../../../db/schema';
import { SYNCED_TABLES, sentColumns, sqlName, type CaptureSwitch, type SyncedTable } from '../../../db/sync-capture';
import { newId } from '../ids';
import { keepServerChain, readServerChain } from './audit-witness';
import { askOffice, type OfficeConnection } from './office-client';
import { rebuildNameIndex } from '../search/reindex';
import { insertRow, prepared, tableShape, type Row, type TableShape } from './rows';
import { openSnapshotPart, SealBroken, sealSnapshotPart, type SnapshotPartName } from './seal';
import { signSnapshot, snapshotSignatureHolds } from './signature';
import type { HeldSigningKey } from './signing';
import { keep } from './kept-settings';

/**
 * A new desk's first sync from a snapshot of the office's record, instead of every operation the
 * office ever took, one page at a time (a whole office's record runs to millions of them).
 *
 * Who publishes, and when: a paired desk that is up to date (nothing waiting to be sent, nothing
 * waiting in its inbox, its cursor at the office's last operation, the office's chain unbroken here)
 * seals its record at its cursor and sends it, after a round, once the office has grown since its
 * latest snapshot by SNAPSHOT_AFTER_OPERATIONS and by a tenth of that snapshot (so that a large
 * office is not sealed again every few thousand changes, and a new desk never pulls more than about a
 * tenth of the record after its snapshot). The desk asks the server only when its own cursor says the
 * office may have grown that much; the server lets one desk send at a time and keeps only the latest
 * complete snapshot.
 *
 * What it holds: every row of the office's record (SYNCED_TABLES, their sent columns), and what the
 * merge needs to take later changes exactly as a desk that took every operation would (apply.ts): each
 * row's version, birth and tombstone (sync_row_versions), each field's version (sync_field_versions),
 * the list entries known under another's id (sync_aliases), and the conflicts found (sync_conflicts,
 * found alike on every desk, with the same ids). Rows go in chunks of JSON lines, compressed, each
 * sealed with the office's key and bound to its snapshot, its place in the office's order and its own
 * place among the chunks (seal.ts); a sealed manifest names the chunks by their hashes and the office's
 * chain at the snapshot's place. The server reads none of it.
 *
 * Who starts from one: a desk paired with nothing received yet and nothing of its own but what every
 * new desk holds (its own accounts, and the starter lists every desk has under the same ids, as they
 * came). Its own changes (its accounts, its starter lists) were sent before, at the round's start, and
 * the office gives them back after the snapshot like any desk's: the desk keeps its accounts as they
 * are (user names stay each desk's own: another desk's account of the same name is known here under a
 * longer one, as the merge names it), and takes the snapshot's starter lists, checked to be the same.
 * A desk that registered people or made anything else before its first sync takes the office's record
 * by the pull, where the merge weighs its work against the office's. Everything is loaded in one
 * transaction with the cursor and the office's chain: a snapshot missing, a chunk that does not open
 * or is not the one named, a row the desk cannot take, and the desk is as it was, and pulls.
 */

type Db = Kysely<DatabaseSchema>;

/** The office's growth, in operations, after which an up-to-date desk seals a new snapshot (see above). */
export const SNAPSHOT_AFTER_OPERATIONS = 20_000;
/** The snapshot's format, in its manifest: a desk takes only one it knows. */
const SNAPSHOT_FORMAT = 1;
/**
 * The JSON lines a chunk holds before it is compressed: the record's text compresses about tenfold,
 * so that a chunk is a few megabytes; one that compresses worse is cut in two until each half is
 * within what the server takes (compressedChunks).
 */
const CHUNK_TEXT_BYTES = 48 * 1024 * 1024;
/** A compressed chunk at most, with room for its seal. */
const CHUNK_COMPRESSED_MAX_BYTES = SNAPSHOT_CHUNK_MAX_BYTES - 1024;
/** The latest snapshot's place this desk heard of: it asks the server again only once its cursor is well past it. */
const KNOWN_SNAPSHOT_KEY = 'office.snapshotKnownAt';
/** The snapshot's place this desk started from, if it did. */
const STARTED_FROM_KEY = 'office.startedFromSnapshot';

/** The sync's own tables that go with the rows (what the merge keeps of them), in the order they are loaded. */
const MERGE_STATE_TABLES = ['sync_row_versions', 'sync_field_versions', 'sync_aliases', 'sync_conflicts'] as const;
type MergeStateTable = (typeof MERGE_STATE_TABLES)[number];

/** The lists every new desk holds under the same ids (the starter library, the reference lists of their migrations). */
const STARTER_TABLES: readonly SyncedTable[] = ['articles', 'authorities', 'request_types', 'controlled_documents', 'controlled_document_versions', 'questionnaires', 'questionnaire_versions'];
/** Columns a desk writes by itself for its own copy of a row: not what tells two copies of a starter list apart. */
const STAMP_COLUMNS = new Set(['created_at', 'updated_at', 'created_by', 'updated_by', 'row_version']);

interface SnapshotDeps {
  db: Db;
  sqlite: Database.Database;
  capture: CaptureSwitch;
  now: () => Date;
}

/** Where the desk stands in the office's order, read and written by the sync (desk-sync.ts keeps its cursor). */
interface Cursor {
  read: () => Promise<number>;
  write: (trx: Db, serverSeq: number) => Promise<void>;
}

const manifestSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  snapshotId: z.string(),
  serverSeq: z.number().int().min(1),
  chainHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The database's version at the publishing desk: a desk takes a snapshot of its own version only. */
  schemaVersion: z.number().int(),
  deskId: z.string(),
  /** The key of that desk's that signs the manifest (office-register.ts holds the office's keys). */
  keyId: z.string(),
  madeAt: z.string(),
  chunks: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(1) })).min(1).max(SNAPSHOT_CHUNKS_MAX),
  rows: z.record(z.string(), z.number().int().min(0)),
});
type Manifest = z.infer<typeof manifestSchema>;

/** The manifest as sealed: its text, and the publishing desk's signature over it. */
const signedManifestSchema = z.object({ manifest: z.string(), signature: z.string() });

const schemaVersion = (): number => migrations.at(-1)!.version;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A snapshot's chunk or manifest that the office server refused or handed out wrong: the desk pulls instead. */
class SnapshotRefused extends Error {
  constructor(readonly reason: string) {
    super(`snapshot not taken: ${reason}`);
    this.name = 'SnapshotRefused';
  }
}

// --- Publishing ----------------------------------------------------------------------------------

/** What a desk published: the snapshot's place and size. */
export interface PublishedSnapshot {
  snapshotId: string;
  serverSeq: number;
  chunks: number;
  rows: number;
}

/**
 * After a round: seals and sends a snapshot when this desk is up to date and the office has grown
 * enough since its latest snapshot (see above). Another desk sending one, or the office having moved
 * on meanwhile, is no fault: the next round looks again.
 */
export async function publishSnapshotWhenDue(
  deps: SnapshotDeps,
  officeKey: Buffer,
  desk: { deskId: string; key: HeldSigningKey },
  connection: OfficeConnection,
  cursor: Cursor,
): Promise<PublishedSnapshot | null> {
  const at = await cursor.read();
  const known = knownSnapshotAt(deps.sqlite);
  if (!isDue(at, known) || !isSettled(deps.sqlite)) return null;
  const latest = await askOffice(connection, 'POST /v1/snapshots/latest', {});
  if (!latest.ok) return null;
  const latestAt = latest.value.snapshot?.serverSeq ?? 0;
  if (latestAt !== known) await keep(deps.db, KNOWN_SNAPSHOT_KEY, latestAt, deps.now());
  if (at !== latest.value.last || !isDue(at, latestAt)) return null;
  return publishSnapshot(deps, officeKey, desk, connection, cursor);
}

const isDue = (at: number, latestAt: number) => at - latestAt >= Math.max(SNAPSHOT_AFTER_OPERATIONS, Math.ceil(latestAt / 10));

/** Nothing waits to be sent or taken in: the desk's record is the office's at its cursor. */
const isSettled = (sqlite: Database.Database): boolean =>
  sqlite.prepare('SELECT (SELECT count(*) FROM sync_outbox) + (SELECT count(*) FROM sync_inbox)').pluck().get() === 0;

/**
 * Seals this desk's record at its cursor and sends it as the office's latest snapshot; null when the
 * desk is not up to date with the office, or the server takes another desk's or a newer one.
 */
export async function publishSnapshot(
  deps: SnapshotDeps,
  officeKey: Buffer,
  desk: { deskId: string; key: HeldSigningKey },
  connection: OfficeConnection,
  cursor: Cursor,
): Promise<PublishedSnapshot | null> {
  const { deskId } = desk;
  const chain = await readServerChain(deps.db);
  if (!isSettled(deps.sqlite) || chain.hash === null || chain.brokenAt !== null) return null;
  // The cursor and the chain move only in this round's receiving, which is over: they stand for the record read below.
  const serverSeq = await cursor.read();
  if (serverSeq === 0) return null;
  // Read in one go, in a transaction of its own (after any call's under way): no statement stays open while the desk goes on working.
  const taken = await deps.db.transaction().execute(async () => (isSettled(deps.sqlite) ? recordAsChunks(deps.sqlite) : null));
  if (taken === null || taken.chunks.length > SNAPSHOT_CHUNKS_MAX) return null;
  const { chunks, rows } = taken;
  const snapshotId = newId();
  const begun = await askOffice(connection, 'POST /v1/snapshots/begin', { snapshotId, serverSeq, chunkCount: chunks.length });
  if (!begun.ok) return null;
  const named: Manifest['chunks'] = [];
  for (const [index, compressed] of chunks.entries()) {
    const sealed = sealSnapshotPart(officeKey, { snapshotId, serverSeq, part: { chunk: index, of: chunks.length } }, compressed);
    named.push({ sha256: sha256(sealed), bytes: sealed.length });
    const put = await askOffice(connection, 'POST /v1/snapshots/chunks/put', { snapshotId, chunk: index, sealed: sealed.toString('base64') });
    if (!put.ok) return null;
  }
  const manifest: Manifest = { format: SNAPSHOT_FORMAT, snapshotId, serverSeq, chainHash: chain.hash, schemaVersion: schemaVersion(), deskId, keyId: desk.key.keyId, madeAt: deps.now().toISOString(), chunks: named, rows };
  // Signed by this desk, as what Wasl does by itself here: a new desk takes only a snapshot a desk of the office signed.
  const text = JSON.stringify(manifest);
  const signedManifest = JSON.stringify({ manifest: text, signature: signSnapshot(text, desk.key.privateKey) });
  const sealedManifest = sealSnapshotPart(officeKey, { snapshotId, serverSeq, part: 'manifest' }, Buffer.from(signedManifest, 'utf8'));
  const completed = await askOffice(connection, 'POST /v1/snapshots/complete', { snapshotId, manifest: sealedManifest.toString('base64') });
  if (!completed.ok) return null;
  await keep(deps.db, KNOWN_SNAPSHOT_KEY, serverSeq, deps.now());
  return { snapshotId, serverSeq, chunks: chunks.length, rows: Object.values(rows).reduce((sum, count) => sum + count, 0) };
}

/**
 * The record and the merge's state as JSON lines, cut into compressed chunks: each chunk starts with
 * its table's columns (`{"table":…,"columns":[…]}`), then one array of values per row.
 */
function recordAsChunks(sqlite: Database.Database): { chunks: Buffer[]; rows: Record<string, number> } {
  const chunks: Buffer[] = [];
  const rows: Record<string, number> = {};
  let lines: string[] = [];
  let bytes = 0;
  const cut = () => {
    if (lines.length === 0) return;
    chunks.push(...compressedChunks(lines));
    lines = [];
    bytes = 0;
  };
  const tables: Array<{ table: string; columns: string[] }> = [
    ...SYNCED_TABLES.map((table) => ({ table, columns: sentColumns(sqlite, table) })),
    ...MERGE_STATE_TABLES.map((table) => ({ table, columns: allColumns(sqlite, table) })),
  ];
  for (const { table, columns } of tables) {
    const header = JSON.stringify({ table, columns });
    let count = 0;
    let started = false;
    // Rows are read as arrays of their columns, a statement per table, all of it before anything is sent.
    const statement = sqlite.prepare(`SELECT ${columns.map(sqlName).join(', ')} FROM ${sqlName(table)}`).raw(true);
    for (const row of statement.iterate() as Iterable<unknown[]>) {
      const line = JSON.stringify(row.map(checkedValue));
      if (!started || bytes + line.length + header.length > CHUNK_TEXT_BYTES) {
        if (started) cut();
        lines.push(header);
        bytes += header.length + 1;
        started = true;
      }
      lines.push(line);
      bytes += Buffer.byteLength(line) + 1;
      count += 1;
    }
    rows[table] = count;
  }
  cut();
  return { chunks, rows };
}

/**
 * Lines compressed as one chunk, or as two halves (each starting with its table's columns) when they
 * compress to more than a chunk may hold.
 */
function compressedChunks(lines: readonly string[]): Buffer[] {
  const compressed = gzipSync(lines.join('\n'), { level: 1 });
  if (compressed.length <= CHUNK_COMPRESSED_MAX_BYTES || lines.length <= 2) return [compressed];
  const middle = Math.floor(lines.length / 2);
  const first = lines.slice(0, middle);
  const second = lines.slice(middle);
  const isHeader = (line: string) => line.startsWith('{');
  if (!isHeader(second[0]!)) second.unshift(first.findLast(isHeader)!);
  return [...compressedChunks(first), ...compressedChunks(second)];
}

/** A value as the record holds it: text, a number or nothing (a synced table holds no bytes: a scan's go as a blob). */
function checkedValue(value: unknown): string | number | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error('a row of the office’s record holds a value that is not text or a number');
}

// --- Starting from one ---------------------------------------------------------------------------

/**
 * A new desk's start (see above): when it may start from a snapshot and the office has one, the
 * snapshot is fetched, opened, checked and loaded, with the cursor and the office's chain at its place,
 * in one transaction. Answers the latest time it holds (the desk's clock goes on after it), or null
 * when the desk is to pull as it is (no snapshot, or one not taken: the desk is as it was).
 */
export async function startFromSnapshot(deps: SnapshotDeps, officeKey: Buffer, connection: OfficeConnection, cursor: Cursor): Promise<{ serverSeq: number; latestHlc: string | null } | null> {
  if ((await cursor.read()) !== 0 || !holdsOnlyWhatEveryNewDeskHolds(deps.sqlite)) return null;
  const latest = await askOffice(connection, 'POST /v1/snapshots/latest', {});
  if (!latest.ok || latest.value.snapshot === null) return null;
  const { snapshotId, serverSeq, chunkCount } = latest.value.snapshot;
  try {
    const manifest = openManifest(deps.sqlite, officeKey, latest.value.snapshot);
    const chunks: Buffer[] = [];
    for (let index = 0; index < chunkCount; index += 1) {
      const answer = await askOffice(connection, 'POST /v1/snapshots/chunks/get', { snapshotId, chunk: index });
      if (!answer.ok) throw new SnapshotRefused(answer.error.messageKey);
      const sealed = Buffer.from(answer.value.sealed, 'base64');
      if (sha256(sealed) !== manifest.chunks[index]!.sha256) throw new SnapshotRefused(`chunk ${index} is not the one the manifest names`);
      chunks.push(openSnapshotPart(officeKey, { snapshotId, serverSeq, part: { chunk: index, of: chunkCount } }, sealed));
    }
    // The desk may have changed since it was looked at (a call ran while the chunks came): looked at again in the load's transaction.
    await withForeignKeysOff(deps.sqlite, () =>
      deps.db.transaction().execute(async (trx) => {
        loadRecord(deps, chunks, manifest);
        await cursor.write(trx, serverSeq);
        await keepServerChain(trx, { hash: manifest.chainHash, brokenAt: null }, deps.now());
        await keep(trx, KNOWN_SNAPSHOT_KEY, serverSeq, deps.now());
        await keep(trx, STARTED_FROM_KEY, serverSeq, deps.now());
      }),
    );
    const latestHlc = deps.sqlite.prepare('SELECT max(hlc) FROM sync_row_versions').pluck().get() as string | null;
    return { serverSeq, latestHlc };
  } catch (error) {
    if (isRefusal(error)) return null;
    throw error;
  }
}

/**
 * Runs the load with the connection's foreign keys off (the pragma does nothing inside a transaction:
 * it is set around it), on again after. The record's rows name each other in a circle (a contact its
 * letter, a letter its request, a request the contact it came from), so no order of tables puts every
 * row after the rows it names. With the keys on, even deferred, each row that names one not in yet
 * leaves a count of broken references open, and while it is open every row added to a table others
 * name is looked for in each of them: a letter added, among the office's millions of contacts, whose
 * letter column has no index. loadRecord checks every reference once, whole, instead.
 */
async function withForeignKeysOff<T>(sqlite: Database.Database, load: () => Promise<T>): Promise<T> {
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
  sqlite.pragma('foreign_keys = OFF');
  try {
    return await load();
  } finally {
    sqlite.pragma(`foreign_keys = ${foreignKeys}`);
  }
}

/**
 * What makes the desk pull instead: a snapshot refused, a seal that does not open, and what the desk
 * cannot take of one that opened (text that is not the snapshot's form, a row a rule of its tables
 * refuses). The load's transaction is rolled back first.
 */
function isRefusal(error: unknown): boolean {
  if (error instanceof SnapshotRefused || error instanceof SealBroken || error instanceof SyntaxError) return true;
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code.startsWith('Z_'));
}

/** The manifest, opened as this snapshot's and checked against what the server says of it in clear. */
function openManifest(
  sqlite: Database.Database,
  officeKey: Buffer,
  snapshot: { snapshotId: string; serverSeq: number; chunkCount: number; manifest: string; chainHash: string },
): Manifest {
  const name: SnapshotPartName = { snapshotId: snapshot.snapshotId, serverSeq: snapshot.serverSeq, part: 'manifest' };
  const opened = openSnapshotPart(officeKey, name, Buffer.from(snapshot.manifest, 'base64'));
  const signed = signedManifestSchema.safeParse(JSON.parse(opened.toString('utf8')) as unknown);
  if (!signed.success) throw new SnapshotRefused('the manifest is not one this desk reads');
  const parsed = manifestSchema.safeParse(JSON.parse(signed.data.manifest) as unknown);
  if (!parsed.success) throw new SnapshotRefused('the manifest is not one this desk reads');
  const manifest = parsed.data;
  // Signed by the desk it names, with that desk's own key in the office's register (office-register.ts).
  const key = sqlite.prepare('SELECT public_key FROM office_signing_keys WHERE key_id = ? AND desk_id = ?').pluck().get(manifest.keyId, manifest.deskId) as string | undefined;
  if (key === undefined || !snapshotSignatureHolds(signed.data.manifest, signed.data.signature, key)) throw new SnapshotRefused('the manifest is not signed by a desk of the office');
  if (manifest.snapshotId !== snapshot.snapshotId || manifest.serverSeq !== snapshot.serverSeq || manifest.chunks.length !== snapshot.chunkCount) {
    throw new SnapshotRefused('the manifest is not this snapshot’s');
  }
  // The office's chain at the snapshot's place, as the desk that sealed it had followed it, is the server's too.
  if (manifest.chainHash !== snapshot.chainHash) throw new SnapshotRefused('the office’s chain does not hold at the snapshot');
  if (manifest.schemaVersion !== schemaVersion()) throw new SnapshotRefused('the snapshot is of another version of Wasl');
  return manifest;
}

/**
 * Whether the desk has received nothing and holds nothing of its own but its accounts and the starter
 * lists every new desk has: it was set up and paired, and made nothing since.
 */
function holdsOnlyWhatEveryNewDeskHolds(sqlite: Database.Database): boolean {
  const waiting = sqlite.prepare('SELECT (SELECT count(*) FROM sync_outbox) + (SELECT count(*) FROM sync_inbox) + (SELECT count(*) FROM sync_rejected) + (SELECT count(*) FROM sync_conflicts) + (SELECT count(*) FROM sync_aliases)').pluck().get();
  if (waiting !== 0) return false;
  return SYNCED_TABLES.every((table) => table === 'users' || STARTER_TABLES.includes(table) || sqlite.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${sqlName(table)})`).pluck().get() === 1);
}

/**
 * Loads the opened chunks into the desk's record, with the capture off (the office holds all of it
 * already). Called inside the load's transaction: anything refused throws, and nothing stays.
 */
function loadRecord(deps: SnapshotDeps, chunks: readonly Buffer[], manifest: Manifest): void {
  const { sqlite, capture } = deps;
  if (!holdsOnlyWhatEveryNewDeskHolds(sqlite)) throw new SnapshotRefused('the desk has records of its own since');
  const wasCapturing = capture.enabled;
  capture.enabled = false;
  // A larger page cache while the record goes in: millions of rows land in their tables' indexes at random places.
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  try {
    // The record's rows name each other (a request its type, a contact its person): checked once all
    // are in. The keys are off for the load (withForeignKeysOff); deferred, should they be on.
    sqlite.pragma('defer_foreign_keys = ON');
    const own = setAsideOwnRows(sqlite);
    const loader = new RecordLoader(sqlite, own);
    const indexes = takeIndexesOff(sqlite);
    // No chunk opens to more than a chunk's text is made of (one that would is refused, not let to fill the memory).
    for (const chunk of chunks) loader.loadChunk(gunzipSync(chunk, { maxOutputLength: CHUNK_TEXT_BYTES + 1024 * 1024 }).toString('utf8'));
    // Made again as they were; a unique one the rows break refuses the load.
    for (const index of indexes) sqlite.exec(index);
    for (const [table, count] of Object.entries(manifest.rows)) if ((loader.counts.get(table) ?? 0) !== count) throw new SnapshotRefused(`the snapshot holds another count of ${table}`);
    own.checkStarterLists(sqlite);
    // Every row names rows that are there: checked now, whole, so that the load never commits a broken record.
    if ((sqlite.pragma('foreign_key_check') as unknown[]).length > 0) throw new SnapshotRefused('a row names a row the snapshot does not hold');
    // The people's names, indexed as a re-index does (services/search/reindex.ts): one pass, not one person at a time.
    rebuildNameIndex(sqlite);
    // The desk's own accounts' versions, where the snapshot had none of them (the office takes them after it).
    const keepVersion = sqlite.prepare('INSERT OR IGNORE INTO sync_row_versions (entity, row_id, hlc, deleted, user_id, born_hlc) VALUES (?, ?, ?, ?, ?, ?)');
    for (const version of own.userVersions) keepVersion.run(version.entity, version.row_id, version.hlc, version.deleted, version.user_id, version.born_hlc);
    const keepFieldVersion = sqlite.prepare('INSERT OR IGNORE INTO sync_field_versions (entity, row_id, field, hlc, user_id) VALUES (?, ?, ?, ?, ?)');
    for (const version of own.userFieldVersions) keepFieldVersion.run(version.entity, version.row_id, version.field, version.hlc, version.user_id);
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
    capture.enabled = wasCapturing;
  }
}

/**
 * Drops the indexes the record's tables have besides their keys, and answers the statements that make
 * them again. Millions of rows put into an index one at a time land at random places in it, and once
 * the index outgrows the page cache each one is a page read and decrypted: on a whole office, the
 * contacts' went from seconds to minutes a chunk. Made after the rows are in, each is one sort.
 */
function takeIndexesOff(sqlite: Database.Database): string[] {
  const tables: readonly string[] = [...SYNCED_TABLES, ...MERGE_STATE_TABLES];
  // An index SQLite made for a key or a UNIQUE column has no statement, and stays.
  const indexes = (sqlite.prepare("SELECT name, tbl_name AS tableName, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL").all() as Array<{ name: string; tableName: string; sql: string }>).filter(
    (index) => tables.includes(index.tableName),
  );
  for (const index of indexes) sqlite.exec(`DROP INDEX ${sqlName(index.name)}`);
  return indexes.map((index) => index.sql);
}

/** What the desk held of its own before the load: its accounts, and its starter lists to compare with the office's. */
interface OwnRows {
  /** Each own account by id, with its user name (kept: a desk's user names are its own). */
  users: Map<string, string>;
  userVersions: Array<{ entity: string; row_id: string; hlc: string; deleted: number; user_id: string | null; born_hlc: string | null }>;
  userFieldVersions: Array<{ entity: string; row_id: string; field: string; hlc: string; user_id: string }>;
  checkStarterLists(sqlite: Database.Database): void;
}

/**
 * Takes the desk's starter lists out (the snapshot's copies, the same rows, take their place) and
 * notes its accounts, which stay as they are.
 */
function setAsideOwnRows(sqlite: Database.Database): OwnRows {
  const users = new Map((sqlite.prepare('SELECT id, username FROM users').raw(true).all() as Array<[string, string]>).map(([id, username]) => [id, username]));
  const userVersions = sqlite.prepare("SELECT entity, row_id, hlc, deleted, user_id, born_hlc FROM sync_row_versions WHERE entity = 'users'").all() as OwnRows['userVersions'];
  const userFieldVersions = sqlite.prepare("SELECT entity, row_id, field, hlc, user_id FROM sync_field_versions WHERE entity = 'users'").all() as OwnRows['userFieldVersions'];
  const starters = new Map<SyncedTable, Row[]>();
  for (const table of STARTER_TABLES) {
    const columns = sentColumns(sqlite, table).filter((column) => !STAMP_COLUMNS.has(column));
    starters.set(table, sqlite.prepare(`SELECT ${columns.map(sqlName).join(', ')} FROM ${sqlName(table)} ORDER BY id`).all() as Row[]);
    sqlite.prepare(`DELETE FROM ${sqlName(table)}`).run();
  }
  // What the sync kept of the desk's own rows goes with them: the snapshot's versions of the office's rows take their place.
  sqlite.prepare('DELETE FROM sync_row_versions').run();
  sqlite.prepare('DELETE FROM sync_field_versions').run();
  return {
    users,
    userVersions,
    userFieldVersions,
    checkStarterLists(loaded) {
      for (const [table, rows] of starters) {
        const columns = Object.keys(rows[0] ?? {});
        const statement = loaded.prepare(`SELECT ${columns.map(sqlName).join(', ')} FROM ${sqlName(table)} WHERE id = ?`);
        for (const row of rows) {
          // A starter entry the office deleted or changed: this desk's copy is a change to weigh, which the pull does.
          if (JSON.stringify(statement.get(row.id)) !== JSON.stringify(row)) throw new SnapshotRefused(`the office's ${table} are not this desk's starter lists`);
        }
      }
    },
  };
}

/** Loads a snapshot's JSON lines, table by table, as the merge writes rows (rows.ts: derived columns, the name index). */
class RecordLoader {
  readonly counts = new Map<string, number>();
  private readonly shapes = new Map<string, TableShape>();
  private readonly takenUsernames: Set<string>;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly own: OwnRows,
  ) {
    this.takenUsernames = new Set(own.users.values());
  }

  loadChunk(text: string): void {
    let table: string | null = null;
    let columns: string[] = [];
    let write: ((values: unknown[]) => void) | null = null;
    for (const line of text.split('\n')) {
      const parsed = JSON.parse(line) as unknown;
      if (!Array.isArray(parsed)) {
        ({ table, columns } = sectionOf(parsed));
        write = this.writerOf(table, columns);
        continue;
      }
      if (write === null || table === null || parsed.length !== columns.length) throw new SnapshotRefused('a chunk is not in the snapshot’s form');
      write(parsed);
      this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
    }
  }

  private writerOf(table: string, columns: string[]): (values: unknown[]) => void {
    if ((MERGE_STATE_TABLES as readonly string[]).includes(table)) {
      const known = allColumns(this.sqlite, table as MergeStateTable);
      if (!columns.every((column) => known.includes(column))) throw new SnapshotRefused(`${table} has columns this desk does not know`);
      const insert = this.sqlite.prepare(`INSERT OR REPLACE INTO ${sqlName(table)} (${columns.map(sqlName).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      return (values) => insert.run(...values.map(checkedValue));
    }
    if (!(SYNCED_TABLES as readonly string[]).includes(table)) throw new SnapshotRefused(`${table} is not a table of the office's record`);
    let shape = this.shapes.get(table);
    if (shape === undefined) this.shapes.set(table, (shape = tableShape(this.sqlite, table as SyncedTable)));
    const known = shape.columns;
    if (!columns.every((column) => known.includes(column))) throw new SnapshotRefused(`${table} has columns this desk does not know`);
    const rowOf = (values: unknown[]): Row => Object.fromEntries(columns.map((column, index) => [column, checkedValue(values[index])]));
    if (table === 'users') return (values) => this.writeUser(shape, rowOf(values));
    // Straight in, with the columns each desk derives from the sent ones as the merge writes them
    // (rows.ts); the name index is built once, when every person is in (rebuildNameIndex).
    let insert: Database.Statement | null = null;
    let derivedColumns: string[] = [];
    return (values) => {
      const checked = values.map(checkedValue);
      const derived = derivedColumns.length > 0 || insert === null ? shape.derive(rowOf(checked)) : {};
      if (insert === null) {
        derivedColumns = Object.keys(derived);
        const names = [...columns, ...derivedColumns];
        insert = this.sqlite.prepare(`INSERT INTO ${sqlName(table)} (${names.map(sqlName).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`);
      }
      insert.run(...checked, ...derivedColumns.map((column) => derived[column] ?? null));
    };
  }

  /**
   * An account of the office: this desk's own keeps its user name (and what the desk keeps of it alone,
   * which is not sent); another desk's whose user name an own account has is known under a longer one,
   * as the merge names it (apply.ts).
   */
  private writeUser(shape: TableShape, user: Row): void {
    const id = String(user.id);
    const ownName = this.own.users.get(id);
    if (ownName !== undefined) {
      const writes = Object.keys(user).filter((column) => column !== 'id' && column !== 'username');
      prepared(this.sqlite, `UPDATE users SET ${writes.map((column) => `${sqlName(column)} = ?`).join(', ')} WHERE id = ?`).run(...writes.map((column) => user[column]), id);
      return;
    }
    const username = String(user.username);
    const free = this.takenUsernames.has(username) ? `${username}~${id.slice(-8)}` : username;
    this.takenUsernames.add(free);
    insertRow(this.sqlite, shape, { ...user, username: free });
  }
}

function sectionOf(line: unknown): { table: string; columns: string[] } {
  const section = z.object({ table: z.string().regex(/^[a-z_][a-z0-9_]*$/), columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1) }).safeParse(line);
  if (!section.success) throw new SnapshotRefused('a chunk is not in the snapshot’s form');
  return section.data;
}

const allColumns = (sqlite: Database.Database, table: MergeStateTable): string[] => sqlite.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[];

function knownSnapshotAt(sqlite: Database.Database): number {
  const kept = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KNOWN_SNAPSHOT_KEY) as string | undefined;
  const value = kept === undefined ? 0 : (JSON.parse(kept) as unknown);
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}

