import type { z } from 'zod';
import { contract, isCallName } from '../api/contract';
import type { FieldProblem, Result } from '../api/result';
import type { CallContext } from '../services/context';
import { AppError } from '../services/errors';
import type { Handlers } from '../services/index';

/** Answers one call by name. Every host (the Electron bridge, the web host, tests) goes through here. */
export type Dispatch = (name: string, input: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Who is calling and when; read afresh for every call. */
  context: () => CallContext;
  /** Where unexpected failures are reported; the caller only learns that something went wrong. */
  logError: (error: unknown, callName: string) => void;
}

/**
 * Validates the input where it enters the process, runs the service, and turns every outcome into
 * the result envelope: a value, a refusal a person can read, or `internal` without any detail.
 */
export function createDispatcher(handlers: Handlers, options: DispatcherOptions): Dispatch {
  return async (name, rawInput) => {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'unknown_call', messageKey: 'unknownCall' } };
    }
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'validation', messageKey: 'validation.failed', details: { fields: fieldProblems(parsed.error) } },
      };
    }
    try {
      const handler = handlers[name] as (input: unknown, context: CallContext) => unknown;
      const value = await handler(parsed.data, options.context());
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toApiError() };
      options.logError(error, name);
      return { ok: false, error: { code: 'internal', messageKey: 'internal' } };
    }
  };
}

/** Message keys that the schemas set themselves look like `validation.idNumber.checkDigit`. */
const MESSAGE_KEY = /^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/;

export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    messageKey: messageKeyOf(issue),
  }));
}

/** The schema's own key; for "none of the alternatives" (an optional choice), the key of the alternative that explains it. */
function messageKeyOf(issue: z.core.$ZodIssue): string {
  if (MESSAGE_KEY.test(issue.message)) return issue.message;
  if (issue.code === 'invalid_union') {
    const nested = issue.errors.flat().find((inner) => MESSAGE_KEY.test(inner.message));
    if (nested) return nested.message;
  }
  return 'validation.invalid';
}
