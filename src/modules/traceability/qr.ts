import QRCode from 'qrcode';

// Level M survives a scuffed or partly covered label; a 2-module margin, because the page or the
// label around the code supplies the rest of the quiet zone.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The trace URL as an SVG document (`<svg …viewBox="0 0 N N"…>`), N = modules + margins. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...OPTIONS, type: 'svg' });
}

/** The trace URL as a black-on-white PNG about `px` pixels square (qrcode rounds to whole modules). */
export function qrPngBuffer(url: string, px: number): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...OPTIONS, type: 'png', width: Math.max(21, Math.round(px)) });
}
