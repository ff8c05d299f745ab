// The sandboxed preload: it gives the page one named function per api call and nothing else —
// never ipcRenderer itself, never a generic invoke(channel). It runs in an isolated world, so the
// page sees only the frozen copy contextBridge makes of `api`.
import { contextBridge, ipcRenderer } from 'electron';
import { callNames, type Api } from './api/contract';
import { channelOf } from './hosts/ipc-bridge';

const api = Object.fromEntries(
  callNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelOf(name), input)]),
) as unknown as Api;

contextBridge.exposeInMainWorld('wasl', api);
