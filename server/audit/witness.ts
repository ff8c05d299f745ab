import type { Kysely } from 'kysely';
import { CHAIN_GENESIS, type AuditLink, type AuditLinksAnswer, type ChainBreak, type FlaggedDesk, type OfficeVerification } from '../../electron/api/sync/witness';
import type { ServerSchema } from '../storage/schema';
import { chainHashOf } from '../sync/chain';

type Db = Kysely<ServerSchema>;

/**
 * The server as the witness of each desk's audit log. A desk sends the links of its hash chain made
 * since the last the server acknowledged; the server holds them and checks that each batch goes on
 * from them. A desk's log only ever grows, so a link the server holds that comes back with another
 * hash, a place skipped, or a log that now ends before what the server holds means its history was
 * cut or rewritten since (a database put back from an older copy, entries removed): the desk is
 * flagged, once, and the links held stay as they were, the record of what the log said.
 */
export async function witnessAuditLinks(db: Db, deskId: string, input: { head: number; links: readonly AuditLink[] }, now: Date): Promise<AuditLinksAnswer> {
  const heldThrough = await db.transaction().execute(async (trx) => {
    // One batch of a desk at a time: two rounds sending the same links are checked one after the other.
    const desk = await trx.selectFrom('desks').select(['chain_broken_at']).where('desk_id', '=', deskId).forUpdate().executeTakeFirstOrThrow();
    const held = await heldHead(trx, deskId);
    // A flagged desk's witness ends at the break: nothing it sends afterwards is taken.
    if (desk.chain_broken_at !== null) return held?.seq ?? 0;
    const broken = await breakIn(trx, deskId, held, input);
    if (broken !== null) {
      await trx
        .updateTable('desks')
        .set({ chain_broken_at: now, chain_broken_reason: broken.reason, chain_broken_seq: String(broken.seq) })
        .where('desk_id', '=', deskId)
        .where('chain_broken_at', 'is', null)
        .execute();
      return held?.seq ?? 0;
    }
    const fresh = input.links.filter((link) => link.seq > (held?.seq ?? 0));
    if (fresh.length > 0) {
      await trx
        .insertInto('desk_audit_links')
        .values(fresh.map((link) => ({ desk_id: deskId, seq: String(link.seq), prev_hash: link.prevHash, hash: link.hash, received_at: now })))
        .execute();
    }
    return fresh.at(-1)?.seq ?? held?.seq ?? 0;
  });
  return { heldThrough, flaggedDesks: await flaggedDesks(db) };
}

