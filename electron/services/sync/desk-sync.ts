import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { HLC_MAX_DRIFT_MS, parseHlc } from '../../api/sync/hlc';
import type { OfficeWireOperation, WireOperation } from '../../api/sync/office';
import type { ApiError } from '../../api/result';
import type { OfficeSyncState } from '../../api/office';
import type { DatabaseSchema } from '../../../db/schema';
import { SYNCED_TABLES, sentColumns, sqlName, type CaptureSwitch } from '../../../db/sync-capture';
import { SYSTEM_USER_ID } from '../context';
import { newId } from '../ids';
import { HybridClock } from './clock';
import { forgetSyncCopiesOf } from './copies';
import { askOffice, OfficeUnreachable } from './office-client';
import { openPayload, SealBroken, sealPayload, type OperationHeader } from './seal';

type Db = Kysely<DatabaseSchema>;

/** What a paired desk keeps of its pairing (services/office/link.ts writes it). */
export interface DeskLink {
  address: string;
  certificate: string;
  deskId: string;
  credential: string;
  officeId: string;
  /** Base64. */
  officeKey: string;
}

/** How often a paired desk sends and receives when nothing asks it sooner. */
const SYNC_EVERY_MS = 10_000;
/** Operations sent in one push at most, and the sealed bytes a push carries at most (well within the server's limit). */
const PUSH_BATCH = 2000;
const PUSH_BATCH_BYTES = 4 * 1024 * 1024;
/** Operations asked for in one pull (the server also cuts a page by its size). */
const PULL_BATCH = 5000;
const CURSOR_KEY = 'office.cursor';

/** What an operation's sealed payload holds: the row after the change, and for an update the columns it changed. */
interface SyncPayload {
  changed: string[] | null;
  after: Record<string, unknown> | null;
}

/** What one round of sending and receiving did. */
export interface SyncRound {
  sent: number;
  received: number;
}

/**
 * A paired desk's side of the sync, in the background of the core: it switches on the capture of
 * the office's record (its changes queue in sync_outbox, in the transaction that makes them), and
 * every few seconds sends what waits, sealed with the office's key, and receives what the office's
 * desks sent after its cursor, opened and kept in the office's order (sync_inbox). Nothing about it
 * ever stops an officer: a change is saved whether the server is up or not, and the next round
 * catches up. A desk that was never paired does nothing here.
 */
