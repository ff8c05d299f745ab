import { decode as decodeJpeg } from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import type { ScanMediaType } from '../../api/fields/scan';

/** An A4 page at 500 dpi is 5,846 pixels long, an A3 page 8,268: no side of a scan needs more than this. */
export const MAX_SCAN_SIDE = 10_000;
/**
 * An A4 page at 500 dpi is 24 megapixels (at 300 dpi, the usual, 9). The desk waits while an image is
 * decoded and holds it whole: a JPEG of 24 megapixels takes its decoder a few seconds and up to half a
 * gigabyte, so nothing larger than a scan needs is decoded at all.
 */
export const MAX_SCAN_PIXELS = 25_000_000;

export type ScanInspection =
  | { ok: true; mediaType: ScanMediaType }
  /** type: not a PDF, PNG or JPEG at all; damaged: starts like one but does not read as one; dimensions: an image too large in pixels. */
  | { ok: false; problem: 'type' | 'damaged' | 'dimensions' };

/** What a file says it is, from its first bytes: only which reader to try, never proof of anything. */
export function sniffMediaType(bytes: Buffer): ScanMediaType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * Whether a file is what it starts like: a PDF is read to its page tree and has a page, a PNG or a
 * JPEG decodes to an image of a scan's size. A file that starts with `%PDF-` and goes on as a web page
 * is damaged, not a PDF. This says nothing about what a real PDF holds; the file is never shown
 * inside Wasl, and it is saved under a name Wasl gives it, with the extension of what it really is.
 */
export async function inspectScan(bytes: Buffer): Promise<ScanInspection> {
  const mediaType = sniffMediaType(bytes);
  if (mediaType === null) return { ok: false, problem: 'type' };
  try {
    if (mediaType === 'application/pdf') return (await pdfPageCount(bytes)) >= 1 ? { ok: true, mediaType } : { ok: false, problem: 'damaged' };
    const size = mediaType === 'image/png' ? decodedPngSize(bytes) : decodedJpegSize(bytes);
    if (size === 'tooManyPixels' || !isScanSized(size)) return { ok: false, problem: 'dimensions' };
    return { ok: true, mediaType };
  } catch {
    // Every reader throws on what it cannot read; which error it was tells the officer nothing more.
    return { ok: false, problem: 'damaged' };
  }
}

const isScanSized = ({ width, height }: { width: number; height: number }) =>
  width >= 1 && height >= 1 && width <= MAX_SCAN_SIDE && height <= MAX_SCAN_SIDE && width * height <= MAX_SCAN_PIXELS;

/** The pages of a PDF, by walking its page tree. The reader yields to the desk's other work as it goes. */
async function pdfPageCount(bytes: Buffer): Promise<number> {
  // A scan saved with an owner password (no printing, no copying) still has pages to count.
  const document = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  return document.getPageCount();
}

/**
 * A PNG's size, from decoding it whole (every chunk's checksum and the compressed pixels). The size
 * its header claims is weighed first: a blank page of a billion pixels compresses into a few
 * kilobytes and would fill the desk's memory once decoded.
 */
function decodedPngSize(bytes: Buffer): { width: number; height: number } | 'tooManyPixels' {
  // The header chunk comes first in every PNG, at a fixed place: its length, "IHDR", the width, the height.
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('A PNG without its header');
  if (!isScanSized({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) })) return 'tooManyPixels';
  const image = PNG.sync.read(bytes);
  return { width: image.width, height: image.height };
}

/** A JPEG's size, from decoding it whole; the decoder weighs the size its frame header claims before it allocates. */
function decodedJpegSize(bytes: Buffer): { width: number; height: number } | 'tooManyPixels' {
  try {
    const image = decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: MAX_SCAN_PIXELS / 1_000_000,
      maxMemoryUsageInMB: 512,
    });
    return { width: image.width, height: image.height };
  } catch (error) {
    // The decoder's own refusals of a size, as it words them.
    if (error instanceof Error && /maxResolutionInMP|maxMemoryUsageInMB/.test(error.message)) return 'tooManyPixels';
    throw error;
  }
}
