import { describe, expect, it } from 'vitest';
import { deletionsOf, isCorrectable, withinOneEdit } from '../../../electron/services/search/close-spelling';
import { normalizeArabic } from '../../../electron/services/search/normalize';

const fold = (word: string) => normalizeArabic(word);

describe('withinOneEdit (Damerau–Levenshtein distance 1)', () => {
  it('accepts a letter added, dropped, replaced or swapped with its neighbour', () => {
    expect(withinOneEdit(fold('الدوسيري'), fold('الدوسري'))).toBe(true); // added
    expect(withinOneEdit(fold('القحطني'), fold('القحطاني'))).toBe(true); // dropped
    expect(withinOneEdit(fold('الزهارني'), fold('الزهراني'))).toBe(true); // swapped
    expect(withinOneEdit(fold('العتيني'), fold('العتيبي'))).toBe(true); // replaced
    expect(withinOneEdit('aldosary', 'aldosari')).toBe(true);
  });

  it('accepts the edit at either end of the word', () => {
    expect(withinOneEdit('سالم', 'اسالم')).toBe(true);
    expect(withinOneEdit('سالم', 'سالمم')).toBe(true);
    expect(withinOneEdit('سالم', 'الم')).toBe(true);
    expect(withinOneEdit('سالم', 'اسلم')).toBe(true);
  });

  it('refuses the same word and anything two edits away', () => {
    expect(withinOneEdit('محمد', 'محمد')).toBe(false);
    expect(withinOneEdit('abc', 'bcd')).toBe(false);
    expect(withinOneEdit(fold('الدوسري'), fold('الدويسري1'))).toBe(false);
    expect(withinOneEdit('abcd', 'badc')).toBe(false);
    expect(withinOneEdit('abc', 'cab')).toBe(false);
    expect(withinOneEdit('ab', 'abcd')).toBe(false);
  });

  it('is symmetric', () => {
    const words = ['دوسري', 'دوسيري', 'دسوري', 'دوسر', 'زوسري', 'محمد', 'احمد', 'حمد'];
    for (const a of words) for (const b of words) expect(withinOneEdit(a, b), `${a} ${b}`).toBe(withinOneEdit(b, a));
  });
});

describe('deletionsOf', () => {
  it('lists each one-letter deletion once', () => {
    expect(deletionsOf('سالم').sort()).toEqual(['الم', 'سال', 'سلم', 'سام'].sort());
    expect(deletionsOf('ملل').sort()).toEqual(['لل', 'مل'].sort());
  });

  it('gives nothing for a word of one letter', () => {
    expect(deletionsOf('م')).toEqual([]);
  });

  it('finds every neighbour by a shared deletion, as the index does', () => {
    const neighbours = ['دوسيري', 'دسوري', 'دوسر', 'زوسري', 'وسري'];
    for (const neighbour of neighbours) {
      const mine = new Set([neighbour, ...deletionsOf(neighbour)]);
      const theirs = ['دوسري', ...deletionsOf('دوسري')];
      expect(theirs.some((deletion) => mine.has(deletion)), neighbour).toBe(true);
    }
  });
});

describe('isCorrectable', () => {
  it('leaves short words and numbers alone', () => {
    expect(isCorrectable('عل')).toBe(false);
    expect(isCorrectable('1234')).toBe(false);
    expect(isCorrectable('علي')).toBe(true);
  });
});
