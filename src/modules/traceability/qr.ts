import type QRCode from 'qrcode';

// qrcode (and pngjs) load at the first code drawn, not at start: only trace, label and two-step
// verification pages draw one.
let qrcode: Promise<typeof QRCode> | undefined;
const loadQrcode = () => (qrcode ??= import('qrcode').then((m) => m.default));

// Level M survives a scuffed or partly covered label; a 2-module margin, because the page or the
// label around the code supplies the rest of the quiet zone.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** The trace URL as an SVG document (`<svg …viewBox="0 0 N N"…>`), N = modules + margins. */
export async function qrSvg(url: string): Promise<string> {
  return (await loadQrcode()).toString(url, { ...OPTIONS, type: 'svg' });
}

/** The trace URL as a black-on-white PNG about `px` pixels square (qrcode rounds to whole modules). */
export async function qrPngBuffer(url: string, px: number): Promise<Buffer> {
  return (await loadQrcode()).toBuffer(url, { ...OPTIONS, type: 'png', width: Math.max(21, Math.round(px)) });
}
