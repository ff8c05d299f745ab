import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { callNames, type CallName } from '../api/contract';
import type { Result } from '../api/result';
import type { Dispatch } from '../services/dispatch';

// This file is bundled into the sandboxed preload (for `channelOf`): its value imports must stay
// free of Node modules. The sender check is therefore passed in rather than imported.

/** The IPC channel of one api call. The preload and the bridge both name channels through this. */
export function channelOf(name: CallName): string {
  return `wasl:${name}`;
}

const UNAUTHORIZED: Result<never> = { ok: false, error: { code: 'unauthorized', messageKey: 'unauthorized' } };
const INTERNAL: Result<never> = { ok: false, error: { code: 'internal', messageKey: 'internal' } };

/** The part of Electron's `ipcMain` the bridge uses. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;

/**
 * Answers every api call over IPC: one `invoke` channel per call name (no generic channel that
 * takes a name), each checking who is calling before forwarding its one argument to `dispatch`.
 * A refusal or a failure is an answer in the result envelope, never a thrown error, so nothing of
 * the main process (messages, stack traces) crosses to the renderer. Returns a function that
 * removes every handler again.
 */
export function registerIpcBridge(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const name of callNames) {
    ipcMain.handle(channelOf(name), async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isTrusted(isTrustedSender, event)) return UNAUTHORIZED;
      try {
        return await dispatch(name, input);
      } catch (error) {
        // The dispatcher already turns failures into results; this only guards against a broken one.
        console.error(`[wasl] ${name} failed outside the dispatcher:`, error);
        return INTERNAL;
      }
    });
  }
  return () => {
    for (const name of callNames) ipcMain.removeHandler(channelOf(name));
  };
}

/** A check that throws (a frame disposed while its call was in flight, say) refuses the call. */
function isTrusted(check: (event: IpcMainInvokeEvent) => boolean, event: IpcMainInvokeEvent): boolean {
  try {
    return check(event) === true;
  } catch {
    return false;
  }
}
