import { newDocument } from '#platform/pdf/sheet.js';
import { DEFAULT_FONT_DIRS, drawLine, fontPicker, isRtl, toRuns, type Doc, type Piece, type Pick } from '#platform/pdf/text.js';
import { qrPngBuffer } from './qr.js';

// The text machinery (fonts per script, right-to-left lines) lives in #platform/pdf/text.js.
export { DEFAULT_FONT_DIRS };

export interface LabelData {
  productName: string;
  lotCode: string;
  producedOn: string;
  bestBefore: string | null;
  netWeight: string;
  origin: string;
  member: string;
  traceUrl: string;
  /** Already localized field names, e.g. { lot: 'Lot', produced: 'Produced', … }. */
  texts: { lot: string; produced: string; bestBefore: string; netWeight: string; origin: string };
}

export type LabelSheetSize = 'a4-8' | 'a4-21' | 'a4-24';

export interface LabelSheetOptions {
  /** Where to look for Noto fonts; [] forces the Helvetica fallback. */
  fontDirs?: string[];
  /** A hairline around each label, for checking alignment or cutting plain paper. */
  outline?: boolean;
}

const MM = 72 / 25.4;
// Label sizes of the common A4 sheets (Avery L7165, L7160, L7159 and their clones), grid centred.
const SHEETS: Record<LabelSheetSize, { cols: number; rows: number; w: number; h: number; gapX: number }> = {
  'a4-8': { cols: 2, rows: 4, w: 99.1, h: 67.7, gapX: 2.5 },
  'a4-21': { cols: 3, rows: 7, w: 63.5, h: 38.1, gapX: 2.5 },
  'a4-24': { cols: 3, rows: 8, w: 63.5, h: 33.9, gapX: 2.5 },
};
const A4 = { w: 210, h: 297 };

async function drawLabel(doc: Doc, label: LabelData, x: number, y: number, w: number, h: number, pick: Pick): Promise<void> {
  const pad = Math.min(w, h) * 0.08;
  const qr = Math.min(h - 2 * pad, w * 0.38);
  const qrX = x + w - pad - qr;
  doc.image(await qrPngBuffer(label.traceUrl, (qr / 72) * 300), qrX, y + (h - qr) / 2, { width: qr, height: qr });

  const t = label.texts;
  const field = (name: string, value: string, bold = false): Piece[] => [{ text: `${name}: ` }, { text: value, bold }];
  const lines: Piece[][] = [
    [{ text: label.member }],
    field(t.lot, label.lotCode, true),
    field(t.produced, label.producedOn),
    ...(label.bestBefore ? [field(t.bestBefore, label.bestBefore)] : []),
    field(t.netWeight, label.netWeight),
    field(t.origin, label.origin),
  ];
  // Sizes follow the label height, scaled down together if the block would not fit.
  const body0 = Math.min(11, Math.max(6, h / 13));
  const k = Math.min(1, (h - 2 * pad) / (body0 * 1.25 * (1.5 + lines.length)));
  const [body, name] = [body0 * k, body0 * 1.5 * k];
  const textW = qrX - pad * 0.6 - (x + pad);
  // Vertically centred; the direction follows the label's UI language (its field names).
  const blockH = name * 1.3 + (lines.length + 0.2) * body * 1.25;
  const box = { x: x + pad, y: y + Math.max(pad, (h - blockH) / 2) + name * 0.95, w: textW, rtl: isRtl(t.lot) };
  doc.fillColor('black');
  drawLine(doc, toRuns([{ text: label.productName, bold: true }], pick), box, name, body);
  box.y += name * 0.35;
  for (const line of lines) {
    box.y += body * 1.25;
    drawLine(doc, toRuns(line, pick), box, body, Math.max(4, body * 0.7));
  }
}

/** A4 sheets of product labels with the lot's trace QR code, as PDF bytes. */
export async function labelSheetPdf(labels: LabelData[], size: LabelSheetSize, opts: LabelSheetOptions = {}): Promise<Buffer> {
  const sheet = SHEETS[size];
  const { doc, done } = await newDocument({ size: 'A4', autoFirstPage: false, info: { Title: 'Labels', Creator: 'Terroir' } });
  const pick = fontPicker(doc, opts.fontDirs ?? DEFAULT_FONT_DIRS);
  const [w, h] = [sheet.w * MM, sheet.h * MM];
  const left = ((A4.w - sheet.cols * sheet.w - (sheet.cols - 1) * sheet.gapX) / 2) * MM;
  const top = ((A4.h - sheet.rows * sheet.h) / 2) * MM;
  const perPage = sheet.cols * sheet.rows;
  if (labels.length === 0) doc.addPage();
  for (const [i, label] of labels.entries()) {
    if (i % perPage === 0) doc.addPage();
    const [col, row] = [i % sheet.cols, Math.floor((i % perPage) / sheet.cols)];
    const [x, y] = [left + col * (w + sheet.gapX * MM), top + row * h];
    if (opts.outline) doc.save().lineWidth(0.3).strokeColor('#bbbbbb').roundedRect(x, y, w, h, 2 * MM).stroke().restore();
    await drawLabel(doc, label, x, y, w, h, pick);
  }
  doc.end();
  return done;
}
