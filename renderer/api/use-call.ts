import { useCallback, useEffect, useRef, useState } from 'react';
import { recordsAccess } from '../../electron/api/call-effects';
import type { CallInput, CallName, CallOutput } from '../../electron/api/contract';
import type { ApiError } from '../../electron/api/result';
import { useApi, useRecordChanges } from './context';

export interface CallState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

export interface CallOptions {
  /**
   * Whether to read again after a write anywhere in the app: true, unless the read records who looked
   * (`opens` in electron/api/call-effects.ts), whose screens reload what they change themselves. A
   * read that fills a form the officer is typing into says false: a refresh would overwrite it.
   */
  followChanges?: boolean;
}

/**
 * Reads data for a screen: calls again whenever the input changes, and keeps only the latest answer.
 * After a write anywhere in the app it reads again quietly: what is on screen stays there, without a
 * loading state, until the fresh answer replaces it.
 */
export function useCall<Name extends CallName>(
  name: Name,
  input: CallInput<Name> | null,
  { followChanges = !recordsAccess(name) }: CallOptions = {},
): CallState<CallOutput<Name>> {
  const api = useApi();
  const recordChanges = useRecordChanges();
  const [state, setState] = useState<{ data: CallOutput<Name> | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: input !== null,
  });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  /** Set when the next read is a refresh after a write, not one the screen asked for. */
  const refreshing = useRef(false);
  /** How many writes had succeeded when the latest read started: it sees all of those. */
  const readAfterWrites = useRef(-1);
  const key = JSON.stringify(input);
  const reading = input !== null;

  useEffect(() => {
    const request = ++latest.current;
    const quietly = refreshing.current;
    refreshing.current = false;
    if (input === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    if (!quietly) setState((previous) => ({ ...previous, loading: true }));
    readAfterWrites.current = recordChanges.writesSoFar();
    const run = api[name] as (input: CallInput<Name>) => Promise<{ ok: true; value: CallOutput<Name> } | { ok: false; error: ApiError }>;
    void run(input).then((result) => {
      if (request !== latest.current) return;
      setState((previous) =>
        result.ok
          ? { data: result.value, error: null, loading: false }
          : // A refresh that fails leaves what was read before in view, with the refusal.
            { data: quietly ? previous.data : null, error: result.error, loading: false },
      );
    });
    // The input is compared by value: callers pass fresh object literals on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, name, key, generation]);

  useEffect(() => {
    if (!followChanges || !reading) return;
    return recordChanges.subscribe((writes) => {
      // A read started after these writes (a dialog opened since) already sees them.
      if (readAfterWrites.current >= writes) return;
      refreshing.current = true;
      setGeneration((value) => value + 1);
    });
  }, [recordChanges, followChanges, reading]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
