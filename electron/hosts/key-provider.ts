import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Where the database key comes from. Issue #3 replaces this with keys wrapped per account. */
export interface KeyProvider {
  /** The 32-byte key of the database at `databasePath`, made on first start. */
  databaseKey(databasePath: string): Buffer;
}


/**
 * Temporary: a random key kept in a file beside the database (owner-only permissions). The file is
 * encrypted on disk, but anyone who copies both files can read it; accounts will close that gap.
 */
export const fileKeyProvider: KeyProvider = {
  databaseKey(databasePath) {
    const path = `${databasePath}.key`;
    if (existsSync(path)) {
      const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
      if (key.length !== 32) throw new Error(`The key file ${path} is damaged`);
      return key;
    }
    const key = randomBytes(32);
    writeFileSync(path, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    return key;
  },
};
