/**
 * Names within one slip of the hand: a letter added, dropped, replaced, or swapped with its
 * neighbour (Damerau–Levenshtein distance 1, in its "optimal string alignment" form), on folded words.
 *
 * Two words within one edit always share a one-letter deletion (or one is a deletion of the other):
 * the index keeps each distinct name word's deletions, the query side looks its own up, and
 * `withinOneEdit` keeps the true neighbours among what that finds (SymSpell's idea, at distance 1).
 */
import { oneLetterDeletions } from '../../../db/queries/name-index';

/** Words shorter than this are left alone: two letters are within one edit of half the registry. */
export const MIN_CORRECTABLE_LETTERS = 3;

/** The word with each one of its letters left out, once each: what the index stores for every name word. */
export const deletionsOf = oneLetterDeletions;

/** True when `a` and `b` differ by exactly one added, dropped, replaced or transposed letter. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start += 1;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX -= 1;
    endY -= 1;
  }
  const restX = x.slice(start, endX);
  const restY = y.slice(start, endY);
  // What differs, once the common start and end are set aside, must be one letter on one side
  // (added, dropped), one letter on each (replaced), or two letters swapped.
  if (restX.length + restY.length === 1) return true;
  if (restX.length === 1 && restY.length === 1) return true;
  return restX.length === 2 && restY.length === 2 && restX[0] === restY[1] && restX[1] === restY[0];
}

/** Worth looking for neighbours of: long enough that one edit still says something. */
export function isCorrectable(word: string): boolean {
  return [...word].length >= MIN_CORRECTABLE_LETTERS && !/^\d+$/.test(word);
}
