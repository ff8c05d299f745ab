import { z } from 'zod';
import { call } from './define';
import { hasDamagedCharacters } from './fields/schemas';

/** Why a backup was made: the daily one, the one made as the app closes, or an administrator's. */
export const BACKUP_KINDS = ['daily', 'closing', 'manual'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** A backup is stale, and the home screen warns, when the last good one is older than this. */
export const BACKUP_STALE_AFTER_MS = 2 * 24 * 60 * 60 * 1000;

export const BACKUP_DEFAULTS = { keepDaily: 7, keepWeekly: 4 } as const;

/**
 * The name of one backup in the folder: a sortable UTC time to the millisecond, so that names sort
 * as the backups were made. A folder still being written carries `.partial` and never matches.
 */
export const BACKUP_NAME = /^wasl-backup-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/;

export interface BackupSettings {
  /** Absolute path of the folder (a USB drive, a network share); null until an administrator chooses one. */
  folder: string | null;
  /** How many days keep their newest backup. */
  keepDaily: number;
  /** How many weeks keep their newest backup, beyond the daily ones. */
  keepWeekly: number;
}

export interface BackupProblem {
  at: string;
  /** Key in the `errors` namespace: why the last backup failed. */
  messageKey: string;
  kind: BackupKind;
}

/** What the home screen shows: when the last good backup was made, and whether to worry. */
export interface BackupStatus {
  configured: boolean;
  lastGoodBackupAt: string | null;
  /** The last attempt's failure; cleared by the next good backup. */
  lastError: BackupProblem | null;
  /** No good backup yet, or the last one is older than two days. */
  stale: boolean;
}

/** The last entry of a database's audit log when a backup was made: a restored log must end exactly there. */
export interface BackupAuditHead {
  seq: number;
  hash: string;
}

/**
 * What a backup's `manifest.json` says: written last, before the backup gets its final name. Since
 * version 2 only `format`, `version` and `databaseId` are in clear (what a restore needs before the
 * key is known); the rest is sealed under a key derived from the database key. Version 1 manifests
 * held everything in clear, and no audit head (`auditHead` null).
 */
export interface BackupManifest {
  format: 'wasl-backup';
  version: 1 | 2;
  /** The keyring's database id: a backup is restored only onto the database it was made from. */
  databaseId: string;
  createdAt: string;
  kind: BackupKind;
  appVersion: string;
  schemaVersion: number;
  beneficiaries: number;
  /** The database file's size and SHA-256, checked again before a restore. */
  databaseBytes: number;
  databaseSha256: string;
  /** Null in a version 1 manifest, which recorded none, and for a backup of an empty log. */
  auditHead: BackupAuditHead | null;
}

export interface BackupEntry {
  name: string;
  createdAt: string;
  /** The database id the manifest names in clear; null when the manifest is missing or unreadable. */
  databaseId: string | null;
  /**
   * The whole manifest; null when it is missing or unreadable, or when its sealed part does not open
   * with the key at hand (another installation's backup, or no key yet). Such a backup is listed but
   * never restored.
   */
  manifest: BackupManifest | null;
  /** Made from this database (same keyring id); only these can be restored, and only these are ever deleted. */
  fromThisDatabase: boolean;
}

export interface BackupMade {
  name: string;
  /** Where the backup folder is, in full. */
  path: string;
  manifest: BackupManifest;
  /** Older backups removed by rotation. */
  removed: string[];
}

export interface RestoreReport {
  name: string;
  createdAt: string;
  schemaVersion: number;
  beneficiaries: number;
  /** The database as it was just before the restore, kept in the data directory. */
  safetyCopyPath: string;
}

/** An absolute path on Windows (`C:\…`, `\\server\share\…`) or POSIX (`/…`). */
const absolutePath = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .max(1000, { error: 'validation.tooLong' })
  .refine((value) => /^(?:[A-Za-z]:[\\/]|\\\\[^\\/]+[\\/][^\\/]+|\/)/.test(value), { error: 'validation.absolutePath' })
  // eslint-disable-next-line no-control-regex
  .refine((value) => !/[\u0000-\u001f]/.test(value), { error: 'validation.controlCharacters' })
  // Written in the settings' audit entry. Not cleaned like free text: a path changed is another folder.
  .refine((value) => !hasDamagedCharacters(value), { error: 'validation.characters' });

const count = (min: number, max: number) =>
  z.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).min(min, { error: 'validation.invalid' }).max(max, {
    error: 'validation.invalid',
  });

export const backupsCalls = {
  'backups.status': call('self', z.object({})).returns<BackupStatus>(),
  'backups.settings': call('backups.manage', z.object({})).returns<BackupSettings>(),
  /** Changes what is given; a folder must exist and take a file now. */
  'backups.configure': call(
    'backups.manage',
    z.object({
      folder: absolutePath.nullable().optional(),
      keepDaily: count(1, 60).optional(),
      keepWeekly: count(0, 52).optional(),
    }),
  ).returns<BackupSettings>(),
  'backups.list': call('backups.manage', z.object({})).returns<BackupEntry[]>(),
  /** Makes a backup now. The scheduler and the closing backup use the same call, as the system account. */
  'backups.run': call(
    'backups.manage',
    z.object({ kind: z.enum(BACKUP_KINDS, { error: 'validation.choice' }).default('manual') }),
  ).returns<BackupMade>(),
  'backups.restore': call(
    'backups.manage',
    z.object({ name: z.string({ error: 'validation.required' }).regex(BACKUP_NAME, { error: 'validation.backupName' }) }),
  ).returns<RestoreReport>(),
};
