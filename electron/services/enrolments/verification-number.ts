import { randomInt } from 'node:crypto';
import { toLatinDigits } from '../../api/fields/digits';

/**
 * A certificate's verification number: eight random characters and a check character, written
 * `7KQ2-M9XD-R`. Random rather than counted, because each desk gives it at its own first print, paired
 * or apart, with no block of numbers to reserve, and a number counted up would let anyone holding one
 * certificate guess the numbers of the others; 32⁸ numbers make two desks meeting on one unlikely (the
 * table has no unique index, which would hold such a certificate back from every other desk forever:
 * db/migrations/0024). The characters are Crockford's base 32 (no I, L, O
 * or U, which read as 1, 1, 0 and V), and the check character (Luhn mod 32) catches any one
 * character mistyped and any two neighbours swapped (but 0 and Z, as Luhn's own 0 and 9) when a
 * supervisor types a number read out to them.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = ALPHABET.length;
const BODY_LENGTH = 8;

/** The Luhn mod 32 sum of characters (every second one doubled from the end, `doubleFirst` saying whether the last is). */
function luhnSum(characters: string, doubleFirst: boolean): number {
  let sum = 0;
  let double = doubleFirst;
  for (let index = characters.length - 1; index >= 0; index -= 1) {
    const value = ALPHABET.indexOf(characters[index]!);
    const addend = double ? value * 2 : value;
    sum += Math.floor(addend / BASE) + (addend % BASE);
    double = !double;
  }
  return sum;
}

function checkCharacterOf(body: string): string {
  return ALPHABET[(BASE - (luhnSum(body, true) % BASE)) % BASE]!;
}

const formatted = (characters: string) => `${characters.slice(0, 4)}-${characters.slice(4, 8)}-${characters.slice(8)}`;

/** A new verification number, from the system's secure random source. */
export function newVerificationNumber(): string {
  let body = '';
  for (let index = 0; index < BODY_LENGTH; index += 1) body += ALPHABET[randomInt(BASE)];
  return formatted(body + checkCharacterOf(body));
}

/**
 * A verification number as someone typed it (any case, spaces and dashes anywhere, O for 0 and I or L
 * for 1, its digits Arabic-Indic too: a keyboard left in Arabic), written as it is printed; null when
 * it is not one: a character of no number, too few or too many, or a check character that does not
 * agree.
 */
export function readVerificationNumber(typed: string): string | null {
  const characters = toLatinDigits(typed)
    .toUpperCase()
    .replace(/[\s\-‐-―_.]/gu, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (characters.length !== BODY_LENGTH + 1) return null;
  if ([...characters].some((character) => !ALPHABET.includes(character))) return null;
  if (luhnSum(characters, false) % BASE !== 0) return null;
  return formatted(characters);
}
