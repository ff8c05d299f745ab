import type { Kysely } from 'kysely';
import { COMPLAINT_KINDS } from '../../api/complaints';
import { todayInRiyadh } from '../../api/fields/riyadh-date';
import type { ApiError } from '../../api/result';
import { NUMBER_SERIES } from '../../api/sync/office';
import type { DatabaseSchema } from '../../../db/schema';
import { appendAudit } from '../audit/log';
import { SYSTEM_USER_ID } from '../context';
import { newId } from '../ids';
import { hijriYearOf } from '../letters/register';
import { askOffice, type OfficeConnection } from './office-client';

type Db = Kysely<DatabaseSchema>;

/** Numbers asked for at once in a series, and how few left in it make the desk ask: half a block. */
export const NUMBER_BLOCK_SIZE = 20;
export const NUMBER_REFILL_BELOW = 10;

/**
 * The series a desk numbers in at `now`, each in the year its numbers carry, as the services name
 * them (counters.ts): file numbers, requests and complaints by the Gregorian year in Riyadh,
 * outgoing letters and the receipts of program fees by the Umm al-Qura year.
 */
export function currentNumberSeries(now: Date): string[] {
  const year = todayInRiyadh(now).slice(0, 4);
  return [`file_number:${year}`, `requests:${year}`, ...COMPLAINT_KINDS.map((kind) => `complaints.${kind}:${year}`), `letters.outgoing:${hijriYearOf(now)}`, `receipts:${hijriYearOf(now)}`];
}

/**
 * Keeps a paired desk able to number while offline: the numbers left of a year that is over are
 * recorded void, and every series of the current year with fewer than half a block left is given a
 * new block by the office server. The desk's own counters go first as the office's floor (they only
 * ever raise it), so that what the desk numbered alone is never handed out again, even when the
 * floor sent at pairing was lost. Answers the server's refusal, if it refused; an office out of reach
 * is thrown (`OfficeUnreachable`), and the next round asks again.
 */
export async function keepNumberBlocks(db: Db, connection: OfficeConnection, now: Date): Promise<ApiError | null> {
  await voidNumbersOfPastYears(db, now);
  const wanted: Array<{ name: string; count: number }> = [];
  for (const series of currentNumberSeries(now)) {
    if ((await numbersLeft(db, series)) < NUMBER_REFILL_BELOW) wanted.push({ name: series, count: NUMBER_BLOCK_SIZE });
  }
  if (wanted.length === 0) return null;
  const counters = (await db.selectFrom('counters').select(['name', 'value']).execute()).filter((counter) => NUMBER_SERIES.test(counter.name));
  if (counters.length > 0) {
    const floor = await askOffice(connection, 'POST /v1/numbers/floor', { counters });
    if (!floor.ok) return floor.error;
  }
  const answer = await askOffice(connection, 'POST /v1/numbers/reserve', { series: wanted });
  if (!answer.ok) return answer.error;
  await db.transaction().execute(async (trx) => {
    for (const block of answer.value.blocks) {
      await trx.insertInto('number_blocks').values({ series: block.name, first: block.first, last: block.last, next: block.first }).execute();
    }
  });
  return null;
}

/** The numbers of a series this desk holds and has not given yet. */
async function numbersLeft(db: Db, series: string): Promise<number> {
  const row = await db
    .selectFrom('number_blocks')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(eb(eb('last', '+', 1), '-', eb.ref('next'))), eb.lit(0)).as('left'))
    .where('series', '=', series)
    .executeTakeFirstOrThrow();
  return Number(row.left);
}

/**
 * The numbers reserved here for a year other than the current one and never given: recorded void,
 * each in its series and place, and taken out of the blocks, with one audit entry per block, so that
 * the register shows why the number is missing. (A year that is over gets no new numbers; a block of
 * a year not yet begun, left from a clock that ran ahead, would be given out of order.)
 */
async function voidNumbersOfPastYears(db: Db, now: Date): Promise<void> {
  const current = currentNumberSeries(now);
  const leftOver = await db.selectFrom('number_blocks').selectAll().where('series', 'not in', current).whereRef('next', '<=', 'last').orderBy('series').orderBy('first').execute();
  if (leftOver.length === 0) return;
  const at = now.toISOString();
  const system = { actorId: SYSTEM_USER_ID, now };
  await db.transaction().execute(async (trx) => {
    for (const block of leftOver) {
      for (let number = block.next; number <= block.last; number += 1) {
        await trx
          .insertInto('voided_numbers')
          .values({ id: newId(), series: block.series, number, voided_at: at, reason: 'year_ended', created_at: at, updated_at: at, created_by: SYSTEM_USER_ID, updated_by: SYSTEM_USER_ID })
          .execute();
      }
      await trx.updateTable('number_blocks').set({ next: block.last + 1 }).where('series', '=', block.series).where('first', '=', block.first).execute();
      await appendAudit(trx, system, {
        action: 'numbers.voided',
        entityType: 'setting',
        entityId: null,
        summary: { series: block.series, first: block.next, last: block.last, reason: 'year_ended' },
      });
    }
  });
}
