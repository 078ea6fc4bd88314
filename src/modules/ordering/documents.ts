// The order's papers for customs and the buyer, as A4 PDFs in the buyer's language: the pro-forma
// invoice (when the order is placed), the commercial invoice (when it ships) and the packing list
// (no prices). Text goes through #platform/pdf/text.js, which draws Chinese, Arabic (right to left)
// and the rest with Noto fonts; an Arabic document is laid out mirrored.
import PDFDocument from 'pdfkit';
import type { TFunction } from 'i18next';
import type { Formatter } from '#platform/i18n/format.js';
import { DEFAULT_FONT_DIRS, dirOf, drawLine, fontPicker, isRtl, toRuns, wrapPieces, type Doc, type Piece, type Pick } from '#platform/pdf/text.js';
import type { OrderDocumentData } from '#modules/ordering/ordering.types.js';

export type OrderDocumentKind = 'proforma' | 'invoice' | 'packingList';

export interface OrderDocumentOptions {
  /** Where to look for Noto fonts; [] forces the Helvetica fallback. */
  fontDirs?: string[];
}

type DocLine = OrderDocumentData['lines'][number];

const PAGE = { w: 595.28, h: 841.89 }; // A4 in points
const MARGIN = 36;
const WIDTH = PAGE.w - 2 * MARGIN;
const BOTTOM = PAGE.h - 54; // the footer lives below
const LEAD = 1.3;
const SIZE = { title: 15, body: 8.5, label: 7, table: 7.5, head: 7 };
const GAP = 14;
const PAD = 3; // inside table cells
const GREY = '#555555';

/** Where something sits, seen from the document's reading direction: 'start' is the right in Arabic. */
type Side = 'start' | 'end';

interface Laid {
  lines: Piece[][];
  rtl: boolean;
  size: number;
  h: number;
}

/** The pen: a y position, the page flow and text placed from the reading direction's start edge. */
class Sheet {
  y = MARGIN;
  onNewPage: () => void = () => {};

  constructor(
    readonly doc: Doc,
    readonly pick: Pick,
    readonly rtl: boolean,
  ) {}

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

  /** Draws laid text with its top at `y`, `x` measured from the start edge of the content. */
  put(laid: Laid, x: number, y: number, w: number, side: Side = 'start'): void {
    const left = this.rtl ? MARGIN + WIDTH - x - w : MARGIN + x;
    const right = (side === 'end') !== this.rtl;
    const align = right !== laid.rtl ? 'end' : 'start';
    laid.lines.forEach((line, i) => {
      const baseline = y + laid.size * (0.85 + i * LEAD);
      drawLine(this.doc, toRuns(line, this.pick), { x: left, y: baseline, w, rtl: laid.rtl, align }, laid.size, laid.size * 0.75);
    });
  }

  /** Lays, draws at the pen and moves the pen down. */
  para(pieces: Piece[] | string, size: number, opts: { bold?: boolean; x?: number; w?: number; color?: string } = {}): void {
    const laid = this.lay(pieces, opts.w ?? WIDTH, size, opts.bold);
    this.ensure(laid.h);
    this.doc.fillColor(opts.color ?? 'black');
    this.put(laid, opts.x ?? 0, this.y, opts.w ?? WIDTH);
    this.doc.fillColor('black');
    this.y += laid.h;
  }

  rule(x: number, w: number, y = this.y, width = 0.5, color = '#999999'): void {
    const left = this.rtl ? MARGIN + WIDTH - x - w : MARGIN + x;
    this.doc.save().lineWidth(width).strokeColor(color).moveTo(left, y).lineTo(left + w, y).stroke().restore();
  }

  fill(x: number, y: number, w: number, h: number, color: string): void {
    const left = this.rtl ? MARGIN + WIDTH - x - w : MARGIN + x;
    this.doc.save().rect(left, y, w, h).fill(color).restore();
  }

  /** Starts a new page when `h` more points do not fit on this one. */
  ensure(h: number): void {
    if (this.y + h <= BOTTOM || this.y <= MARGIN + 40) return;
    this.doc.addPage();
    this.y = MARGIN;
    this.onNewPage();
  }
}

/**
 * Data put into a translated sentence (a phone number, a tax ID) keeps its own left-to-right order
 * in an Arabic one: the marks make '+34 910 000 000' one LTR run instead of numbers in RTL order.
 */
const ltr = (data: string): string => `\u200e${data}\u200e`;

/** '500 g' must not break between the number and its unit. */
const together = (text: string): string => text.replace(/ /g, '\u00a0');

/** A weight in grams as the app shows it elsewhere: grams below a kilogram, kilograms from there. */
function weightText(grams: bigint, fmt: Formatter): string {
  return together(grams < 1000n && grams > -1000n ? fmt.measure(grams, 0, 'g') : fmt.measure(grams, 3, 'kg'));
}

