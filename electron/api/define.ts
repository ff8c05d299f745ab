import type { z } from 'zod';
import type { Access } from './permissions';

/**
 * One call of the api: who may make it, the schema its input must satisfy where it enters the
 * process, and (as a type only) what it answers. `call(access, schema).returns<T>()` keeps all three
 * in one place, so a new call cannot be added without saying who may make it.
 */
export interface CallSpec<Input extends z.ZodType, Output> {
  readonly access: Access;
  readonly input: Input;
  /** Never set at run time: carries the result type for the compiler. */
  readonly output?: Output;
}

export function call<Input extends z.ZodType>(access: Access, input: Input) {
  return {
    returns<Output>(): CallSpec<Input, Output> {
      return { access, input };
    },
  };
}
