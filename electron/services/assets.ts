import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * A file the app ships under assets/ (the logo, the fonts), read for a document that must stand
 * alone: the first copy found that `accept` takes, or null.
 *
 * The services know no install folder, so the places the app's files can be are tried in turn: the
 * packaged app's resources (process.resourcesPath, set by Electron), then the folders above the
 * script that was started (the bundles live in dist/electron and dist/web), then the working folder
 * (development and tests).
 */
export function readShippedAsset(relativePath: string, accept: (bytes: Buffer) => boolean): Buffer | null {
  for (const folder of assetFolders()) {
    try {
      const bytes = readFileSync(join(folder, 'assets', relativePath));
      if (accept(bytes)) return bytes;
    } catch {
      // Not there: try the next place.
    }
  }
  return null;
}

function assetFolders(): string[] {
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
