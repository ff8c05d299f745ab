import type { z } from 'zod';

/**
 * One call of the api: the schema its input must satisfy where it enters the process, and (as a
 * type only) what it answers. `call(schema).returns<T>()` keeps both in one place.
 */
export interface CallSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  /** Never set at run time: carries the result type for the compiler. */
  readonly output?: Output;
}

export function call<Input extends z.ZodType>(input: Input) {
  return {
    returns<Output>(): CallSpec<Input, Output> {
      return { input };
    },
  };
}
