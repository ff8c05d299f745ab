import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../../db/schema';
import { utcDay } from './naming';
import { readBackupFacts, readBackupSettings } from './settings';

/** How often the scheduler asks whether today's backup is still to be made. */
export const BACKUP_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export interface BackupSchedulerOptions {
  clock: () => Date;
  /** Whether a backup is due now; false while the database is closed or no folder is chosen. */
  isDue: (now: Date) => Promise<boolean>;
  /** Makes the day's backup (recording its own success or failure). */
  runBackup: () => Promise<unknown>;
  /** A failed backup is recorded by `runBackup`; this only hears about it (for the log). */
  onError?: (error: unknown) => void;
  intervalMs?: number;
}

export interface BackupScheduler {
  /** Checks now (and makes the backup if it is due); resolves when done. Overlapping checks share one run. */
  check(): Promise<void>;
  /** No more checks; resolves once a backup under way has finished, so the database can close under it. */
  stop(): Promise<void>;
}

/**
 * Makes the daily backup: at every interval (and whenever asked) it
 * checks whether today has a good backup, and makes one if not. A failure (the USB drive is not
 * plugged in) is tried again at the next check. The timer never keeps the process alive.
 */
export function startBackupScheduler(options: BackupSchedulerOptions): BackupScheduler {
  let current: Promise<void> | null = null;
  let stopped = false;
  const check = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    current ??= (async () => {
      try {
        if (await options.isDue(options.clock())) await options.runBackup();
      } catch (error) {
        options.onError?.(error);
      } finally {
        current = null;
      }
    })();
    return current;
  };
  const timer = setInterval(() => void check(), options.intervalMs ?? BACKUP_CHECK_INTERVAL_MS);
  timer.unref();
  return {
    check,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await current;
    },
  };
}

/** After a failed attempt (the drive not plugged in), the next one waits this long. */
export const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;

/**
 * Due when a folder is chosen, no good backup was made today (UTC day), whatever its kind, and the
 * last attempt did not fail within the hour (each failure is recorded; an unplugged drive should not
 * fill the audit log).
 */
export async function dailyBackupDue(db: Kysely<DatabaseSchema>, now: Date): Promise<boolean> {
  const [settings, facts] = await Promise.all([readBackupSettings(db), readBackupFacts(db)]);
  if (settings.folder === null) return false;
  if (facts.lastError !== null && now.getTime() - new Date(facts.lastError.at).getTime() < RETRY_AFTER_FAILURE_MS) return false;
  return facts.lastGoodAt === null || utcDay(new Date(facts.lastGoodAt)) !== utcDay(now);
}
