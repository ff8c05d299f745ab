import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import { restamp, stamp, type CallContext } from './context';
import { newId } from './ids';

/**
 * The next value of a named counter (1 the first time), inside the caller's transaction: file numbers,
 * request and complaint numbers, outgoing letter numbers. Only one writer holds the database at a time,
 * so two desks can never be given the same number.
 */
export async function nextCount(trx: Kysely<DatabaseSchema>, name: string, context: CallContext): Promise<number> {
  const counter = await trx
    .insertInto('counters')
    .values({ id: newId(), name, value: 1, ...stamp(context) })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1), ...restamp(context) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return counter.value;
}
