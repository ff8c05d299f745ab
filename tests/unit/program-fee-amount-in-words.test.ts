// An amount written in words on a receipt: Arabic by the rules of the counted noun (riyal masculine,
// halala feminine; three to ten the other gender and plural, eleven to ninety-nine the singular
// accusative, a round hundred or thousand the singular genitive; one or two after the hundreds said by
// the noun itself, two hundred in construct before its noun), and English.
import { describe, expect, it } from 'vitest';
import { arabicAmountInWords, englishAmountInWords } from '../../electron/services/program-fees/amount-in-words';

describe('an amount in Arabic words', () => {
  it.each([
    [0, 'فقط صفر ريال لا غير'],
    [100, 'فقط ريال واحد لا غير'],
    [200, 'فقط ريالان لا غير'],
    [300, 'فقط ثلاثة ريالات لا غير'],
    [1_000, 'فقط عشرة ريالات لا غير'],
    [1_100, 'فقط أحد عشر ريالًا لا غير'],
    [1_200, 'فقط اثنا عشر ريالًا لا غير'],
    [1_300, 'فقط ثلاثة عشر ريالًا لا غير'],
    [9_900, 'فقط تسعة وتسعون ريالًا لا غير'],
    [2_100, 'فقط واحد وعشرون ريالًا لا غير'],
    [10_000, 'فقط مائة ريال لا غير'],
    [10_100, 'فقط مائة وريال واحد لا غير'],
    [10_200, 'فقط مائة وريالان لا غير'],
    [10_300, 'فقط مائة وثلاثة ريالات لا غير'],
    [20_000, 'فقط مائتا ريال لا غير'],
    [20_200, 'فقط مائتان وريالان لا غير'],
    [21_100, 'فقط مائتان وأحد عشر ريالًا لا غير'],
    [15_000, 'فقط مائة وخمسون ريالًا لا غير'],
    [30_500, 'فقط ثلاثمائة وخمسة ريالات لا غير'],
    [100_000, 'فقط ألف ريال لا غير'],
    [100_100, 'فقط ألف وريال واحد لا غير'],
    [100_200, 'فقط ألف وريالان لا غير'],
    [120_000, 'فقط ألف ومائتا ريال لا غير'],
    [200_000, 'فقط ألفا ريال لا غير'],
    [250_000, 'فقط ألفان وخمسمائة ريال لا غير'],
    [300_000, 'فقط ثلاثة آلاف ريال لا غير'],
    [1_100_000, 'فقط أحد عشر ألف ريال لا غير'],
    [10_000_000, 'فقط مائة ألف ريال لا غير'],
    [10_200_000, 'فقط مائة ألف وألفا ريال لا غير'],
    [20_000_000, 'فقط مائتا ألف ريال لا غير'],
    [12_345_600, 'فقط مائة وثلاثة وعشرون ألفًا وأربعمائة وستة وخمسون ريالًا لا غير'],
    [100_000_000, 'فقط مليون ريال لا غير'],
    [200_000_000, 'فقط مليونا ريال لا غير'],
  ])('writes %i halalas as %s', (halalas, words) => {
    expect(arabicAmountInWords(halalas)).toBe(words);
  });

  it('counts halalas in the feminine, after the riyals', () => {
    expect(arabicAmountInWords(1)).toBe('فقط هللة واحدة لا غير');
    expect(arabicAmountInWords(2)).toBe('فقط هللتان لا غير');
    expect(arabicAmountInWords(3)).toBe('فقط ثلاث هللات لا غير');
    expect(arabicAmountInWords(10)).toBe('فقط عشر هللات لا غير');
    expect(arabicAmountInWords(11)).toBe('فقط إحدى عشرة هللة لا غير');
    expect(arabicAmountInWords(12)).toBe('فقط اثنتا عشرة هللة لا غير');
    expect(arabicAmountInWords(13)).toBe('فقط ثلاث عشرة هللة لا غير');
    expect(arabicAmountInWords(99)).toBe('فقط تسع وتسعون هللة لا غير');
    expect(arabicAmountInWords(21)).toBe('فقط إحدى وعشرون هللة لا غير');
    expect(arabicAmountInWords(15_025)).toBe('فقط مائة وخمسون ريالًا وخمس وعشرون هللة لا غير');
    expect(arabicAmountInWords(101)).toBe('فقط ريال واحد وهللة واحدة لا غير');
  });

  it('refuses what is not a whole number of halalas', () => {
    expect(() => arabicAmountInWords(1.5)).toThrow(RangeError);
    expect(() => arabicAmountInWords(-1)).toThrow(RangeError);
    expect(() => englishAmountInWords(Number.NaN)).toThrow(RangeError);
  });
});

describe('an amount in English words', () => {
  it.each([
    [0, 'Zero riyals only'],
    [1, 'One halala only'],
    [100, 'One riyal only'],
    [15_025, 'One hundred fifty riyals and twenty-five halalas only'],
    [250_075, 'Two thousand five hundred riyals and seventy-five halalas only'],
    [100_000_000, 'One million riyals only'],
    [12_345_678, 'One hundred twenty-three thousand four hundred fifty-six riyals and seventy-eight halalas only'],
  ])('writes %i halalas as %s', (halalas, words) => {
    expect(englishAmountInWords(halalas)).toBe(words);
  });
});
