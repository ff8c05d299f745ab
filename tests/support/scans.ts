// Scans as a scanner or a phone makes them, for tests that register letters: the register reads a PDF
// to its pages and decodes an image, so a file that only starts like one is refused.
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
