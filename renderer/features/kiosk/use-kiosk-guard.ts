import { useEffect } from 'react';

/**
 * The keys that would take a window elsewhere do nothing on the kiosk: reloading (which would show the
 * kiosk again anyway), going back or forward, the app's own shortcuts (none is mounted; this also
 * stops the browser's), printing and saving the page, and a link or a form that would leave it.
 */
export function useKioskGuard(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const key = event.key.toLowerCase();
      const mod = event.ctrlKey || event.metaKey;
      const blocked =
        key === 'f5' ||
        (event.altKey && (key === 'arrowleft' || key === 'arrowright' || key === 'home')) ||
        key === 'browserback' ||
        key === 'browserforward' ||
        (mod && ['r', 'k', 'l', 'p', 's', 'o', 'f', 'g', 'h', 'j', 'u', '['].includes(key)) ||
        (mod && event.shiftKey && key === 'l');
      if (blocked) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    const onClick = (event: MouseEvent) => {
      if (event.target instanceof Element && event.target.closest('a[href]')) event.preventDefault();
    };
    // The back button moves the route of the page: nothing reads it while the kiosk shows.
    window.addEventListener('keydown', onKey, { capture: true });
    window.addEventListener('click', onClick, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true });
      window.removeEventListener('click', onClick, { capture: true });
    };
  }, []);
}
