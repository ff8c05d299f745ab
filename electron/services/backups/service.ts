import { relative, resolve, isAbsolute } from 'node:path';
import type { Kysely } from 'kysely';
import {
  BACKUP_STALE_AFTER_MS,
  type BackupEntry,
  type BackupKind,
  type BackupMade,
  type BackupSettings,
  type BackupStatus,
  type RestoreReport,
} from '../../api/backups';
import type { FieldChange } from '../../api/audit';
import type { DatabaseSchema } from '../../../db/schema';
import { readKeyring } from '../accounts/keyring';
import { appendAudit } from '../audit/log';
import type { CallContext } from '../context';
import { AppError } from '../errors';
import { backupProblemOf, listBackups, requireWritableFolder } from './files';
import { makeBackup, type BackupDependencies } from './make';
import { restoreBackup, type DatabaseSwap } from './restore';
import { BACKUP_SETTING_KEYS, readBackupFacts, readBackupSettings, writeBackupSettings } from './settings';

type Db = Kysely<DatabaseSchema>;

export interface BackupServiceDependencies extends BackupDependencies {
  databasePath: string;
  /** Given by the desk, which holds the open database; without it a restore is refused. */
  swap?: DatabaseSwap;
}

/** One backup or restore at a time per data directory: the scheduler, the closing backup and an administrator's click may meet. */
const running = new Map<string, Promise<unknown>>();

function oneAtATime<T>(dataDirectory: string, work: () => Promise<T>): Promise<T> {
  const previous = running.get(dataDirectory) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  running.set(dataDirectory, settled);
  void settled.then(() => {
    if (running.get(dataDirectory) === settled) running.delete(dataDirectory);
  });
  return next;
}

export async function backupStatus(db: Db, now: Date): Promise<BackupStatus> {
  const [settings, facts] = await Promise.all([readBackupSettings(db), readBackupFacts(db)]);
  const lastGood = facts.lastGoodAt === null ? null : new Date(facts.lastGoodAt);
  return {
    configured: settings.folder !== null,
    lastGoodBackupAt: facts.lastGoodAt,
    lastError: facts.lastError,
    stale: lastGood === null || Number.isNaN(lastGood.getTime()) || now.getTime() - lastGood.getTime() > BACKUP_STALE_AFTER_MS,
  };
}

export const backupSettings = (db: Db): Promise<BackupSettings> => readBackupSettings(db);

export interface BackupConfiguration {
  folder?: string | null;
  keepDaily?: number;
  keepWeekly?: number;
}

/**
 * Changes the folder or the rotation. A new folder must be there and take a file now, so that the
 * administrator hears at once about a typo or a read-only share, not from tomorrow's failed backup.
 * The change is audited with its old and new values.
 */
export async function configureBackups(
  deps: BackupServiceDependencies,
  input: BackupConfiguration,
  context: CallContext,
): Promise<BackupSettings> {
  const before = await readBackupSettings(deps.db);
  const folder = input.folder === undefined || input.folder === null ? input.folder : absoluteFolder(input.folder);
  const after: BackupSettings = {
    folder: folder === undefined ? before.folder : folder,
    keepDaily: input.keepDaily ?? before.keepDaily,
    keepWeekly: input.keepWeekly ?? before.keepWeekly,
  };
  if (after.folder !== null && after.folder !== before.folder) {
    if (isInside(after.folder, deps.dataDirectory)) throw new AppError('rule', 'backups.folderInsideData');
    await requireWritableFolder(after.folder);
  }
  const changes: FieldChange[] = (['folder', 'keepDaily', 'keepWeekly'] as const)
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, old: before[field], new: after[field] }));
  if (changes.length === 0) return before;
  await deps.db.transaction().execute(async (trx) => {
    await writeBackupSettings(trx, context, {
      [BACKUP_SETTING_KEYS.folder]: after.folder,
      [BACKUP_SETTING_KEYS.keepDaily]: after.keepDaily,
      [BACKUP_SETTING_KEYS.keepWeekly]: after.keepWeekly,
    });
    await appendAudit(trx, context, {
      action: 'settings.changed',
      entityType: 'setting',
      entityId: 'backup',
      summary: { fields: changes.map((change) => change.field) },
      changes,
    });
  });
  return after;
}

