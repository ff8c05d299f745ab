import { z } from 'zod';
import { requiredText } from './schemas';

/** The largest scan accepted: a multi-page letter scanned at office quality. */
export const MAX_SCAN_BYTES = 10 * 1024 * 1024;
/** Base64 is four characters for every three bytes. */
const MAX_SCAN_BASE64 = Math.ceil(MAX_SCAN_BYTES / 3) * 4;

export const SCAN_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type ScanMediaType = (typeof SCAN_MEDIA_TYPES)[number];

/**
 * A scanned file as the renderer sends it: its name and its bytes in base64. The type is judged from
 * the bytes by the service, never from the name.
 */
export const scanFile = z.object({
  fileName: requiredText(200),
  contentBase64: z
    .string({ error: 'validation.scan.unreadable' })
    .min(1, { error: 'validation.scan.empty' })
    .max(MAX_SCAN_BASE64, { error: 'validation.scan.tooLarge' })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'validation.scan.unreadable' }),
});
export type ScanFile = z.output<typeof scanFile>;