export class DeskSync {
  private link: DeskLink | null = null;
  private clock: HybridClock | null = null;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<SyncRound> | null = null;
  private lastSyncedAt: string | null = null;
  private offlineSince: string | null = null;
  private problem: ApiError | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      sqlite: Database.Database;
      capture: CaptureSwitch;
      /** Who is signed in at the desk now; Wasl itself when nobody is. */
      actor: () => string;
      now: () => Date;
      logError: (error: unknown, where: string) => void;
    },
  ) {}

  /** Starts the sync of a desk that is paired (read from its link), at the database's opening. */
  start(link: DeskLink | null): void {
    if (link === null) return;
    this.attach(link);
  }

  /**
   * A desk pairing: from now on its changes are captured, and `keep` (which writes the link) runs in
   * one transaction with the queuing of everything the desk already holds, as the office's starting
   * state (the first desk's) or as work to merge in (a later desk's): a desk is never paired without
   * its record queued. Should it fail, the desk is as it was, working alone.
   */
  async pairing(link: DeskLink, keep: (queueWholeRecord: () => void) => Promise<void>): Promise<void> {
    this.attach(link);
    try {
      await keep(() => queueWholeRecord(this.deps.sqlite));
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.deps.capture.enabled = false;
    this.link = null;
  }

  /** One round now (the round already under way, if one is): send what waits, then receive. */
  syncNow(): Promise<SyncRound> {
    this.round ??= this.sendAndReceive().finally(() => {
      this.round = null;
    });
    return this.round;
  }

  status(): OfficeSyncState | null {
    if (this.link === null) return null;
    const pending = this.deps.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get() as number;
    return { pending, lastSyncedAt: this.lastSyncedAt, offlineSince: this.offlineSince, problem: this.problem };
  }

  private attach(link: DeskLink): void {
    this.link = link;
    this.clock = this.freshClock(link.deskId);
    const clock = this.clock;
    const capture = this.deps.capture;
    capture.newOpId = newId;
    capture.nextHlc = () => clock.nextEvenIfDrifted();
    capture.actor = this.deps.actor;
    capture.enabled = true;
    if (this.timer === null) {
      this.timer = setInterval(() => {
        this.syncNow().catch((error: unknown) => this.deps.logError(error, 'office sync'));
      }, SYNC_EVERY_MS);
      this.timer.unref();
    }
  }

  private async sendAndReceive(): Promise<SyncRound> {
    const link = this.link;
    if (link === null) return { sent: 0, received: 0 };
    const connection = { address: link.address, certificate: link.certificate, credential: link.credential };
    let problem: ApiError | null = null;
    const attempt = async <T>(step: () => Promise<T>, otherwise: T): Promise<T> => {
      try {
        return await step();
      } catch (error) {
        if (!(error instanceof OfficeProblem)) throw error;
        problem ??= error.problem;
        return otherwise;
      }
    };
    try {
      const clockRight = await attempt(async () => {
        await this.checkClock(connection);
        return true;
      }, false);
      // A refused push does not stop the desk from receiving what the others sent.
      const sent = clockRight ? await attempt(() => this.send(link, connection), 0) : 0;
      const received = await attempt(() => this.receive(link, connection), 0);
      this.offlineSince = null;
      this.problem = problem ?? this.rejectedProblem();
      if (problem === null) this.lastSyncedAt = this.deps.now().toISOString();
      return { sent, received };
    } catch (error) {
      if (error instanceof OfficeUnreachable) {
        this.offlineSince ??= this.deps.now().toISOString();
        this.problem = error.reason === 'certificate_changed' ? { code: 'rule', messageKey: 'office.certificateChanged' } : null;
        return { sent: 0, received: 0 };
      }
      throw error;
    }
  }

  /** Operations set aside as not openable or not changes: the administrators are told how many. */
  private rejectedProblem(): ApiError | null {
    const count = this.deps.sqlite.prepare('SELECT count(*) FROM sync_rejected').pluck().get() as number;
    return count === 0 ? null : { code: 'rule', messageKey: 'office.operationsRejected', details: { count } };
  }

  /**
   * A clock that starts after every time this desk made or received, leaving out times beyond the
   * allowed drift from now (stamped while the clock was wrong): those are stamped again before they are sent.
   */
  private freshClock(deskId: string): HybridClock {
    const now = () => this.deps.now().getTime();
    const bound = new Date(now() + HLC_MAX_DRIFT_MS).toISOString();
    return new HybridClock(deskId, now, latestTimeIn(this.deps.sqlite, bound));
  }

  /**
   * Changes stamped while this desk's clock was ahead (it has been corrected since: the check passed)
   * would be refused by the server and would win over everyone's later edits: they get new times,
   * in their order, from a clock started afresh, before anything is sent.
   */
  private restampFuture(): void {
    const link = this.link;
    if (link === null) return;
    const bound = new Date(this.deps.now().getTime() + HLC_MAX_DRIFT_MS).toISOString();
    const ahead = this.deps.sqlite.prepare('SELECT seq FROM sync_outbox WHERE hlc > ? ORDER BY seq').pluck().all(bound) as number[];
    if (ahead.length === 0) return;
    this.clock = this.freshClock(link.deskId);
    const clock = this.clock;
    this.deps.capture.nextHlc = () => clock.nextEvenIfDrifted();
    const restamp = this.deps.sqlite.prepare('UPDATE sync_outbox SET hlc = ? WHERE seq = ?');
    this.deps.sqlite.transaction(() => {
      for (const seq of ahead) restamp.run(clock.next(), seq);
    })();
  }

  /** A desk whose clock is more than five minutes off the office's is told so, and sends nothing until it is corrected. */
  private async checkClock(connection: { address: string; certificate: string; credential: string }): Promise<void> {
    const health = await askOffice(connection, 'GET /v1/health', null);
    if (!health.ok) throw new OfficeProblem(health.error);
    const driftMs = this.deps.now().getTime() - Date.parse(health.value.now);
    if (Math.abs(driftMs) > HLC_MAX_DRIFT_MS) {
      throw new OfficeProblem({ code: 'rule', messageKey: 'office.clockOff', details: { serverTime: health.value.now } });
    }
  }

  /**
   * Sends the outbox in batches, oldest first, each within PUSH_BATCH_BYTES of sealed payloads (at
   * least one operation); a batch leaves the outbox once the server has numbered every operation in
   * it, by their ids: a change queued meanwhile stays, whatever its number.
   */
  private async send(link: DeskLink, connection: { address: string; certificate: string; credential: string }): Promise<number> {
    this.restampFuture();
    const key = Buffer.from(link.officeKey, 'base64');
    let sent = 0;
    let after = 0;
    for (;;) {
      const rows = await this.deps.db.selectFrom('sync_outbox').selectAll().where('seq', '>', after).orderBy('seq').limit(PUSH_BATCH).execute();
      if (rows.length === 0) return sent;
      const operations: WireOperation[] = [];
      let bytes = 0;
      for (const row of rows) {
        const header: OperationHeader = { opId: row.op_id, userId: row.user_id, hlc: row.hlc, entity: row.entity, rowId: row.row_id, action: row.action, baseHlc: row.base_hlc };
        const changed = row.changed === null ? null : (JSON.parse(row.changed) as Array<string | null>).filter((column) => column !== null);
        const payload: SyncPayload = { changed, after: parsed(row.row_after) };
        const sealed = sealPayload(key, header, payload);
        if (operations.length > 0 && bytes + sealed.length > PUSH_BATCH_BYTES) break;
        operations.push({ ...header, payload: sealed });
        bytes += sealed.length;
        after = row.seq;
      }
      const answer = await askOffice(connection, 'POST /v1/operations/push', { operations });
      if (!answer.ok) throw new OfficeProblem(answer.error);
      const placed = new Set(answer.value.placed.map((place) => place.opId));
      const taken = operations.map((operation) => operation.opId).filter((opId) => placed.has(opId));
      if (taken.length > 0) await this.deps.db.deleteFrom('sync_outbox').where('op_id', 'in', taken).execute();
      sent += taken.length;
    }
  }

  /** Receives what comes after the cursor, opens it and keeps it in the office's order, with the cursor, page by page. */
  private async receive(link: DeskLink, connection: { address: string; certificate: string; credential: string }): Promise<number> {
    const key = Buffer.from(link.officeKey, 'base64');
    let received = 0;
    for (;;) {
      const after = await readCursor(this.deps.db);
      const answer = await askOffice(connection, 'POST /v1/operations/pull', { after, limit: PULL_BATCH });
      if (!answer.ok) throw new OfficeProblem(answer.error);
      const { operations } = answer.value;
      if (operations.length === 0) return received;
      const opened = operations.map((operation) => ({ operation, ...openOperation(key, operation) }));
      const receivedAt = this.deps.now().toISOString();
      await this.deps.db.transaction().execute(async (trx) => {
        for (const { operation, payload, rejected } of opened) {
          if (rejected !== null) {
            await trx
              .insertInto('sync_rejected')
              .values({ server_seq: operation.serverSeq, op_id: operation.opId, desk_id: operation.deskId, entity: operation.entity, row_id: operation.rowId, reason: rejected, received_at: receivedAt })
              .onConflict((conflict) => conflict.column('server_seq').doNothing())
              .execute();
            continue;
          }
          // A person erased at another desk: the copies of their records received before go now.
          if (isErasure(operation.entity, payload.after)) await forgetSyncCopiesOf(trx, operation.rowId);
          await trx
            .insertInto('sync_inbox')
            .values({
              server_seq: operation.serverSeq,
              op_id: operation.opId,
              desk_id: operation.deskId,
              user_id: operation.userId,
              hlc: operation.hlc,
              entity: operation.entity,
              row_id: operation.rowId,
              action: operation.action,
              base_hlc: operation.baseHlc,
              changed: payload.changed === null ? null : JSON.stringify(payload.changed),
              row_after: payload.after === null ? null : JSON.stringify(payload.after),
              received_at: receivedAt,
            })
            .onConflict((conflict) => conflict.column('op_id').doNothing())
            .execute();
        }
        await writeCursor(trx, operations.at(-1)!.serverSeq, receivedAt);
      });
      for (const { operation, rejected } of opened) if (rejected === null) this.observe(operation.hlc);
      received += operations.length;
      if (operations.at(-1)!.serverSeq >= answer.value.last) return received;
    }
  }

  /** What this desk does next sorts after what it received, even with its own clock behind. */
  private observe(hlc: string): void {
    try {
      this.clock?.observe(hlc);
    } catch {
      // A time far ahead of this desk's clock: the clock check of the next round tells the user.
    }
  }
}

