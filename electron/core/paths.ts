import { dirname, join } from 'node:path';
import { DATABASE_FILE } from '../../db/files';
import { KEYRING_FILE } from '../services/accounts/keyring';

// Where a data folder keeps its files; hosts name the database without loading the core.
export const databasePathIn = (dataDirectory: string): string => join(dataDirectory, DATABASE_FILE);
export const keyringPathFor = (databasePath: string): string => join(dirname(databasePath), KEYRING_FILE);
