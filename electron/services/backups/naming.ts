import { BACKUP_NAME } from '../../api/backups';

const PREFIX = 'wasl-backup-';
/** The suffix of a backup still being written: never listed, restored or rotated as a backup. */
export const PARTIAL_SUFFIX = '.partial';

/** `wasl-backup-2026-11-25T10-30-00-000Z`: the UTC time, with characters every file system accepts. */
export function backupNameAt(at: Date): string {
  return `${PREFIX}${at.toISOString().replace(/:/g, '-').replace('.', '-')}`;
}

/** When a backup was made, from its name; null for a name that is not a backup's. */
export function backupTimeOf(name: string): Date | null {
  const match = BACKUP_NAME.exec(name);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds, millis] = match.map(Number) as number[];
  const time = Date.UTC(year!, month! - 1, day!, hours!, minutes!, seconds!, millis!);
  const date = new Date(time);
  // Refuses names such as 2026-02-31, which Date.UTC would quietly move to March.
  return backupNameAt(date) === name ? date : null;
}

/** A `.partial` folder of ours, and when it was started. */
export function partialTimeOf(name: string): Date | null {
  return name.endsWith(PARTIAL_SUFFIX) ? backupTimeOf(name.slice(0, -PARTIAL_SUFFIX.length)) : null;
}

/** The UTC day (yyyy-mm-dd) of a time: backups are "daily" by UTC day. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** The ISO week (Monday to Sunday, UTC) a time falls in, as `yyyy-Www`. */
export function isoWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of the same week decides the year the week belongs to.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export interface Rotation {
  keepDaily: number;
  keepWeekly: number;
}

/**
 * Which backups rotation keeps: the newest backup of each of the `keepDaily` newest days that have
 * one, and the newest backup of each of the `keepWeekly` newest weeks that have one (a week's newest
 * backup is often also a day's). Everything else given here may be deleted.
 */
export function backupsToKeep(backups: ReadonlyArray<{ name: string; createdAt: Date }>, rotation: Rotation): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.name < b.name ? 1 : -1));
  const keep = new Set<string>();
  const pick = (period: (at: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      if (seen.size >= count) break;
      const key = period(backup.createdAt);
      if (seen.has(key)) continue;
      seen.add(key);
      keep.add(backup.name);
    }
  };
  pick(utcDay, rotation.keepDaily);
  pick(isoWeek, rotation.keepWeekly);
  return keep;
}