/** '12.5 kg', or '24 × jar of 500 g' when the line's weight divides evenly into its units. */
function quantityText(line: DocLine, fmt: Formatter, t: TFunction): string {
  if (['kg', 'g', 'l'].includes(line.unit)) return together(fmt.measure(line.quantity, line.unitDecimals, line.unit));
  const scaledWeight = line.netWeightG * 10n ** BigInt(line.unitDecimals);
  const perUnit = line.quantity > 0n && scaledWeight > 0n && scaledWeight % line.quantity === 0n ? scaledWeight / line.quantity : null;
  const unit = perUnit === null
    ? t(`catalog:unitName.${line.unit}`, { defaultValue: line.unit })
    : t(`catalog:unit.${line.unit}`, { weight: weightText(perUnit, fmt), defaultValue: line.unit });
  return t('catalog:qty.count', { count: fmt.measure(line.quantity, line.unitDecimals, 'count'), unit });
}

interface Column {
  head: string;
  w: number;
  side: Side;
  cell: (line: DocLine) => string[]; // paragraphs
}

function columns(kind: OrderDocumentKind, data: OrderDocumentData, t: TFunction, fmt: Formatter): Column[] {
  const dash = (xs: string[]): string[] => (xs.length ? xs : ['—']);
  const cols: (Column | false)[] = [
    { head: t('documents:column.no'), w: 20, side: 'start', cell: (l) => [String(l.lineNo)] },
    { head: t('documents:column.description'), w: 0, side: 'start', cell: (l) => [l.productName] },
    { head: t('documents:column.hsCode'), w: 46, side: 'start', cell: (l) => [l.hsCode || '—'] },
    { head: t('documents:column.origin'), w: kind === 'packingList' ? 70 : 52, side: 'start', cell: (l) => dash(l.originCountries.map((c) => fmt.country(c))) },
    { head: t('documents:column.lots'), w: kind === 'packingList' ? 96 : 84, side: 'start', cell: (l) => dash(l.lotCodes) },
    { head: t('documents:column.quantity'), w: kind === 'packingList' ? 84 : 56, side: 'end', cell: (l) => [quantityText(l, fmt, t)] },
    { head: t('documents:column.netWeight'), w: 50, side: 'end', cell: (l) => [weightText(l.netWeightG, fmt)] },
    kind !== 'packingList' && { head: t('documents:column.unitPrice'), w: 54, side: 'end', cell: (l) => [fmt.money(l.unitPriceMinor, data.currency)] },
    kind !== 'packingList' && { head: t('documents:column.amount'), w: 60, side: 'end', cell: (l) => [fmt.money(l.totalMinor, data.currency)] },
  ];
  const kept = cols.filter((c): c is Column => c !== false);
  const description = kept.find((c) => c.w === 0)!;
  description.w = WIDTH - kept.reduce((sum, c) => sum + c.w, 0);
  return kept;
}

