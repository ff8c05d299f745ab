import type { z } from 'zod';
import { contract, isCallName, type CallName } from '../api/contract';
import type { Access } from '../api/permissions';
import type { ApiError, FieldProblem, Result } from '../api/result';
import type { CallContext } from './context';
import { AppError } from './errors';

/** Answers one call by name. Every host (the Electron bridge, the web host, tests) goes through here. */
export type Dispatch = (name: string, input: unknown) => Promise<Result<unknown>>;

/** A call's handler with its types erased: the dispatcher has checked the input against the call's own schema. */
export type CallHandler = (input: unknown, context: CallContext) => unknown;

export interface DispatcherOptions {
  /**
   * Decides whether the call may run, before anything else: the context to run it in (who is
   * calling, and when), or the refusal (nobody signed in, screen locked, role without the permission).
   */
  authorize: (name: CallName, access: Access) => Promise<CallContext | ApiError>;
  /** The function answering a call that was allowed. */
  handlerOf: (name: CallName) => CallHandler;
  /** Where unexpected failures are reported; the caller only learns that something went wrong. */
  logError: (error: unknown, callName: string) => void;
  /**
   * Told of every refusal, with the context the call ran in (null when it was refused before it
   * could run), so that the session keeps a trace of those that matter. Its own failure never changes
   * the caller's answer.
   */
  recordRefusal?: (name: CallName, error: ApiError, context: CallContext | null) => Promise<void>;
}

/**
 * Checks who may make the call, validates the input where it enters the process, runs the service,
 * and turns every outcome into the result envelope: a value, a refusal a person can read, or
 * `internal` without any detail.
 */
export function createDispatcher(options: DispatcherOptions): Dispatch {
  return async (name, rawInput) => {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'unknown_call', messageKey: 'unknownCall' } };
    }
    const refuse = async (error: ApiError, context: CallContext | null): Promise<Result<unknown>> => {
      try {
        await options.recordRefusal?.(name, error, context);
      } catch (failure) {
        options.logError(failure, name);
      }
      return { ok: false, error };
    };
    let allowed: CallContext | ApiError | null = null;
    try {
      allowed = await options.authorize(name, contract[name].access);
      if (!isContext(allowed)) return await refuse(allowed, null);
      const parsed = contract[name].input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        return await refuse({ code: 'validation', messageKey: 'validation.failed', details: { fields: fieldProblems(parsed.error) } }, allowed);
      }
      const value = await options.handlerOf(name)(parsed.data, allowed);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return refuse(error.toApiError(), allowed !== null && isContext(allowed) ? allowed : null);
      options.logError(error, name);
      return { ok: false, error: { code: 'internal', messageKey: 'internal' } };
    }
  };
}

function isContext(value: CallContext | ApiError): value is CallContext {
  return 'now' in value;
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
