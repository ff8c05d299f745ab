import { existsSync, readFileSync, rmSync } from 'node:fs';
import { DatabaseOpenError } from '../../../db/connection';
import { KeyringError, readKeyring } from '../accounts/keyring';

/**
 * Refuses to start on files that cannot be used together, before anyone types a password: a
 * database without its keyring, or a keyring whose database has gone. Nothing is created or
 * changed in either case.
 */
export function checkDeskFiles(databasePath: string, keyringPath: string): void {
  const hasDatabase = existsSync(databasePath);
  if (existsSync(keyringPath)) {
    readKeyring(keyringPath);
    if (!hasDatabase) {
      throw new DatabaseOpenError('missing', `The keyring ${keyringPath} exists but the database ${databasePath} is missing.`);
    }
  } else if (hasDatabase && !existsSync(legacyKeyPath(databasePath))) {
    throw new KeyringError('missing', `The database ${databasePath} exists but its keyring ${keyringPath} is missing.`);
  }
}

/** Setting up is for an empty folder, or a database from before accounts with its key file. */
export function canSetUp(databasePath: string): boolean {
  return !existsSync(databasePath) || existsSync(legacyKeyPath(databasePath));
}

/** The key file of the first Wasl version, before accounts: taken over by the keyring at setup. */
export const legacyKeyPath = (databasePath: string): string => `${databasePath}.key`;

export function readLegacyKey(databasePath: string): Buffer | null {
  if (!existsSync(databasePath) || !existsSync(legacyKeyPath(databasePath))) return null;
  const key = Buffer.from(readFileSync(legacyKeyPath(databasePath), 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new DatabaseOpenError('key_missing', `The key file ${legacyKeyPath(databasePath)} is damaged.`);
  return key;
}

export function removeDatabaseFiles(databasePath: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
}