/** What a sealed payload must open to: the row after the change (its columns by name), and an update's changed columns. */
const syncPayload = z.object({
  changed: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).nullable(),
  after: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), z.unknown()).nullable(),
});

/**
 * An operation received, opened with the office's key and checked: its payload, or why it is set
 * aside (not opened, not a change, or stamped by another desk than the one that sent it).
 */
function openOperation(
  key: Buffer,
  operation: OfficeWireOperation,
): { payload: SyncPayload; rejected: null } | { payload: null; rejected: 'seal' | 'shape' | 'desk' } {
  if (parseHlc(operation.hlc)?.desk !== operation.deskId) return { payload: null, rejected: 'desk' };
  let opened: unknown;
  try {
    opened = openPayload(key, operation, operation.payload);
  } catch (error) {
    if (error instanceof SealBroken) return { payload: null, rejected: 'seal' };
    throw error;
  }
  const checked = syncPayload.safeParse(opened);
  return checked.success ? { payload: checked.data, rejected: null } : { payload: null, rejected: 'shape' };
}

/** A refusal or a state of the office that stops the round, shown on the desk as it is. */
class OfficeProblem extends Error {
  constructor(readonly problem: ApiError) {
    super(problem.messageKey);
    this.name = 'OfficeProblem';
  }
}

