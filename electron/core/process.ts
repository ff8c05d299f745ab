// The core's process: what the Electron shell starts as a utility process and the web host as a
// child process (bundled to dist/core/wasl-core.cjs; from the sources, run through tsx). It holds
// the dispatcher, the session and the services, and talks to its host by messages only.
import type { CoreMessage, HostMessage, MessageChannel } from './protocol';
import { serveCore } from './serve';

/** The parent port Electron gives a utility process (`process.parentPort`); absent under Node. */
interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function hostChannel(): MessageChannel<HostMessage, CoreMessage> {
  const parentPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as HostMessage)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The core must be started by a host (as a child process with an IPC channel).');
  // A host that went away (killed, say) leaves nobody to answer: the core ends. What it acknowledged
  // is already on disk (every commit is synced), and SQLite needs no closing to keep it.
  process.once('disconnect', () => process.exit(0));
  return {
    send: (message) => {
      if (process.connected) send(message);
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as HostMessage)),
  };
}

serveCore(hostChannel(), (code) => {
  // Leaves the last message time to leave before the process ends.
  setImmediate(() => process.exit(code));
});