/** Rows of a table, the header repeated on every page the table reaches. */
function drawTable(sheet: Sheet, cols: Column[], lines: DocLine[]): void {
  const xs = cols.map((_, i) => cols.slice(0, i).reduce((sum, c) => sum + c.w, 0));
  const header = (): void => {
    const laid = cols.map((c) => sheet.lay(c.head, c.w - 2 * PAD, SIZE.head, true));
    const h = Math.max(...laid.map((l) => l.h)) + 2 * PAD;
    sheet.fill(0, sheet.y, WIDTH, h, '#e8e8e8');
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
  for (const line of lines) {
    const laid = cols.map((c) => {
      const parts = c.cell(line).map((p) => sheet.lay(p, c.w - 2 * PAD, SIZE.table));
      return { ...parts[0]!, lines: parts.flatMap((p) => p.lines), h: parts.reduce((sum, p) => sum + p.h, 0), parts };
    });
    const h = Math.max(...laid.map((l) => l.h)) + 2 * PAD;
    sheet.ensure(h);
    laid.forEach((l, i) => {
      let y = sheet.y + PAD;
      for (const part of l.parts) {
        sheet.put(part, xs[i]! + PAD, y, cols[i]!.w - 2 * PAD, cols[i]!.side);
        y += part.h;
      }
    });
    sheet.y += h;
    sheet.rule(0, WIDTH, sheet.y, 0.3, '#bbbbbb');
  }
  sheet.onNewPage = previous;
}

interface KV {
  label: string;
  value: string;
  bold?: boolean;
  ruleAbove?: boolean;
}

/** Label–value rows in a box; returns the laid rows so their height is known before drawing. */
function layKV(sheet: Sheet, rows: KV[], w: number, labelW: number, size: number) {
  return rows.map((r) => {
    const label = sheet.lay(r.label, labelW, size, r.bold);
    const value = sheet.lay(r.value, w - labelW - 8, size, r.bold);
    return { ...r, label, value, h: Math.max(label.h, value.h) + size * 0.25 };
  });
}

function putKV(sheet: Sheet, rows: ReturnType<typeof layKV>, x: number, y: number, w: number, labelW: number, valueSide: Side): number {
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

function partyBlock(heading: string, lines: { text: string; bold?: boolean }[]): { heading: string; lines: { text: string; bold?: boolean }[] } {
  return { heading, lines: lines.filter((l) => l.text.trim() !== '') };
}

/** Two blocks side by side (seller and dates, buyer and ship-to), moving the pen below the taller one. */
function drawPair(sheet: Sheet, blocks: (ReturnType<typeof partyBlock> | { heading: string; kv: KV[] })[]): void {
  const w = (WIDTH - GAP) / 2;
  const laid = blocks.map((b) => {
    const heading = sheet.lay(b.heading, w, SIZE.label, true);
    if ('kv' in b) {
      const rows = layKV(sheet, b.kv, w, w * 0.42, SIZE.body);
      return { heading, draw: (x: number, y: number) => putKV(sheet, rows, x, y, w, w * 0.42, 'start'), h: heading.h + rows.reduce((s, r) => s + r.h, 0) };
    }
    const paras = b.lines.flatMap((l) => l.text.split(/\r?\n/).map((text) => sheet.lay(text, w, SIZE.body, l.bold)));
    const draw = (x: number, y: number): number => {
      for (const p of paras) {
        sheet.put(p, x, y, w);
        y += p.h;
      }
      return y;
    };
    return { heading, draw, h: heading.h + paras.reduce((s, p) => s + p.h, 0) };
  });
  const h = Math.max(...laid.map((l) => l.h));
  sheet.ensure(h);
  laid.forEach((l, i) => {
    const x = i * (w + GAP);
    sheet.doc.fillColor(GREY);
    sheet.put(l.heading, x, sheet.y, w);
    sheet.doc.fillColor('black');
    l.draw(x, sheet.y + l.heading.h);
  });
  sheet.y += h + GAP;
}

/** A pro-forma invoice, a commercial invoice or a packing list for one order, as PDF bytes. */
export async function orderDocumentPdf(kind: OrderDocumentKind, data: OrderDocumentData, t: TFunction, fmt: Formatter, options: OrderDocumentOptions = {}): Promise<Buffer> {
  const titles: Record<OrderDocumentKind, string> = {
    proforma: t('documents:proforma.title'),
    invoice: t('documents:invoice.title'),
    packingList: t('documents:packingList.title'),
  };
  const title = titles[kind];
  const priced = kind !== 'packingList';
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: { Title: `${title} ${data.number}`, Author: data.seller.name, Creator: 'Terroir' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const sheet = new Sheet(doc, fontPicker(doc, options.fontDirs ?? DEFAULT_FONT_DIRS), isRtl(title));
  sheet.onNewPage = () => {
    sheet.para([{ text: `${title} ${data.number} `, bold: true }, { text: t('documents:continued') }], SIZE.body);
    sheet.y += 6;
  };

  // Title, then seller | dates, then buyer | ship-to.
  sheet.para([{ text: `${title} ${data.number}`, bold: true }], SIZE.title);
  sheet.y += 8;
  const issued = kind === 'proforma' ? data.placedAt : (data.shippedAt ?? data.placedAt);
  const dates: KV[] = [
    { label: t('documents:field.issued'), value: fmt.date(issued) },
    ...(kind !== 'proforma' ? [{ label: t('documents:field.orderDate'), value: fmt.date(data.placedAt) }] : []),
    ...(kind !== 'proforma' && data.shippedAt ? [{ label: t('documents:field.shippedAt'), value: fmt.date(data.shippedAt) }] : []),
    ...(kind !== 'proforma' && data.carrier ? [{ label: t('documents:field.carrier'), value: data.carrier }] : []),
    ...(kind !== 'proforma' && data.trackingNumber ? [{ label: t('documents:field.tracking'), value: data.trackingNumber }] : []),
  ];
  const { seller, buyer, shipTo } = data;
  drawPair(sheet, [
    partyBlock(t('documents:party.seller'), [
      { text: seller.name, bold: true },
      { text: seller.address },
      { text: seller.country ? fmt.country(seller.country) : '' },
      { text: seller.taxId ? t('documents:field.taxId', { id: ltr(seller.taxId) }) : '' },
      { text: seller.email },
    ]),
    { heading: data.number, kv: dates },
  ]);
  drawPair(sheet, [
    partyBlock(t('documents:party.buyer'), [
      { text: buyer.name, bold: true },
      { text: buyer.address },
      { text: buyer.country ? fmt.country(buyer.country) : '' },
      { text: buyer.taxId ? t('documents:field.vatId', { id: ltr(buyer.taxId) }) : '' },
      { text: buyer.email },
    ]),
    partyBlock(t(data.shippingMethod === 'pickup' ? 'documents:party.pickup' : 'documents:party.shipTo'), [
      { text: shipTo.recipient, bold: true },
      { text: shipTo.line1 },
      { text: shipTo.line2 },
      { text: [shipTo.postalCode, shipTo.city].filter(Boolean).join(' ') },
      { text: shipTo.region },
      { text: shipTo.country ? fmt.country(shipTo.country) : '' },
      { text: shipTo.phone ? t('documents:field.phone', { phone: ltr(shipTo.phone) }) : '' },
    ]),
  ]);

  drawTable(sheet, columns(kind, data, t, fmt), data.lines);
  sheet.y += 10;

  // Totals at the end side; terms of delivery and payment at the start side, next to them.
  const money = (minor: bigint): string => fmt.money(minor, data.currency);
  const totals: KV[] = [
    ...(priced
      ? [
          { label: t('documents:totals.subtotal'), value: money(data.subtotalMinor) },
          { label: t('documents:totals.shipping'), value: money(data.shippingMinor) },
          { label: t('documents:totals.tax', { rate: fmt.measure(BigInt(Math.round(data.taxRateBp)), 2, 'count') }), value: money(data.taxMinor) },
          { label: t('documents:totals.total', { currency: data.currency }), value: money(data.totalMinor), bold: true, ruleAbove: true },
        ]
      : []),
    { label: t('documents:totals.netWeight'), value: weightText(data.weightG, fmt), bold: !priced },
  ];
  const incoterm = data.incoterm.code ? `${data.incoterm.code} ${data.incoterm.place} (Incoterms® 2020)`.replace(/\s+/g, ' ') : '';
  const bank = priced && data.paymentMethod === 'bank_transfer' ? data.bankDetails.trim() : '';
  const terms: KV[] = [
    ...(incoterm ? [{ label: t('documents:field.terms'), value: incoterm }] : []),
    ...(priced ? [{ label: t('documents:field.currency'), value: data.currency }] : []),
    ...(priced ? [{ label: t('documents:field.paymentMethod'), value: t(`documents:payment.${data.paymentMethod}`, { defaultValue: data.paymentMethod }) }] : []),
    ...(priced && data.paymentReference ? [{ label: t('documents:field.paymentReference'), value: data.paymentReference, bold: true }] : []),
    ...(bank ? [{ label: t('documents:field.bankDetails'), value: bank }] : []),
  ];
  const [totalsW, totalsLabelW] = [210, 124];
  const termsW = WIDTH - totalsW - GAP;
  const totalsRows = layKV(sheet, totals, totalsW, totalsLabelW, SIZE.body);
  const termsRows = layKV(sheet, terms, termsW, 100, SIZE.body);
  const block = Math.max(totalsRows.reduce((s, r) => s + r.h, 0), termsRows.reduce((s, r) => s + r.h, 0));
  sheet.ensure(block);
  putKV(sheet, termsRows, 0, sheet.y, termsW, 100, 'start');
  putKV(sheet, totalsRows, termsW + GAP, sheet.y, totalsW, totalsLabelW, 'end');
  sheet.y += block + GAP;

  if (kind === 'proforma') sheet.para(t('documents:proforma.note'), SIZE.body, { color: GREY });
  if (kind === 'invoice') {
    sheet.para(t('documents:invoice.declaration'), SIZE.body);
    sheet.y += 36;
    sheet.ensure(2 * SIZE.body * LEAD);
    sheet.rule(0, 200, sheet.y, 0.6, '#333333');
    sheet.y += 3;
    sheet.para(t('documents:invoice.signature'), SIZE.label, { color: GREY, w: 200 });
    sheet.para(`${seller.name} · ${fmt.date(issued)}`, SIZE.label, { color: GREY, w: 300 });
  }

  // Footer on every page: who, which document, page n of m.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE.h - 36;
    sheet.rule(0, WIDTH, y - 6, 0.3, '#bbbbbb');
    doc.fillColor(GREY);
    sheet.put(sheet.lay(`${seller.name} · ${title} ${data.number}`, WIDTH - 110, SIZE.label), 0, y, WIDTH - 110);
    sheet.put(sheet.lay(t('documents:page', { page: i - range.start + 1, pages: range.count }), 100, SIZE.label), WIDTH - 100, y, 100, 'end');
    doc.fillColor('black');
  }
  doc.end();
  return done;
}
