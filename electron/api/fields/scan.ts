import { z } from 'zod';

/** The largest scan accepted: a multi-page letter scanned at office quality. */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
/** Base64 is four characters for every three bytes. */
const MAX_SCAN_BASE64 = Math.ceil(MAX_SCAN_BYTES / 3) * 4;

export const SCAN_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type ScanMediaType = (typeof SCAN_MEDIA_TYPES)[number];

/** The longest label kept of a scan's file name, in characters. */
const MAX_SCAN_LABEL = 200;

/**
 * What is kept of the name a scan had on the officer's computer: a label to recognise it by, never a
 * name to save it under. Only its last part (no folders, so `..\..\Startup\evil.bat` is `evil.bat`),
 * without control characters, non-characters, halves of a surrogate pair, or the bidi controls that
 * would show `letter\u202Efdp.hta` as `letterath.pdf`. Cleaned rather than refused: the officer chose
 * a file, not its name.
 */
export function scanLabel(typed: string): string {
  const lastPart = typed.split(/[\\/]/).pop() ?? '';
  const cleaned = lastPart
    .replace(/\s+/g, ' ')
    .replace(/[\p{Cc}\p{Noncharacter_Code_Point}\p{Surrogate}\u202a-\u202e\u2066-\u2069]/gu, '')
    .trim();
  // Cut by characters, not UTF-16 units, so that no half of an emoji is left at the end.
  return Array.from(cleaned).slice(0, MAX_SCAN_LABEL).join('').trim();
}

/**
 * A scanned file as the renderer sends it: the name it had, kept only as a cleaned label, and its
 * bytes in base64. The type is judged from the bytes by the service, never from the name.
 */
export const scanFile = z.object({
  fileName: z.string({ error: 'validation.scan.unreadable' }).max(1000, { error: 'validation.tooLong' }).transform(scanLabel),
  contentBase64: z
    .string({ error: 'validation.scan.unreadable' })
    .min(1, { error: 'validation.scan.empty' })
    .max(MAX_SCAN_BASE64, { error: 'validation.scan.tooLarge' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'validation.scan.unreadable' }),
});
export type ScanFile = z.output<typeof scanFile>;
