import { resolve } from 'node:path';
import type { backupsCalls } from '../../api/backups';
import type { ServiceDependencies } from '../context';
import type { AreaHandlers } from '../handlers';
import type { DatabaseSwap } from './restore';
import {
  backupSettings,
  backupStatus,
  configureBackups,
  listFolderBackups,
  restoreFromFolder,
  runBackup,
  type BackupServiceDependencies,
} from './service';

/**
 * What backing up needs of the open database. `swap`: how a restore closes and reopens it, given by
 * the desk, which holds it; without it a restore is refused.
 */
export function backupDependencies(deps: ServiceDependencies, swap: DatabaseSwap | undefined): BackupServiceDependencies {
  return {
    db: deps.db,
    dataDirectory: deps.dataDirectory,
    // The file the desk opened (a host may name it as it likes, e.g. `--db`).
    databasePath: resolve(deps.sqlite.name),
    keyringPath: deps.keys.path,
    databaseKey: deps.keys.databaseKey,
    appVersion: deps.appVersion,
    jobs: deps.jobs,
    swap,
  };
}

export function backupsHandlers(deps: ServiceDependencies, swap: DatabaseSwap | undefined): AreaHandlers<typeof backupsCalls> {
  const { db } = deps;
  const backups = backupDependencies(deps, swap);
  return {
    'backups.status': (_input, context) => backupStatus(db, context.now),
    'backups.settings': () => backupSettings(db),
    'backups.configure': (input, context) => configureBackups(backups, input, context),
    'backups.list': () => listFolderBackups(backups),
    'backups.run': (input, context) => runBackup(backups, input.kind, context),
    'backups.restore': (input, context) => restoreFromFolder(backups, input.name, context),
  };
}
