/**
 * The forgiving search at 100,000 people: queries that read Arabic typed on the English keyboard,
 * that carry a one-letter slip in a name (and so fall back to the close spellings), Latin names in
 * other case, spacing and hyphenation, and the ends of ID and file numbers. Built from people known
 * to be in the database; each is timed, and whether its person came in the top 5 is counted.
 */
import { performance } from 'node:perf_hooks';
import type { GeneratedBeneficiary } from '../../electron/tools/seed/generate';
import type { Rng } from '../../electron/tools/seed/names';
import type { SearchResults } from '../../electron/api/search';
import { arabic101Layout } from '../../electron/services/search/keyboard-layout';

interface Sampled {
  id: string;
  person: GeneratedBeneficiary;
}

export type ForgivingKind = 'layout' | 'typo' | 'latin' | 'id_tail' | 'file_tail';

export interface ForgivingQuery {
  kind: ForgivingKind;
  text: string;
  owner: string;
}

interface Reporter {
  line(name: string, value: number, unit: string, digits?: number): void;
  comment(text: string): void;
}

/** The English key for each Arabic letter of the Arabic (101) layout (the one-letter keys only). */
const KEY_FOR = new Map(Object.entries(arabic101Layout).filter(([, arabic]) => [...arabic].length === 1).map(([key, arabic]) => [arabic, key]));

/** The name as it comes out with the keyboard left on English, or null if a letter has no key of its own. */
function onEnglishKeyboard(name: string): string | null {
  let typed = '';
  for (const letter of name) {
    const key = letter === ' ' ? ' ' : KEY_FOR.get(letter);
    if (key === undefined) return null;
    typed += key;
  }
  return typed;
}

/** One slip of the hand in a word of four letters or more: a letter added, dropped, swapped or replaced. */
function slip(word: string, rng: Rng): string {
  const letters = [...word];
  // Not in the article: "ال" + a slip reads as another article-less word.
  const start = word.startsWith('ال') ? 2 : 0;
  const at = rng.int(start, letters.length - 2);
  const others = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  switch (rng.int(0, 3)) {
    case 0:
      return [...letters.slice(0, at), rng.pick([...others]), ...letters.slice(at)].join('');
    case 1:
      return [...letters.slice(0, at), ...letters.slice(at + 1)].join('');
    case 2:
      return [...letters.slice(0, at), letters[at + 1], letters[at], ...letters.slice(at + 2)].join('');
    default:
      return [...letters.slice(0, at), rng.pick([...others].filter((letter) => letter !== letters[at])), ...letters.slice(at + 1)].join('');
  }
}

/** Latin names as people write them: other case, the particle joined, apart or hyphenated. */
function respellLatin(latin: string, rng: Rng): string {
  const spaced = rng.chance(0.5) ? latin.replace(/-/g, ' ') : latin.replace(/-/g, '');
  const words = spaced.split(' ');
  const reordered = rng.chance(0.3) ? [words.at(-1)!, ...words.slice(0, -1)] : words;
  const text = reordered.join(' ');
  return rng.chance(0.3) ? text.toUpperCase() : rng.chance(0.5) ? text.toLowerCase() : text;
}

