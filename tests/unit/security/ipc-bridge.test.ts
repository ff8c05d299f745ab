import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames } from '../../../electron/api/contract';
import type { Result } from '../../../electron/api/result';
import { channelOf, registerIpcBridge, type IpcMainLike } from '../../../electron/hosts/ipc-bridge';
import type { Wasl } from '../../../electron/core/open-wasl';
import { isAppUrl } from '../../../electron/security/navigation';
import { openTestWasl, type TestWasl } from '../../support/database';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** Electron's ipcMain as far as the bridge can tell: a table of handlers by channel. */
function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Handler> } {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle(channel, listener) {
      // Electron refuses a second handler on one channel; so does the fake.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener as Handler);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
}

/** An invoke event from a frame showing `url` (or from a frame already gone, when null). */
function eventFrom(url: string | null): IpcMainInvokeEvent {
  return { senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent;
}

/** The sender check main.ts installs. */
const fromAppPage = (event: IpcMainInvokeEvent) => isAppUrl(event.senderFrame?.url ?? '');

describe('the IPC bridge', () => {
  let app: TestWasl;
  let wasl: Pick<Wasl, 'dispatch'>;

  beforeAll(async () => {
    app = await openTestWasl();
    wasl = app;
  });

  afterAll(async () => {
    await app?.cleanup();
  });

  async function invoke(ipc: ReturnType<typeof fakeIpcMain>, channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) {
    const handler = ipc.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return (await handler(event, ...args)) as Result<unknown>;
  }

  it('names one channel per call', () => {
    expect(channelOf('lookups.districts')).toBe('wasl:lookups.districts');
    expect(new Set(callNames.map(channelOf)).size).toBe(callNames.length);
  });

  it('registers exactly one handler per call name, and no other', () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpcBridge(ipc, wasl.dispatch, fromAppPage);
    expect([...ipc.handlers.keys()].sort()).toEqual(callNames.map((name) => `wasl:${name}`).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers a real call from the app page', async () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpcBridge(ipc, wasl.dispatch, fromAppPage);
    const result = await invoke(ipc, channelOf('lookups.districts'), eventFrom('app://wasl/index.html#/'), {});
    expect(result.ok).toBe(true);
    expect(Array.isArray((result as { value: unknown }).value)).toBe(true);
    const info = await invoke(ipc, channelOf('app.info'), eventFrom('app://wasl/index.html'), undefined);
    expect(info).toMatchObject({ ok: true, value: { version: '0.0.0-test' } });
    unregister();
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///tmp/index.html',
    'app://wasl.evil.example/',
    'app://wasl:80@evil/',
    'APP://WASL/',
    'about:blank',
    'data:text/html,x',
    '',
    null,
  ])('refuses a call from a frame at %j without running it', async (url) => {
    const calls: string[] = [];
    const ipc = fakeIpcMain();
    const unregister = registerIpcBridge(
      ipc,
      async (name, input) => {
        calls.push(name);
        return wasl.dispatch(name, input);
      },
      fromAppPage,
    );
    for (const name of ['lookups.districts', 'beneficiaries.list', 'preferences.setLanguage'] as const) {
      const result = await invoke(ipc, channelOf(name), eventFrom(url), { language: 'en' });
      expect(result).toEqual({ ok: false, error: { code: 'unauthorized', messageKey: 'unauthorized' } });
    }
    expect(calls).toEqual([]);
    unregister();
  });

  it('refuses the call when the sender check itself fails', async () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpcBridge(ipc, wasl.dispatch, () => {
      throw new Error('Render frame was disposed before WebFrameMain could be accessed');
    });
    const result = await invoke(ipc, channelOf('lookups.districts'), eventFrom('app://wasl/'), {});
    expect(result).toEqual({ ok: false, error: { code: 'unauthorized', messageKey: 'unauthorized' } });
    unregister();
  });

  it('forwards the first argument only, validated by the dispatcher', async () => {
    const seen: unknown[] = [];
    const ipc = fakeIpcMain();
    const unregister = registerIpcBridge(
      ipc,
      async (name, input) => {
        seen.push([name, input]);
        return wasl.dispatch(name, input);
      },
      fromAppPage,
    );
    const bad = await invoke(ipc, channelOf('preferences.setLanguage'), eventFrom('app://wasl/'), { language: 'xx' }, 'extra');
    expect(seen).toEqual([['preferences.setLanguage', { language: 'xx' }]]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    unregister();
  });

  it('answers internal, without detail, when dispatch itself throws', async () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpcBridge(
      ipc,
      async () => {
        throw new Error('secret detail from the main process');
      },
      () => true,
    );
    const original = console.error;
    console.error = () => {};
    try {
      const result = await invoke(ipc, channelOf('app.info'), eventFrom('app://wasl/'), {});
      expect(result).toEqual({ ok: false, error: { code: 'internal', messageKey: 'internal' } });
    } finally {
      console.error = original;
    }
    unregister();
  });
});

describe('the preload', () => {
  /**
   * Bundles electron/preload.ts as esbuild.config.mjs does and runs it the way a sandboxed renderer
   * would: in a fresh context whose `require` knows only 'electron' (here a recording stand-in).
   */
  async function runPreload() {
    const { build } = await import('esbuild');
    const output = await build({
      entryPoints: [join(__dirname, '..', '..', '..', 'electron', 'preload.ts')],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['electron', 'better-sqlite3-multiple-ciphers'],
      write: false,
      logLevel: 'silent',
    });
    const code = output.outputFiles[0]!.text;
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: { invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: args[0] }) },
    };
    const required: string[] = [];
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require '${name}'`);
    };
    const { runInNewContext } = await import('node:vm');
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console });
    return { exposed, invoked, required };
  }

  it('exposes one named function per call as window.wasl, and the kiosk\'s three window calls, nothing else', async () => {
    const { exposed, invoked, required } = await runPreload();
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['wasl', 'waslWindow']);
    const windowCalls = exposed.get('waslWindow') as Record<string, (...input: unknown[]) => Promise<unknown>>;
    expect(Object.keys(windowCalls).sort()).toEqual(['closeKioskScreen', 'openKioskScreen', 'setKiosk']);
    // Whatever the page passes, the shell receives a boolean and nothing else.
    await windowCalls.setKiosk!({ toString: () => 'true' });
    expect(invoked.pop()).toEqual(['wasl-window:set-kiosk', false]);
    const api = exposed.get('wasl') as Record<string, (input: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...callNames].sort());
    for (const name of callNames) expect(typeof api[name]).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');

    const answer = await api['lookups.districts']!({ a: 1 });
    expect(answer).toEqual({ ok: true, value: 'wasl:lookups.districts' });
    expect(invoked).toEqual([['wasl:lookups.districts', { a: 1 }]]);
  });
});
