import { sql, type Kysely } from 'kysely';
import type { ValidInput } from '../../api/contract';
import { digitsOnly, reversedDigits, toLatinDigits } from '../../api/fields/digits';
import type { MatchKind, SearchHit, SearchResults } from '../../api/search';
import type { DatabaseSchema } from '../../../db/schema';
import { knownNameWords, matchNameAlternatives, matchNameTokens, nameWordsNear } from '../../../db/queries/name-index';
import { toSummary, type SummaryRow } from '../beneficiaries/mapping';
import { selectHeldSummaries, summariesBySeq } from '../beneficiaries/queries';
import { deletionsOf, isCorrectable, withinOneEdit } from './close-spelling';
import { arabicFromEnglishLayout } from './keyboard-layout';
import { isLatinQuery, latinNameTokensForIndex, nameTokensForQuery, normalizeNameForCompare, stripArticle } from './normalize';

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
  if (query === '') return { hits: [], more: false, layoutQuery: null };
  if (/^[\d\s+()-]+$/.test(query)) return searchNumbers(db, query, input.limit);
  return searchNames(db, input.query, input.limit);
}

/** Fewer people than this found as typed, and the names within one letter of it are looked for too. */
const FEW_FOR_CLOSE_SPELLINGS = 5;

/** A person the name search found, before the few shown are read in full. */
interface Candidate {
  seq: number;
  name: string;
  score: number;
  /** Lower comes first: as typed, then on the Arabic layout, then close spellings of each. */
  tier: number;
  matchedBy: MatchKind;
}

/**
 * A name, searched as typed and, when it reads as Arabic typed on the English keyboard, as that Arabic
 * too; and when both find few people, the names within one letter of each. Exact matches always rank
 * before close ones, and what was typed before what it was mapped to.
 */
async function searchNames(db: Db, typed: string, limit: number): Promise<SearchResults> {
  const layoutQuery = arabicFromEnglishLayout(typed);
  const readings = [{ text: typed, layout: false }, ...(layoutQuery === null ? [] : [{ text: layoutQuery, layout: true }])];
  const found = new Map<number, Candidate>();
  const keep = (candidates: readonly Candidate[]) => {
    for (const candidate of candidates) if (!found.has(candidate.seq)) found.set(candidate.seq, candidate);
  };
  let more = false;
  const exactCounts: number[] = [];
  for (const [index, reading] of readings.entries()) {
    const exact = await exactNameCandidates(db, reading.text, index, reading.layout);
    more ||= exact.more;
    exactCounts.push(exact.candidates.length);
    keep(exact.candidates);
  }
  if (found.size < FEW_FOR_CLOSE_SPELLINGS) {
    for (const [index, reading] of readings.entries()) {
      // A reading that another found people by is not what was meant: its close spellings would be noise.
      const otherFound = exactCounts.some((count, other) => other !== index && count > 0);
      if (!otherFound) keep(await closeNameCandidates(db, reading.text, readings.length + index, new Set(found.keys()), exactCounts[index]! > 0));
    }
  }
  const ranked = [...found.values()].sort((a, b) => a.tier - b.tier || b.score - a.score || a.name.localeCompare(b.name, 'ar'));
  const shown = ranked.slice(0, limit);
  const people = await summariesBySeq(db, shown.map((candidate) => candidate.seq));
  const hits = shown.flatMap(({ seq, matchedBy }) => {
    const person = people.get(seq);
    return person ? [{ ...person, matchedBy }] : [];
  });
  const byLayout = shown.some((candidate) => readings[candidate.tier % readings.length]?.layout === true);
  return { hits, more: more || ranked.length > limit, layoutQuery: byLayout ? layoutQuery : null };
}

/** The words of a query as the index holds them, with the one being typed searched as a prefix. */
function queryWords(typed: string): { tokens: string[]; prefix: boolean } {
  const { tokens, lastIsPrefix } = nameTokensForQuery(typed);
  const usable = dropTooShortPrefix(tokens, lastIsPrefix);
  return { tokens: usable, prefix: lastIsPrefix && usable.length === tokens.length };
}