export function buildForgivingQueries(
  sampled: readonly Sampled[],
  rng: Rng,
  fileNumberOf: (id: string) => string,
  unique: (person: GeneratedBeneficiary) => boolean,
): ForgivingQuery[] {
  const queries: ForgivingQuery[] = [];
  const named = sampled.filter(({ person }) => unique(person));
  for (let tries = 0; queries.filter((query) => query.kind === 'layout').length < 60 && tries < 1000; tries += 1) {
    const { id, person } = rng.pick(named);
    const { fields } = person;
    const typed = onEnglishKeyboard([fields.firstName, fields.fatherName, fields.grandfatherName, fields.familyName].join(' '));
    if (typed !== null) queries.push({ kind: 'layout', text: typed, owner: id });
  }
  for (let count = 0; count < 80; count += 1) {
    const { id, person } = rng.pick(named);
    const parts = [person.fields.firstName, person.fields.fatherName, person.fields.grandfatherName, person.fields.familyName];
    const long = parts.map((part, at) => ({ part, at })).filter(({ part }) => [...part].length >= 4 && !part.includes(' '));
    if (long.length === 0) continue;
    const { at } = rng.chance(0.6) && long.some((entry) => entry.at === 3) ? long.find((entry) => entry.at === 3)! : rng.pick(long);
    parts[at] = slip(parts[at]!, rng);
    queries.push({ kind: 'typo', text: parts.join(' '), owner: id });
  }
  const latin = named.filter(({ person }) => person.fields.latinName !== null && person.fields.latinName.split(' ').length === 4);
  for (let count = 0; count < 40 && latin.length > 0; count += 1) {
    const { id, person } = rng.pick(latin);
    queries.push({ kind: 'latin', text: respellLatin(person.fields.latinName!, rng), owner: id });
  }
  for (let count = 0; count < 40; count += 1) {
    const { id, person } = rng.pick(sampled);
    queries.push({ kind: 'id_tail', text: person.fields.idNumber.slice(-rng.int(6, 8)), owner: id });
  }
  for (let count = 0; count < 20; count += 1) {
    const { id } = rng.pick(sampled);
    const sequence = fileNumberOf(id).slice(5);
    queries.push({ kind: 'file_tail', text: rng.chance(0.5) ? sequence : String(Number(sequence)), owner: id });
  }
  return queries;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

/** Times every query (after a warm-up) and prints `search_fallback_p95` and the share found in the top 5. */
export async function benchForgivingSearch(
  queries: readonly ForgivingQuery[],
  search: (text: string) => Promise<SearchResults>,
  { line, comment }: Reporter,
): Promise<void> {
  for (const query of queries.slice(0, 30)) await search(query.text);
  const measured: Array<{ query: ForgivingQuery; ms: number; rank: number }> = [];
  for (const query of queries) {
    const started = performance.now();
    const results = await search(query.text);
    const ms = performance.now() - started;
    measured.push({ query, ms, rank: results.hits.findIndex((hit) => hit.id === query.owner) + 1 });
  }
  const of = (...kinds: ForgivingKind[]) => measured.filter((entry) => kinds.includes(entry.query.kind));
  const fallback = of('layout', 'typo');
  line('search_fallback_p95', percentile(fallback.map((entry) => entry.ms), 0.95), 'ms');
  line('search_fallback_max', Math.max(...fallback.map((entry) => entry.ms)), 'ms');
  for (const kind of ['layout', 'typo', 'latin', 'id_tail', 'file_tail'] as const) {
    const entries = of(kind);
    const top5 = entries.filter((entry) => entry.rank >= 1 && entry.rank <= 5).length;
    line(`search_${kind}_p95`, percentile(entries.map((entry) => entry.ms), 0.95), 'ms');
    comment(`${kind}: ${entries.length} queries, the person in the top 5 for ${top5}`);
  }
  const top5 = measured.filter((entry) => entry.rank >= 1 && entry.rank <= 5).length;
  line('search_forgiving_top5', (100 * top5) / measured.length, '%', 1);
  for (const miss of measured.filter((entry) => entry.rank < 1 || entry.rank > 5).slice(0, 15)) {
    comment(`  missed (${miss.query.kind}): "${miss.query.text}" rank ${miss.rank < 1 ? 'none' : miss.rank}`);
  }
  const slowest = [...fallback].sort((a, b) => b.ms - a.ms).slice(0, 5);
  comment(`slowest fallback searches: ${slowest.map((entry) => `"${entry.query.text}" (${entry.query.kind}) ${entry.ms.toFixed(1)} ms`).join('; ')}`);
}
