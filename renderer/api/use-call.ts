import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../electron/api/contract';
import type { ApiError } from '../../electron/api/result';
import { useApi } from './context';

export interface CallState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Reads data for a screen: calls again whenever the input changes, and keeps only the latest answer. */
export function useCall<Name extends CallName>(name: Name, input: CallInput<Name> | null): CallState<CallOutput<Name>> {
  const api = useApi();
  const [state, setState] = useState<{ data: CallOutput<Name> | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: input !== null,
  });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(input);

  useEffect(() => {
    const request = ++latest.current;
    if (input === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    setState((previous) => ({ ...previous, loading: true }));
    const run = api[name] as (input: CallInput<Name>) => Promise<{ ok: true; value: CallOutput<Name> } | { ok: false; error: ApiError }>;
    void run(input).then((result) => {
      if (request !== latest.current) return;
      setState(result.ok ? { data: result.value, error: null, loading: false } : { data: null, error: result.error, loading: false });
    });
    // The input is compared by value: callers pass fresh object literals on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, name, key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
