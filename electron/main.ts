// The Electron shell: one window, one instance, the app:// origin, and the api bridge. Every rule
// worth testing lives in a plain module (security/, hosts/); this file only wires them to Electron.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, utilityProcess, type DownloadItem, type Event, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { createElectronPrinter } from './hosts/electron-pdf';
import { registerIpcBridge } from './hosts/ipc-bridge';
import { KIOSK_ROUTE_HASH, KIOSK_WINDOW_CHANNELS } from './hosts/kiosk-window-channels';
import { databasePathIn } from './core/paths';
import { UNEXPECTED_STARTUP_FAILURE, type CoreMessage } from './core/protocol';
import { CoreStartError, startCore, type CoreLink, type CoreProcess } from './hosts/core-link';
import { removeStaleTemporaryFolders } from './hosts/temporary-folders';
import { applicationMenuTemplate } from './security/application-menu';
import { downloadDecision } from './security/downloads';
import {
  APP_ENTRY_URL,
  appFilePath,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isAppUrl,
  permissionAllowed,
} from './security/navigation';
import { appResponseHeaders } from './security/response-headers';
import { mainWindowOptions } from './security/window-options';

// Bundled to dist/electron/main.cjs: the renderer and the preload sit beside it.
const RENDERER_DIRECTORY = path.join(__dirname, '..', 'renderer');
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
// The core (database, session, services) runs in a utility process of its own (esbuild.config.mjs).
const CORE_ENTRY = path.join(__dirname, '..', 'core', 'wasl-core.cjs');
const PROJECT_DIRECTORY = path.join(__dirname, '..', '..');

let mainWindow: BrowserWindow | undefined;
/** The kiosk's window on the second display, while a questionnaire is answered there. */
let kioskWindow: BrowserWindow | undefined;
let core: CoreLink | undefined;

// Every renderer sandboxed, including any created later by another path than the main window.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Two instances would write one database from two processes; the first one takes over.
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    // The closing backup (when a folder is chosen), then the database closes cleanly (its WAL
    // checkpointed) and the core ends, before this process does.
    event.preventDefault();
    const closing = core;
    core = undefined;
    closing.close(true).finally(() => app.quit());
  });
  app.whenReady().then(start).catch(failToStart);
}

async function start(): Promise<void> {
  // What a killed run left in the temporary folder (print profiles) goes first.
  removeStaleTemporaryFolders();
  const menu = applicationMenuTemplate(process.platform, app.isPackaged);
  Menu.setApplicationMenu(menu === null ? null : Menu.buildFromTemplate(menu));
  try {
    core = await startCore({
      startProcess: forkCoreUtilityProcess,
      options: {
        databasePath: databasePathIn(app.getPath('userData')),
        appVersion: app.getVersion(),
        nativeBinding: electronNativeBinding(),
      },
      // Printing needs a window of this process: the core asks for each PDF.
      printPdf: createElectronPrinter(BrowserWindow),
    });
  } catch (error) {
    failToStart(error);
    return;
  }
  protocol.handle('app', serveAppFile);
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permissionAllowed(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  session.defaultSession.setDevicePermissionHandler(() => false);
  session.defaultSession.on('will-download', guardDownload);
  // Only the app's own top-level page may call: not a frame inside it, not any other page.
  registerIpcBridge(ipcMain, core.dispatch, (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  });
  registerKioskWindowCalls();
  createMainWindow();
}

/**
 * The kiosk's window calls. Only the app's own top-level page may make them; what the kiosk refuses
 * is refused by the desk (the session's kiosk stage), these only give it the whole screen.
 */
function registerKioskWindowCalls(): void {
  const fromApp = (event: IpcMainInvokeEvent) => event.senderFrame !== null && event.senderFrame.parent === null && isAppUrl(event.senderFrame.url);
  ipcMain.handle(KIOSK_WINDOW_CHANNELS.setKiosk, (event, on: unknown) => {
    const window = fromApp(event) ? BrowserWindow.fromWebContents(event.sender) : null;
    if (!window) return;
    window.setKiosk(on === true);
    window.setFullScreen(on === true);
  });
  ipcMain.handle(KIOSK_WINDOW_CHANNELS.openKioskScreen, (event) => (fromApp(event) ? openKioskWindow() : false));
  ipcMain.handle(KIOSK_WINDOW_CHANNELS.closeKioskScreen, (event) => {
    if (fromApp(event) && kioskWindow && !kioskWindow.isDestroyed()) kioskWindow.close();
  });
}

/** A window of the same options as the main one, full screen on the external display; false without one. */
function openKioskWindow(): boolean {
  const primary = screen.getPrimaryDisplay();
  const external = screen.getAllDisplays().find((display) => display.id !== primary.id);
  if (!external) return false;
  if (kioskWindow && !kioskWindow.isDestroyed()) kioskWindow.close();
  const window = new BrowserWindow({ ...mainWindowOptions(PRELOAD_PATH, { devTools: false }), x: external.bounds.x, y: external.bounds.y, minWidth: undefined, minHeight: undefined });
  kioskWindow = window;
  window.once('ready-to-show', () => {
    window.setKiosk(true);
    window.show();
  });
  window.on('closed', () => {
    if (kioskWindow === window) kioskWindow = undefined;
  });
  void window.loadURL(`${APP_ENTRY_URL}${KIOSK_ROUTE_HASH}`);
  return true;
}

/** The core as Electron's utility process: a Node process of Electron's own, without a window. */
function forkCoreUtilityProcess(): CoreProcess {
  const child = utilityProcess.fork(CORE_ENTRY, [], { serviceName: 'Wasl core', stdio: 'inherit' });
  let exitCode: number | undefined;
  child.once('exit', (code) => (exitCode = code));
  return {
    get pid() {
      return child.pid;
    },
    channel: {
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: CoreMessage) => listener(message)),
    },
    onExit: (listener) => {
      if (exitCode !== undefined) listener(exitCode);
      else child.once('exit', (code) => listener(code));
    },
    kill: () => void child.kill(),
  };
}

