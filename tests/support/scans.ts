// Scans as a scanner or a phone makes them, for tests that register letters: the register reads a PDF
// to its pages and decodes an image, so a file that only starts like one is refused.
import { createDeflate, crc32, deflateSync } from 'node:zlib';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';

/** A one-page PDF; `marker` is written in it so its bytes can be looked for on the disk or in a table. */
export function onePagePdf(marker = 'wasl-test-letter'): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
      `% ${marker}`,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

/** A 1×1 white PNG. */
export const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=', 'base64');

/** A small baseline JPEG, as a camera or a scanner writes one (Huffman-coded). */
export function smallJpeg(width = 16, height = 16): Buffer {
  const pixels = Buffer.alloc(width * height * 4, 0xff);
  for (let index = 0; index < width * height; index += 3) pixels.fill(0x40, index * 4, index * 4 + 3);
  return Buffer.from(encodeJpeg({ width, height, data: pixels }, 90).data);
}

/** A white greyscale PNG of any size: a blank page compresses to almost nothing, whatever its size in pixels. */
export function whitePng(width: number, height: number): Buffer {
  const image = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  image.data = Buffer.alloc(width * height, 0xff);
  return PNG.sync.write(image, { colorType: 0, inputColorType: 0, inputHasAlpha: false, filterType: 0 });
}

/**
 * An interlaced 100 × 100 PNG whose pixel data inflates to `inflatedBytes` of zeros: a few hundred
 * kilobytes on the disk, as much memory as asked once inflated whole. Deflated a megabyte at a time,
 * so that making it takes no more memory than the file.
 */
export async function interlacedPngInflatingTo(inflatedBytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const compressed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  const finished = new Promise((resolve) => deflate.on('end', resolve));
  const megabyte = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < inflatedBytes; written += megabyte.length) {
    if (!deflate.write(megabyte)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await finished;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(100, 0);
  header.writeUInt32BE(100, 4);
  // 8-bit greyscale, deflate, adaptive filtering, Adam7 interlacing.
  header.set([8, 0, 0, 0, 1], 8);
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', Buffer.concat(compressed)), pngChunk('IEND', Buffer.alloc(0))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, checksum]);
}

/**
 * A PDF of a few kilobytes whose page tree names the same node `fan` times at each of `levels`
 * levels: one page, reached by fan^levels paths. Walked path by path, it is millions of pages.
 */
export function pdfWithSharedPageTree(levels: number, fan: number): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>'];
  for (let level = 0; level < levels; level += 1) objects.push(`<< /Type /Pages /Kids [${`${level + 3} 0 R `.repeat(fan)}] /Count 1 >>`);
  objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>`);
  return pdfOf(objects);
}

/** A PDF of these objects, numbered from 1, the first its catalog, with a cross-reference table that finds them. */
function pdfOf(objects: string[]): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const table = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${table}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The seven passes of Adam7 interlacing: where each starts, and its steps across and down. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** A white 8-bit greyscale PNG, interlaced (as some programs save a page for the web). */
export function interlacedWhitePng(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (const [left, top, across, down] of ADAM7) {
    const passWidth = width > left ? Math.ceil((width - left) / across) : 0;
    const passHeight = height > top ? Math.ceil((height - top) / down) : 0;
    if (passWidth === 0) continue;
    // Each row: its filter (none), then its pixels.
    for (let row = 0; row < passHeight; row += 1) rows.push(Buffer.concat([Buffer.from([0]), Buffer.alloc(passWidth, 0xff)]));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 1], 8);
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.concat(rows))), pngChunk('IEND', Buffer.alloc(0))]);
}

/**
 * A greyscale progressive JPEG of `passes` passes (scans) after the first: each pass a few dozen
 * bytes that skip every block of the image at once (runs of 32,767 blocks with nothing in them),
 * yet a decoder goes over every block of the image for each. Cameras write a handful of passes.
 */
export function progressiveJpeg(passes: number, width = 4_000, height = 6_000): Buffer {
  const segment = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  // A Huffman table of one one-bit code, 0, for one symbol.
  const huffmanTable = (tableClass: number, symbol: number) => Buffer.from([tableClass, 1, ...new Array<number>(15).fill(0), symbol]);
  const frame = Buffer.from([8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  // The first pass: every block's DC difference is 0 (one 0 bit each).
  const firstPass = Buffer.concat([segment(0xda, Buffer.from([1, 1, 0x00, 0, 0, 0])), Buffer.alloc(Math.ceil(blocks / 8) + 1)]);
  // Each later pass: code 0 is an end-of-band run of 2^14 + the next 14 bits, all ones: 32,767 blocks.
  const runs = Math.ceil(blocks / 32_767);
  const bits = '0'.concat('1'.repeat(14)).repeat(runs).padEnd(Math.ceil((runs * 15) / 8) * 8, '1');
  const entropy: number[] = [];
  for (let at = 0; at < bits.length; at += 8) {
    const byte = parseInt(bits.slice(at, at + 8), 2);
    // A 0xFF in the coded data is followed by 0x00, so that it is not read as a marker.
    entropy.push(...(byte === 0xff ? [0xff, 0x00] : [byte]));
  }
  const laterPass = Buffer.concat([segment(0xda, Buffer.from([1, 1, 0x00, 1, 63, 0])), Buffer.from(entropy)]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xdb, Buffer.from([0, ...new Array<number>(64).fill(1)])),
    segment(0xc2, frame),
    segment(0xc4, huffmanTable(0x00, 0)),
    segment(0xc4, huffmanTable(0x10, 0xe0)),
    firstPass,
    ...new Array<Buffer>(passes).fill(laterPass),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/**
 * A PDF of a few hundred kilobytes whose object stream inflates to `inflatedBytes`, every entry of it
 * naming the same object: a reader that inflates the stream whole and lists its entries holds all of
 * it. It claims `claimedObjects` entries (by default as many as it holds).
 */
export function pdfWithInflatingObjectStream(inflatedBytes: number, claimedObjects = Math.floor(inflatedBytes / 4)): Buffer {
  const entries = deflateSync(Buffer.alloc(inflatedBytes, '1 0 '), { level: 9 });
  const streamAt = '%PDF-1.5\n'.length;
  const head = Buffer.from(
    `%PDF-1.5\n4 0 obj\n<< /Type /ObjStm /N ${claimedObjects} /First 0 /Filter /FlateDecode /Length ${entries.length} >>\nstream\n`,
    'latin1',
  );
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
  let tail = '\nendstream\nendobj\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(head.length + entries.length + tail.length);
    tail += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const table = head.length + entries.length + tail.length;
  const entryOf = (offset: number) => `${String(offset).padStart(10, '0')} 00000 n \n`;
  tail += `xref\n0 5\n0000000000 65535 f \n${[...offsets, streamAt].map(entryOf).join('')}`;
  tail += `trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${table}\n%%EOF\n`;
  return Buffer.concat([head, entries, Buffer.from(tail, 'latin1')]);
}

/**
 * A PDF of a few hundred bytes whose cross-reference stream claims `entries` objects, each written in
 * no bytes at all (every field zero bytes wide): a reader that builds every entry it claims builds them all.
 */
export function pdfClaimingXrefEntries(entries: number): Buffer {
  const head = [
    '%PDF-1.5',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
    '',
  ].join('\n');
  const xref = `4 0 obj << /Type /XRef /Size ${entries} /Index [0 ${entries}] /W [0 0 0] /Root 1 0 R /Length 0 >>\nstream\n\nendstream\nendobj\n`;
  return Buffer.from(`${head}${xref}startxref\n${head.length}\n%%EOF\n`, 'latin1');
}
