import { notifications } from '@mantine/notifications';
import { useCallback, useState, type FormEvent } from 'react';
import type { CallInput, CallName, CallOutput } from '../../electron/api/contract';
import type { ApiError, Result } from '../../electron/api/result';
import { useApi } from './context';
import { useErrorMessage, useFieldErrors } from './errors';

export interface SubmitState {
  /** The refusal's sentences, by field. */
  errors: Record<string, string>;
  /** The refusal's sentence when it names no field (the field errors say it otherwise). */
  failure: string | null;
  busy: boolean;
  /**
   * Sends the form, unless a send is already running: `send` makes the call. Saved, the officer is
   * told so (when there is something to say) and `onSaved` runs; refused, the refusal is shown.
   */
  submit: <T>(send: () => Promise<Result<T>>, done: SubmitDone<T>) => Promise<void>;
  /** A refusal the form makes itself before sending anything (nothing chosen, two passwords that differ). */
  refuse: (errors: Record<string, string>) => void;
  /** Marks one field as refused, the others as they are: a problem found as it is filled (a scan that cannot be read). */
  markError: (field: string, message: string) => void;
  /** Takes back a field's refusal once the officer changes it; without a field, the whole refusal (a form opened afresh). */
  clearError: (field?: string) => void;
}

export interface SubmitDone<T> {
  /** What the officer is told once it is saved; nothing when the screen moves on by itself. */
  savedMessage?: string | ((value: T) => string);
  onSaved: (value: T) => void;
  /** After the refusal is shown: a password typed is never kept for a second try. */
  onRefused?: (error: ApiError) => void;
}

export interface SubmitOptions {
  /** The form's field for a refusal's path, when the call's input nests the form's values (`contact.summary`). */
  fieldOf?: (path: string) => string;
  /**
   * Whether the refusal's sentence shows even when fields are marked: on the session's pages the
   * sentence above the button is what is read first; a button with no fields of its own says it always.
   */
  failureWithFields?: boolean;
  /**
   * The fields the form shows a refusal under. Given, what a refusal says about any other field is
   * said as the sentence; otherwise every field a refusal names is taken to be shown.
   */
  shownFields?: readonly string[];
}

/** A refusal as a form shows it: its sentences under the fields, and the one above the buttons (or none). */
export interface ShownRefusal {
  errors: Record<string, string>;
  failure: string | null;
}

/**
 * Where a refusal's sentences go: each field's (already in the officer's words, by the path the api
 * named) under the form's field for it, the first for a field named twice; the refusal's own sentence
 * when it names no field (or the form says it always); otherwise what is said about fields the form
 * does not show, so nothing refused goes unsaid.
 */
export function showRefusal(
  problems: Record<string, string>,
  sentence: string,
  { fieldOf = (path) => path, failureWithFields = false, shownFields }: SubmitOptions = {},
): ShownRefusal {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(problems)) errors[fieldOf(path)] ??= message;
  if (failureWithFields || Object.keys(errors).length === 0) return { errors, failure: sentence };
  const unshown = shownFields === undefined ? [] : Object.entries(errors).filter(([field]) => !shownFields.includes(field));
  return { errors, failure: unshown.length > 0 ? unshown.map(([, message]) => message).join(' ') : null };
}

/**
 * What every form does around its save: sends once at a time, shows it is busy, says it is saved,
 * and otherwise shows the refusal on the fields it names or, naming none, as one sentence.
 */
export function useSubmit(options: SubmitOptions = {}): SubmitState {
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async <T>(send: () => Promise<Result<T>>, done: SubmitDone<T>) => {
    if (busy) return;
    setBusy(true);
    const result = await send();
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setFailure(null);
      const message = typeof done.savedMessage === 'function' ? done.savedMessage(result.value) : done.savedMessage;
      if (message !== undefined) notifications.show({ color: 'teal', message });
      done.onSaved(result.value);
      return;
    }
    const shown = showRefusal(fieldErrors(result.error), errorMessage(result.error), options);
    setErrors(shown.errors);
    setFailure(shown.failure);
    done.onRefused?.(result.error);
  };

  // The same functions at every render: a screen may call them from an effect.
  const refuse = useCallback((refused: Record<string, string>) => {
    setErrors(refused);
    setFailure(null);
  }, []);

  const markError = useCallback((field: string, message: string) => setErrors((current) => ({ ...current, [field]: message })), []);

  const clearError = useCallback((field?: string) => {
    if (field === undefined) {
      setErrors({});
      setFailure(null);
      return;
    }
    setErrors((current) => {
      if (!(field in current)) return current;
      const { [field]: _cleared, ...others } = current;
      return others;
    });
  }, []);

  return { errors, failure, busy, submit, refuse, markError, clearError };
}

export interface SaveFormState<Values> extends Omit<SubmitState, 'submit'> {
  values: Values;
  set: <K extends keyof Values>(field: K, value: Values[K]) => void;
  /** Fills the whole form, from what is saved once it is read. */
  fill: (values: Values) => void;
  /** Saves, unless a save is already running; as a form's submit handler or from a shortcut. */
  save: (event?: FormEvent) => Promise<void>;
}

/**
 * A form that saves one record through one api call, the counterpart of `useCall`: it holds the
 * values and sends them (useSubmit).
 */
export function useSaveForm<Name extends CallName, Values extends object>(
  name: Name,
  options: {
    initial: Values;
    /** The call's input, made from the form's values. */
    input: (values: Values) => CallInput<Name>;
    /** A refusal made before sending, by field; null when the values may be sent. */
    check?: (values: Values) => Record<string, string> | null;
  } & SubmitDone<CallOutput<Name>> &
    SubmitOptions,
): SaveFormState<Values> {
  const api = useApi();
  const { submit, ...state } = useSubmit(options);
  const [values, setValues] = useState(options.initial);
  // The same function at every render: a screen may fill the form from an effect.
  const set = useCallback(<K extends keyof Values>(field: K, value: Values[K]) => setValues((current) => ({ ...current, [field]: value })), []);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const refused = options.check?.(values) ?? null;
    if (refused !== null) {
      state.refuse(refused);
      return;
    }
    const run = api[name] as (input: CallInput<Name>) => Promise<Result<CallOutput<Name>>>;
    await submit(() => run(options.input(values)), options);
  };

  return { ...state, values, set, fill: setValues, save };
}