/** The people whose name holds every word typed, in any spelling the folding knows. */
async function exactNameCandidates(db: Db, typed: string, tier: number, layout: boolean): Promise<{ candidates: Candidate[]; more: boolean }> {
  const { tokens, prefix } = queryWords(typed);
  if (tokens.length === 0) return { candidates: [], more: false };
  const latin = isLatinQuery(tokens);
  // The people whose whole name is what was typed (in any spelling) come first, whatever the
  // index returns: a name with a repeated word (محمد … محمد) would otherwise rank by its parts.
  const wholeName = normalizeNameForCompare(typed);
  const [matched, sameName] = await Promise.all([
    matchNameTokens(db, tokens, prefix, NAME_CANDIDATES + 1),
    latin ? Promise.resolve([]) : foldedNames(db).where('name_normalized', '=', wholeName).limit(NAME_CANDIDATES).execute(),
  ]);
  const more = matched.length > NAME_CANDIDATES;
  const rows = new Map(sameName.map((row) => [row.seq, row.name_normalized]));
  for (const row of await rankingNames(db, matched.slice(0, NAME_CANDIDATES), latin)) rows.set(row.seq, row.name);
  const matchedBy: MatchKind = layout ? 'layout' : latin ? 'latin_name' : 'name';
  const candidates = [...rows].map(([seq, name]) => {
    const bonus = !latin && name === wholeName ? WHOLE_NAME_BONUS : 0;
    return { seq, name, score: nameScore(tokens, prefix, name) + bonus, tier, matchedBy };
  });
  return { candidates, more };
}

/**
 * The people whose name is within one letter of what was typed. The words that the index does not
 * hold are the slips: they may stand for any name word one edit away. When it holds every word (a
 * real name, but not this person's), each word in turn is taken as the slip, the others as typed:
 * one slip of the hand is one word, and each of these lookups stays as narrow as an exact one. When
 * such a query found people as typed, only the whole names one slip from it are looked up (by the
 * folded-name index, as cheap as the exact search's own whole-name match).
 */
async function closeNameCandidates(db: Db, typed: string, tier: number, already: ReadonlySet<number>, foundAsTyped: boolean): Promise<Candidate[]> {
  const { tokens, prefix } = queryWords(typed);
  if (tokens.length === 0) return [];
  const typing = prefix ? tokens.at(-1)! : null;
  const known = await knownNameWords(db, prefix ? tokens.slice(0, -1) : tokens, typing);
  const unknown = tokens.filter((token) => !known.has(token) && isCorrectable(token));
  if (unknown.length === 0 && foundAsTyped) return wholeNamesOneSlipAway(db, typed, tokens, prefix, tier, already);
  const slips = unknown.length > 0 ? [unknown] : tokens.filter(isCorrectable).map((token) => [token]);
  const near = new Map<string, Set<string>>();
  const matched = new Set<number>();
  for (const slipped of slips) {
    for (const token of slipped) {
      if (near.has(token)) continue;
      near.set(token, new Set((await nameWordsNear(db, token, deletionsOf(token))).filter((word) => withinOneEdit(token, word))));
    }
    if (slipped.every((token) => near.get(token)!.size === 0)) continue;
    const groups = tokens.map((token, index) => ({
      words: [token, ...(slipped.includes(token) ? near.get(token)! : [])],
      firstIsPrefix: prefix && index === tokens.length - 1,
    }));
    for (const seq of await matchNameAlternatives(db, groups, NAME_CANDIDATES + 1)) if (!already.has(seq)) matched.add(seq);
    if (matched.size >= NAME_CANDIDATES) break;
  }
  if (matched.size === 0) return [];
  const latin = isLatinQuery(tokens);
  const wholeName = latin ? [] : normalizeNameForCompare(typed).split(' ');
  const rows = await rankingNames(db, [...matched].slice(0, NAME_CANDIDATES), latin);
  return rows.map(({ seq, name }) => {
    const bonus = !latin && isWholeNameWithinOneSlip(wholeName, name) ? WHOLE_NAME_BONUS : 0;
    return { seq, name, score: nameScore(tokens, prefix, name, near) + bonus, tier, matchedBy: 'close_spelling' as const };
  });
}

