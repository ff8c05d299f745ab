import type { CallOutput, ServiceCallName, ValidInput } from '../api/contract';
import type { CallContext } from './context';

/** The handler of one call: the validated input and who is calling, to the call's result. */
export type Handler<Name extends ServiceCallName> = (input: ValidInput<Name>, context: CallContext) => Promise<CallOutput<Name>> | CallOutput<Name>;

/** The handlers of one area's slice of the contract (e.g. `typeof requestsCalls`). */
export type AreaHandlers<Slice> = { [Name in keyof Slice & ServiceCallName]: Handler<Name> };
