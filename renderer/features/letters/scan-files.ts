import { MAX_SCAN_BYTES } from '../../../electron/api/fields/scan';

/** What the file picker offers: the kinds of scan the register keeps (the register checks the bytes again). */
export const SCAN_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

export type ScanReading = { ok: true; fileName: string; contentBase64: string } | { ok: false; problem: 'empty' | 'tooLarge' | 'unreadable' };

/**
 * A chosen file as the register takes it: its name and its bytes in base64. The size is checked here
 * first, so the officer hears at once that a file is too large rather than after sending it.
 */
export async function readScan(file: File): Promise<ScanReading> {
  if (file.size === 0) return { ok: false, problem: 'empty' };
  if (file.size > MAX_SCAN_BYTES) return { ok: false, problem: 'tooLarge' };
  try {
    return { ok: true, fileName: file.name, contentBase64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
}

/** Base64 of some bytes, a slice at a time: one call with millions of arguments overflows the stack. */
function bytesToBase64(bytes: Uint8Array): string {
  const SLICE = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(start, start + SLICE));
  }
  return btoa(binary);
}

/** A scan sent back by the register, as something the page can show or save. */
export function scanBlob(scan: { mediaType: string; contentBase64: string }): Blob {
  const binary = atob(scan.contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return new Blob([bytes], { type: scan.mediaType });
}

/**
 * Hands a scan to the officer as a file (in the desktop app, Electron's save dialog): the window
 * opens no other window, and a PDF has no viewer inside the app. The file stays on this computer,
 * under the register's name for it (never the name it had when it was chosen).
 */
export function saveScan(scan: { fileName: string; mediaType: string; contentBase64: string }): void {
  const url = URL.createObjectURL(scanBlob(scan));
  const link = document.createElement('a');
  link.href = url;
  link.download = scan.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the download a moment to start before the address is released.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
