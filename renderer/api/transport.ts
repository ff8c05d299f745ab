import { callNames, type Api, type CallName } from '../../electron/api/contract';
import type { Result } from '../../electron/api/result';

declare global {
  interface Window {
    /** Set by the Electron preload: one named function per api call. Absent in a browser. */
    wasl?: Api;
  }
}

const TOKEN_KEY = 'wasl.token';

/**
 * The api over whichever host runs the renderer: the Electron bridge when the preload exposed it,
 * otherwise the loopback web host, authenticated by the token it printed in the page address.
 */
export function connectApi(): Api {
  if (window.wasl) return window.wasl;
  const token = takeToken();
  const api = {} as Record<CallName, (input: unknown) => Promise<Result<unknown>>>;
  for (const name of callNames) {
    api[name] = (input) => postCall(name, input, token);
  }
  return api as unknown as Api;
}

/** The token arrives once in `#token=…`; it is kept for this tab only and removed from the address. */
function takeToken(): string {
  const fromAddress = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)?.[1];
  if (fromAddress) {
    sessionStorage.setItem(TOKEN_KEY, fromAddress);
    window.history.replaceState(null, '', `${window.location.pathname}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

async function postCall(name: CallName, input: unknown, token: string): Promise<Result<unknown>> {
  try {
    const response = await fetch(`api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    });
    return (await response.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', messageKey: 'hostUnreachable' } };
  }
}