/** Whether a change to a row is a person's erasure: their file, now marked erased. */
const isErasure = (entity: string, after: unknown): boolean =>
  entity === 'beneficiaries' && typeof after === 'object' && after !== null && typeof (after as { erased_at?: unknown }).erased_at === 'string';

const parsed = (json: string | null): Record<string, unknown> | null => (json === null ? null : (JSON.parse(json) as Record<string, unknown>));

async function readCursor(db: Db): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', CURSOR_KEY).executeTakeFirst();
  const value = row ? (JSON.parse(row.value) as unknown) : 0;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

async function writeCursor(db: Db, serverSeq: number, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ id: newId(), key: CURSOR_KEY, value: JSON.stringify(serverSeq), created_at: at, updated_at: at, created_by: SYSTEM_USER_ID, updated_by: SYSTEM_USER_ID })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(serverSeq), updated_at: at }))
    .execute();
}

/** The latest time this desk made or received up to `bound`, to start its clock after it (it is kept with the queues). */
function latestTimeIn(sqlite: Database.Database, bound: string): string | null {
  return (
    (sqlite
      .prepare('SELECT max(hlc) FROM (SELECT max(hlc) AS hlc FROM sync_outbox WHERE hlc <= @bound UNION ALL SELECT max(hlc) FROM sync_inbox WHERE hlc <= @bound)')
      .pluck()
      .get({ bound }) as string | null) ?? null
  );
}

/**
 * Everything the desk holds of the office's record, queued as insertions in one statement per table
 * (the capture functions stamp each row): what a desk had before it paired reaches the office.
 */
function queueWholeRecord(sqlite: Database.Database): void {
  for (const table of SYNCED_TABLES) {
    const columns = sentColumns(sqlite, table);
    const row = `json_object(${columns.map((column) => `'${column}', ${sqlName(column)}`).join(', ')})`;
    sqlite.exec(`INSERT INTO sync_outbox (op_id, hlc, user_id, entity, row_id, action, base_hlc, changed, row_after)
      SELECT wasl_sync_op_id(), wasl_sync_hlc(), wasl_sync_actor(), '${table}', id, 'insert', NULL, NULL, ${row} FROM ${sqlName(table)} ORDER BY rowid`);
  }
  // Each row's version is the time it was queued at: the base of its next change.
  sqlite.exec(`INSERT INTO sync_row_versions (entity, row_id, hlc) SELECT entity, row_id, hlc FROM sync_outbox WHERE true
    ON CONFLICT (entity, row_id) DO UPDATE SET hlc = excluded.hlc`);
}
