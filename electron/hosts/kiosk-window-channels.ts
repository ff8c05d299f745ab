/**
 * The window calls of the kiosk between the preload and the shell: one channel each, named, apart
 * from the api's channels (they move windows, not records, and never reach the core).
 */
export const KIOSK_WINDOW_CHANNELS = {
  setKiosk: 'wasl-window:set-kiosk',
  openKioskScreen: 'wasl-window:open-kiosk-screen',
  closeKioskScreen: 'wasl-window:close-kiosk-screen',
} as const;

/** The route the kiosk's window on the second display loads (renderer/features/kiosk/kiosk-window.ts). */
export const KIOSK_ROUTE_HASH = '#/kiosk';
