import type { KeyObject } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { HLC_MAX_DRIFT_MS, parseHlc } from '../../api/sync/hlc';
import type { OfficeAccount, OfficeAccounts, OfficeWireOperation, WireOperation } from '../../api/sync/office';
import type { ApiError } from '../../api/result';
import type { OfficeSyncState } from '../../api/office';
import type { DatabaseSchema } from '../../../db/schema';
import { SYNCED_TABLES, sentColumns, sqlName, type CaptureSwitch } from '../../../db/sync-capture';
import { SYSTEM_USER_ID } from '../context';
import { AppError } from '../errors';
import { newId } from '../ids';
import { reportThisDesk } from '../office/desks';
import { HybridClock } from './clock';
import { applyReceived } from './apply';
import { followServerChain, keepServerChain, keptFlaggedDesks, readServerChain, serverChainProblem, witnessAuditChain } from './audit-witness';
import { queueEveryScan, sendScans } from './blobs';
import { forgetSyncCopiesOf } from './copies';
import { keepNumberBlocks } from './number-blocks';
import { askOffice, OfficeUnreachable } from './office-client';
import { authorCheck, keepOfficeRegister, keepRegister, refreshRegister } from './office-register';
import { openPayload, SealBroken, sealPayload, type OperationHeader } from './seal';
import { publishSnapshotWhenDue, startFromSnapshot } from './snapshot';
import { signAccount, signKey, signOperation } from './signature';
import { deskSigningKey, type SigningKeys } from './signing';

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
  /** An update's base field by field: the version of each changed field its writer saw. */
  bases?: Record<string, string> | null;
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
      /** The accounts' signing keys opened here since Wasl started (signing.ts): what they did is sent signed by them. */
      signingKeys: SigningKeys;
      now: () => Date;
      logError: (error: unknown, where: string) => void;
      /** This desk's Wasl version, told to the office at every round for the administrators' desks list. */
      appVersion: string;
      /**
       * After the desk paired, and after it took changes from the office: the keyring mirrors the
       * office's accounts as the users rows now say (services/session/office-accounts.ts).
       */
      accountsChanged?: () => Promise<void>;
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
    await this.deps.accountsChanged?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.deps.capture.enabled = false;
    this.link = null;
  }

  /**
   * An account made or changed by an administrator at this desk (and, made or reset, its new signing
   * key): on a paired desk the office's first, signed by that administrator, since the office's
   * accounts are the server's; nothing to do on a desk working alone. With the office out of reach
   * the change is refused here too: an account changed at one desk only would be one whose work the
   * office refuses, or takes from someone it should not.
   */
  async putAccount(change: { account: OfficeAccount | null; key: { userId: string; keyId: string; publicKey: string } | null }, administratorId: string): Promise<void> {
    const link = this.link;
    if (link === null) return;
    const signer = this.deps.signingKeys.of(administratorId);
    if (signer === null) throw new AppError('rule', 'users.signingKeyShut');
    const connection = { address: link.address, certificate: link.certificate, credential: link.credential };
    const refused = (error: ApiError) => new AppError(error.code, error.messageKey, error.details);
    try {
      // The office knows the administrator's own key (and this desk's accounts) before it takes their word.
      await keepOfficeRegister(this.deps.sqlite, connection, this.deps.signingKeys, this.deskKey(), this.deps.now());
      let register: OfficeAccounts | null = null;
      if (change.account !== null) {
        const answer = await askOffice(connection, 'POST /v1/accounts/put', { account: change.account, signerKeyId: signer.keyId, signature: signAccount(change.account, signer.privateKey) });
        if (!answer.ok) throw refused(answer.error);
        register = answer.value;
      }
      if (change.key !== null) {
        const vouch = { keyId: signer.keyId, signature: signKey(change.key, signer.privateKey) };
        const answer = await askOffice(connection, 'POST /v1/accounts/keys/put', { ...change.key, vouch });
        if (!answer.ok) throw refused(answer.error);
        register = answer.value;
      }
      if (register !== null) keepRegister(this.deps.sqlite, register, this.deps.now().toISOString());
    } catch (error) {
      if (error instanceof OfficeUnreachable) throw new AppError('rule', 'users.officeUnreachable');
      throw error;
    }
  }

  /** A signature of `userId`'s with their key open here, for the office to take their word; refused when it is not open. */
  signedByAdministrator(userId: string, sign: (key: KeyObject) => string): { keyId: string; signature: string } {
    const signer = this.deps.signingKeys.of(userId);
    if (signer === null) throw new AppError('rule', 'users.signingKeyShut');
    return { keyId: signer.keyId, signature: sign(signer.privateKey) };
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
    return { pending, lastSyncedAt: this.lastSyncedAt, offlineSince: this.offlineSince, problem: this.problem, flaggedDesks: keptFlaggedDesks(this.deps.sqlite) };
  }

  private attach(link: DeskLink): void {
    this.link = link;
    // A time the office took may be up to twice the allowed drift ahead of this desk's clock (this desk
    // behind, the desk that made it ahead): the office's checks come at the next round.
    this.clock = this.freshClock(link.deskId, new Date(this.deps.now().getTime() + 2 * HLC_MAX_DRIFT_MS));
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
      const officeNow = await attempt(() => this.checkClock(connection), null);
      const clockRight = officeNow !== null;
      // The office's register of accounts and keys: what this desk checks signatures against, and gives the office what it lacks.
      if (clockRight) problem = await keepOfficeRegister(this.deps.sqlite, connection, this.deps.signingKeys, this.deskKey(), this.deps.now());
      // The numbers people see come from blocks the office reserves for this desk: kept filled while it is reachable.
      if (clockRight) problem ??= await keepNumberBlocks(this.deps.db, connection, this.deps.now());
      // A refused push does not stop the desk from receiving what the others sent.
      const sent = clockRight ? await attempt(() => this.send(link, connection, officeNow), 0) : 0;
      // The office witnesses this desk's audit chain, and names every desk whose history was found cut or rewritten (audit-witness.ts).
      problem ??= await witnessAuditChain(this.deps.db, connection, link.deskId, this.deps.now());
      // Scans filed here go to the office as sealed blobs of their own (blobs.ts), after the rows that name them.
      const scansRefused = clockRight ? await sendScans(this.deps.db, connection, Buffer.from(link.officeKey, 'base64')) : null;
      problem ??= scansRefused;
      // Nor does it receive while its clock is wrong: its own changes are stamped ahead, and others'
      // weighed against them here would be weighed otherwise on every other desk.
      const received = clockRight ? await attempt(() => this.receive(link, connection), 0) : 0;
      // Changes held at an earlier round (the row they change had not arrived) are tried again.
      if (clockRight && received === 0) await this.takeReceived(link);
      // Now and then an up-to-date desk seals the office's record for new desks to start from (snapshot.ts).
      if (clockRight && problem === null) await publishSnapshotWhenDue(this.deps, Buffer.from(link.officeKey, 'base64'), { deskId: link.deskId, key: this.deskKey() }, connection, this.syncCursor());
      this.offlineSince = null;
      this.problem = problem ?? (await serverChainProblem(this.deps.db)) ?? this.rejectedProblem();
      if (problem === null) this.lastSyncedAt = this.deps.now().toISOString();
      // The desks list (version, what waits here) and the report's "data up to" (services/office/desks.ts).
      await reportThisDesk(this.deps.db, connection, { appVersion: this.deps.appVersion, pending: this.status()!.pending, lastSyncedAt: this.lastSyncedAt }, this.deps.now());
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

  /**
   * Operations set aside as not openable or not changes, or held as not taken into the record: the
   * administrators are told how many.
   */
  private rejectedProblem(): ApiError | null {
    const count = this.deps.sqlite.prepare('SELECT count(*) FROM sync_rejected').pluck().get() as number;
    if (count > 0) return { code: 'rule', messageKey: 'office.operationsRejected', details: { count } };
    const refused = this.deps.sqlite.prepare('SELECT count(*) FROM sync_outbox WHERE refused_reason IS NOT NULL').pluck().get() as number;
    if (refused > 0) return { code: 'rule', messageKey: 'office.operationsRefused', details: { count: refused } };
    const unsigned = this.unsignable();
    if (unsigned > 0) return { code: 'rule', messageKey: 'office.operationsWaitForAuthors', details: { count: unsigned } };
    const held = this.deps.sqlite.prepare('SELECT count(*) FROM sync_inbox WHERE held_reason IS NOT NULL').pluck().get() as number;
    return held === 0 ? null : { code: 'rule', messageKey: 'office.operationsHeld', details: { count: held } };
  }

  /** The desk's own signing key, for what Wasl did here by itself (signing.ts). */
  private deskKey() {
    return deskSigningKey(this.deps.sqlite, this.deps.now().toISOString());
  }

  /** The key that signs a change made here by `userId`: theirs when open here, the desk's for Wasl's own; null when it must wait. */
  private signerOf(userId: string) {
    return userId === SYSTEM_USER_ID ? this.deskKey() : this.deps.signingKeys.of(userId);
  }

  /** Changes waiting for their author to sign in here again: no key of theirs is open at this desk. */
  private unsignable(): number {
    const authors = this.deps.sqlite.prepare('SELECT user_id, count(*) AS count FROM sync_outbox GROUP BY user_id').all() as Array<{ user_id: string; count: number }>;
    return authors.filter((author) => this.signerOf(author.user_id) === null).reduce((sum, author) => sum + author.count, 0);
  }

  /**
   * A clock that starts after every time this desk made or received, leaving out times beyond `bound`
   * (stamped while the clock was wrong): those are stamped again before they are sent.
   */
  private freshClock(deskId: string, bound: Date): HybridClock {
    return new HybridClock(deskId, () => this.deps.now().getTime(), latestTimeIn(this.deps.sqlite, bound.toISOString()));
  }

  /**
   * Changes stamped while this desk's clock was ahead (it has been corrected since: the check passed)
   * would be refused by the server and would win over everyone's later edits: they get new times,
   * in their order, from a clock started afresh, before anything is sent. The versions this desk keeps
   * of the rows they changed, and the bases of its later changes, follow the new times: the merge
   * weighs others' changes against them as every other desk weighs them against the new times.
   * Ahead is beyond what the office takes (`officeNow`, its clock, and the allowed drift), not beyond
   * this desk's own clock: a change made after taking in a time from a desk ahead of this one stays
   * after it.
   */
  private restampFuture(officeNow: Date): void {
    const link = this.link;
    if (link === null) return;
    const bound = new Date(officeNow.getTime() + HLC_MAX_DRIFT_MS);
    const ahead = this.deps.sqlite.prepare('SELECT seq, hlc, entity, row_id FROM sync_outbox WHERE hlc > ? ORDER BY seq').all(bound.toISOString()) as Array<{
      seq: number;
      hlc: string;
      entity: string;
      row_id: string;
    }>;
    if (ahead.length === 0) return;
    this.clock = this.freshClock(link.deskId, bound);
    const clock = this.clock;
    this.deps.capture.nextHlc = () => clock.nextEvenIfDrifted();
    const sqlite = this.deps.sqlite;
    const restamp = sqlite.prepare('UPDATE sync_outbox SET hlc = @restamped WHERE seq = @seq');
    const rebase = sqlite.prepare(`UPDATE sync_outbox SET base_hlc = iif(base_hlc = @hlc, @restamped, base_hlc),
        field_bases = (SELECT json_group_object(key, iif(value = @hlc, @restamped, value)) FROM json_each(field_bases))
      WHERE entity = @entity AND row_id = @row_id AND (base_hlc = @hlc OR field_bases IS NOT NULL)`);
    const rowVersion = sqlite.prepare(`UPDATE sync_row_versions SET hlc = iif(hlc = @hlc, @restamped, hlc), born_hlc = iif(born_hlc = @hlc, @restamped, born_hlc)
      WHERE entity = @entity AND row_id = @row_id AND @hlc IN (hlc, born_hlc)`);
    const fieldVersions = sqlite.prepare('UPDATE sync_field_versions SET hlc = @restamped WHERE entity = @entity AND row_id = @row_id AND hlc = @hlc');
    // And the fields as the office's order has them, kept until the desk's own edits of them are back.
    const officeFields = sqlite.prepare(`UPDATE sync_office_fields SET hlc = iif(hlc = @hlc, @restamped, hlc), own_hlc = iif(own_hlc = @hlc, @restamped, own_hlc)
      WHERE entity = @entity AND row_id = @row_id AND @hlc IN (hlc, own_hlc)`);
    // And the rows it deleted, kept until the deletions are back.
    const officeRows = sqlite.prepare('UPDATE sync_office_rows SET own_hlc = @restamped WHERE entity = @entity AND row_id = @row_id AND own_hlc = @hlc');
    sqlite.transaction(() => {
      for (const change of ahead) {
        const restamped = { ...change, restamped: clock.nextEvenIfDrifted() };
        for (const statement of [restamp, rebase, rowVersion, fieldVersions, officeFields, officeRows]) statement.run(restamped);
      }
    })();
  }

  /**
   * A desk whose clock is more than five minutes off the office's is told so, and sends nothing until
   * it is corrected. Answers the office's time.
   */
  private async checkClock(connection: { address: string; certificate: string; credential: string }): Promise<Date> {
    const health = await askOffice(connection, 'GET /v1/health', null);
    if (!health.ok) throw new OfficeProblem(health.error);
    const driftMs = this.deps.now().getTime() - Date.parse(health.value.now);
    if (Math.abs(driftMs) > HLC_MAX_DRIFT_MS) {
      throw new OfficeProblem({ code: 'rule', messageKey: 'office.clockOff', details: { serverTime: health.value.now } });
    }
    return new Date(health.value.now);
  }

  /**
   * Sends the outbox in batches, oldest first, each within PUSH_BATCH_BYTES of sealed payloads (at
   * least one operation); a batch leaves the outbox once the server has numbered every operation in
   * it, by their ids: a change queued meanwhile stays, whatever its number. Each is signed by its
   * author (signing.ts); one whose author's key is not open here waits for them to sign in again
   * (the desks that receive what follows it hold what needs it until it comes). One the office
   * refuses stays, with why, and is sent again at the next round.
   */
  private async send(link: DeskLink, connection: { address: string; certificate: string; credential: string }, officeNow: Date): Promise<number> {
    this.restampFuture(officeNow);
    const key = Buffer.from(link.officeKey, 'base64');
    let sent = 0;
    let after = 0;
    for (;;) {
      const rows = await this.deps.db.selectFrom('sync_outbox').selectAll().where('seq', '>', after).orderBy('seq').limit(PUSH_BATCH).execute();
      if (rows.length === 0) return sent;
      const operations: WireOperation[] = [];
      const gone: string[] = [];
      let bytes = 0;
      for (const row of rows) {
        const signer = this.signerOf(row.user_id);
        if (signer === null) {
          after = row.seq;
          continue;
        }
        const header: OperationHeader = { opId: row.op_id, userId: row.user_id, hlc: row.hlc, entity: row.entity, rowId: row.row_id, action: row.action, baseHlc: row.base_hlc };
        const changed = row.changed === null ? null : (JSON.parse(row.changed) as Array<string | null>).filter((column) => column !== null);
        // A change whose values a person's erasure took out of the queue (copies.ts) carries the row as it is now.
        const values = row.row_after === null && row.action !== 'delete' ? rowAsSent(this.deps.sqlite, row.entity, row.row_id) : parsed(row.row_after);
        if (row.action !== 'delete' && values === null) {
          // The row is gone since (its deletion, queued after, tells the office): nothing of this change is left to send.
          gone.push(row.op_id);
          after = row.seq;
          continue;
        }
        const payload: SyncPayload = { changed, after: values, bases: row.field_bases === null ? null : (JSON.parse(row.field_bases) as Record<string, string>) };
        const sealed = sealPayload(key, header, payload);
        if (operations.length > 0 && bytes + sealed.length > PUSH_BATCH_BYTES) break;
        const signature = signOperation({ ...header, deskId: link.deskId, keyId: signer.keyId, payload: sealed }, signer.privateKey);
        operations.push({ ...header, payload: sealed, keyId: signer.keyId, signature });
        bytes += sealed.length;
        after = row.seq;
      }
      if (gone.length > 0) await this.deps.db.deleteFrom('sync_outbox').where('op_id', 'in', gone).execute();
      if (operations.length === 0) continue;
      const answer = await askOffice(connection, 'POST /v1/operations/push', { operations });
      if (!answer.ok) throw new OfficeProblem(answer.error);
      const placed = new Set(answer.value.placed.map((place) => place.opId));
      const taken = operations.map((operation) => operation.opId).filter((opId) => placed.has(opId));
      if (taken.length > 0) await this.deps.db.deleteFrom('sync_outbox').where('op_id', 'in', taken).execute();
      for (const { opId, reason } of answer.value.refused) await this.deps.db.updateTable('sync_outbox').set({ refused_reason: reason }).where('op_id', '=', opId).execute();
      sent += taken.length;
    }
  }

  /** Receives what comes after the cursor, opens it and keeps it in the office's order, with the cursor, page by page. */
  private async receive(link: DeskLink, connection: { address: string; certificate: string; credential: string }): Promise<number> {
    const key = Buffer.from(link.officeKey, 'base64');
    let received = 0;
    // A new desk starts from the office's latest snapshot when it may (snapshot.ts), and pulls what came after it.
    const started = await startFromSnapshot(this.deps, key, connection, this.syncCursor());
    if (started?.latestHlc) this.observe(started.latestHlc);
    for (;;) {
      const after = await readCursor(this.deps.db);
      const answer = await askOffice(connection, 'POST /v1/operations/pull', { after, limit: PULL_BATCH });
      if (!answer.ok) throw new OfficeProblem(answer.error);
      const { operations } = answer.value;
      if (operations.length === 0) return received;
      // A key this desk's copy of the office's register does not name yet (an account's new key) is asked for first.
      let authors = authorCheck(this.deps.sqlite);
      if (!authors.complete || operations.some((operation) => operation.keyId !== null && !authors.knows(operation.keyId))) {
        const stale = await refreshRegister(this.deps.sqlite, connection, this.deps.now());
        if (stale !== null) throw new OfficeProblem(stale);
        authors = authorCheck(this.deps.sqlite);
        if (!authors.complete) throw new OfficeProblem({ code: 'internal', messageKey: 'internal' });
      }
      const opened = operations.map((operation) => ({ operation, ...(authors.signedByItsAuthor(operation) ? openOperation(key, operation) : { payload: null, rejected: 'signature' as const }) }));
      // The office's chain, recomputed from the hash kept with the cursor: a record changed on the server is told.
      const chain = followServerChain(await readServerChain(this.deps.db), operations);
      const receivedAt = this.deps.now().toISOString();
      await this.deps.db.transaction().execute(async (trx) => {
        // A person erased at another desk: the copies of their records received before go now, before
        // this page is kept, so that the erasure's own changes to those records (its letters' scans,
        // its contacts), which come beside it, stay to erase them here too.
        for (const { operation, payload } of opened) if (payload !== null && isErasure(operation.entity, payload.after)) await forgetSyncCopiesOf(trx, operation.rowId);
        for (const { operation, payload, rejected } of opened) {
          if (rejected !== null) {
            await trx
              .insertInto('sync_rejected')
              .values({ server_seq: operation.serverSeq, op_id: operation.opId, desk_id: operation.deskId, entity: operation.entity, row_id: operation.rowId, reason: rejected, received_at: receivedAt })
              .onConflict((conflict) => conflict.column('server_seq').doNothing())
              .execute();
            continue;
          }
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
              field_bases: payload.bases === undefined || payload.bases === null ? null : JSON.stringify(payload.bases),
              received_at: receivedAt,
            })
            .onConflict((conflict) => conflict.column('op_id').doNothing())
            .execute();
        }
        await writeCursor(trx, operations.at(-1)!.serverSeq, receivedAt);
        await keepServerChain(trx, chain, this.deps.now());
      });
      for (const { operation, rejected } of opened) if (rejected === null) this.observe(operation.hlc);
      await this.takeReceived(link);
      received += operations.length;
      if (operations.at(-1)!.serverSeq >= answer.value.last) return received;
    }
  }

  /**
   * Takes what waits in the inbox into the desk's record (services/sync/apply.ts); changes held before
   * are tried again. Inside a transaction of the desk's own, so that it waits for a call's transaction
   * to end rather than running inside it.
   */
  private async takeReceived(link: DeskLink): Promise<void> {
    const waiting = this.deps.sqlite.prepare('SELECT count(*) FROM sync_inbox').pluck().get() as number;
    if (waiting === 0) return;
    await this.deps.db.transaction().execute(async () => {
      applyReceived(this.deps.sqlite, this.deps.capture, link.deskId, this.deps.now);
    });
    await this.deps.accountsChanged?.();
  }

  /** The cursor, as a snapshot reads it and moves it with what it loads (snapshot.ts). */
  private syncCursor() {
    return { read: () => readCursor(this.deps.db), write: (trx: Db, serverSeq: number) => writeCursor(trx, serverSeq, this.deps.now().toISOString()) };
  }

  /** What this desk does next sorts after what it received, even with its own clock behind. */
  private observe(hlc: string): void {
    this.clock?.observeEvenIfDrifted(hlc);
  }
}

