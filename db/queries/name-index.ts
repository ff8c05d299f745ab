import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../schema';

/**
 * The full-text index of beneficiary names. Names are folded in code before they get here (FTS5 does
 * no Arabic folding); this module only stores and matches the folded tokens. Rowids are beneficiaries.seq.
 */
export async function writeNameIndex(
  db: Kysely<DatabaseSchema>,
  seq: number,
  tokens: readonly string[],
  { replacing }: { replacing: boolean },
): Promise<void> {
  if (replacing) await sql`DELETE FROM beneficiary_name_index WHERE rowid = ${seq}`.execute(db);
  await sql`INSERT INTO beneficiary_name_index (rowid, tokens) VALUES (${seq}, ${tokens.join(' ')})`.execute(db);
}

/**
 * The seqs of beneficiaries whose indexed tokens contain every query token (the last one as a prefix
 * when the officer is still typing it), at most `limit` of them.
 */
export async function matchNameTokens(
  db: Kysely<DatabaseSchema>,
  tokens: readonly string[],
  lastIsPrefix: boolean,
  limit: number,
): Promise<number[]> {
  if (tokens.length === 0) return [];
  const match = tokens
    .map((token, index) => {
      // Tokens are letters and digits only (the normalizer turns everything else into spaces),
      // so quoting them is enough to keep FTS5 syntax out of the query.
      const quoted = `"${token.replace(/"/g, '')}"`;
      return lastIsPrefix && index === tokens.length - 1 ? `${quoted}*` : quoted;
    })
    .join(' ');
  const result = await sql<{ seq: number }>`
    SELECT rowid AS seq FROM beneficiary_name_index WHERE beneficiary_name_index MATCH ${match} LIMIT ${limit}
  `.execute(db);
  return result.rows.map((row) => row.seq);
}
