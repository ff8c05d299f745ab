/**
 * Name normalization shared by the search index and the search box.
 *
 * Beneficiary names are written many ways (عبد الله / عبدالله, فاطمة / فاطمه,
 * آل مبارك / المبارك, with or without harakat, with Persian-keyboard letters…).
 * The index side stores every useful form of a name; the query side reduces
 * what the officer types to forms the index is guaranteed to hold. Both sides
 * MUST go through this one module so they agree exactly.
 *
 * Output tokens contain only letters and digits, separated by single spaces,
 * so SQLite FTS5's unicode61 tokenizer splits them exactly as we do.
 */

import { toLatinDigits } from '../../api/fields/digits';

// A change to what a name folds to needs a new migration that runs rebuildNameIndex (./reindex.ts):
// the names already stored were indexed by the old rules, and would no longer be found.

// ---------------------------------------------------------------------------
// Character level
// ---------------------------------------------------------------------------


// Harakat and Quranic marks, superscript alef, tatweel, plus any other
// combining mark: they decorate a letter, so they are deleted (not turned into
// a space) and never split a word. U+06DD/U+06DE/U+06E5/U+06E6/U+06E9 in the
// Quranic block are not marks in Unicode, hence the explicit ranges.
const DECORATIONS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\p{M}]/gu;

// Spelling variants that people (and keyboards) use interchangeably.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0622': '\u0627', // آ → ا
  '\u0671': '\u0627', // ٱ (wasla) → ا
  '\u0672': '\u0627', // ٲ → ا
  '\u0673': '\u0627', // ٳ → ا
  '\u0629': '\u0647', // ة → ه
  '\u06C0': '\u0647', // ۀ (what NFKC makes of ه + hamza mark) → ه
  '\u0649': '\u064A', // ى → ي
  '\u0626': '\u064A', // ئ → ي
  '\u06CC': '\u064A', // ی (Persian yeh) → ي
  '\u0624': '\u0648', // ؤ → و
  '\u06A9': '\u0643', // ک (Persian keheh) → ك
};
const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/**
 * Letter-level folding of a whole string. The result holds only letters and
 * digits separated by single spaces (punctuation, ZWNJ, RLM… become spaces).
 */
export function normalizeArabic(text: string): string {
  return toLatinDigits(
    text
      .normalize('NFKC') // presentation forms (ﻣﺤﻤﺪ, ﷲ) → base letters
      .toLowerCase()
      .replace(DECORATIONS, '')
      .replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter)
      // A final hamza after alef is written or left out at will: هياء / هيا, حوراء / حورا.
      .replace(/\u0627\u0621(?!\p{L})/gu, '\u0627'),
  )
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------
// Name level
// ---------------------------------------------------------------------------

const ARTICLE = 'ال'; // also what آل becomes after folding
const PARTICLES = new Set(['بن', 'بنت', 'ابن', 'bin', 'bint', 'ibn']);
// Words that belong to the word after them: عبد الله, ابو بكر, بو خمسين, آل مبارك, العبد القادر.
const JOINS_NEXT = new Set(['عبد', 'ابو', 'بو', 'العبد', ARTICLE]);
// Words that belong to the word before them: ضيف الله, نور الدين.
const JOINS_PREVIOUS = new Set(['الله', 'الدين']);

function nameWords(fullName: string | readonly string[]): string[] {
  const text = typeof fullName === 'string' ? fullName : fullName.join(' ');
  return normalizeArabic(text)
    .split(' ')
    .filter((word) => word !== '' && !PARTICLES.has(word));
}

