import QRCode from 'qrcode';

/**
 * A QR code as inline SVG markup: one black path of square modules on white, drawn at the size given
 * in millimetres, so that it prints sharp on any printer and survives a photocopy. The quiet zone
 * around it is part of the drawing, so that nothing printed beside it can touch it.
 */
export function qrCodeSvg(text: string, sizeMm: number): string {
  // Level M: a tick or a crease across a corner still reads, and the code stays small enough to scan.
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const side = modules.size + quiet * 2;
  let path = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) path += `M${column + quiet} ${row + quiet}h1v1h-1z`;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${sizeMm}mm" height="${sizeMm}mm" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  );
}
