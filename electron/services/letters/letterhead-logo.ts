import { readShippedAsset } from '../assets';
import { sniffMediaType } from '../attachments/inspect';

/** The association's logo, shipped with the app (the same picture as the app's icon). */
const LOGO_FILE = 'icon.png';
/** A logo larger than this is not the shipped icon: better no logo than a bloated letter. */
const MAX_LOGO_BYTES = 512 * 1024;

let cached: string | null | undefined;

/**
 * The logo as a data: URL, for a letter or a report that must stand alone (no file, no network), or
 * null when it cannot be found: the document prints without it.
 */
export function letterheadLogo(): string | null {
  if (cached !== undefined) return cached;
  const bytes = readShippedAsset(LOGO_FILE, (candidate) => candidate.length <= MAX_LOGO_BYTES && sniffMediaType(candidate) === 'image/png');
  cached = bytes === null ? null : `data:image/png;base64,${bytes.toString('base64')}`;
  return cached;
}
