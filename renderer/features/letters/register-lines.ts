import type { LetterPage, LetterView, VoidedLetterNumber } from '../../../electron/api/letters';

/** A line of the register: a letter, or an outgoing number recorded void, in its place. */
export type RegisterLine = { letter: LetterView; voided?: never } | { voided: VoidedLetterNumber; letter?: never };

const countOf = (number: string) => Number(number.split('/')[1]);

/**
 * The page's letters, newest first, each with the void numbers that stand beside it: one numbered
 * after it (the year's last letter) above it, the others below it, so that the numbers read without a gap.
 */
export function registerLines(page: LetterPage): RegisterLine[] {
  const beside = (letterId: string, after: boolean): RegisterLine[] =>
    page.voided
      .filter((voided) => voided.besideLetterId === letterId && voided.after === after)
      .toSorted((a, b) => countOf(b.number) - countOf(a.number))
      .map((voided) => ({ voided }));
  return page.rows.flatMap((letter) => [...beside(letter.id, true), { letter }, ...beside(letter.id, false)]);
}
