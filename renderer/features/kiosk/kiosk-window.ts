/**
 * The window side of the kiosk: which window is the kiosk's own (opened on the second screen), the
 * full screen, and the route the officer was on, to return to once the kiosk is left.
 */

declare global {
  interface Window {
    /** Set by the Electron preload: the window calls of the kiosk. Absent in a browser. */
    waslWindow?: {
      /** The calling window full screen and in kiosk mode (no menu, no leaving by the window's keys), or back. */
      setKiosk(on: boolean): Promise<void>;
      /** A window on the external display showing the kiosk; false when there is no second display. */
      openKioskScreen(): Promise<boolean>;
      /** Closes the kiosk's window on the second display, if one is open. */
      closeKioskScreen(): Promise<void>;
    };
  }
}

/** The route a window opened for the kiosk loads, and the name it keeps across a reload. */
export const KIOSK_ROUTE = '#/kiosk';
const KIOSK_WINDOW_NAME = 'wasl-kiosk';
const RETURN_ROUTE_KEY = 'wasl.kioskReturn';

/**
 * Whether this window was opened to show the kiosk (on the second screen): read once, before the
 * session's first answer moves the route to the home page.
 */
export const isKioskWindow: boolean = (() => {
  if (window.location.hash.startsWith(KIOSK_ROUTE)) window.name = KIOSK_WINDOW_NAME;
  return window.name === KIOSK_WINDOW_NAME;
})();

/** Keeps the route the officer is on, for after the kiosk. */
export function rememberReturnRoute(): void {
  sessionStorage.setItem(RETURN_ROUTE_KEY, window.location.hash || '#/');
}

/** Back to the route the officer was on before the kiosk (it survives a reload of the kiosk). */
export function returnToRememberedRoute(): void {
  const route = sessionStorage.getItem(RETURN_ROUTE_KEY);
  sessionStorage.removeItem(RETURN_ROUTE_KEY);
  if (route !== null) window.location.hash = route;
}

/** The whole screen for the kiosk: Electron's kiosk window when there is one, the browser's full screen otherwise. */
export async function enterFullScreen(): Promise<void> {
  if (window.waslWindow) {
    await window.waslWindow.setKiosk(true);
    return;
  }
  // Allowed only from a key press or a click; a reload leaves it to the officer's next touch.
  if (!document.fullscreenElement) await document.documentElement.requestFullscreen?.().catch(() => undefined);
}

export async function leaveFullScreen(): Promise<void> {
  if (window.waslWindow) {
    await window.waslWindow.setKiosk(false);
    await window.waslWindow.closeKioskScreen();
    return;
  }
  if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
}

/**
 * Opens the kiosk on the second screen: Electron's window on the external display, or in a browser a
 * new window of the app's kiosk route (which the officer moves to the other screen). False when it
 * could not be opened.
 */
export async function openKioskScreen(): Promise<boolean> {
  if (window.waslWindow) return window.waslWindow.openKioskScreen();
  const url = new URL(window.location.href);
  url.hash = KIOSK_ROUTE;
  return window.open(url.toString(), KIOSK_WINDOW_NAME, 'popup') !== null;
}