/** The folder as this system spells it (`..` and trailing separators removed); a path absolute only on another system is refused. */
function absoluteFolder(folder: string): string {
  if (!isAbsolute(folder)) {
    throw new AppError('validation', 'validation.failed', { fields: [{ path: 'folder', messageKey: 'validation.absolutePath' }] });
  }
  return resolve(folder);
}

/** Whether `path` is `folder` itself or inside it. */
function isInside(path: string, folder: string): boolean {
  const between = relative(resolve(folder), path);
  return between === '' || (!between.startsWith('..') && !isAbsolute(between));
}

/** The backups in the folder, newest first; none while no folder is chosen. */
export async function listFolderBackups(deps: BackupServiceDependencies): Promise<BackupEntry[]> {
  const { folder } = await readBackupSettings(deps.db);
  if (folder === null) return [];
  return listBackups(folder, readKeyring(deps.keyringPath).databaseId, deps.databaseKey);
}

/**
 * Makes a backup and records how it went: on success the time of the last good backup (the home
 * screen's) and `backup.made`; on failure the reason (shown until the next good backup) and
 * `backup.failed`. Nothing else in the database changes either way.
 */
export function runBackup(deps: BackupServiceDependencies, kind: BackupKind, context: CallContext): Promise<BackupMade> {
  return oneAtATime(deps.dataDirectory, async () => {
    let made: BackupMade;
    try {
      made = await makeBackup(deps, kind, context);
    } catch (error) {
      if (error instanceof AppError && error.messageKey === 'backups.notConfigured') throw error;
      const problem = backupProblemOf(error);
      await recordFailure(deps.db, context, kind, problem.messageKey).catch(() => undefined);
      throw error instanceof AppError ? error : problem;
    }
    await deps.db.transaction().execute(async (trx) => {
      await writeBackupSettings(trx, context, {
        [BACKUP_SETTING_KEYS.lastGoodAt]: made.manifest.createdAt,
        [BACKUP_SETTING_KEYS.lastGoodName]: made.name,
        [BACKUP_SETTING_KEYS.lastError]: null,
      });
      await appendAudit(trx, context, {
        action: 'backup.made',
        entityType: 'backup',
        entityId: made.name,
        summary: {
          name: made.name,
          kind,
          beneficiaries: made.manifest.beneficiaries,
          bytes: made.manifest.databaseBytes,
          removed: made.removed.length,
        },
      });
    });
    return made;
  });
}

async function recordFailure(db: Db, context: CallContext, kind: BackupKind, messageKey: string): Promise<void> {
  const { folder } = await readBackupSettings(db);
  await db.transaction().execute(async (trx) => {
    await writeBackupSettings(trx, context, {
      [BACKUP_SETTING_KEYS.lastError]: { at: context.now.toISOString(), messageKey, kind },
    });
    await appendAudit(trx, context, {
      action: 'backup.failed',
      entityType: 'backup',
      summary: { kind, messageKey, folder },
    });
  });
}

/**
 * Restores a backup from the folder. A refused restore changes nothing but for its `backup.failed`
 * entry (who tried which backup, and why it was refused).
 */
export function restoreFromFolder(deps: BackupServiceDependencies, name: string, context: CallContext): Promise<RestoreReport> {
  return oneAtATime(deps.dataDirectory, async () => {
    try {
      return await restoreBackup(deps, name, context);
    } catch (error) {
      const problem = backupProblemOf(error);
      // After a failed swap the database may be closed; the refusal still reaches the administrator.
      await appendAudit(deps.db, context, {
        action: 'backup.failed',
        entityType: 'backup',
        entityId: name,
        summary: { operation: 'restore', name, messageKey: problem.messageKey },
      }).catch(() => undefined);
      throw error instanceof AppError ? error : problem;
    }
  });
}
