import type { BrowserWindowConstructorOptions } from 'electron';

/** The page background while the renderer loads (Mantine's gray-0, the app's body colour): no white flash. */
export const WINDOW_BACKGROUND = '#f8f9fa';

/**
 * The main window: an isolated, sandboxed renderer that sees nothing of Node or Electron except the
 * named api calls the preload exposes. Every switch is spelled out, even where it is Electron's
 * default, so a change of default cannot loosen it and a reader need not remember the defaults.
 * The developer tools are off unless asked for (a development build): an installed Wasl has none.
 */
export function mainWindowOptions(preloadPath: string, options: { devTools?: boolean } = {}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 680,
    title: 'وصل — Wasl',
    backgroundColor: WINDOW_BACKGROUND,
    // Shown on `ready-to-show`, once the first frame is painted.
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // The spellchecker would fetch dictionaries from Google's servers; officers type names, not prose.
      spellcheck: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
      safeDialogs: true,
      devTools: options.devTools ?? false,
    },
  };
}
