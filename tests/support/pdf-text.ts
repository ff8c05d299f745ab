// Reading back what pdftotext extracts from a PDF that Chromium printed. It keeps Arabic words, but
// not as typed: bidi marks around every run; each lam–alef ligature alef first (لا comes back as ال),
// or as its presentation form; the font's other two-letter ligatures (تر, ير, لى, في, لي, ني, in some
// of their joining forms) in reverse; now and then a space inside a large bold word (التقر ير). What
// it keeps is which letters stand on which line, in which order the lines come: a line is compared
// as the letters it holds, without spaces and marks.

const LIGATURES: Record<string, string> = { 'ﻻ': 'لا', 'ﻼ': 'لا', 'ﻷ': 'لأ', 'ﻸ': 'لأ', 'ﻹ': 'لإ', 'ﻺ': 'لإ', 'ﻵ': 'لآ', 'ﻶ': 'لآ' };

/** A line's letters, sorted, without spaces, harakat and bidi marks; alef with hamza or madda as plain alef. */
export const letters = (text: string) =>
  [
    ...text
      .replace(/[ﻻﻼﻷﻸﻹﻺﻵﻶ]/g, (ligature) => LIGATURES[ligature] ?? ligature)
      .replace(/[أإآ]/g, 'ا')
      .replace(/[\u064b-\u065f\u0670\u200e\u200f\u202a-\u202e\u2066-\u2069\s]/g, ''),
  ]
    .sort()
    .join('');

/** The text without bidi marks, every run of spaces and line breaks made one space: enough for Latin text and digits. */
export const plain = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ');

/** Whether one line of the text holds every letter of `words`: pdftotext keeps a line's letters, not their order. */
export function aLineHolds(text: string, words: string): boolean {
  return text.split('\n').some((line) => {
    const available = [...letters(line)];
    return [...letters(words)].every((letter) => {
      const at = available.indexOf(letter);
      if (at === -1) return false;
      available.splice(at, 1);
      return true;
    });
  });
}
