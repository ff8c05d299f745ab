// The office's record on the office server: operations pushed by the desks, numbered in one order,
// pulled back by every desk. Run on the embedded PostgreSQL and on a real one.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { sql } from 'kysely';
import { CHAIN_GENESIS } from '../../electron/api/sync/witness';
import { openOfficeDatabase, type OfficeDatabase } from '../../server/storage/connect';
import { chainHashOf } from '../../server/sync/chain';
import { chainHeldOperations, migrateServer } from '../../server/storage/migrations';
import { lastServerSeq, pullOperations, pushOperations, type PushedOperation, type RefusalsOf } from '../../server/sync/operations';
import { startPostgres, type RunningPostgres } from '../support/postgres';

const USER = '019ab9a0-0000-7000-8000-0000000000a1';

function operation(desk: string, serial: number): PushedOperation {
  return {
    opId: uuidv7(),
    deskId: desk,
    userId: USER,
    hlc: `2026-12-07T08:30:00.000Z-${serial.toString(16).padStart(4, '0')}-${desk}`,
    entity: 'beneficiaries',
    rowId: uuidv7(),
    action: 'insert',
    baseHlc: null,
    payload: new Uint8Array(randomBytes(48)),
    keyId: uuidv7(),
    signature: randomBytes(64).toString('base64'),
  };
}

/** The storage's part only: every operation taken (the checks of signatures and accounts are office-accounts.test.ts's). */
const takeAll: RefusalsOf = async (_trx, operations) => operations.map(() => null);
const push = async (db: OfficeDatabase['db'], operations: PushedOperation[]) => (await pushOperations(db, operations, takeAll)).placed;

const deskId = (n: number) => n.toString(16).padStart(16, '0');

let postgres: RunningPostgres | null = null;

const engines: Array<[string, () => Promise<OfficeDatabase>]> = [
  ['the embedded PostgreSQL', () => openOfficeDatabase({ dataDirectory: null })],
  ['a PostgreSQL server', async () => openOfficeDatabase({ databaseUrl: postgres!.url })],
];

beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);

afterAll(async () => {
  await postgres?.stop();
});

describe.each(engines)('the office record on %s', (_engine, open) => {
  let office: OfficeDatabase;

  beforeAll(async () => {
    office = await open();
  }, 120_000);

  afterAll(async () => {
    await office?.close();
  });

  it('numbers pushed operations in order, and hands them back byte for byte after a cursor', async () => {
    const start = await lastServerSeq(office.db);
    const pushed = Array.from({ length: 5 }, (_, serial) => operation(deskId(1), serial));
    const placed = await push(office.db, pushed);
    expect(placed.map((place) => place.serverSeq)).toEqual([1, 2, 3, 4, 5].map((n) => start + n));

    const pulled = await pullOperations(office.db, start + 2, 100);
    expect(pulled.map((op) => op.opId)).toEqual(pushed.slice(2).map((op) => op.opId));
    expect(pulled[0]).toEqual({ ...pushed[2], serverSeq: start + 3, chainHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await pullOperations(office.db, start + 5, 100)).toEqual([]);
    expect((await pullOperations(office.db, start, 2)).map((op) => op.serverSeq)).toEqual([start + 1, start + 2]);
  });

  it('takes none of the operations refused, numbers the rest without a gap, and answers why', async () => {
    const start = await lastServerSeq(office.db);
    const sent = [operation(deskId(10), 0), operation(deskId(10), 1), operation(deskId(10), 2)];
    const answer = await pushOperations(office.db, sent, async (_trx, fresh) => fresh.map((op) => (op.opId === sent[1]!.opId ? 'disabled_account' : null)));
    expect(answer.refused).toEqual([{ opId: sent[1]!.opId, reason: 'disabled_account' }]);
    expect(answer.placed).toEqual([
      { opId: sent[0]!.opId, serverSeq: start + 1 },
      { opId: sent[2]!.opId, serverSeq: start + 2 },
    ]);
    expect((await pullOperations(office.db, start, 10)).map((op) => op.opId)).toEqual([sent[0]!.opId, sent[2]!.opId]);
  });

  it('takes an operation sent again (its acknowledgement lost) once, answering its place again', async () => {
    const first = [operation(deskId(2), 0), operation(deskId(2), 1)];
    const placed = await push(office.db, first);
    const resent = [...first, operation(deskId(2), 2)];
    const again = await push(office.db, resent);
    expect(again.slice(0, 2)).toEqual(placed);
    expect(again[2]!.serverSeq).toBe(placed[1]!.serverSeq + 1);
    const all = await pullOperations(office.db, 0, 10_000);
    expect(all.filter((op) => op.deskId === deskId(2))).toHaveLength(3);
  });

  it('numbers the pushes of desks pushing at once without a gap or a repeat, and a pull never skips one', async () => {
    const start = await lastServerSeq(office.db);
    const desks = [3, 4, 5, 6, 7].map(deskId);
    const seen: number[] = [];
    let cursor = start;
    let pushing = true;
    // A desk pulling all the while: what it reads must be every number, in order, with none missing.
    const puller = (async () => {
      while (pushing || cursor < (await lastServerSeq(office.db))) {
        const batch = await pullOperations(office.db, cursor, 50);
        for (const op of batch) seen.push(op.serverSeq);
        if (batch.length > 0) cursor = batch[batch.length - 1]!.serverSeq;
        else await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await Promise.all(
      desks.map(async (desk) => {
        for (let batch = 0; batch < 8; batch += 1) {
          await push(office.db, Array.from({ length: 10 }, (_, serial) => operation(desk, batch * 10 + serial)));
        }
      }),
    );
    pushing = false;
    await puller;
    const expected = Array.from({ length: desks.length * 80 }, (_, index) => start + index + 1);
    expect(seen).toEqual(expected);
  }, 120_000);

  it('chains every operation to the one before it, in the office’s order, across pushes and desks', async () => {
    await push(office.db, [operation(deskId(8), 0), operation(deskId(9), 0)]);
    const all = await pullOperations(office.db, 0, 100_000);
    let previous = CHAIN_GENESIS;
    for (const pulled of all) {
      expect(pulled.chainHash).toBe(chainHashOf(previous, pulled.serverSeq, pulled.opId, pulled.payload));
      previous = pulled.chainHash;
    }
  });

  it('chains the operations it held before it kept a chain, as its migration to version 6 does', async () => {
    const held = await pullOperations(office.db, 0, 100_000);
    expect(held.length).toBeGreaterThan(0);
    // As the record was before version 6: no chain at all.
    await sql`ALTER TABLE operations ALTER COLUMN chain_hash DROP NOT NULL`.execute(office.db);
    await sql`UPDATE operations SET chain_hash = NULL`.execute(office.db);
    await chainHeldOperations(office.db);
    await sql`ALTER TABLE operations ALTER COLUMN chain_hash SET NOT NULL`.execute(office.db);
    expect(await pullOperations(office.db, 0, 100_000)).toEqual(held);
  });

  it('migrates once: a second start finds the schema done, and a newer one is refused', async () => {
    await migrateServer(office.db);
    await office.db.insertInto('server_schema_migrations').values({ version: 999 }).execute();
    await expect(migrateServer(office.db)).rejects.toThrow(/newer version \(999\)/);
    await office.db.deleteFrom('server_schema_migrations').where('version', '=', 999).execute();
  });
});
