import type { CallName, CallOutput, ValidInput } from '../api/contract';
import type { CallContext } from './context';

/** The handler of one call: the validated input and who is calling, to the call's result. */
export type Handler<Name extends CallName> = (input: ValidInput<Name>, context: CallContext) => Promise<CallOutput<Name>> | CallOutput<Name>;

/**
 * The handlers of one area's slice of the contract (e.g. `typeof requestsCalls`): each area's
 * `handlers.ts` returns one, and the compiler checks that none of the slice's calls is missing.
 */
export type AreaHandlers<Slice> = { [Name in keyof Slice & CallName]: Handler<Name> };