/** The people whose whole folded name is the one typed with one of its words a letter off. */
async function wholeNamesOneSlipAway(
  db: Db,
  typed: string,
  tokens: readonly string[],
  prefix: boolean,
  tier: number,
  already: ReadonlySet<number>,
): Promise<Candidate[]> {
  const words = normalizeNameForCompare(typed).split(' ').filter(Boolean);
  if (words.length < 2 || isLatinQuery(words)) return [];
  const names = new Set<string>();
  for (const [at, word] of words.entries()) {
    if (!isCorrectable(word)) continue;
    for (const near of await nameWordsNear(db, word, deletionsOf(word))) {
      if (withinOneEdit(word, near)) names.add([...words.slice(0, at), near, ...words.slice(at + 1)].join(' '));
    }
  }
  if (names.size === 0) return [];
  const rows = await foldedNames(db).where('name_normalized', 'in', [...names]).limit(NAME_CANDIDATES).execute();
  return rows
    .filter((row) => !already.has(row.seq))
    .map((row) => ({
      seq: row.seq,
      name: row.name_normalized,
      score: nameScore(tokens, prefix, row.name_normalized) + WHOLE_NAME_BONUS,
      tier,
      matchedBy: 'close_spelling' as const,
    }));
}

/** The whole name typed, word for word, with at most one word a letter off: as the exact search's whole-name match. */
function isWholeNameWithinOneSlip(typedWords: readonly string[], nameNormalized: string): boolean {
  const words = nameNormalized.split(' ');
  if (words.length !== typedWords.length) return false;
  let slips = 0;
  for (const [at, word] of words.entries()) {
    const typed = typedWords[at]!;
    if (word === typed) continue;
    const bare = stripArticle(word) ?? word;
    const typedBare = stripArticle(typed) ?? typed;
    if (bare !== typedBare && !withinOneEdit(word, typed) && !withinOneEdit(bare, typedBare)) return false;
    if (bare !== typedBare) slips += 1;
  }
  return slips <= 1;
}

const WHOLE_NAME_BONUS = 100;

/** A Latin name as the ranking reads it: its index words, joined and split forms included. */
function latinWordsOf(latinName: string | null): string {
  return latinName === null ? '' : latinNameTokensForIndex(latinName).join(' ');
}

/** Each person's seq and folded name: all the ranking needs. Erased people are never found. */
function foldedNames(db: Db) {
  return db.selectFrom('beneficiaries').select(['seq', 'name_normalized']).where('erased_at', 'is', null);
}

/** The name the ranking reads for each of these people: the folded Arabic one, or for a Latin query the Latin one. */
async function rankingNames(db: Db, seqs: readonly number[], latin: boolean): Promise<Array<{ seq: number; name: string }>> {
  if (seqs.length === 0) return [];
  if (!latin) {
    const rows = await foldedNames(db).where('seq', 'in', seqs).execute();
    return rows.map((row) => ({ seq: row.seq, name: row.name_normalized }));
  }
  const rows = await db.selectFrom('beneficiaries').select(['seq', 'latin_name']).where('erased_at', 'is', null).where('seq', 'in', seqs).execute();
  return rows.map((row) => ({ seq: row.seq, name: latinWordsOf(row.latin_name) }));
}

/** A one-letter prefix matches most of the registry; wait for the second letter. */
function dropTooShortPrefix(tokens: string[], lastIsPrefix: boolean): string[] {
  const last = tokens.at(-1);
  if (lastIsPrefix && last !== undefined && [...last].length < 2) return tokens.slice(0, -1);
  return tokens;
}

/**
 * Ranks a candidate (all of whose indexed tokens already contain the query's, or a close spelling of
 * them): whole words beat close spellings, which beat prefixes; words in the same place as in the
 * person's name beat words elsewhere, and a query that is the person's whole name wins outright.
 */
