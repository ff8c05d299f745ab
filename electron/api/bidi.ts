// How a number or code reads inside text of the other direction, on screen and on paper alike.
// Browser-safe: the renderer and the printed documents follow the same rule.

const LETTER = /\p{L}/u;
const RIGHT_TO_LEFT_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/**
 * The direction a code typed by a person reads in. A value of digits and Latin letters (an ID, a
 * phone, a file or request number) reads left to right. A code may also hold an Arabic letter (a
 * sender's letter number, "8821/س/1448"): forced left to right, the bidi algorithm would carry the
 * digits after that letter to the other end ("8821/1448/س"). So a code takes the direction of its
 * first letter, as the browser's dir="auto" does, and is left to right when it has no letter at all,
 * wherever it stands: it reads in the order it was typed, in its input box, a table or a printed page,
 * in Arabic and in English.
 */
export function codeDirection(text: string): 'ltr' | 'rtl' {
  for (const character of text) {
    if (LETTER.test(character)) return RIGHT_TO_LEFT_LETTER.test(character) ? 'rtl' : 'ltr';
  }
  return 'ltr';
}

/** A change between two figures, signed ("+3", or "−3" with the minus sign), to be shown left to right. */
export function signedFigure(difference: number, format: (value: number) => string): string {
  if (difference > 0) return `+${format(difference)}`;
  if (difference < 0) return `\u2212${format(-difference)}`;
  return format(0);
}
