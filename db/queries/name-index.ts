import { sql, type Kysely } from 'kysely';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { DatabaseSchema } from '../schema';

/**
 * The full-text index of beneficiary names. Names are folded in code before they get here (FTS5 does
 * no Arabic folding); this module only stores and matches the folded tokens. Rowids are beneficiaries.seq.
 *
 * Beside it, the distinct words of the index with their one-letter deletions (name_words,
 * name_word_deletions): what finds the names within one edit of a mistyped word.
 */
export async function writeNameIndex(
  db: Kysely<DatabaseSchema>,
  seq: number,
  tokens: readonly string[],
  { replacing }: { replacing: boolean },
): Promise<void> {
  if (replacing) await sql`DELETE FROM beneficiary_name_index WHERE rowid = ${seq}`.execute(db);
  await sql`INSERT INTO beneficiary_name_index (rowid, tokens) VALUES (${seq}, ${tokens.join(' ')})`.execute(db);
  await addNameWords(db, tokens);
}

/**
 * Takes a person out of the name index for good (their data is being erased): the contentless index
 * only marks the row deleted, so its segments are merged to drop the folded name itself, and the words
 * nobody else bears leave the word list.
 */
export async function eraseFromNameIndex(db: Kysely<DatabaseSchema>, seq: number): Promise<void> {
  await sql`DELETE FROM beneficiary_name_index WHERE rowid = ${seq}`.execute(db);
  await sql`INSERT INTO beneficiary_name_index (beneficiary_name_index) VALUES ('optimize')`.execute(db);
  await sweepNameWords(db);
}

/**
 * Words the index no longer holds leave the word list (an edit leaves the old spelling there until
 * the next sweep: it only ever finds nobody). The index's own vocabulary is the truth.
 */
export async function sweepNameWords(db: Kysely<DatabaseSchema>): Promise<void> {
  await sql`DELETE FROM name_words WHERE word NOT IN (SELECT term FROM beneficiary_name_terms)`.execute(db);
}

/** Each word not yet in the list, with its one-letter deletions. */
async function addNameWords(db: Kysely<DatabaseSchema>, tokens: readonly string[]): Promise<void> {
  const words = [...new Set(tokens)].filter((word) => word !== '');
  if (words.length === 0) return;
  const added = await sql<{ word: string }>`
    INSERT INTO name_words (word) VALUES ${sql.join(words.map((word) => sql`(${word})`))}
    ON CONFLICT (word) DO NOTHING RETURNING word
  `.execute(db);
  const rows = added.rows.flatMap(({ word }) => oneLetterDeletions(word).map((deletion) => sql`(${deletion}, ${word})`));
  if (rows.length > 0) await sql`INSERT OR IGNORE INTO name_word_deletions (deletion, word) VALUES ${sql.join(rows)}`.execute(db);
}

/** The word with each one of its letters left out, once each: the keys the index stores for a word. */
export function oneLetterDeletions(word: string): string[] {
  const letters = [...word];
  if (letters.length < 2) return [];
  return [...new Set(letters.map((_, at) => [...letters.slice(0, at), ...letters.slice(at + 1)].join('')))];
}

/**
 * The name words that could be one edit from `word`: those equal to one of its deletions (a letter
 * added by mistake), those one of whose deletions is the word (a letter dropped), and those sharing a
 * deletion with it (a letter replaced or two swapped). The caller keeps the true neighbours.
 */
export async function nameWordsNear(db: Kysely<DatabaseSchema>, word: string, deletions: readonly string[]): Promise<string[]> {
  const probes = [word, ...deletions];
  const result = await sql<{ word: string }>`
    SELECT word FROM name_words WHERE word IN (${sql.join(deletions.length > 0 ? deletions : [word])})
    UNION
    SELECT word FROM name_word_deletions WHERE deletion IN (${sql.join(probes)})
  `.execute(db);
  return result.rows.map((row) => row.word);
}

