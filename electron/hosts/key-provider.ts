import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DatabaseOpenError } from '../../db/connection';

/** Where the database key comes from. Issue #3 replaces this with keys wrapped per account. */
export interface KeyProvider {
  /** The 32-byte key of the database at `databasePath`, made on first start. */
  databaseKey(databasePath: string): Buffer;
}

/**
 * Temporary: a random key kept in a file beside the database, in the user's own profile folder.
 * The database is encrypted on disk, but anyone who copies both files can read it; accounts will
 * close that gap. A key is only ever made for a database that does not exist yet: a new key for an
 * existing file would open nothing and hide what went wrong.
 */
export const fileKeyProvider: KeyProvider = {
  databaseKey(databasePath) {
    const path = `${databasePath}.key`;
    if (existsSync(path)) {
      const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
      if (key.length !== 32) throw new DatabaseOpenError('key_missing', `The key file ${path} is damaged.`);
      return key;
    }
    if (existsSync(databasePath)) {
      throw new DatabaseOpenError('key_missing', `The database ${databasePath} exists but its key file ${path} is missing.`);
    }
    const key = randomBytes(32);
    writeFileSync(path, key.toString('hex'), { mode: 0o600, flag: 'wx' });
    return key;
  },
};
