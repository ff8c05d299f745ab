import { sql, type Kysely } from 'kysely';
import type { ServerSchema } from '../storage/schema';

type Db = Kysely<ServerSchema>;

/**
 * Hands a desk one block of each series asked for, in one transaction. Each series' row is taken
 * with an upsert, which locks it until the transaction ends: a desk asking for the same series at
 * the same moment waits, then numbers after this block, so two blocks never overlap. The series are
 * taken in the order of their names, so two desks asking for several never wait on each other.
 */
export async function reserveNumbers(
  db: Db,
  deskId: string,
  asked: ReadonlyArray<{ name: string; count: number }>,
  now: Date,
): Promise<Array<{ name: string; first: number; last: number }>> {
  return db.transaction().execute(async (trx) => {
    const byName = asked.map((ask, index) => ({ ...ask, index })).toSorted((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.index - b.index));
    const blocks: Array<{ name: string; first: number; last: number }> = new Array(asked.length);
    for (const ask of byName) {
      const { next_number: next } = await trx
        .insertInto('number_series')
        .values({ series: ask.name, next_number: ask.count + 1 })
        .onConflict((conflict) => conflict.column('series').doUpdateSet({ next_number: sql<number>`number_series.next_number + ${ask.count}` }))
        .returning('next_number')
        .executeTakeFirstOrThrow();
      const block = { name: ask.name, first: next - ask.count, last: next - 1 };
      await trx.insertInto('number_blocks').values({ series: ask.name, desk_id: deskId, first: block.first, last: block.last, handed_at: now }).execute();
      blocks[ask.index] = block;
    }
    return blocks;
  });
}

/**
 * Raises each series named above the highest number a desk gave while it worked alone, so that no
 * block handed out later repeats one: a series only ever goes up. Answers each series' next number.
 */
export async function raiseNumbersFloor(db: Db, counters: ReadonlyArray<{ name: string; value: number }>): Promise<Array<{ name: string; next: number }>> {
  if (counters.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const raised: Array<{ name: string; next: number }> = [];
    for (const counter of counters.toSorted((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const { next_number: next } = await trx
        .insertInto('number_series')
        .values({ series: counter.name, next_number: counter.value + 1 })
        .onConflict((conflict) => conflict.column('series').doUpdateSet({ next_number: sql<number>`greatest(number_series.next_number, excluded.next_number)` }))
        .returning('next_number')
        .executeTakeFirstOrThrow();
      raised.push({ name: counter.name, next });
    }
    return raised;
  });
}
