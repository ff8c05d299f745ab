import { useEffect } from 'react';
import type { PeriodChoice } from './period';

/**
 * The report's period, remembered while someone is signed in: leaving the report and coming back
 * keeps the period chosen. Kept in the screen's memory only, never in the browser's storage: a
 * period is not sensitive, but the desk's next officer starts afresh, from this week.
 */
let remembered: PeriodChoice | null = null;

export function rememberedReportPeriod(): PeriodChoice | null {
  return remembered;
}

export function rememberReportPeriod(choice: PeriodChoice): void {
  remembered = choice;
}

/**
 * Mounted with the signed-in part of the app, which a sign-out takes down (locking the screen does
 * not): its leaving forgets the period.
 */
export function ForgetReportPeriodOnSignOut(): null {
  useEffect(
    () => () => {
      remembered = null;
    },
    [],
  );
  return null;
}
