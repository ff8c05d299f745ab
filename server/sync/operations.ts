import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { OperationRefusal } from '../../electron/api/sync/office';
import { CHAIN_GENESIS } from '../../electron/api/sync/witness';
import type { ServerSchema } from '../storage/schema';
import { chainHashOf } from './chain';

type Db = Kysely<ServerSchema>;

/** One operation as a desk sends it: what the server reads in clear, and the sealed payload. */
export interface PushedOperation {
  opId: string;
  deskId: string;
  userId: string;
  hlc: string;
  entity: string;
  rowId: string;
  action: string;
  baseHlc: string | null;
  payload: Uint8Array;
  /** The author's signing key and the Ed25519 signature (accounts/accounts.ts checks them before the operation is taken). */
  keyId: string;
  signature: string;
}

/** An operation as the office holds it: where it stands in the office's order. */
export interface OfficeOperation extends Omit<PushedOperation, 'keyId' | 'signature'> {
  /** Null for an operation taken before the office checked signatures. */
  keyId: string | null;
  signature: string | null;
  serverSeq: number;
  /** The office's chain at this operation (chain.ts). */
  chainHash: string;
}

/** Why each new operation of a push may not be taken (null: it may), decided inside the push's transaction. */
export type RefusalsOf = (trx: Transaction<ServerSchema>, operations: readonly PushedOperation[]) => Promise<Array<OperationRefusal | null>>;

/**
 * Takes a desk's operations into the office's record, in the order given, in one transaction. An
 * operation already taken (the desk sent it again after losing the acknowledgement) is not taken
 * twice: its place in the order is answered again. A new one is first checked (`refusalsOf`: its
 * signature, its author's account); one refused is not taken, and answered with why. Each new
 * operation gets the next `server_seq` while the sequence row is locked, so concurrent pushes are
 * numbered one after the other and a pull never reads a number before an earlier one is committed.
 */
export async function pushOperations(
  db: Db,
  operations: readonly PushedOperation[],
  refusalsOf: RefusalsOf,
): Promise<{ placed: Array<{ opId: string; serverSeq: number }>; refused: Array<{ opId: string; reason: OperationRefusal }> }> {
  if (operations.length === 0) return { placed: [], refused: [] };
  return db.transaction().execute(async (trx) => {
    const sequence = await trx.selectFrom('sequences').select('last_value').where('name', '=', 'operations').forUpdate().executeTakeFirstOrThrow();
    let last = Number(sequence.last_value);
    // The office's chain goes on from its last operation, read under the same lock as its number.
    let chain = await lastChainHash(trx, last);
    const known = new Map(
      (
        await trx
          .selectFrom('operations')
          .select(['op_id', 'server_seq'])
          .where('op_id', 'in', operations.map((operation) => operation.opId))
          .execute()
      ).map((row) => [row.op_id, Number(row.server_seq)]),
    );
    const placed: Array<{ opId: string; serverSeq: number }> = [];
    const refused: Array<{ opId: string; reason: OperationRefusal }> = [];
    const fresh = operations.filter((operation) => !known.has(operation.opId));
    const refusals = new Map(fresh.length === 0 ? [] : (await refusalsOf(trx, fresh)).map((reason, index) => [fresh[index]!.opId, reason]));
    const rows: Array<Insertable<ServerSchema['operations']>> = [];
    for (const operation of operations) {
      const already = known.get(operation.opId);
      if (already !== undefined) {
        placed.push({ opId: operation.opId, serverSeq: already });
        continue;
      }
      const reason = refusals.get(operation.opId) ?? null;
      if (reason !== null) {
        refused.push({ opId: operation.opId, reason });
        continue;
      }
      last += 1;
      chain = chainHashOf(chain, last, operation.opId, operation.payload);
      rows.push({
        server_seq: String(last),
        op_id: operation.opId,
        desk_id: operation.deskId,
        user_id: operation.userId,
        hlc: operation.hlc,
        entity: operation.entity,
        row_id: operation.rowId,
        action: operation.action,
        base_hlc: operation.baseHlc,
        payload: Buffer.from(operation.payload.buffer, operation.payload.byteOffset, operation.payload.byteLength),
        chain_hash: chain,
        key_id: operation.keyId,
        signature: operation.signature,
      });
      known.set(operation.opId, last);
      placed.push({ opId: operation.opId, serverSeq: last });
    }
    // One statement for the batch (at most a few hundred rows of a dozen columns, within PostgreSQL's parameter limit).
    if (rows.length > 0) await trx.insertInto('operations').values(rows).execute();
    await trx.updateTable('sequences').set({ last_value: String(last) }).where('name', '=', 'operations').execute();
    return { placed, refused };
  });
}

/** The office's operations after `after` in its order, at most `limit` of them. */
export async function pullOperations(db: Db, after: number, limit: number): Promise<OfficeOperation[]> {
  const rows = await db
    .selectFrom('operations')
    .selectAll()
    .where('server_seq', '>', String(after))
    .orderBy('server_seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    serverSeq: Number(row.server_seq),
    opId: row.op_id,
    deskId: row.desk_id,
    userId: row.user_id,
    hlc: row.hlc,
    entity: row.entity,
    rowId: row.row_id,
    action: row.action,
    baseHlc: row.base_hlc,
    payload: new Uint8Array(row.payload),
    chainHash: row.chain_hash,
    keyId: row.key_id,
    signature: row.signature,
  }));
}

/** How many operations the office holds: the last number given. */
export async function lastServerSeq(db: Db): Promise<number> {
  const row = await sql<{ last_value: string }>`SELECT last_value FROM sequences WHERE name = 'operations'`.execute(db);
  return Number(row.rows[0]?.last_value ?? 0);
}

/** The office's chain hash at its operation `serverSeq` (the genesis before the first). */
async function lastChainHash(db: Db, serverSeq: number): Promise<string> {
  if (serverSeq === 0) return CHAIN_GENESIS;
  const row = await db.selectFrom('operations').select('chain_hash').where('server_seq', '=', String(serverSeq)).executeTakeFirstOrThrow();
  return row.chain_hash;
}
