import { digitsOnly } from './digits';

/**
 * A Saudi phone number in any common written form (05x…, 5x…, +9665x…, 009665x…, 9665x…, with spaces
 * or dashes, in any digit form) as E.164 (+9665XXXXXXXX), or null when it is not one.
 * Landlines (01x with a seven-digit number, e.g. Al-Ahsa's 013) are accepted too.
 */
export function normalizeSaudiPhone(typed: string): string | null {
  let digits = digitsOnly(typed);
  if (digits.startsWith('00966')) digits = digits.slice(5);
  else if (digits.startsWith('966')) digits = digits.slice(3);
  if (digits.startsWith('0')) digits = digits.slice(1);
  // Mobile: 5 and eight digits. Landline: an area code 11–17 and seven digits.
  if (/^5\d{8}$/.test(digits) || /^1[1-7]\d{7}$/.test(digits)) return `+966${digits}`;
  return null;
}

/** The local way of writing a stored number, 05X XXX XXXX, for display. */
export function formatSaudiPhone(e164: string): string {
  const local = `0${e164.replace(/^\+966/, '')}`;
  if (local.length === 10) return `${local.slice(0, 3)} ${local.slice(3, 6)} ${local.slice(6)}`;
  return `${local.slice(0, 3)} ${local.slice(3)}`;
}
