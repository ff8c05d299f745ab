import { callNames, type Api, type CallName } from '../../electron/api/contract';
import type { Result } from '../../electron/api/result';

declare global {
  interface Window {
    /** Set by the Electron preload: one named function per api call. Absent in a browser. */
    wasl?: Api;
  }
}

/**
 * The api over whichever host runs the renderer: the Electron bridge when the preload exposed it,
 * otherwise the loopback web host, which knows this page by the HttpOnly session cookie it set when
 * the page was opened: no secret is ever in reach of the page's scripts.
 */
export function connectApi(): Api {
  if (window.wasl) return window.wasl;
  const api = {} as Record<CallName, (input: unknown) => Promise<Result<unknown>>>;
  for (const name of callNames) {
    api[name] = (input) => postCall(name, input);
  }
  return api as unknown as Api;
}

async function postCall(name: CallName, input: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input ?? {}),
    });
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', messageKey: 'hostUnreachable' } };
  }
}
