import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { sniffMediaType } from '../attachments/store';

/** The association's logo, shipped with the app (the same picture as the app's icon). */
const LOGO_FILE = join('assets', 'icon.png');
/** A logo larger than this is not the shipped icon: better no logo than a bloated letter. */
const MAX_LOGO_BYTES = 512 * 1024;

let cached: string | null | undefined;

/**
 * The logo as a data: URL, for a letter that must stand alone (no file, no network), or null when it
 * cannot be found: the letter prints without it.
 *
 * The services know no install folder, so the places the app's files can be are tried in turn: the
 * packaged app's resources (process.resourcesPath, set by Electron), then the folders above the
 * script that was started (the bundles live in dist/electron and dist/web), then the working folder
 * (development and tests).
 */
export function letterheadLogo(): string | null {
  if (cached !== undefined) return cached;
  cached = null;
  for (const folder of candidateFolders()) {
    try {
      const bytes = readFileSync(join(folder, LOGO_FILE));
      if (bytes.length > MAX_LOGO_BYTES || sniffMediaType(bytes) !== 'image/png') continue;
      cached = `data:image/png;base64,${bytes.toString('base64')}`;
      break;
    } catch {
      // Not there: try the next place.
    }
  }
  return cached;
}

function candidateFolders(): string[] {
  const folders: string[] = [];
  const resources = (process as { resourcesPath?: unknown }).resourcesPath;
  if (typeof resources === 'string') folders.push(join(resources, 'app.asar'), join(resources, 'app'));
  const script = process.argv[1];
  if (script) {
    let folder = dirname(resolve(script));
    for (let level = 0; level < 3; level += 1) {
      folders.push(folder);
      folder = dirname(folder);
    }
  }
  folders.push(process.cwd());
  return folders;
}
