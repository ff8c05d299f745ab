import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { toSummary, type SummaryRow } from './mapping';
import type { BeneficiarySummary } from '../../api/beneficiaries';

/** The select that every list of people shares: the columns of a summary and the first phone. */
export function selectSummaries(db: Kysely<DatabaseSchema>) {
  return db
    .selectFrom('beneficiaries as b')
    .select([
      'b.id', 'b.file_number', 'b.first_name', 'b.father_name', 'b.grandfather_name', 'b.family_name',
      'b.latin_name', 'b.id_type', 'b.id_number', 'b.category', 'b.eligibility', 'b.status', 'b.district_id',
      'b.birth_date', 'b.erased_at',
      sql<string | null>`(SELECT p.phone FROM beneficiary_phones p WHERE p.beneficiary_id = b.id ORDER BY p.position LIMIT 1)`.as(
        'first_phone',
      ),
    ]);
}

/**
 * The same select among the people whose personal data is still held: searches and duplicate checks
 * look here, while lists and counts keep erased people (past reports stay right).
 */
export function selectHeldSummaries(db: Kysely<DatabaseSchema>) {
  return selectSummaries(db).where('b.erased_at', 'is', null);
}

/** The summaries of the given people, by seq; callers keep their own order. */
export async function summariesBySeq(db: Kysely<DatabaseSchema>, seqs: readonly number[]): Promise<Map<number, BeneficiarySummary>> {
  const found = new Map<number, BeneficiarySummary>();
  if (seqs.length === 0) return found;
  const rows = await selectSummaries(db).select('b.seq').where('b.seq', 'in', seqs).execute();
  for (const row of rows) found.set(row.seq, toSummary(row as SummaryRow));
  return found;
}
