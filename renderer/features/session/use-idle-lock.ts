import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 5_000;
/** How often the app hears that someone is at the keyboard, so it does not lock under them. */
const HEARTBEAT_EVERY_MS = 60_000;

/**
 * Locks the screen after `minutes` without a key press or a pointer move, and tells the app while
 * the user is active (the app enforces the same limit on every call).
 */
export function useIdleLock(enabled: boolean, minutes: number, lock: () => void, stillHere: () => void): void {
  const lastActivity = useRef(0);
  const lastHeartbeat = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    lastActivity.current = Date.now();
    lastHeartbeat.current = Date.now();
    const noteActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, noteActivity, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (now - lastActivity.current >= minutes * 60_000) {
        lock();
        return;
      }
      if (lastActivity.current > lastHeartbeat.current && now - lastHeartbeat.current >= HEARTBEAT_EVERY_MS) {
        lastHeartbeat.current = now;
        stillHere();
      }
    }, CHECK_EVERY_MS);
    return () => {
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, noteActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [enabled, minutes, lock, stillHere]);
}
