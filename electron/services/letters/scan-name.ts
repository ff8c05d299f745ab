import { toLatinDigits } from '../../api/fields/digits';
import type { ScanMediaType } from '../../api/fields/scan';
import type { LetterDirection } from '../../api/letters';

const EXTENSIONS: Record<ScanMediaType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** Room for any number a register writes; what is longer is someone's whole sentence. */
const MAX_NUMBER_PART = 40;

/**
 * The name a letter's scan is saved under, the same every time: what the letter is and its number
 * (`letter-1448-0007.pdf` for ours, `incoming-letter-45-1448.pdf` for a sender's), with the extension
 * of what the bytes were found to be. Only Latin letters, digits and dashes, so no name typed on a
 * letter or a file can reach a folder, a device name or a second extension. A number with nothing of
 * those (written in words) gives way to the letter's date.
 */
export function scanFileName(letter: { direction: LetterDirection; number: string; letterDate: string }, mediaType: ScanMediaType): string {
  const numberPart = toLatinDigits(letter.number)
    .replace(/[^0-9A-Za-z]+/g, '-')
    .slice(0, MAX_NUMBER_PART)
    .replace(/^-+|-+$/g, '');
  const prefix = letter.direction === 'outgoing' ? 'letter' : 'incoming-letter';
  return `${prefix}-${numberPart || letter.letterDate}.${EXTENSIONS[mediaType]}`;
}
