import { toLatinDigits } from '../../../electron/api/fields/digits';

/**
 * Riyals as typed (150, 150.5, ١٥٠٫٥٠, 1,500), in halalas; null when it is not an amount with at
 * most two decimals. The api takes whole halalas, so no fraction of a halala is ever rounded away.
 */
export function halalasOf(typed: string): number | null {
  const text = toLatinDigits(typed).trim().replace('٫', '.').replace(/٬/g, ',');
  // A comma only between thousands: "1,5" may be someone's decimal comma, and is refused rather than read as 15.
  const match = /^(\d{1,3}(?:,\d{3})+|\d{1,7})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]!.replace(/,/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
