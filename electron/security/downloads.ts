import { APP_ORIGIN } from './navigation';

/**
 * Which downloads the desktop window may start, and under what name the save dialog offers them.
 * Wasl hands over only files it made itself: the page builds them in memory and offers them as a
 * `blob:` address of its own origin (renderer/lib/save-file.ts). Anything else, a link to the web, a
 * `data:` or `file:` address, a blob of another origin, is refused. The officer chooses where the
 * file goes in the save dialog; Wasl never picks a path itself.
 */

/** The kinds of file Wasl offers, by media type, with the one extension each is saved under. */
export const OFFERED_FILE_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
  // A printable letter and a person's data export are self-contained HTML pages.
  'text/html': 'html',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

export type DownloadDecision = { allowed: false } | { allowed: true; fileName: string; extension: string };

export interface DownloadRequest {
  /** The address being downloaded (`DownloadItem.getURL()`). */
  url: string;
  /** Its media type (`DownloadItem.getMimeType()`). */
  mimeType: string;
  /** The name the page suggested (`DownloadItem.getFilename()`). */
  suggestedName: string;
}

/** `blob:app://wasl/` and the blob's id (a UUID), exactly as Chromium spells it. */
const APP_BLOB = new RegExp(`^blob:${APP_ORIGIN}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`);

export function downloadDecision(request: DownloadRequest): DownloadDecision {
  if (typeof request.url !== 'string' || !APP_BLOB.test(request.url)) return { allowed: false };
  const mediaType = String(request.mimeType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  // The app's blobs are always typed; should the browser not report the type, the page's own name says it.
  const extension = mediaType === '' ? offeredExtensionOf(request.suggestedName) : Object.hasOwn(OFFERED_FILE_TYPES, mediaType) ? OFFERED_FILE_TYPES[mediaType] : undefined;
  if (extension === undefined) return { allowed: false };
  return { allowed: true, fileName: safeFileName(request.suggestedName, extension), extension };
}

function offeredExtensionOf(name: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(String(name ?? ''))?.[1]?.toLowerCase();
  const offered = Object.values(OFFERED_FILE_TYPES);
  if (extension === 'jpeg') return 'jpg';
  return extension !== undefined && offered.includes(extension) ? extension : undefined;
}

/** Characters no file name should hold: controls, bidi overrides and isolates, and separators or specials somewhere. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff/\\:<>"|?*]/g;
/** Names Windows opens as devices in any folder. */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const MAX_NAME_LENGTH = 120;

/**
 * A plain file name for the save dialog: no folder (a suggested `..\..\Startup\evil.bat` keeps only
 * its last part), no characters that hide the real extension (`letter\u202Efdp.hta`), and always the
 * extension of what the file really is, so `scan.exe` holding a PNG is offered as `scan.exe.png`.
 */
export function safeFileName(suggested: string, extension: string): string {
  const lastPart = String(suggested ?? '').split(/[/\\]/).pop() ?? '';
  let stem = lastPart.replace(UNSAFE_CHARACTERS, '').trim();
  const suffix = `.${extension}`;
  if (stem.toLowerCase().endsWith(suffix)) stem = stem.slice(0, -suffix.length);
  // Windows drops trailing dots and spaces; leading dots make hidden files.
  stem = stem.replace(/^[.\s]+|[.\s]+$/g, '').slice(0, MAX_NAME_LENGTH);
  if (stem === '' || WINDOWS_DEVICE_NAME.test(stem.split('.', 1)[0]!)) stem = 'wasl';
  return `${stem}${suffix}`;
}
