import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/**
 * Passwords people reach for first, in the forms a Saudi office would type them; a new password is
 * refused when, ignoring case, it is one of these. Length does more than any composition rule, so
 * there is no "one capital and one symbol" rule (NIST SP 800-63B).
 */
const COMMON_PASSWORDS = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '0000000000', '1122334455', '1234512345',
  '9876543210', '1234567891', '12341234', '123123123123', 'qwertyuiop', 'qwerty1234', 'qwerty12345',
  'asdfghjkl1', 'password', 'password1', 'password12', 'password123', 'p@ssw0rd', 'p@ssw0rd1',
  'p@ssword123', 'passw0rd123', 'admin12345', 'admin@123', 'administrator', 'welcome123', 'welcome1234',
  'iloveyou12', 'abc1234567', 'abcd123456', 'a123456789', 'q123456789', 'letmein123', 'changeme123',
  'wasl123456', 'wasl12345678', 'alahsa1234', 'alhasa1234', 'riyadh1234', 'saudi12345', 'ksa1234567',
  'mohammed123', 'muhammad123', 'abdullah123', 'ahmed12345', 'allahakbar', 'bismillah', 'bismillah1',
  'alhamdulillah', 'subhanallah', 'mashallah1', 'insha2allah', 'qwertyqwerty', '1q2w3e4r5t', '1qaz2wsx3edc',
  'zaq12wsxcde', 'aaaaaaaaaa', 'abcdefghij', 'football12', 'superman12', 'sunshine12', 'princess12',
]);

export function isCommonPassword(password: string): boolean {
  const folded = password.toLowerCase();
  if (COMMON_PASSWORDS.has(folded)) return true;
  // One character repeated, or a run of consecutive digits.
  if (/^(.)\1+$/.test(folded)) return true;
  return '01234567890123456789'.includes(folded) || '98765432109876543210'.includes(folded);
}

/** A password an account may get: long enough, not one of the first guesses. */
export const newPassword = z
  .string({ error: 'validation.text' })
  .min(MIN_PASSWORD_LENGTH, { error: 'validation.password.tooShort' })
  .max(MAX_PASSWORD_LENGTH, { error: 'validation.tooLong' })
  .refine((password) => !isCommonPassword(password), { error: 'validation.password.common' });

/** A password being checked: anything up to the maximum; its length says nothing about who types it. */
export const givenPassword = z
  .string({ error: 'validation.text' })
  .min(1, { error: 'validation.required' })
  .max(MAX_PASSWORD_LENGTH, { error: 'validation.tooLong' });

/** Letters and digits of any script, dots, dashes and underscores; 3 to 32 of them. */
export const username = z
  .string({ error: 'validation.text' })
  .trim()
  .regex(/^[\p{L}\p{N}._-]{3,32}$/u, { error: 'validation.username' });
