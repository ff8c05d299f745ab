/**
 * An amount of halalas written in words, as a receipt states it beside the figures: in Arabic by the
 * rules of the counted noun (ريال is masculine, هللة feminine; three to ten take the other gender,
 * eleven to ninety-nine the singular accusative), and in English. Up to 999,999,999 riyals.
 */

type Gender = 'masculine' | 'feminine';

const ONES: Record<Gender, readonly string[]> = {
  masculine: ['', 'واحد', 'اثنان', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة', 'عشرة'],
  feminine: ['', 'واحدة', 'اثنتان', 'ثلاث', 'أربع', 'خمس', 'ست', 'سبع', 'ثماني', 'تسع', 'عشر'],
};
/** The unit of a compound from twenty-one on (إحدى وعشرون هللة, ثلاث وعشرون هللة). */
const COMPOUND_ONES: Record<Gender, readonly string[]> = {
  masculine: ['', 'واحد', 'اثنان', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة'],
  feminine: ['', 'إحدى', 'اثنتان', 'ثلاث', 'أربع', 'خمس', 'ست', 'سبع', 'ثماني', 'تسع'],
};
const TEENS: Record<Gender, readonly string[]> = {
  masculine: ['', 'أحد عشر', 'اثنا عشر', 'ثلاثة عشر', 'أربعة عشر', 'خمسة عشر', 'ستة عشر', 'سبعة عشر', 'ثمانية عشر', 'تسعة عشر'],
  feminine: ['', 'إحدى عشرة', 'اثنتا عشرة', 'ثلاث عشرة', 'أربع عشرة', 'خمس عشرة', 'ست عشرة', 'سبع عشرة', 'ثماني عشرة', 'تسع عشرة'],
};
const TENS = ['', '', 'عشرون', 'ثلاثون', 'أربعون', 'خمسون', 'ستون', 'سبعون', 'ثمانون', 'تسعون'];
const HUNDREDS = ['', 'مائة', 'مائتان', 'ثلاثمائة', 'أربعمائة', 'خمسمائة', 'ستمائة', 'سبعمائة', 'ثمانمائة', 'تسعمائة'];

/** A counted noun's forms: one, two, three to ten, eleven and on (and the hundreds' 00, 01, 02). */
interface Noun {
  gender: Gender;
  one: string;
  two: string;
  few: string;
  many: string;
  /** After a round hundred, and after eleven on when another noun follows: the singular genitive. */
  hundred: string;
  /** Two of it before another noun (ألفا ريال). */
  twoBefore: string;
  /**
   * A thousand or a million names itself again after its hundreds (مائة ألف وألفان), lest "مائة وألفان"
   * be read as a hundred riyals and two thousand; a riyal or a halala is the unit, and does not.
   */
  scale: boolean;
}

const RIYAL: Noun = { gender: 'masculine', one: 'ريال واحد', two: 'ريالان', few: 'ريالات', many: 'ريالًا', hundred: 'ريال', twoBefore: 'ريالا', scale: false };
const HALALA: Noun = { gender: 'feminine', one: 'هللة واحدة', two: 'هللتان', few: 'هللات', many: 'هللة', hundred: 'هللة', twoBefore: 'هللتا', scale: false };
const THOUSAND: Noun = { gender: 'masculine', one: 'ألف', two: 'ألفان', few: 'آلاف', many: 'ألفًا', hundred: 'ألف', twoBefore: 'ألفا', scale: true };
const MILLION: Noun = { gender: 'masculine', one: 'مليون', two: 'مليونان', few: 'ملايين', many: 'مليونًا', hundred: 'مليون', twoBefore: 'مليونا', scale: true };

/**
 * 1 to 999 as words in the counted noun's gender. Two hundred with its noun straight after is in
 * construct with it (مائتا ريال, مائتا ألف); followed by more of the number it is مائتان.
 */
function belowThousand(value: number, gender: Gender, nounFollows = false): string {
  if (value === 200 && nounFollows) return 'مائتا';
  const hundreds = Math.floor(value / 100);
  const rest = value % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(HUNDREDS[hundreds]!);
  if (rest > 0 && rest <= 10) parts.push(ONES[gender][rest]!);
  else if (rest > 10 && rest < 20) parts.push(TEENS[gender][rest - 10]!);
  else if (rest >= 20) {
    const unit = rest % 10;
    parts.push(unit === 0 ? TENS[Math.floor(rest / 10)]! : `${COMPOUND_ONES[gender][unit]} و${TENS[Math.floor(rest / 10)]}`);
  }
  return parts.join(' و');
}

/**
 * A count (1 to 999) of a noun, the noun in the form the count asks (تمييز العدد): "ريال واحد",
 * "ريالان", "ثلاثة ريالات", "أحد عشر ريالًا", "مائة ريال", "مائتا ريال". One or two after the hundreds
 * are said by the noun itself: "مائة وريال واحد", "مائة وريالان", "مائة ألف وألفان". Before another
 * noun (thousands of riyals), two is in construct and eleven on take the singular genitive: "ألفا
 * ريال", "أحد عشر ألف ريال".
 */
function counted(count: number, noun: Noun, beforeNoun = false): string {
  if (count === 1) return noun.one;
  if (count === 2) return beforeNoun ? noun.twoBefore : noun.two;
  const hundreds = count - (count % 100);
  const tail = count % 100;
  if (hundreds > 0 && (tail === 1 || tail === 2)) {
    const head = noun.scale ? counted(hundreds, noun, true) : belowThousand(hundreds, noun.gender);
    return `${head} و${counted(tail, noun, beforeNoun)}`;
  }
  const form = tail === 0 ? noun.hundred : tail <= 10 ? noun.few : beforeNoun ? noun.hundred : noun.many;
  return `${belowThousand(count, noun.gender, true)} ${form}`;
}

/** A whole number of a noun, with its thousands and millions: "ألفان وخمسمائة ريال", "ألف وريالان". */
function wholeCount(value: number, noun: Noun): string {
  const millions = Math.floor(value / 1_000_000);
  const thousands = Math.floor((value % 1_000_000) / 1000);
  const rest = value % 1000;
  const parts: string[] = [];
  // The group the noun follows straight after is in construct with it.
  if (millions > 0) parts.push(counted(millions, MILLION, thousands === 0 && rest === 0));
  if (thousands > 0) parts.push(counted(thousands, THOUSAND, rest === 0));
  // The noun follows the last group, in the form its last three digits ask.
  if (rest === 0) return `${parts.join(' و')} ${noun.hundred}`;
  parts.push(counted(rest, noun));
  return parts.join(' و');
}

/** Halalas in Arabic words: "فقط مائة وخمسون ريالًا وخمس وعشرون هللة لا غير". */
export function arabicAmountInWords(halalas: number): string {
  assertAmount(halalas);
  const riyals = Math.floor(halalas / 100);
  const cents = halalas % 100;
  const parts: string[] = [];
  if (riyals > 0) parts.push(wholeCount(riyals, RIYAL));
  if (cents > 0) parts.push(counted(cents, HALALA));
  return `فقط ${parts.length === 0 ? 'صفر ريال' : parts.join(' و')} لا غير`;
}

const EN_ONES = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function englishBelowThousand(value: number): string {
  const hundreds = Math.floor(value / 100);
  const rest = value % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${EN_ONES[hundreds]} hundred`);
  if (rest > 0 && rest < 20) parts.push(EN_ONES[rest]!);
  else if (rest >= 20) parts.push(rest % 10 === 0 ? EN_TENS[Math.floor(rest / 10)]! : `${EN_TENS[Math.floor(rest / 10)]}-${EN_ONES[rest % 10]}`);
  return parts.join(' ');
}

function englishWhole(value: number): string {
  if (value === 0) return 'zero';
  const groups: Array<[number, string]> = [
    [Math.floor(value / 1_000_000), 'million'],
    [Math.floor((value % 1_000_000) / 1000), 'thousand'],
    [value % 1000, ''],
  ];
  return groups
    .filter(([count]) => count > 0)
    .map(([count, scale]) => `${englishBelowThousand(count)}${scale === '' ? '' : ` ${scale}`}`)
    .join(' ');
}

/** Halalas in English words: "One hundred fifty riyals and twenty-five halalas only". */
export function englishAmountInWords(halalas: number): string {
  assertAmount(halalas);
  const riyals = Math.floor(halalas / 100);
  const cents = halalas % 100;
  const riyalWords = `${englishWhole(riyals)} ${riyals === 1 ? 'riyal' : 'riyals'}`;
  const words = cents === 0 ? riyalWords : riyals === 0 ? `${englishWhole(cents)} ${cents === 1 ? 'halala' : 'halalas'}` : `${riyalWords} and ${englishWhole(cents)} ${cents === 1 ? 'halala' : 'halalas'}`;
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} only`;
}

function assertAmount(halalas: number): void {
  if (!Number.isInteger(halalas) || halalas < 0 || halalas >= 100_000_000_000) throw new RangeError(`not an amount of halalas: ${halalas}`);
}
