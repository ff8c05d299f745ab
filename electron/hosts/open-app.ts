import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openDatabase } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { DESK_USER_ID } from '../services/context';
import { createHandlers } from '../services/index';
import { ensureNameIndexCurrent } from '../services/search/reindex';
import { createDispatcher, type Dispatch } from './dispatch';
import type { KeyProvider } from './key-provider';

export interface WaslOptions {
  /** The database file; its folder is the data directory (the key and, later, backups sit beside it). */
  databasePath: string;
  keyProvider: KeyProvider;
  appVersion: string;
  /** The native SQLite module built for Electron, when running inside Electron. */
  nativeBinding?: string;
  logError?: (error: unknown, callName: string) => void;
}

export interface Wasl {
  dispatch: Dispatch;
  databasePath: string;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'wasl.db';

export const databasePathIn = (dataDirectory: string): string => join(dataDirectory, DATABASE_FILE);

/** Opens (creating on first start) the encrypted database, brings its schema up to date, and wires the api. */
export function openWasl(options: WaslOptions): Wasl {
  const { databasePath } = options;
  const dataDirectory = dirname(databasePath);
  mkdirSync(dataDirectory, { recursive: true });
  const key = options.keyProvider.databaseKey(databasePath);
  const opened = openDatabase(databasePath, { key, nativeBinding: options.nativeBinding });
  try {
    migrate(opened.sqlite);
    ensureNameIndexCurrent(opened.sqlite);
  } catch (error) {
    opened.sqlite.close();
    throw error;
  }
  const handlers = createHandlers({
    db: opened.db,
    sqlite: opened.sqlite,
    dataDirectory,
    appVersion: options.appVersion,
  });
  const dispatch = createDispatcher(handlers, {
    context: () => ({ actorId: DESK_USER_ID, now: new Date() }),
    logError: options.logError ?? ((error, callName) => console.error(`[wasl] ${callName} failed:`, error)),
  });
  return {
    dispatch: async (name, input) => {
      const result = await dispatch(name, input);
      opened.noteActivity();
      return result;
    },
    databasePath,
    close: () => opened.close(),
  };
}