function createMainWindow(): void {
  mainWindow = new BrowserWindow(mainWindowOptions(PRELOAD_PATH, { devTools: !app.isPackaged }));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  void mainWindow.loadURL(APP_ENTRY_URL);
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** No page may leave the app's origin, open a window, or embed a webview. */
function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  // Any frame, not only the page: a frame that slipped in must not go anywhere either.
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedFrameNavigation(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Only files the app's own page made (a report, an export, a letter, a scan) are saved, and where
 * the officer chooses in the save dialog, under a clean name with the extension of what they are.
 */
function guardDownload(event: Event, item: DownloadItem, contents: WebContents): void {
  const decision = downloadDecision({ url: item.getURL(), mimeType: item.getMimeType(), suggestedName: item.getFilename() });
  if (!decision.allowed || contents !== mainWindow?.webContents || !isAppUrl(contents.getURL())) {
    event.preventDefault();
    return;
  }
  // No save path is set: Electron asks the officer where the file goes.
  item.setSaveDialogOptions({
    defaultPath: decision.fileName,
    filters: [{ name: decision.extension.toUpperCase(), extensions: [decision.extension] }],
  });
}

async function serveAppFile(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const file = appFilePath(request.url, RENDERER_DIRECTORY);
  const info = file === null ? null : await stat(file).catch(() => null);
  if (file === null || !info?.isFile()) return new Response(null, { status: 404 });
  const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(file));
  return new Response(body, { status: 200, headers: appResponseHeaders(file) });
}

/**
 * In development `npm start` builds the SQLite module for Electron into .native/ (node_modules keeps
 * the Node build the tests use; see electron/tools/start-electron.mjs). A packaged app has the
 * module rebuilt for Electron in place by electron-builder, so it needs no path.
 */
function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = path.join(PROJECT_DIRECTORY, '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

/** The officer reads a clear sentence in Arabic, then English, and the app quits: no stack trace. */
function failToStart(error: unknown): void {
  console.error('[wasl] startup failed:', error);
  const message = error instanceof CoreStartError ? error.bilingual : UNEXPECTED_STARTUP_FAILURE;
  let file = '';
  try {
    file = databasePathIn(app.getPath('userData'));
  } catch {
    // The path is a courtesy; the message stands without it.
  }
  const where = file ? `\n\nالملف / File:\n${file}` : '';
  dialog.showErrorBox('وصل — Wasl', `${message.ar}\n\n${message.en}${where}`);
  app.exit(1);
}
