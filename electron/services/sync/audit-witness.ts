import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { ApiError } from '../../api/result';
import type { OfficeWireOperation } from '../../api/sync/office';
import { AUDIT_LINKS_MAX, CHAIN_GENESIS, serverChainText, type FlaggedDesk } from '../../api/sync/witness';
import type { DatabaseSchema } from '../../../db/schema';
import { askOffice, type OfficeConnection } from './office-client';
import { keep, readKept } from './kept-settings';

type Db = Kysely<DatabaseSchema>;

/**
 * The office server as the witness of this desk's audit log, and this desk as the witness of the
 * office's record. The log's chain is tamper-evident on the desk, but a desk put back from an older
 * copy of its files verifies as intact: only someone who saw the chain before can tell. So at every
 * round the desk sends the links of its chain made since the last the server acknowledged (each
 * entry's place and hashes, never what it says), and is told which desks of the office were found
 * cut or rewritten. In turn it recomputes the server's chain over every operation it pulls.
 */

/** How far the office server holds this desk's audit chain: the last entry it acknowledged. */
const WITNESSED_KEY = 'office.auditWitnessedSeq';
/** The office's chain hash at the last operation this desk received (kept with the cursor). */
const SERVER_CHAIN_KEY = 'office.serverChainHash';
/** The first operation whose chain hash did not hold here: the office's record was changed on the server. */
const SERVER_CHAIN_BROKEN_KEY = 'office.serverChainBrokenAt';

/** The desks the office has flagged, as it last said: kept, so that administrators see them with the server out of reach. */
const FLAGGED_DESKS_KEY = 'office.flaggedDesks';

/**
 * Sends the links of this desk's audit chain the office does not hold yet, in batches, and keeps
 * the desks the office has flagged (this one included); answers the server's refusal, if it refused.
 * A desk flagged sends only what is new from then on: the server takes nothing more from it, and it
 * is not to send the same links at every round. An office out of reach is thrown (`OfficeUnreachable`).
 */
export async function witnessAuditChain(db: Db, connection: OfficeConnection, deskId: string, now: Date): Promise<ApiError | null> {
  const kept = await readKept<unknown>(db, WITNESSED_KEY, 0);
  let witnessed = typeof kept === 'number' && Number.isInteger(kept) && kept >= 0 ? kept : 0;
  for (;;) {
    const links = (
      await db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash']).where('seq', '>', witnessed).orderBy('seq').limit(AUDIT_LINKS_MAX).execute()
    ).map((row) => ({ seq: row.seq, prevHash: row.prev_hash, hash: row.hash }));
    // Read after the links, so that the head is never before the last of them.
    const head = (await db.selectFrom('audit_log').select((eb) => eb.fn.max('seq').as('head')).executeTakeFirst())?.head ?? 0;
    const answer = await askOffice(connection, 'POST /v1/audit/links', { head, links });
    if (!answer.ok) return answer.error;
    const { heldThrough, flaggedDesks } = answer.value;
    if (JSON.stringify(flaggedDesks) !== JSON.stringify(await readKept<unknown>(db, FLAGGED_DESKS_KEY, []))) await keep(db, FLAGGED_DESKS_KEY, flaggedDesks, now);
    const flagged = flaggedDesks.some((desk) => desk.deskId === deskId);
    const sentThrough = links.at(-1)?.seq ?? witnessed;
    const next = flagged ? sentThrough : Math.min(heldThrough, head);
    if (next !== witnessed) await keep(db, WITNESSED_KEY, next, now);
    // Done when nothing more waits, or when the server took nothing more (this desk is flagged, or it held no more).
    if (flagged || next >= head || next <= witnessed || links.length < AUDIT_LINKS_MAX) return null;
    witnessed = next;
  }
}

/** The desks the office has flagged, as it last said (read on the desk's own connection, as the sync's state is). */
export function keptFlaggedDesks(sqlite: Database.Database): FlaggedDesk[] {
  const kept = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(FLAGGED_DESKS_KEY) as string | undefined;
  return kept === undefined ? [] : (JSON.parse(kept) as FlaggedDesk[]);
}

/** Where the office's chain stands on this desk: its hash at the cursor (null before this desk kept it), and the first break found. */
export interface ServerChainState {
  hash: string | null;
  brokenAt: number | null;
}

export async function readServerChain(db: Db): Promise<ServerChainState> {
  const hash = await readKept<string | null>(db, SERVER_CHAIN_KEY, null);
  const brokenAt = await readKept<number | null>(db, SERVER_CHAIN_BROKEN_KEY, null);
  return { hash: typeof hash === 'string' ? hash : null, brokenAt: typeof brokenAt === 'number' ? brokenAt : null };
}

/**
 * The office's chain recomputed over a page pulled after the cursor, from the hash kept with it: the
 * first operation whose chain hash does not come out the same (its payload, its place or an
 * operation before it changed on the server) is the break. A desk that kept no hash yet (it received
 * before the server kept a chain) starts from the first operation's. The chain goes on from the
 * hashes the server gives, so that one change is reported once.
 */
export function followServerChain(state: ServerChainState, operations: readonly OfficeWireOperation[]): ServerChainState {
  let { hash, brokenAt } = state;
  for (const operation of operations) {
    // The office's first operation follows the genesis, whatever this desk kept.
    const previous = operation.serverSeq === 1 ? CHAIN_GENESIS : hash;
    if (previous !== null) {
      const expected = sha256(serverChainText(previous, operation.serverSeq, operation.opId, sha256(Buffer.from(operation.payload, 'base64'))));
      if (expected !== operation.chainHash) brokenAt ??= operation.serverSeq;
    }
    hash = operation.chainHash;
  }
  return { hash, brokenAt };
}

/** Keeps the office's chain with the cursor, in the transaction that moves it. */
export async function keepServerChain(trx: Db, state: ServerChainState, now: Date): Promise<void> {
  if (state.hash !== null) await keep(trx, SERVER_CHAIN_KEY, state.hash, now);
  if (state.brokenAt !== null) await keep(trx, SERVER_CHAIN_BROKEN_KEY, state.brokenAt, now);
}

/** The office's record found changed on the server, as the sync's problem: it stays until an administrator has looked into it. */
export async function serverChainProblem(db: Db): Promise<ApiError | null> {
  const { brokenAt } = await readServerChain(db);
  return brokenAt === null ? null : { code: 'rule', messageKey: 'office.serverChainBroken', details: { serverSeq: brokenAt } };
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');


