import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { CallInput, CallName, CallOutput } from '../../electron/api/contract';
import type { Result } from '../../electron/api/result';
import { useApi } from './context';
import { useErrorMessage, useFieldErrors } from './errors';

export interface SaveFormState<Values> {
  values: Values;
  set: <K extends keyof Values>(field: K, value: Values[K]) => void;
  /** The refusal's sentences, by field. */
  errors: Record<string, string>;
  /** The refusal's sentence when it names no field (the field errors say it otherwise). */
  failure: string | null;
  busy: boolean;
  /** Saves, unless a save is already running; as a form's submit handler or from a shortcut. */
  save: (event?: FormEvent) => Promise<void>;
}

/**
 * A form that saves one record through the api, the counterpart of `useCall`: it holds the values,
 * sends them once at a time, tells the officer it is saved, and otherwise shows the refusal on the
 * fields it names or, naming none, as one sentence.
 */
export function useSaveForm<Name extends CallName, Values extends object>(
  name: Name,
  options: {
    initial: Values;
    /** The call's input, made from the form's values. */
    input: (values: Values) => CallInput<Name>;
    savedMessage: string;
    onSaved: (value: CallOutput<Name>) => void;
  },
): SaveFormState<Values> {
  const api = useApi();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [values, setValues] = useState(options.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(field: K, value: Values[K]) => setValues((current) => ({ ...current, [field]: value }));

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    const run = api[name] as (input: CallInput<Name>) => Promise<Result<CallOutput<Name>>>;
    const result = await run(options.input(values));
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setFailure(null);
      notifications.show({ color: 'teal', message: options.savedMessage });
      options.onSaved(result.value);
      return;
    }
    const fields = fieldErrors(result.error);
    setErrors(fields);
    setFailure(Object.keys(fields).length > 0 ? null : errorMessage(result.error));
  };

  return { values, set, errors, failure, busy, save };
}
