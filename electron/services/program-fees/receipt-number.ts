import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import type { CallContext } from '../context';
import { nextCount } from '../counters';
import { hijriYearOf } from '../letters/register';

/** The series of receipt numbers of a Hijri year, as the counters and the office's number blocks name it. */
export const receiptSeries = (hijriYear: string) => `receipts:${hijriYear}`;

/**
 * The next receipt number, "1448/0007": counted afresh each Hijri year, as the outgoing letters are,
 * from the desk's counter or, on a paired desk, from the office's reserved blocks, so that a number is
 * final when it is printed, even offline.
 */
export async function nextReceiptNumber(trx: Kysely<DatabaseSchema>, context: CallContext): Promise<string> {
  const year = hijriYearOf(context.now);
  const count = await nextCount(trx, receiptSeries(year), context);
  return `${year}/${String(count).padStart(4, '0')}`;
}
