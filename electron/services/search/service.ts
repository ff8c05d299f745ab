import type { Kysely } from 'kysely';
import type { ValidInput } from '../../api/contract';
import { digitsOnly, reversedDigits, toLatinDigits } from '../../api/fields/digits';
import type { MatchKind, SearchHit, SearchResults } from '../../api/search';
import type { DatabaseSchema } from '../../../db/schema';
import { matchNameTokens } from '../../../db/queries/name-index';
import { toSummary, type SummaryRow } from '../beneficiaries/mapping';
import { selectHeldSummaries, summariesBySeq } from '../beneficiaries/queries';
import { nameTokensForQuery, normalizeNameForCompare, stripArticle } from './normalize';

type Db = Kysely<DatabaseSchema>;

/** How many name matches are ranked; more than this and the officer is asked to keep typing. */
const NAME_CANDIDATES = 300;
/** Fewer digits than this match too many people to be useful. */
const MIN_DIGITS = 3;

/**
 * One box for everything the officer may type: a name in any spelling, an ID number, a phone number
 * in any form, or a file number. Digits in any script are accepted.
 */
export async function searchBeneficiaries(db: Db, input: ValidInput<'search.beneficiaries'>): Promise<SearchResults> {
  const query = toLatinDigits(input.query).trim();
  if (query === '') return { hits: [], more: false };
  if (/^[\d\s+()-]+$/.test(query)) return searchNumbers(db, query, input.limit);
  return searchNames(db, input.query, input.limit);
}

async function searchNames(db: Db, typed: string, limit: number): Promise<SearchResults> {
  const { tokens, lastIsPrefix } = nameTokensForQuery(typed);
  const usable = dropTooShortPrefix(tokens, lastIsPrefix);
  if (usable.length === 0) return { hits: [], more: false };
  const prefix = lastIsPrefix && usable.length === tokens.length;
  // The people whose whole name is what was typed (in any spelling) come first, whatever the
  // index returns: a name with a repeated word (محمد … محمد) would otherwise rank by its parts.
  const wholeName = normalizeNameForCompare(typed);
  const [matched, sameName] = await Promise.all([
    matchNameTokens(db, usable, prefix, NAME_CANDIDATES + 1),
    foldedNames(db).where('name_normalized', '=', wholeName).limit(NAME_CANDIDATES).execute(),
  ]);
  const more = matched.length > NAME_CANDIDATES;
  // Rank on the folded names alone; only the few shown are read in full.
  const candidates = new Map(sameName.map((row) => [row.seq, row.name_normalized]));
  const matchedSeqs = matched.slice(0, NAME_CANDIDATES);
  if (matchedSeqs.length > 0) {
    for (const row of await foldedNames(db).where('seq', 'in', matchedSeqs).execute()) candidates.set(row.seq, row.name_normalized);
  }
  const ranked = [...candidates]
    .map(([seq, name]) => ({ seq, name, score: nameScore(usable, prefix, name) + (name === wholeName ? WHOLE_NAME_BONUS : 0) }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'ar'));
  const shown = ranked.slice(0, limit);
  const people = await summariesBySeq(db, shown.map((candidate) => candidate.seq));
  const hits = shown.flatMap(({ seq }) => {
    const person = people.get(seq);
    return person ? [{ ...person, matchedBy: 'name' as const }] : [];
  });
  return { hits, more: more || ranked.length > limit };
}

const WHOLE_NAME_BONUS = 100;

/** Each person's seq and folded name: all the ranking needs. Erased people are never found. */
function foldedNames(db: Db) {
  return db.selectFrom('beneficiaries').select(['seq', 'name_normalized']).where('erased_at', 'is', null);
}

/** A one-letter prefix matches most of the registry; wait for the second letter. */
function dropTooShortPrefix(tokens: string[], lastIsPrefix: boolean): string[] {
  const last = tokens.at(-1);
  if (lastIsPrefix && last !== undefined && [...last].length < 2) return tokens.slice(0, -1);
  return tokens;
}

/**
 * Ranks a candidate (all of whose indexed tokens already contain the query's): whole words beat
 * prefixes, words in the same place as in the person's name beat words elsewhere, and a query that
 * is the person's whole name wins outright.
 */
