import { inflateSync } from 'node:zlib';
import { decode as decodeJpeg } from 'jpeg-js';
import { PDFDocument, PDFName, PDFPageLeaf, PDFPageTree, PDFRef } from 'pdf-lib';
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

/**
 * A progressive JPEG is decoded pass by pass, each pass going over every block of the image: a pass
 * can be a few dozen bytes, so ten megabytes of them over 24 megapixels would hold the desk for many
 * minutes. Cameras and scanners write a handful (about ten); nothing a scan needs comes near this.
 */
export const MAX_JPEG_PASSES = 100;

export type ScanInspection =
  | { ok: true; mediaType: ScanMediaType }
  /**
   * type: not a PDF, PNG or JPEG at all; damaged: starts like one but does not read as one;
   * dimensions: an image too large in pixels; passes: a JPEG saved in more passes than MAX_JPEG_PASSES.
   */
  | { ok: false; problem: 'type' | 'damaged' | 'dimensions' | 'passes' };

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
    if (mediaType === 'image/jpeg' && jpegPasses(bytes) > MAX_JPEG_PASSES) return { ok: false, problem: 'passes' };
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
  return pagesInTree(document);
}

/**
 * The pages of a PDF's page tree, walked from the catalog with each node visited once. The library's
 * own count follows every path down the tree: a file of a few kilobytes whose nodes each name the
 * next one twice reaches one page by 2^40 paths, and would hold the desk for hours. A tree names
 * each node once, so a node reached again (many paths, or a loop) makes the file damaged.
 */
function pagesInTree(document: PDFDocument): number {
  const visited = new Set<PDFRef>();
  const pending: unknown[] = [document.catalog.get(PDFName.of('Pages'))];
  let pages = 0;
  for (let reference = pending.pop(); reference !== undefined; reference = pending.pop()) {
    if (!(reference instanceof PDFRef) || visited.has(reference)) throw new Error('A page tree that is not a tree');
    visited.add(reference);
    const node = document.context.lookup(reference);
    if (node instanceof PDFPageLeaf) pages += 1;
    else if (node instanceof PDFPageTree) pending.push(...node.Kids().asArray());
    else throw new Error('A page tree node that is neither a page nor pages');
  }
  return pages;
}

/**
 * A PNG's size, from decoding it whole (every chunk's checksum and the compressed pixels). The size
 * its header claims is weighed first: a blank page of a billion pixels compresses into a few
 * kilobytes and would fill the desk's memory once decoded.
 */
function decodedPngSize(bytes: Buffer): { width: number; height: number } | 'tooManyPixels' {
  // The header chunk comes first in every PNG, at a fixed place: its length, "IHDR", the width, the height.
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('A PNG without its header');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (!isScanSized({ width, height })) return 'tooManyPixels';
  // Then its depth, colour type, compression and filter methods, and interlacing, one byte each.
  if (bytes[28] === ADAM7_INTERLACING) {
    // The reader bounds what it inflates by the image's size, but not for an interlaced image: its
    // data is inflated here first, stopping at what the image can hold, so that a few kilobytes that
    // inflate to gigabytes are refused as damaged.
    const bitsPerPixel = (bytes[24] ?? 0) * (PNG_CHANNELS[bytes[25] ?? -1] ?? 0);
    if (bitsPerPixel === 0) throw new Error('A PNG of an unknown colour type or depth');
    inflateSync(compressedPixelData(bytes), { maxOutputLength: interlacedDataBytes(width, height, bitsPerPixel) });
  }
  const image = PNG.sync.read(bytes);
  return { width: image.width, height: image.height };
}

const ADAM7_INTERLACING = 1;

/** Values per pixel of each PNG colour type: grey, RGB, palette index, grey and alpha, RGB and alpha. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The seven passes of Adam7 interlacing: the column and row each starts at, and its steps across and down. */
const ADAM7_PASSES = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** How many bytes an interlaced image's data inflates to: each pass's rows, each a filter byte and its pixels. */
function interlacedDataBytes(width: number, height: number, bitsPerPixel: number): number {
  let bytes = 0;
  for (const [left, top, across, down] of ADAM7_PASSES) {
    const passWidth = width > left ? Math.ceil((width - left) / across) : 0;
    const passHeight = height > top ? Math.ceil((height - top) / down) : 0;
    if (passWidth > 0) bytes += passHeight * (1 + Math.ceil((passWidth * bitsPerPixel) / 8));
  }
  return Math.max(bytes, 1);
}

/** A PNG's compressed pixel data: its IDAT chunks (each a length, a type, the data and a checksum), joined. */
function compressedPixelData(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') parts.push(bytes.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return Buffer.concat(parts);
}

/** The start-of-scan marker: one in front of each pass of a JPEG's coded pixels. */
const START_OF_SCAN = Buffer.from([0xff, 0xda]);

/**
 * How many passes a JPEG holds, at most: the start-of-scan markers in it. Inside the coded pixels a
 * 0xFF byte is always followed by 0x00, so no pass is missed; the same two bytes inside metadata (a
 * preview image, a colour profile) are counted too, which can only err towards refusing.
 */
function jpegPasses(bytes: Buffer): number {
  let passes = 0;
  for (let at = bytes.indexOf(START_OF_SCAN); at !== -1; at = bytes.indexOf(START_OF_SCAN, at + START_OF_SCAN.length)) passes += 1;
  return passes;
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