/** Which of the words are in the index as whole words, or (the one being typed) as the start of one. */
export async function knownNameWords(db: Kysely<DatabaseSchema>, words: readonly string[], prefix: string | null): Promise<Set<string>> {
  const known = new Set<string>();
  if (words.length > 0) {
    const result = await sql<{ word: string }>`SELECT word FROM name_words WHERE word IN (${sql.join(words)})`.execute(db);
    for (const row of result.rows) known.add(row.word);
  }
  if (prefix !== null && prefix !== '') {
    const result = await sql<{ word: string }>`
      SELECT word FROM name_words WHERE word >= ${prefix} AND word < ${`${prefix}\uffff`} LIMIT 1
    `.execute(db);
    if (result.rows.length > 0) known.add(prefix);
  }
  return known;
}

/** One group of a match: any of these words (the first may be searched as a prefix). */
export interface TokenAlternatives {
  words: readonly string[];
  firstIsPrefix: boolean;
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
  return matchNameAlternatives(
    db,
    tokens.map((token, index) => ({ words: [token], firstIsPrefix: lastIsPrefix && index === tokens.length - 1 })),
    limit,
  );
}

/** The seqs of beneficiaries whose tokens hold one of the words of every group, at most `limit`. */
export async function matchNameAlternatives(
  db: Kysely<DatabaseSchema>,
  groups: readonly TokenAlternatives[],
  limit: number,
): Promise<number[]> {
  if (groups.length === 0) return [];
  const match = groups
    .map(({ words, firstIsPrefix }) => {
      // Tokens are letters and digits only (the normalizer turns everything else into spaces),
      // so quoting them is enough to keep FTS5 syntax out of the query.
      const quoted = words.map((word, index) => `"${word.replace(/"/g, '')}"${firstIsPrefix && index === 0 ? '*' : ''}`);
      return quoted.length === 1 ? quoted[0] : `(${quoted.join(' OR ')})`;
    })
    // FTS5 reads "a" "b" as both, but needs the AND spelled out beside a parenthesized group.
    .join(' AND ');
  const result = await sql<{ seq: number }>`
    SELECT rowid AS seq FROM beneficiary_name_index WHERE beneficiary_name_index MATCH ${match} LIMIT ${limit}
  `.execute(db);
  return result.rows.map((row) => row.seq);
}

/**
 * The same writes for the office's changes taken in by a paired desk, which runs synchronously on
 * the connection (services/sync/apply.ts): a person added or renamed at another desk is found here.
 */
export function writeNameIndexNow(sqlite: Database.Database, seq: number, tokens: readonly string[], { replacing }: { replacing: boolean }): void {
  if (replacing) sqlite.prepare('DELETE FROM beneficiary_name_index WHERE rowid = ?').run(seq);
  sqlite.prepare('INSERT INTO beneficiary_name_index (rowid, tokens) VALUES (?, ?)').run(seq, tokens.join(' '));
  const addWord = sqlite.prepare('INSERT INTO name_words (word) VALUES (?) ON CONFLICT (word) DO NOTHING');
  const addDeletion = sqlite.prepare('INSERT OR IGNORE INTO name_word_deletions (deletion, word) VALUES (?, ?)');
  for (const word of new Set(tokens)) {
    if (word === '' || addWord.run(word).changes === 0) continue;
    for (const deletion of oneLetterDeletions(word)) addDeletion.run(deletion, word);
  }
}

/** eraseFromNameIndex, synchronously: a person erased at another desk leaves this desk's index. */
export function eraseFromNameIndexNow(sqlite: Database.Database, seq: number): void {
  sqlite.prepare('DELETE FROM beneficiary_name_index WHERE rowid = ?').run(seq);
  sqlite.exec("INSERT INTO beneficiary_name_index (beneficiary_name_index) VALUES ('optimize')");
  sqlite.exec('DELETE FROM name_words WHERE word NOT IN (SELECT term FROM beneficiary_name_terms)');
}
