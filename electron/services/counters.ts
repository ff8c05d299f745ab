import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import { restamp, stamp, type CallContext } from './context';
import { AppError } from './errors';
import { newId } from './ids';
import { LINK_KEY } from './office/link-key';

type Db = Kysely<DatabaseSchema>;

/**
 * The next value of a named counter (1 the first time), inside the caller's transaction: file numbers,
 * request and complaint numbers, outgoing letter numbers.
 *
 * A desk working alone counts in its `counters` table: only one writer holds its database at a time,
 * so it never gives a number twice. A desk paired with the office server shares each series with the
 * office's other desks, so it gives only numbers the office reserved for it (services/sync/number-blocks.ts
 * keeps its blocks filled): final when printed, even offline. Whether the desk is paired is read from
 * its own record (its link to the office, in the same transaction), so every caller numbers the same
 * way without being told, and a pairing takes effect at the next number.
 */
export async function nextCount(trx: Db, name: string, context: CallContext): Promise<number> {
  const paired = await trx.selectFrom('settings').select('id').where('key', '=', LINK_KEY).executeTakeFirst();
  if (paired === undefined) return nextLocalCount(trx, name, context);
  const number = await takeReservedNumber(trx, name);
  // The counter follows the highest number given here, so that a desk that later works alone goes on after it.
  await trx
    .insertInto('counters')
    .values({ id: newId(), name, value: number, ...stamp(context) })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ value: eb.fn<number>('max', [eb.ref('counters.value'), eb.val(number)]), ...restamp(context) })),
    )
    .execute();
  return number;
}

async function nextLocalCount(trx: Db, name: string, context: CallContext): Promise<number> {
  const counter = await trx
    .insertInto('counters')
    .values({ id: newId(), name, value: 1, ...stamp(context) })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1), ...restamp(context) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return counter.value;
}

/**
 * The lowest number of the series' blocks not given yet, taken. None left (the desk has been offline
 * longer than its blocks last): refused, and the caller's transaction, rolled back, saves nothing.
 */
async function takeReservedNumber(trx: Db, series: string): Promise<number> {
  const block = await trx
    .selectFrom('number_blocks')
    .select(['first', 'next'])
    .where('series', '=', series)
    .whereRef('next', '<=', 'last')
    .orderBy('first')
    .limit(1)
    .executeTakeFirst();
  if (block === undefined) throw new AppError('rule', 'office.numbersExhausted');
  await trx
    .updateTable('number_blocks')
    .set({ next: block.next + 1 })
    .where('series', '=', series)
    .where('first', '=', block.first)
    .execute();
  return block.next;
}
