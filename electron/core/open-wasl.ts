import { dirname } from 'node:path';
import { restrictDataFolder } from './data-folder-permissions';
import type { ScryptParameters } from '../services/accounts/key-wrap';
import { dailyBackupDue, startBackupScheduler } from '../services/backups/scheduler';
import { readBackupSettings } from '../services/backups/settings';
import { SYSTEM_USER_ID, type PrintPdf } from '../services/context';
import { createDispatcher, type Dispatch } from '../services/dispatch';
import { AppError } from '../services/errors';
import { Desk } from '../services/session/desk';
import { keyringPathFor } from './paths';

export interface WaslOptions {
  /** The database file; its folder is the data directory (the keyring sits beside it). */
  databasePath: string;
  appVersion: string;
  /** The native SQLite module built for Electron, when running inside Electron. */
  nativeBinding?: string;
  logError?: (error: unknown, callName: string) => void;
  /** Tests only: a cheaper key derivation than OWASP's. */
  keyDerivation?: ScryptParameters;
  clock?: () => Date;
  /** The host's PDF printer (see ServiceDependencies). */
  printPdf?: PrintPdf;
  /** The core stopped unexpectedly and this is it started again: the sign-in screen says so. */
  restarted?: boolean;
}

export interface Wasl {
  dispatch: Dispatch;
  databasePath: string;
  keyringPath: string;
  desk: Desk;
  close(): Promise<void>;
  /** Makes the daily backup now if it is due (a folder chosen, none made today). */
  runDueBackups(): Promise<void>;
  /**
   * What the hosts call when the app quits: the closing backup (when a folder is chosen and the
   * database is open), then close. A failed closing backup is recorded in the backup status and
   * does not stop the app from closing.
   */
  closeWithBackup(): Promise<void>;
}

/** How often the desk asks whether the daily backup is due. */
const BACKUP_CHECK_EVERY_MS = 10 * 60 * 1000;

/**
 * Starts Wasl on a data directory: checks that its files belong together, and wires the api. The
 * database itself opens only when someone signs in (or sets Wasl up): its key is in the keyring,
 * wrapped by each account's password.
 */
export function openWasl(options: WaslOptions): Wasl {
  const { databasePath } = options;
  const logError = options.logError ?? ((error, callName) => console.error(`[wasl] ${callName} failed:`, error));
  // Before a file is made in it: readable by the user who runs Wasl alone.
  restrictDataFolder(dirname(databasePath), { warn: (message) => logError(new Error(message), 'data folder') });
  const keyringPath = keyringPathFor(databasePath);
  const desk = new Desk({
    databasePath,
    keyringPath,
    appVersion: options.appVersion,
    nativeBinding: options.nativeBinding,
    keyDerivation: options.keyDerivation,
    clock: options.clock,
    printPdf: options.printPdf,
    logError,
    restarted: options.restarted,
  });
  const dispatch = createDispatcher({
    authorize: (name, access) => desk.authorize(name, access),
    handlerOf: (name) => desk.handlerOf(name),
    logError,
    recordRefusal: (name, error, context) => desk.recordRefusal(name, error, context),
  });
  const clock = options.clock ?? (() => new Date());

  // The desk's own backups run as the system account, whoever is signed in (or nobody, the screen
  // locked): through the same service as an administrator's, which records success and failure.
  const automaticBackup = async (kind: 'daily' | 'closing') => {
    if (!desk.isOpen) return;
    await desk.handlerOf('backups.run')({ kind }, { actorId: SYSTEM_USER_ID, now: clock() });
  };
  // A failure the administrator should read (folder missing, read-only, disk full) is in the backup
  // status already; only an unexpected one goes to the log.
  const logUnexpected = (callName: string) => (error: unknown) => {
    if (!(error instanceof AppError)) logError(error, callName);
  };
  // The copy and its check run in the jobs' thread on a connection of their own (about 10 s at
  // 100,000 people): the desk keeps answering, so the daily backup is made while it is in use.
  const scheduler = startBackupScheduler({
    clock,
    intervalMs: BACKUP_CHECK_EVERY_MS,
    isDue: async (now) => {
      const open = desk.openDatabase;
      return open !== null && dailyBackupDue(open.db, now);
    },
    runBackup: () => automaticBackup('daily'),
    onError: logUnexpected('backups.daily'),
  });

  return {
    dispatch: async (name, input) => {
      const result = await dispatch(name, input);
      desk.openDatabase?.noteActivity();
      return result;
    },
    databasePath,
    keyringPath,
    desk,
    runDueBackups: () => scheduler.check(),
    close: async () => {
      await scheduler.stop();
      await desk.close();
    },
    closeWithBackup: async () => {
      await scheduler.stop();
      const open = desk.openDatabase;
      if (open && (await readBackupSettings(open.db)).folder !== null) {
        await automaticBackup('closing').catch(logUnexpected('backups.closing'));
      }
      await desk.close();
    },
  };
}
