const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/** Arabic-Indic (٠-٩) and Persian (۰-۹) digits to Latin; everything else unchanged. */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String(code - zero);
  });
}

/** Only the digits of a typed value (any digit form), for IDs and phones typed with spaces or dashes. */
export function digitsOnly(text: string): string {
  return toLatinDigits(text).replace(/\D/g, '');
}

/** "Ends with these digits" becomes "starts with the reversed digits", which a B-tree index answers. */
export const reversedDigits = (text: string): string => digitsOnly(text).split('').reverse().join('');
