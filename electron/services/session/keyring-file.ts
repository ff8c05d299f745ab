import { statSync } from 'node:fs';
import { readKeyring, type Keyring } from '../accounts/keyring';

/**
 * The keyring as it is on disk. Every call reads the sign-in policy from it, so it is parsed again
 * only when the file was replaced (each write renames a new file into place).
 */
export class KeyringFile {
  private cache: { version: string; keyring: Keyring } | null = null;

  constructor(readonly path: string) {}

  /** Null before Wasl is set up (or when the keyring went missing while it ran). */
  current(): Keyring | null {
    const info = statSync(this.path, { throwIfNoEntry: false });
    if (!info) return null;
    const version = `${info.ino}:${info.mtimeMs}:${info.size}`;
    if (this.cache?.version !== version) {
      this.cache = { version, keyring: readKeyring(this.path) };
    }
    return this.cache.keyring;
  }
}
