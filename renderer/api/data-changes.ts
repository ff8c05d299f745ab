import { writesRecords } from '../../electron/api/call-effects';
import { callNames, type Api, type CallName } from '../../electron/api/contract';
import type { Result } from '../../electron/api/result';

/**
 * A burst of writes (a form that saves and then links what it saved) refreshes the screens once,
 * this long after the last of them.
 */
const SETTLE_MS = 120;

export interface AnnouncingApi {
  api: Api;
  /**
   * Calls `listener` after the records changed (a write succeeded), with how many writes have
   * succeeded so far; answers how to stop.
   */
  subscribe: (listener: (writes: number) => void) => () => void;
  /** How many writes have succeeded so far: a read started at this count already sees them all. */
  writesSoFar: () => number;
}

/**
 * The same api, which announces every write that succeeded, wherever it was made: the search box,
 * a dialog, another page. What a screen reads through `useCall` listens and reads again, so the home
 * screen's counts and a page's lists follow a change made elsewhere without anyone reloading them.
 * Every mounted read is refreshed, not only those of the area written to: what a write touches
 * reaches across areas (a contact opens an inquiry, a request or a complaint, and moves the person's
 * timeline, the queues and the unlinked contacts), and the few reads on a screen are cheap local calls.
 */
export function announcingWrites(api: Api): AnnouncingApi {
  const listeners = new Set<(writes: number) => void>();
  let writes = 0;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const announce = () => {
    writes += 1;
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = null;
      for (const listener of [...listeners]) listener(writes);
    }, SETTLE_MS);
  };

  const announcing = {} as Record<CallName, (input: unknown) => Promise<Result<unknown>>>;
  for (const name of callNames) {
    const call = api[name] as (input: unknown) => Promise<Result<unknown>>;
    announcing[name] = writesRecords(name)
      ? async (input) => {
          const result = await call(input);
          if (result.ok) announce();
          return result;
        }
      : call;
  }
  return {
    api: announcing as unknown as Api,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    writesSoFar: () => writes,
  };
}
