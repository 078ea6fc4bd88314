// The page machinery shared by the PDF writers (order documents, member statements, shipping labels):
// a document that collects its bytes, the pen (Sheet) that lays and places text from the reading
// direction's start edge and breaks pages, label–value rows, a table whose header repeats on every
// page, the page footer, and small formatting helpers. Text itself goes through #platform/pdf/text.js.
import type PDFDocument from 'pdfkit';
import type { TFunction } from 'i18next';
import type { Formatter } from '#platform/i18n/format.js';
import { dirOf, drawLine, toRuns, wrapPieces, type Doc, type Piece, type Pick } from '#platform/pdf/text.js';

/** Where something sits, seen from the reading direction: 'start' is the right in Arabic. */
export type Side = 'start' | 'end';

/** A page's size and the margin kept free on every side (points). */
export interface Geometry {
  w: number;
  h: number;
  margin: number;
  /** Where the flow stops (a footer may live below). */
  bottom: number;
}

export interface Laid {
  lines: Piece[][];
  rtl: boolean;
  size: number;
  h: number;
}

export const LEAD = 1.3;
export const GREY = '#555555';

/** An A4 page (points), the footer living below the flow. */
export const A4: Geometry = { w: 595.28, h: 841.89, margin: 36, bottom: 841.89 - 54 };
/** Type sizes of the A4 documents. */
export const SIZE = { title: 15, body: 8.5, label: 7, table: 7.5, head: 7 };
/** Space between blocks. */
export const GAP = 14;
/** Space inside table cells. */
export const PAD = 3;

// pdfkit (with fontkit and its Unicode tables) costs about 150 ms and 10 MB to load, and only the
// PDF routes use it: loaded at the first document, not at start.
let pdfkit: Promise<typeof PDFDocument> | undefined;
const loadPdfkit = () => (pdfkit ??= import('pdfkit').then((m) => m.default));

