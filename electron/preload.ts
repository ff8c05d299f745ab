// The sandboxed preload: it gives the page one named function per api call and nothing else —
// never ipcRenderer itself, never a generic invoke(channel). It runs in an isolated world, so the
// page sees only the frozen copy contextBridge makes of `api`.
import { contextBridge, ipcRenderer } from 'electron';
import { callNames, type Api } from './api/contract';
import { channelOf } from './hosts/ipc-bridge';
import { KIOSK_WINDOW_CHANNELS } from './hosts/kiosk-window-channels';

const api = Object.fromEntries(
  callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelOf(name), input)]),
) as unknown as Api;

contextBridge.exposeInMainWorld('wasl', api);

// The kiosk's window calls (renderer/features/kiosk/kiosk-window.ts): full screen, and the second display.
contextBridge.exposeInMainWorld('waslWindow', {
  setKiosk: (on: boolean) => ipcRenderer.invoke(KIOSK_WINDOW_CHANNELS.setKiosk, on === true),
  openKioskScreen: () => ipcRenderer.invoke(KIOSK_WINDOW_CHANNELS.openKioskScreen),
  closeKioskScreen: () => ipcRenderer.invoke(KIOSK_WINDOW_CHANNELS.closeKioskScreen),
});
