import { AppError } from '../services/errors';

/** A print that has not finished in this time is stopped: a browser that hangs must not hold an export for ever. */
export const PRINT_TIMEOUT_MS = 60_000;

/**
 * The print, or a refusal the user can read once the deadline has passed; the printer's own
 * `finally` then closes the page (or the window), which ends the print still under way.
 */
export async function withinPrintDeadline<T>(work: Promise<T>, timeoutMs = PRINT_TIMEOUT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('rule', 'exports.printTimedOut')), timeoutMs);
  });
  // Past the deadline the print is abandoned: its late failure (the page closed under it) is expected.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