export function nameScore(
  queryTokens: readonly string[],
  lastIsPrefix: boolean,
  nameNormalized: string,
  near: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): number {
  const nameTokens = nameNormalized.split(' ');
  const bare = nameTokens.map((word) => stripArticle(word) ?? word);
  let score = 0;
  queryTokens.forEach((token, index) => {
    const isLast = index === queryTokens.length - 1;
    const exactAt = nameTokens.findIndex((word, at) => word === token || bare[at] === token);
    const closeWords = near.get(token);
    const closeAt = closeWords ? nameTokens.findIndex((word, at) => closeWords.has(word) || closeWords.has(bare[at]!)) : -1;
    if (exactAt >= 0) {
      score += 10;
      if (exactAt === index) score += 4;
    } else if (closeAt >= 0) {
      score += 8;
      if (closeAt === index) score += 3;
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
  if (digits.length < MIN_FILE_TAIL_DIGITS) return { hits: [], more: false, layoutQuery: null };
  const take = limit + 1;
  const groups: Array<{ rows: SummaryRow[]; matchedBy: MatchKind }> = [];
  const look = async (rows: Promise<unknown[]>, matchedBy: MatchKind) => groups.push({ rows: (await rows) as SummaryRow[], matchedBy });

  if (digits.length >= MIN_DIGITS) {
    // ID numbers: the digits typed so far are a prefix of the number.
    await look(selectHeldSummaries(db).where('b.id_number', '>=', digits).where('b.id_number', '<', `${digits}:`).orderBy('b.id_number').limit(take).execute(), 'id_number');

    // File numbers, typed with or without their dash (2026-00042).
    if (/^\d{4}-?\d*$/.test(query.replace(/\s/g, ''))) {
      const fileNumber = digits.length > 4 ? `${digits.slice(0, 4)}-${digits.slice(4)}` : digits;
      await look(selectHeldSummaries(db).where('b.file_number', '>=', fileNumber).where('b.file_number', '<', `${fileNumber}\uffff`).orderBy('b.file_number').limit(take).execute(), 'file_number');
    }

    // Phones: the start of the number in any common form.
    const phonePrefix = phonePrefixOf(digits);
    if (phonePrefix) await look(phoneOwners(db, 'phone', phonePrefix, take).execute(), 'phone');
  }

  // The ends of numbers, what people remember or read off a screen: an ID number's last digits (every
  // result line shows "…6781"; its last four are indexed), a phone's, and a file number's own sequence
  // ("42" and "00042" find 2026-00042, and 2025-00042: one a year).
  if (digits.length >= MIN_ID_TAIL_DIGITS && digits.length < ID_NUMBER_DIGITS) await look(idTailOwners(db, digits, take).execute(), 'id_tail');
  if (digits.length >= 4) await look(phoneOwners(db, 'phone_reversed', reversedDigits(digits), take).execute(), 'phone');
  const sequence = fileSequenceOf(digits);
  if (sequence !== null && !/[+()]/.test(query)) await look(fileSequenceOwners(db, sequence, take).execute(), 'file_tail');

  // The same digits can start one number and end another: the readings that match the fewest people
  // say the most about who was meant, so they come first (a whole ID or phone matches one person).
  const found = new Map<string, SearchHit>();
  for (const { rows, matchedBy } of [...groups].sort((a, b) => a.rows.length - b.rows.length)) {
    for (const row of rows) if (!found.has(row.id)) found.set(row.id, { ...toSummary(row), matchedBy });
  }
  const hits = [...found.values()];
  return { hits: hits.slice(0, limit), more: hits.length > limit, layoutQuery: null };
}

/** Fewer digits than this are no ID tail: three digits end a thousandth of all numbers. */
const MIN_ID_TAIL_DIGITS = 4;
/** National ID and iqama numbers have ten digits: ten typed are the whole number, found by its start. */
const ID_NUMBER_DIGITS = 10;
/** One digit is a file in every year and the start of everything else; two say which file. */
const MIN_FILE_TAIL_DIGITS = 2;
/** A file number's sequence after the year (2026-00042): five digits, six in a very busy year. */
const MAX_FILE_SEQUENCE_DIGITS = 6;
const PRINTED_FILE_SEQUENCE_DIGITS = 5;

/**
 * The sequence a file number ends with, typed as it is said ("42") or as it is printed ("00042"), or
 * null. Digits with other leading zeros ("05", "0011") are the start of a phone or the end of a number.
 */
function fileSequenceOf(digits: string): number | null {
  const said = digits.length >= MIN_FILE_TAIL_DIGITS && digits.length <= MAX_FILE_SEQUENCE_DIGITS && !digits.startsWith('0');
  const printed = digits.length === PRINTED_FILE_SEQUENCE_DIGITS && Number(digits) > 0;
  return said || printed ? Number(digits) : null;
}

/** The held people whose ID number ends with the digits (indexed by its last four, beneficiaries_id_tail). */
function idTailOwners(db: Db, digits: string, limit: number) {
  return selectHeldSummaries(db)
    .where(sql<string>`substr(b.id_number, -4)`, '=', digits.slice(-4))
    .where(sql<string>`substr(b.id_number, ${-digits.length})`, '=', digits)
    .orderBy('b.id_number')
    .limit(limit);
}

/** The held people whose file number's sequence is this one, in any year (beneficiaries_file_sequence). */
function fileSequenceOwners(db: Db, sequence: number, limit: number) {
  return selectHeldSummaries(db)
    .where(sql<number>`CAST(substr(b.file_number, 6) AS INTEGER)`, '=', sequence)
    .orderBy('b.file_number', 'desc')
    .limit(limit);
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
