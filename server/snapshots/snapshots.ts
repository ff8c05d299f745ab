import { sql, type Kysely } from 'kysely';
import type { LatestSnapshot } from '../../electron/api/sync/office';
import { OfficeRefusal } from '../http/refusal';
import type { ServerSchema } from '../storage/schema';
import { lastServerSeq } from '../sync/operations';

type Db = Kysely<ServerSchema>;

/**
 * Snapshots of the office's record, for a new desk to start from (electron/services/sync/snapshot.ts):
 * an up-to-date desk seals its record at one place in the office's order in chunks, and a sealed
 * manifest naming them; the server keeps what it cannot read. One desk sends at a time, and only the
 * latest complete snapshot is kept: a newer one replaces it, so the server holds one copy of the record
 * besides its operations.
 */

/** How long a snapshot being sent keeps another desk from sending one: a desk that stopped half-way does not block the office. */
const SENDING_FOR_MS = 15 * 60 * 1000;

export async function beginSnapshot(db: Db, deskId: string, input: { snapshotId: string; serverSeq: number; chunkCount: number }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // One desk at a time decides here: two desks up to date at once would otherwise both send.
    await sql`LOCK TABLE snapshots IN EXCLUSIVE MODE`.execute(trx);
    if (input.serverSeq > (await lastServerSeq(trx))) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.snapshotStale' });
    const latest = await trx.selectFrom('snapshots').select('server_seq').where('completed_at', 'is not', null).orderBy('server_seq', 'desc').limit(1).executeTakeFirst();
    if (latest !== undefined && Number(latest.server_seq) >= input.serverSeq) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.snapshotStale' });
    const abandonedBefore = new Date(now.getTime() - SENDING_FOR_MS);
    await trx.deleteFrom('snapshots').where('completed_at', 'is', null).where('started_at', '<', abandonedBefore).execute();
    const sending = await trx.selectFrom('snapshots').select('desk_id').where('completed_at', 'is', null).where('desk_id', '<>', deskId).executeTakeFirst();
    if (sending !== undefined) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.snapshotBusy' });
    // This desk's own unfinished one gives way to the new.
    await trx.deleteFrom('snapshots').where('completed_at', 'is', null).where('desk_id', '=', deskId).execute();
    await trx
      .insertInto('snapshots')
      .values({ snapshot_id: input.snapshotId, desk_id: deskId, server_seq: String(input.serverSeq), chunk_count: input.chunkCount, manifest: null, started_at: now, completed_at: null })
      .execute();
  });
}

/** A snapshot this desk is sending, not complete yet; refused otherwise. */
async function sendingSnapshot(db: Db, deskId: string, snapshotId: string): Promise<{ chunk_count: number }> {
  const row = await db.selectFrom('snapshots').select('chunk_count').where('snapshot_id', '=', snapshotId).where('desk_id', '=', deskId).where('completed_at', 'is', null).executeTakeFirst();
  if (row === undefined) throw new OfficeRefusal(404, { code: 'not_found', messageKey: 'office.snapshotMissing' });
  return row;
}

/** Keeps one sealed chunk; sent again (an answer lost), it replaces the first. */
export async function putSnapshotChunk(db: Db, deskId: string, input: { snapshotId: string; chunk: number; sealed: Buffer }): Promise<void> {
  const { chunk_count } = await sendingSnapshot(db, deskId, input.snapshotId);
  if (input.chunk >= chunk_count) throw new OfficeRefusal(400, { code: 'validation', messageKey: 'validation.failed', details: { fields: [{ path: 'chunk', messageKey: 'validation.outOfRange' }] } });
  await db
    .insertInto('snapshot_chunks')
    .values({ snapshot_id: input.snapshotId, chunk: input.chunk, sealed: input.sealed })
    .onConflict((conflict) => conflict.columns(['snapshot_id', 'chunk']).doUpdateSet({ sealed: input.sealed }))
    .execute();
}

/** The snapshot is complete once every chunk is kept and its manifest with them; the older ones go. */
export async function completeSnapshot(db: Db, deskId: string, input: { snapshotId: string; manifest: Buffer }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`LOCK TABLE snapshots IN EXCLUSIVE MODE`.execute(trx);
    const { chunk_count } = await sendingSnapshot(trx, deskId, input.snapshotId);
    const kept = await trx.selectFrom('snapshot_chunks').select((eb) => eb.fn.countAll<string>().as('kept')).where('snapshot_id', '=', input.snapshotId).executeTakeFirstOrThrow();
    if (Number(kept.kept) !== chunk_count) throw new OfficeRefusal(409, { code: 'rule', messageKey: 'office.snapshotMissing' });
    const { server_seq } = await trx.selectFrom('snapshots').select('server_seq').where('snapshot_id', '=', input.snapshotId).executeTakeFirstOrThrow();
    await trx.updateTable('snapshots').set({ manifest: input.manifest, completed_at: now }).where('snapshot_id', '=', input.snapshotId).execute();
    // Their chunks go with them (ON DELETE CASCADE): the server keeps one copy of the record.
    await trx.deleteFrom('snapshots').where('snapshot_id', '<>', input.snapshotId).where('server_seq', '<=', server_seq).execute();
  });
}

export async function latestSnapshot(db: Db): Promise<LatestSnapshot> {
  const last = await lastServerSeq(db);
  const row = await db
    .selectFrom('snapshots')
    .innerJoin('operations', 'operations.server_seq', 'snapshots.server_seq')
    .select(['snapshots.snapshot_id', 'snapshots.server_seq', 'snapshots.chunk_count', 'snapshots.manifest', 'operations.chain_hash'])
    .where('snapshots.completed_at', 'is not', null)
    .orderBy('snapshots.server_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (row === undefined || row.manifest === null) return { snapshot: null, last };
  return {
    snapshot: { snapshotId: row.snapshot_id, serverSeq: Number(row.server_seq), chunkCount: row.chunk_count, manifest: Buffer.from(row.manifest).toString('base64'), chainHash: row.chain_hash },
    last,
  };
}

/** One chunk of a complete snapshot; null when there is none such (a newer snapshot replaced it meanwhile). */
export async function snapshotChunk(db: Db, input: { snapshotId: string; chunk: number }): Promise<Buffer | null> {
  const row = await db
    .selectFrom('snapshot_chunks')
    .innerJoin('snapshots', 'snapshots.snapshot_id', 'snapshot_chunks.snapshot_id')
    .select('snapshot_chunks.sealed')
    .where('snapshot_chunks.snapshot_id', '=', input.snapshotId)
    .where('snapshot_chunks.chunk', '=', input.chunk)
    .where('snapshots.completed_at', 'is not', null)
    .executeTakeFirst();
  return row === undefined ? null : Buffer.from(row.sealed);
}