/** Starts a PDF document and collects its bytes. */
export async function newDocument(options: PDFKit.PDFDocumentOptions): Promise<{ doc: Doc; done: Promise<Buffer> }> {
  const PDFDocument = await loadPdfkit();
  const doc = new PDFDocument({ margin: 0, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** The pen: a y position, the page flow, and text placed from the reading direction's start edge. */
export class Sheet {
  y: number;
  readonly width: number;
  onNewPage: () => void = () => {};

  constructor(
    readonly doc: Doc,
    readonly pick: Pick,
    readonly rtl: boolean,
    readonly page: Geometry,
  ) {
    this.y = page.margin;
    this.width = page.w - 2 * page.margin;
  }

  /**
   * Wraps text to a width. A paragraph's direction is its own: a Latin name reads LTR in an Arabic
   * document, an Arabic one RTL in a Spanish document; without letters (numbers, codes) LTR.
   */
  lay(pieces: Piece[] | string, w: number, size: number, bold = false): Laid {
    const ps = typeof pieces === 'string' ? [{ text: pieces, bold }] : pieces;
    const text = ps.map((p) => p.text).join('');
    const strong = [...text].map(dirOf).find((d) => d === 'L' || d === 'R');
    const lines = text.trim() ? wrapPieces(this.doc, ps, this.pick, w, size, size * 0.75) : [];
    return { lines, rtl: strong === 'R', size, h: lines.length * size * LEAD };
  }

  /** The page's x of a box `w` wide that starts `x` from the content's start edge. */
  left(x: number, w: number): number {
    return this.rtl ? this.page.margin + this.width - x - w : this.page.margin + x;
  }

  /** Draws laid text with its top at `y`, `x` measured from the start edge of the content. */
  put(laid: Laid, x: number, y: number, w: number, side: Side = 'start'): void {
    const left = this.left(x, w);
    const right = (side === 'end') !== this.rtl;
    const align = right !== laid.rtl ? 'end' : 'start';
    laid.lines.forEach((line, i) => {
      const baseline = y + laid.size * (0.85 + i * LEAD);
      drawLine(this.doc, toRuns(line, this.pick), { x: left, y: baseline, w, rtl: laid.rtl, align }, laid.size, laid.size * 0.75);
    });
  }

  /** Lays, draws at the pen and moves the pen down. */
  para(pieces: Piece[] | string, size: number, opts: { bold?: boolean; x?: number; w?: number; color?: string; side?: Side } = {}): void {
    const w = opts.w ?? this.width;
    const laid = this.lay(pieces, w, size, opts.bold);
    this.ensure(laid.h);
    this.doc.fillColor(opts.color ?? 'black');
    this.put(laid, opts.x ?? 0, this.y, w, opts.side);
    this.doc.fillColor('black');
    this.y += laid.h;
  }

  rule(x: number, w: number, y = this.y, width = 0.5, color = '#999999'): void {
    const left = this.left(x, w);
    this.doc.save().lineWidth(width).strokeColor(color).moveTo(left, y).lineTo(left + w, y).stroke().restore();
  }

  fill(x: number, y: number, w: number, h: number, color: string): void {
    this.doc.save().rect(this.left(x, w), y, w, h).fill(color).restore();
  }

  /** Starts a new page when `h` more points do not fit on this one. */
  ensure(h: number): void {
    if (this.y + h <= this.page.bottom || this.y <= this.page.margin + 40) return;
    this.doc.addPage();
    this.y = this.page.margin;
    this.onNewPage();
  }
}

/**
 * Data put into a translated sentence (a phone number, a tax ID) keeps its own left-to-right order
 * in an Arabic one: the marks make '+34 910 000 000' one LTR run instead of numbers in RTL order.
 */
export const ltr = (data: string): string => `\u200e${data}\u200e`;

/** '500 g' must not break between the number and its unit. */
export const together = (text: string): string => text.replace(/ /g, '\u00a0');

/** A weight in grams as the app shows it elsewhere: grams below a kilogram, kilograms from there. */
export function weightText(grams: bigint, fmt: Formatter): string {
  return together(grams < 1000n && grams > -1000n ? fmt.measure(grams, 0, 'g') : fmt.measure(grams, 3, 'kg'));
}

/** An order line's quantity as the documents show it. */
export interface Quantity {
  unit: string;
  unitDecimals: number;
  quantity: bigint;
  netWeightG: bigint;
}

/** '12.5 kg', or '24 × jar of 500 g' when the line's weight divides evenly into its units. */
export function quantityText(line: Quantity, fmt: Formatter, t: TFunction): string {
  if (['kg', 'g', 'l'].includes(line.unit)) return together(fmt.measure(line.quantity, line.unitDecimals, line.unit));
  const scaledWeight = line.netWeightG * 10n ** BigInt(line.unitDecimals);
  const perUnit = line.quantity > 0n && scaledWeight > 0n && scaledWeight % line.quantity === 0n ? scaledWeight / line.quantity : null;
  const unit = perUnit === null
    ? t(`catalog:unitName.${line.unit}`, { defaultValue: line.unit })
    : t(`catalog:unit.${line.unit}`, { weight: weightText(perUnit, fmt), defaultValue: line.unit });
  return t('catalog:qty.count', { count: fmt.measure(line.quantity, line.unitDecimals, 'count'), unit });
}

export interface KV {
  label: string;
  value: string;
  bold?: boolean;
  ruleAbove?: boolean;
}

/** Label–value rows; laid first so their height is known before drawing. */
export function layKV(sheet: Sheet, rows: KV[], w: number, labelW: number, size: number) {
  return rows.map((r) => {
    const label = sheet.lay(r.label, labelW, size, r.bold);
    const value = sheet.lay(r.value, w - labelW - 8, size, r.bold);
    return { ...r, label, value, h: Math.max(label.h, value.h) + size * 0.25 };
  });
}

export function putKV(sheet: Sheet, rows: ReturnType<typeof layKV>, x: number, y: number, w: number, labelW: number, valueSide: Side): number {
  for (const r of rows) {
    if (r.ruleAbove) sheet.rule(x, w, y - 1, 0.6, '#333333');
    sheet.doc.fillColor(r.bold ? 'black' : GREY);
    sheet.put(r.label, x, y, labelW);
    sheet.doc.fillColor('black');
    sheet.put(r.value, x + labelW + 8, y, w - labelW - 8, valueSide);
    y += r.h;
  }
  return y;
}

/** A table column: its header, its width (0: whatever is left), its side and its cell's paragraphs. */
export interface Column<T> {
  head: string;
  w: number;
  side: Side;
  cell: (row: T) => string[]; // paragraphs
}

/** Gives the column of width 0 what the others leave of `width`. */
export function flexColumns<T>(cols: Column<T>[], width: number): Column<T>[] {
  const flexible = cols.find((c) => c.w === 0)!;
  flexible.w = width - cols.reduce((sum, c) => sum + c.w, 0);
  return cols;
}

/**
 * Rows of a table across the content width, the header repeated on every page the table reaches.
 * A cell's paragraphs after the first are drawn in `detail`'s size and colour when given, else like
 * the first.
 */
export function drawTable<T>(sheet: Sheet, cols: Column<T>[], rows: T[], detail?: { size: number; color: string }): void {
  const xs = cols.map((_, i) => cols.slice(0, i).reduce((sum, c) => sum + c.w, 0));
  const header = (): void => {
    const laid = cols.map((c) => sheet.lay(c.head, c.w - 2 * PAD, SIZE.head, true));
    const h = Math.max(...laid.map((l) => l.h)) + 2 * PAD;
    sheet.fill(0, sheet.y, sheet.width, h, '#e8e8e8');
    laid.forEach((l, i) => sheet.put(l, xs[i]! + PAD, sheet.y + PAD, cols[i]!.w - 2 * PAD, cols[i]!.side));
    sheet.y += h;
  };
  sheet.ensure(60); // the header and a first row or two, or a new page
  header();
  const previous = sheet.onNewPage;
  sheet.onNewPage = () => {
    previous();
    header();
  };
  for (const row of rows) {
    const cells = cols.map((c) => c.cell(row).map((p, i) => sheet.lay(p, c.w - 2 * PAD, i === 0 || !detail ? SIZE.table : detail.size)));
    const h = Math.max(...cells.map((parts) => parts.reduce((sum, p) => sum + p.h, 0))) + 2 * PAD;
    sheet.ensure(h);
    cells.forEach((parts, i) => {
      let y = sheet.y + PAD;
      parts.forEach((part, j) => {
        if (detail) sheet.doc.fillColor(j === 0 ? 'black' : detail.color);
        sheet.put(part, xs[i]! + PAD, y, cols[i]!.w - 2 * PAD, cols[i]!.side);
        y += part.h;
      });
      if (detail) sheet.doc.fillColor('black');
    });
    sheet.y += h;
    sheet.rule(0, sheet.width, sheet.y, 0.3, '#bbbbbb');
  }
  sheet.onNewPage = previous;
}

/** On every buffered page: a rule, then `text` at the start side and 'page n of m' at the end side. */
export function drawFooters(sheet: Sheet, text: string, pageText: (page: number, pages: number) => string): void {
  const { doc } = sheet;
  const width = sheet.width;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = sheet.page.h - 36;
    sheet.rule(0, width, y - 6, 0.3, '#bbbbbb');
    doc.fillColor(GREY);
    sheet.put(sheet.lay(text, width - 110, SIZE.label), 0, y, width - 110);
    sheet.put(sheet.lay(pageText(i - range.start + 1, range.count), 100, SIZE.label), width - 100, y, 100, 'end');
    doc.fillColor('black');
  }
}