/** What a sealed payload must open to: the row after the change (its columns by name), and an update's changed columns. */
const syncPayload = z.object({
  changed: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).nullable(),
  after: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), z.unknown()).nullable(),
  // Absent from a desk of a version before it: the row's base stands for every field.
  bases: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), z.string().max(64)).nullable().optional(),
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

/** A row of the office's record as a change carries it (its sent columns), or null when it is gone. */
function rowAsSent(sqlite: Database.Database, entity: string, rowId: string): Record<string, unknown> | null {
  const table = SYNCED_TABLES.find((name) => name === entity);
  if (table === undefined) throw new Error(`not a synced table: ${entity}`);
  const columns = sentColumns(sqlite, table);
  const row = sqlite.prepare(`SELECT json_object(${columns.map((column) => `'${column}', ${sqlName(column)}`).join(', ')}) FROM ${sqlName(table)} WHERE id = ?`).pluck().get(rowId) as string | undefined;
  return row === undefined ? null : (JSON.parse(row) as Record<string, unknown>);
}

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

/**
 * The latest time this desk made or received up to `bound`, to start its clock after it: kept with
 * the queues, and with the rows' versions once the changes have left them (a change made after
 * taking another's is later than it on every desk).
 */
function latestTimeIn(sqlite: Database.Database, bound: string): string | null {
  return (
    (sqlite
      .prepare(
        `SELECT max(hlc) FROM (SELECT max(hlc) AS hlc FROM sync_outbox WHERE hlc <= @bound UNION ALL SELECT max(hlc) FROM sync_inbox WHERE hlc <= @bound
          UNION ALL SELECT max(hlc) FROM sync_row_versions WHERE hlc <= @bound)`,
      )
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
  sqlite.exec(`INSERT INTO sync_row_versions (entity, row_id, hlc, deleted, user_id, born_hlc) SELECT entity, row_id, hlc, 0, user_id, hlc FROM sync_outbox WHERE true
    ON CONFLICT (entity, row_id) DO UPDATE SET hlc = excluded.hlc, deleted = 0, user_id = excluded.user_id, born_hlc = excluded.born_hlc`);
  // And the scans' bytes, which travel as blobs of their own.
  queueEveryScan(sqlite);
}