export function nameScore(queryTokens: readonly string[], lastIsPrefix: boolean, nameNormalized: string): number {
  const nameTokens = nameNormalized.split(' ');
  const bare = nameTokens.map((word) => stripArticle(word) ?? word);
  let score = 0;
  queryTokens.forEach((token, index) => {
    const isLast = index === queryTokens.length - 1;
    const exactAt = nameTokens.findIndex((word, at) => word === token || bare[at] === token);
    if (exactAt >= 0) {
      score += 10;
      if (exactAt === index) score += 4;
    } else if (isLast && lastIsPrefix) {
      const prefixAt = nameTokens.findIndex((word, at) => word.startsWith(token) || bare[at]!.startsWith(token));
      if (prefixAt >= 0) score += 5;
      if (prefixAt === index) score += 2;
    }
  });
  if (queryTokens.length === nameTokens.length && score >= queryTokens.length * 14 - (lastIsPrefix ? 7 : 0)) score += 50;
  // Shorter names are nearer to what was typed when everything else is equal.
  return score - nameTokens.length * 0.1;
}


async function searchNumbers(db: Db, query: string, limit: number): Promise<SearchResults> {
  const digits = digitsOnly(query);
  if (digits.length < MIN_DIGITS) return { hits: [], more: false };
  const found = new Map<string, SearchHit>();
  const add = (rows: SummaryRow[], matchedBy: MatchKind) => {
    for (const row of rows) if (!found.has(row.id)) found.set(row.id, { ...toSummary(row), matchedBy });
  };
  const take = limit + 1;

  // ID numbers: the digits typed so far are a prefix of the number.
  add((await selectHeldSummaries(db).where('b.id_number', '>=', digits).where('b.id_number', '<', `${digits}:`).orderBy('b.id_number').limit(take).execute()) as SummaryRow[], 'id_number');

  // File numbers, typed with or without their dash (2026-00042).
  if (/^\d{4}-?\d*$/.test(query.replace(/\s/g, ''))) {
    const fileNumber = digits.length > 4 ? `${digits.slice(0, 4)}-${digits.slice(4)}` : digits;
    add((await selectHeldSummaries(db).where('b.file_number', '>=', fileNumber).where('b.file_number', '<', `${fileNumber}\uffff`).orderBy('b.file_number').limit(take).execute()) as SummaryRow[], 'file_number');
  }

  // Phones: the start of the number in any common form, or its last digits (what people remember).
  const phonePrefix = phonePrefixOf(digits);
  if (phonePrefix) {
    add((await phoneOwners(db, 'phone', phonePrefix, take).execute()) as SummaryRow[], 'phone');
  }
  if (digits.length >= 4) {
    const reversed = reversedDigits(digits);
    add((await phoneOwners(db, 'phone_reversed', reversed, take).execute()) as SummaryRow[], 'phone');
  }
  const hits = [...found.values()];
  return { hits: hits.slice(0, limit), more: hits.length > limit };
}

/**
 * The owners of the first phones in a range of the phone index. The limit applies to the phones,
 * inside the index walk: a short prefix such as 9665 matches most numbers in the registry.
 */
export function phoneOwners(db: Db, column: 'phone' | 'phone_reversed', from: string, limit: number) {
  return selectHeldSummaries(db).where('b.id', 'in', (eb) =>
    eb
      .selectFrom('beneficiary_phones as p')
      .select('p.beneficiary_id')
      .where(`p.${column}`, '>=', from)
      .where(`p.${column}`, '<', `${from}:`)
      .orderBy(`p.${column}`)
      .limit(limit),
  );
}

/** The E.164 prefix that the typed start of a Saudi phone number stands for, or null. */
function phonePrefixOf(digits: string): string | null {
  if (digits.startsWith('00966')) return `+966${digits.slice(5)}`;
  if (digits.startsWith('966')) return `+966${digits.slice(3)}`;
  if (digits.startsWith('05') || digits.startsWith('01')) return `+966${digits.slice(1)}`;
  if (digits.startsWith('5')) return `+966${digits}`;
  return null;
}
