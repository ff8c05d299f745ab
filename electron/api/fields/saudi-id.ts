import { digitsOnly } from './digits';

export type IdType = 'national_id' | 'iqama' | 'passport';

/** The first digit of a Saudi identity number tells its kind: 1 a citizen's national ID, 2 a resident's iqama. */
const FIRST_DIGIT: Record<'national_id' | 'iqama', string> = { national_id: '1', iqama: '2' };

export type IdNumberProblem = 'required' | 'length' | 'prefix' | 'checkDigit' | 'format';

/**
 * The Luhn check used by the Ministry of Interior for national IDs and iqamas: digits in odd
 * positions (1st, 3rd, …) are doubled and their digits summed; the total must be a multiple of 10.
 */
export function hasValidSaudiCheckDigit(tenDigits: string): boolean {
  let sum = 0;
  for (let index = 0; index < tenDigits.length; index += 1) {
    const digit = Number(tenDigits[index]);
    if (index % 2 === 0) {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else {
      sum += digit;
    }
  }
  return sum % 10 === 0;
}

/** The stored form of a typed ID number: Latin digits for Saudi IDs, upper-case letters and digits for passports. */
export function normalizeIdNumber(type: IdType, typed: string): string {
  if (type === 'passport') return typed.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return digitsOnly(typed);
}

/** What is wrong with an ID number already normalized by `normalizeIdNumber`, or null when it is valid. */
export function idNumberProblem(type: IdType, idNumber: string): IdNumberProblem | null {
  if (idNumber.length === 0) return 'required';
  if (type === 'passport') return /^[A-Z0-9]{5,15}$/.test(idNumber) ? null : 'format';
  if (!/^\d{10}$/.test(idNumber)) return 'length';
  if (idNumber[0] !== FIRST_DIGIT[type]) return 'prefix';
  return hasValidSaudiCheckDigit(idNumber) ? null : 'checkDigit';
}

/** Completes nine digits with the check digit that makes a valid number (used by the demo data and tests). */
export function withSaudiCheckDigit(nineDigits: string): string {
  for (let check = 0; check <= 9; check += 1) {
    const candidate = `${nineDigits}${check}`;
    if (hasValidSaudiCheckDigit(candidate)) return candidate;
  }
  throw new Error('unreachable: one check digit always fits');
}
