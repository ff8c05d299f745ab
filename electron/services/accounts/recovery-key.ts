import { randomBytes } from 'node:crypto';
import { toLatinDigits } from '../../api/fields/digits';

/**
 * The recovery key: 160 random bits written as 32 characters of Crockford's base-32 in groups of four
 * (ABCD-EFGH-…). It has no vowels-versus-digits confusion to trip over when it is typed back from
 * paper: O reads as 0, I and L as 1, case and dashes do not matter.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RECOVERY_BYTES = 20;
const GROUP = 4;

export function newRecoveryKey(): string {
  return formatRecoveryKey(encode(randomBytes(RECOVERY_BYTES)));
}

/** The canonical form of a typed recovery key, or null when it cannot be one. */
export function normalizeRecoveryKey(typed: string): string | null {
  const characters = toLatinDigits(typed)
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const expectedLength = (RECOVERY_BYTES * 8) / 5;
  if (characters.length !== expectedLength || [...characters].some((character) => !ALPHABET.includes(character))) {
    return null;
  }
  return formatRecoveryKey(characters);
}

function formatRecoveryKey(characters: string): string {
  return characters.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? characters;
}

function encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += ALPHABET[(value << (5 - bits)) & 31];
  return output;
}
