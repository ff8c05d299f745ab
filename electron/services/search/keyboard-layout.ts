/**
 * Arabic typed with the keyboard left on English: the officer meant "احمد الدوسري" and the box got
 * "hpl] hg],svd". Each key of the Windows Arabic (101) layout, as data: what a key types in US
 * English, and what the same key types in Arabic, without and with Shift. Keys that type the same
 * character on both layouts (digits, space, \\, |, : and ") are left out.
 */
const ARABIC_101: Readonly<Record<string, string>> = {
  // Unshifted
  '`': 'ذ',
  q: 'ض', w: 'ص', e: 'ث', r: 'ق', t: 'ف', y: 'غ', u: 'ع', i: 'ه', o: 'خ', p: 'ح', '[': 'ج', ']': 'د',
  a: 'ش', s: 'س', d: 'ي', f: 'ب', g: 'ل', h: 'ا', j: 'ت', k: 'ن', l: 'م', ';': 'ك', "'": 'ط',
  z: 'ئ', x: 'ء', c: 'ؤ', v: 'ر', b: 'لا', n: 'ى', m: 'ة', ',': 'و', '.': 'ز', '/': 'ظ',
  // Shifted: harakat, the lam-alef ligatures, hamza on alef, and Arabic punctuation
  '~': '\u0651',
  Q: '\u064E', W: '\u064B', E: '\u064F', R: '\u064C', T: 'لإ', Y: 'إ', U: '\u2018', I: '÷', O: '×', P: '؛', '{': '<', '}': '>',
  A: '\u0650', S: '\u064D', D: ']', F: '[', G: 'لأ', H: 'أ', J: '\u0640', K: '،', L: '/',
  Z: '~', X: '\u0652', C: '}', V: '{', B: 'لآ', N: 'آ', M: '\u2019', '<': ',', '>': '.', '?': '؟',
};

/** Keys whose Arabic is a letter: a query must hold at least one to be read as Arabic. */
const LETTER_KEYS = new Set(Object.entries(ARABIC_101).filter(([, arabic]) => /\p{L}/u.test(arabic)).map(([key]) => key));

/**
 * What the query would have been on the Arabic layout, or null when it cannot be Arabic typed on the
 * English one: it holds Arabic already, or a character no key types, or no key that types a letter.
 */
export function arabicFromEnglishLayout(query: string): string | null {
  const text = query.trim();
  if (text === '' || /\p{Script=Arabic}/u.test(text)) return null;
  let arabic = '';
  let letters = 0;
  for (const character of query) {
    const mapped = ARABIC_101[character];
    if (mapped !== undefined) {
      arabic += mapped;
      if (LETTER_KEYS.has(character)) letters += 1;
    } else if (/[\s\d\\|:"-]/u.test(character)) arabic += character;
    else return null;
  }
  return letters > 0 ? arabic : null;
}

/** The layout itself, for its tests. */
export const arabic101Layout: Readonly<Record<string, string>> = ARABIC_101;
