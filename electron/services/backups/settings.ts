import type { Kysely } from 'kysely';
import { BACKUP_DEFAULTS, BACKUP_KINDS, type BackupProblem, type BackupSettings } from '../../api/backups';
import type { DatabaseSchema } from '../../../db/schema';
import { stamp, type CallContext } from '../context';
import { newId } from '../ids';

type Db = Kysely<DatabaseSchema>;

/**
 * Backups keep their settings and their last outcome in the settings table, under `backup.*`: the
 * folder and rotation an administrator chose, and the facts the home screen shows.
 */
export const BACKUP_SETTING_KEYS = {
  folder: 'backup.folder',
  keepDaily: 'backup.keepDaily',
  keepWeekly: 'backup.keepWeekly',
  lastGoodAt: 'backup.lastGoodAt',
  lastGoodName: 'backup.lastGoodName',
  lastError: 'backup.lastError',
} as const;

type Key = (typeof BACKUP_SETTING_KEYS)[keyof typeof BACKUP_SETTING_KEYS];

/** Every `backup.*` row, parsed; a missing or unreadable value counts as not set. */
async function readAll(db: Db): Promise<Map<string, unknown>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'backup.%').execute();
  const values = new Map<string, unknown>();
  for (const row of rows) {
    try {
      values.set(row.key, JSON.parse(row.value));
    } catch {
      // A value written by hand that is not JSON: the default applies.
    }
  }
  return values;
}

const wholeNumber = (value: unknown, fallback: number, min: number, max: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

export async function readBackupSettings(db: Db): Promise<BackupSettings> {
  const values = await readAll(db);
  const folder = values.get(BACKUP_SETTING_KEYS.folder);
  return {
    folder: typeof folder === 'string' && folder.length > 0 ? folder : null,
    keepDaily: wholeNumber(values.get(BACKUP_SETTING_KEYS.keepDaily), BACKUP_DEFAULTS.keepDaily, 1, 60),
    keepWeekly: wholeNumber(values.get(BACKUP_SETTING_KEYS.keepWeekly), BACKUP_DEFAULTS.keepWeekly, 0, 52),
  };
}

export interface BackupFacts {
  lastGoodAt: string | null;
  lastGoodName: string | null;
  lastError: BackupProblem | null;
}

export async function readBackupFacts(db: Db): Promise<BackupFacts> {
  const values = await readAll(db);
  const lastGoodAt = values.get(BACKUP_SETTING_KEYS.lastGoodAt);
  const lastGoodName = values.get(BACKUP_SETTING_KEYS.lastGoodName);
  return {
    lastGoodAt: typeof lastGoodAt === 'string' ? lastGoodAt : null,
    lastGoodName: typeof lastGoodName === 'string' ? lastGoodName : null,
    lastError: asProblem(values.get(BACKUP_SETTING_KEYS.lastError)),
  };
}

function asProblem(value: unknown): BackupProblem | null {
  if (typeof value !== 'object' || value === null) return null;
  const { at, messageKey, kind } = value as Record<string, unknown>;
  if (typeof at !== 'string' || typeof messageKey !== 'string') return null;
  const known = BACKUP_KINDS.find((candidate) => candidate === kind);
  return { at, messageKey, kind: known ?? 'manual' };
}

/** Sets (or, for undefined, leaves) `backup.*` values, inside the caller's transaction when there is one. */
export async function writeBackupSettings(db: Db, context: CallContext, values: Partial<Record<Key, unknown>>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const { created_at, updated_at, created_by, updated_by } = stamp(context);
    await db
      .insertInto('settings')
      .values({ id: newId(), key, value: JSON.stringify(value), created_at, updated_at, created_by, updated_by })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at, updated_by }))
      .execute();
  }
}

/** The `backup.*` rows as they are, to carry them over a restore (they describe the backups, not the registry). */
export async function readBackupRows(db: Db): Promise<Array<{ key: string; value: string }>> {
  return db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'backup.%').execute();
}

export async function replaceBackupRows(db: Db, context: CallContext, rows: Array<{ key: string; value: string }>): Promise<void> {
  await db.deleteFrom('settings').where('key', 'like', 'backup.%').execute();
  for (const row of rows) {
    await db.insertInto('settings').values({ id: newId(), key: row.key, value: row.value, ...stamp(context) }).execute();
  }
}