/** Splits words into compound groups: [[عبد, الله], [محمد], [ال, مبارك]]. */
function compoundGroups(words: readonly string[]): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  for (const word of words) {
    const previous = group.at(-1);
    const joins = previous !== undefined && (JOINS_NEXT.has(previous) || JOINS_PREVIOUS.has(word));
    if (!joins && group.length > 0) {
      groups.push(group);
      group = [];
    }
    group.push(word);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Writes a group as one word; آل + الشيخ gives الشيخ, not الالشيخ. */
function joinGroup(parts: readonly string[]): string {
  return parts.reduce((joined, part) =>
    joined === ARTICLE && part.startsWith(ARTICLE) ? part : joined + part,
  );
}

/**
 * The word without its leading article, or undefined when there is none to
 * strip. The stem must keep at least 2 letters: a prefix query such as الشم
 * is searched as شم*, so the index must hold the stem of every ال-word that
 * could continue it. الله is a word of its own, never ال + له.
 */
export function stripArticle(word: string): string | undefined {
  if (!word.startsWith(ARTICLE) || word === 'الله' || word.length < ARTICLE.length + 2) return undefined;
  return word.slice(ARTICLE.length);
}

/** A trailing آل/ال with nothing after it joins nothing: drop it. */
function withoutTrailingArticle(group: readonly string[]): string[] {
  const parts = [...group];
  while (parts.at(-1) === ARTICLE) parts.pop();
  return parts;
}

/** A stored name's compound groups, with any dangling آل removed. */
function storedGroups(fullName: string | readonly string[]): string[][] {
  return compoundGroups(nameWords(fullName))
    .map(withoutTrailingArticle)
    .filter((group) => group.length > 0);
}

/**
 * Index side: every word of the name first (compounds joined, particles
 * dropped), then the alternative forms: the separate words of a compound
 * written apart (and its shorter runs), and each ال-word without the article.
 */
export function nameTokensForIndex(fullName: string | readonly string[]): string[] {
  const groups = storedGroups(fullName);

  const tokens = new Set(groups.map(joinGroup));
  for (const group of groups) {
    const forms = [joinGroup(group)];
    // Every shorter run of the compound, so "عبد" + "الشمري" keeps الشمري and
    // "ابو عبد الله" also holds عبدالله. A run ending in آل is incomplete.
    for (let length = group.length - 1; length >= 1; length--) {
      for (let start = 0; start + length <= group.length; start++) {
        const run = group.slice(start, start + length);
        if (run.at(-1) !== ARTICLE) forms.push(joinGroup(run));
      }
    }
    for (const form of forms.slice(1)) tokens.add(form);
    for (const form of forms) {
      const stem = stripArticle(form);
      if (stem !== undefined) tokens.add(stem);
    }
  }
  return [...tokens];
}

/**
 * Query side: one token per word typed, compounds joined and ال-words
 * reduced to their stem (the index holds both forms of each, so these always
 * match). `lastIsPrefix` is true while the officer is still typing the last
 * word, i.e. the query does not end with whitespace.
 */
export function nameTokensForQuery(query: string): { tokens: string[]; lastIsPrefix: boolean } {
  const typingLastWord = !/\s$/u.test(query);
  const groups = compoundGroups(nameWords(query));

  const tokens: string[] = [];
  groups.forEach((group, index) => {
    const typing = typingLastWord && index === groups.length - 1;
    let parts = group;
    // After آل, a half-typed "ا" or "ال" may start آل الشيخ (→ الشيخ) or
    // آل ابراهيم (→ الابراهيم): no single prefix fits both, so wait for more.
    while (typing && parts.length > 1 && parts.at(-2) === ARTICLE && ARTICLE.startsWith(parts.at(-1) ?? '')) {
      parts = parts.slice(0, -1);
    }
    // "عبد ال" while typing is the start of عبدالرحمن/عبدالله…: keep it as a
    // prefix. Any other trailing ال ("محمد ال") is a word not typed yet.
    if (!(typing && parts.length > 1)) parts = withoutTrailingArticle(parts);
    if (parts.length === 0) return;
    const joined = joinGroup(parts);
    tokens.push(stripArticle(joined) ?? joined);
  });

  // Deduplicate keeping order, but keep the last token last: it is the one
  // searched as a prefix.
  const last = tokens.at(-1);
  const unique = [...new Set(tokens.slice(0, -1))].filter((token) => token !== last);
  if (last !== undefined) unique.push(last);
  return { tokens: unique, lastIsPrefix: typingLastWord && unique.length > 0 };
}

/**
 * One canonical string for duplicate detection: the name's primary index
 * forms (compounds joined, particles dropped, آل مبارك → المبارك, article kept).
 */
export function normalizeNameForCompare(fullName: string | readonly string[]): string {
  return storedGroups(fullName).map(joinGroup).join(' ');
}

// ---------------------------------------------------------------------------
// Latin names
// ---------------------------------------------------------------------------

// Written joined or apart at will: Al-Dosari / Al Dosari / Aldosari, Abdul Rahman / Abdulrahman.
const LATIN_JOINED_PREFIXES = ['abdul', 'abdel', 'abu', 'al', 'el'];

/**
 * Index side of a Latin name (residents are often known by it): its words in any case, each pair of
 * neighbours joined (Al Dosari also holds aldosari), and a word that starts with a particle written
 * joined also as its two parts (Aldosari also holds al and dosari). Tokens in any order, as Arabic ones.
 */
export function latinNameTokensForIndex(latinName: string): string[] {
  const words = normalizeArabic(latinName).split(' ').filter(Boolean);
  const tokens = new Set(words);
  for (let at = 0; at + 1 < words.length; at += 1) tokens.add(`${words[at]}${words[at + 1]}`);
  for (const word of words) {
    const prefix = LATIN_JOINED_PREFIXES.find((particle) => word.startsWith(particle) && word.length >= particle.length + 3);
    if (prefix !== undefined) {
      tokens.add(prefix);
      tokens.add(word.slice(prefix.length));
    }
  }
  return [...tokens];
}

/** True when the folded query words are Latin: they can only match a Latin name. */
export function isLatinQuery(tokens: readonly string[]): boolean {
  return tokens.some((token) => /[a-z]/.test(token));
}