/** The last link held of a desk's chain. */
async function heldHead(db: Db, deskId: string): Promise<{ seq: number; hash: string } | null> {
  const row = await db.selectFrom('desk_audit_links').select(['seq', 'hash']).where('desk_id', '=', deskId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/**
 * Where a batch fails to go on from what is held, or null when it does: each link must follow the
 * one before it; a link already held must be the same (a batch sent again after its acknowledgement
 * was lost); the first new link must come right after the last held and follow it; and the desk's
 * log must reach at least as far as what is held.
 */
async function breakIn(
  db: Db,
  deskId: string,
  held: { seq: number; hash: string } | null,
  input: { head: number; links: readonly AuditLink[] },
): Promise<{ reason: ChainBreak; seq: number } | null> {
  const { links } = input;
  for (let index = 1; index < links.length; index += 1) {
    const link = links[index]!;
    const before = links[index - 1]!;
    if (link.seq !== before.seq + 1) return { reason: 'skipped', seq: before.seq + 1 };
    if (link.prevHash !== before.hash) return { reason: 'rewritten', seq: link.seq };
  }
  if (held === null) return null;
  const overlapping = links.filter((link) => link.seq <= held.seq);
  if (overlapping.length > 0) {
    const stored = await db
      .selectFrom('desk_audit_links')
      .select(['seq', 'prev_hash', 'hash'])
      .where('desk_id', '=', deskId)
      .where('seq', '>=', String(overlapping[0]!.seq))
      .where('seq', '<=', String(overlapping.at(-1)!.seq))
      .execute();
    const bySeq = new Map(stored.map((row) => [Number(row.seq), row]));
    for (const link of overlapping) {
      const kept = bySeq.get(link.seq);
      if (kept === undefined || kept.hash !== link.hash || kept.prev_hash !== link.prevHash) return { reason: 'rewritten', seq: link.seq };
    }
  }
  if (input.head < held.seq) return { reason: 'shortened', seq: input.head + 1 };
  const first = links.find((link) => link.seq > held.seq);
  if (first === undefined) return null;
  if (first.seq !== held.seq + 1) return { reason: 'skipped', seq: held.seq + 1 };
  if (first.prevHash !== held.hash) return { reason: 'rewritten', seq: first.seq };
  return null;
}

/** Every desk of the office whose history was found cut or rewritten, first found first. */
export async function flaggedDesks(db: Db): Promise<FlaggedDesk[]> {
  const rows = await db
    .selectFrom('desks')
    .select(['desk_id', 'name', 'chain_broken_at', 'chain_broken_reason', 'chain_broken_seq'])
    .where('chain_broken_at', 'is not', null)
    .orderBy('chain_broken_at')
    .orderBy('desk_id')
    .execute();
  return rows.map(flaggedOf).filter((flagged) => flagged !== null);
}

function flaggedOf(row: { desk_id: string; name: string; chain_broken_at: Date | null; chain_broken_reason: ChainBreak | null; chain_broken_seq: string | null }): FlaggedDesk | null {
  if (row.chain_broken_at === null || row.chain_broken_reason === null) return null;
  return { deskId: row.desk_id, deskName: row.name, brokenAt: new Date(row.chain_broken_at).toISOString(), reason: row.chain_broken_reason, seq: Number(row.chain_broken_seq ?? 0) };
}

/** Operations and links read at once while verifying: the record is walked, never loaded whole. */
const VERIFY_PAGE = 5000;

/**
 * The office's record checked from its first operation (`npm run server -- verify`): every
 * operation's chain hash recomputed from its payload and the one before it, in order; and every
 * desk's links, each following the one before it from the first held, with the desk's flag if it
 * has one.
 */
export async function verifyOfficeRecord(db: Db): Promise<OfficeVerification> {
  let previous = CHAIN_GENESIS;
  let count = 0;
  let firstBroken: number | null = null;
  for (let after = 0; ; ) {
    const page = await db
      .selectFrom('operations')
      .select(['server_seq', 'op_id', 'payload', 'chain_hash'])
      .where('server_seq', '>', String(after))
      .orderBy('server_seq')
      .limit(VERIFY_PAGE)
      .execute();
    if (page.length === 0) break;
    for (const row of page) {
      const serverSeq = Number(row.server_seq);
      const expected = chainHashOf(previous, serverSeq, row.op_id, row.payload);
      if (firstBroken === null && (serverSeq !== count + 1 || expected !== row.chain_hash)) firstBroken = serverSeq;
      count += 1;
      previous = row.chain_hash;
    }
    after = Number(page.at(-1)!.server_seq);
  }
  const desks = await db.selectFrom('desks').select(['desk_id', 'name', 'chain_broken_at', 'chain_broken_reason', 'chain_broken_seq']).orderBy('paired_at').orderBy('desk_id').execute();
  const verified: OfficeVerification['desks'] = [];
  for (const desk of desks) {
    const links = await verifyDeskLinks(db, desk.desk_id);
    const flagged = flaggedOf(desk);
    verified.push({ deskId: desk.desk_id, deskName: desk.name, links: links.count, holds: links.firstBroken === null && flagged === null, firstBroken: links.firstBroken, flagged });
  }
  return { operations: { count, holds: firstBroken === null, firstBroken }, desks: verified };
}

/** A desk's links as held, each following the one before it. */
async function verifyDeskLinks(db: Db, deskId: string): Promise<{ count: number; firstBroken: number | null }> {
  let previous: { seq: number; hash: string } | null = null;
  let count = 0;
  for (let after = 0; ; ) {
    const page = await db
      .selectFrom('desk_audit_links')
      .select(['seq', 'prev_hash', 'hash'])
      .where('desk_id', '=', deskId)
      .where('seq', '>', String(after))
      .orderBy('seq')
      .limit(VERIFY_PAGE)
      .execute();
    if (page.length === 0) return { count, firstBroken: null };
    for (const row of page) {
      const seq = Number(row.seq);
      if (previous !== null && (seq !== previous.seq + 1 || row.prev_hash !== previous.hash)) return { count, firstBroken: seq };
      count += 1;
      previous = { seq, hash: row.hash };
    }
    after = previous!.seq;
  }
}
