import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Everything about the app's own origin, `app://wasl`: which URLs belong to it (the only ones the
 * window may show and the only senders the api bridge answers), which file of the built renderer a
 * URL names. Pure: the Electron shell only wires these in.
 */
export const APP_ORIGIN = 'app://wasl';

/** The page the window opens. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for a URL of the app's own origin, spelled the way Chromium reports it.
 *
 * Chromium canonicalizes every URL before Electron hands it to the main process (the `app` scheme is
 * registered as standard, so scheme and host arrive in lower case and the path starts with `/`).
 * A legitimate page therefore always begins with exactly `app://wasl/`; any other spelling
 * (`APP://WASL/`, `app://wa<TAB>sl/`, ` app://wasl/`, `app://wasl:80@evil/`, `app://wasl.evil/`) was
 * written by hand, and refusing it costs nothing while leaving no case folding or whitespace
 * stripping to get wrong. The parse then confirms what the prefix says and refuses garbage.
 */
export function isAppUrl(url: string): boolean {
  if (typeof url !== 'string' || !url.startsWith(`${APP_ORIGIN}/`)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'app:' && parsed.host === 'wasl' && parsed.username === '' && parsed.password === '';
}

/** The window may only ever show the app's own pages; everything else (web, file:, javascript:) is refused. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * A frame may navigate only when it is the window's own page going to a page of the app: the app has
 * no frames of its own, so any frame that tries to navigate was put there by something else.
 */
export function isAllowedFrameNavigation(url: string, isMainFrame: boolean): boolean {
  return isMainFrame === true && isAppUrl(url);
}

/** Device names Windows opens as devices in any folder (`dist\renderer\CON` is the console, not a file). */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Control characters, and characters that are separators or special somewhere (`:` names an NTFS stream). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTER = /[\u0000-\u001f\u007f/\\:<>"|?*]/;

/**
 * The absolute path of the file inside `rendererDirectory` that an app:// URL names (`/` is
 * `index.html`), or null when the URL is not the app's, or could name anything outside the folder.
 *
 * Works on the path exactly as written, never on a parser's normalized copy, so that `..` and its
 * encoded forms (`%2e%2e`, `.%2E`) are refused rather than silently resolved; each segment is
 * percent-decoded once and must then be a plain file or folder name. Chromium resolves dot segments
 * before the request reaches us, so a real page never sends one.
 */
export function appFilePath(url: string, rendererDirectory: string): string | null {
  if (!isAppUrl(url)) return null;
  const rawPath = url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? '';
  if (rawPath === '/') return join(resolve(rendererDirectory), 'index.html');
  if (rawPath.includes('\\')) return null;

  const segments: string[] = [];
  for (const rawSegment of rawPath.slice(1).split('/')) {
    const segment = decodeSegment(rawSegment);
    if (segment === null) return null;
    segments.push(segment);
  }

  const root = resolve(rendererDirectory);
  const file = join(root, ...segments);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

function decodeSegment(raw: string): string | null {
  let segment: string;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (segment === '' || segment === '.' || segment === '..') return null;
  if (FORBIDDEN_CHARACTER.test(segment) || WINDOWS_DEVICE_NAME.test(segment)) return null;
  // Windows drops trailing dots and spaces, so `index.html.` would be a second name for one file.
  if (segment.endsWith('.') || segment.endsWith(' ')) return null;
  return segment;
}

/**
 * Wasl needs no browser permission at all: no camera, microphone, geolocation, notifications,
 * clipboard reading, MIDI, HID, serial or USB. Every request and every check is answered no.
 */
export function permissionAllowed(_permission: string): boolean {
  return false;
}
