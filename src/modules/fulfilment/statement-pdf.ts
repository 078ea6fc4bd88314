// A member's monthly statement as an A4 PDF in the reader's language: the coop and the member, one
// row per delivery (value, commission, fee, payout), the month's totals, whether it was paid and how
// the payout is computed. Laid out like the order documents (#modules/ordering/documents.js): text
// goes through #platform/pdf/text.js (Noto fonts for Chinese and Arabic, right-to-left lines), and
// an Arabic statement is mirrored. The small layout kit here (Sheet) is shared with the shipping
// labels.
import PDFDocument from 'pdfkit';
import type { TFunction } from 'i18next';
import type { Formatter } from '#platform/i18n/format.js';
import { DEFAULT_FONT_DIRS, dirOf, drawLine, fontPicker, isRtl, toRuns, wrapPieces, type Doc, type Piece, type Pick } from '#platform/pdf/text.js';
import type { MemberStatement, StatementLine } from '#modules/fulfilment/settlement.service.js';

export interface StatementPdfOptions {
  /** Where to look for Noto fonts; [] forces the Helvetica fallback. */
  fontDirs?: string[];
}

export interface Seller {
  legalName: string;
  address: string;
  taxId: string;
}

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

/** Starts a PDF document and collects its bytes. */
export function newDocument(options: PDFKit.PDFDocumentOptions): { doc: Doc; done: Promise<Buffer> } {
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
 * Data put into a translated sentence (a tax ID, a phone number) keeps its own left-to-right order
 * in an Arabic one.
 */
export const ltr = (data: string): string => `\u200e${data}\u200e`;

/** '500 g' must not break between the number and its unit. */
export const together = (text: string): string => text.replace(/ /g, '\u00a0');

/** A weight in grams as the app shows it elsewhere: grams below a kilogram, kilograms from there. */
export function weightText(grams: bigint, fmt: Formatter): string {
  return together(grams < 1000n && grams > -1000n ? fmt.measure(grams, 0, 'g') : fmt.measure(grams, 3, 'kg'));
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

// --- the statement -------------------------------------------------------------------------------

const PAGE: Geometry = { w: 595.28, h: 841.89, margin: 36, bottom: 841.89 - 54 }; // A4
const WIDTH = PAGE.w - 2 * PAGE.margin;
const SIZE = { title: 15, body: 8.5, label: 7, table: 7.5, head: 7 };
const GAP = 14;
const PAD = 3; // inside table cells

interface Column {
  head: string;
  w: number;
  side: Side;
  cell: (line: StatementLine) => string[]; // paragraphs
}

/** '12.5 kg', or '24 × jar' for goods counted in pieces. */
function deliveredText(l: StatementLine, fmt: Formatter, t: TFunction): string {
  if (['kg', 'g', 'l'].includes(l.unit)) return together(fmt.measure(l.delivered, l.unitDecimals, l.unit));
  return t('catalog:qty.count', { count: fmt.measure(l.delivered, l.unitDecimals, 'count'), unit: t(`catalog:unitName.${l.unit}`, { defaultValue: l.unit }) });
}

function columns(s: MemberStatement, t: TFunction, fmt: Formatter): Column[] {
  const money = (m: bigint): string => fmt.money(m, s.currency);
  const cols: Column[] = [
    { head: t('fulfilment:statements.order'), w: 60, side: 'start', cell: (l) => [l.orderNumber] },
    { head: t('fulfilment:statements.lot'), w: 84, side: 'start', cell: (l) => [l.lotCode] },
    { head: t('fulfilment:statements.product'), w: 0, side: 'start', cell: (l) => [l.productName] },
    {
      head: t('fulfilment:statements.delivered'),
      w: 62,
      side: 'end',
      cell: (l) => [deliveredText(l, fmt, t), ...(l.discrepancy ? [t(`fulfilment:discrepancy.${l.discrepancy}`, { defaultValue: l.discrepancy })] : [])],
    },
    { head: t('fulfilment:statements.revenue'), w: 58, side: 'end', cell: (l) => [money(l.revenueMinor)] },
    { head: t('fulfilment:statements.commission'), w: 58, side: 'end', cell: (l) => [money(l.commissionMinor)] },
    { head: t('fulfilment:statements.fees'), w: 54, side: 'end', cell: (l) => [money(l.feeMinor)] },
    { head: t('fulfilment:statements.payout'), w: 60, side: 'end', cell: (l) => [money(l.payoutMinor)] },
  ];
  const flexible = cols.find((c) => c.w === 0)!;
  flexible.w = WIDTH - cols.reduce((sum, c) => sum + c.w, 0);
  return cols;
}

/** Rows of a table, the header repeated on every page the table reaches. */
function drawTable(sheet: Sheet, cols: Column[], lines: StatementLine[]): void {
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
    const cells = cols.map((c) => c.cell(line).map((p, i) => sheet.lay(p, c.w - 2 * PAD, i === 0 ? SIZE.table : SIZE.label)));
    const h = Math.max(...cells.map((parts) => parts.reduce((sum, p) => sum + p.h, 0))) + 2 * PAD;
    sheet.ensure(h);
    cells.forEach((parts, i) => {
      let y = sheet.y + PAD;
      parts.forEach((part, j) => {
        sheet.doc.fillColor(j === 0 ? 'black' : GREY);
        sheet.put(part, xs[i]! + PAD, y, cols[i]!.w - 2 * PAD, cols[i]!.side);
        y += part.h;
      });
      sheet.doc.fillColor('black');
    });
    sheet.y += h;
    sheet.rule(0, WIDTH, sheet.y, 0.3, '#bbbbbb');
  }
  sheet.onNewPage = previous;
}

/** The coop and the member side by side, moving the pen below the taller block. */
function drawParties(sheet: Sheet, coop: { heading: string; lines: { text: string; bold?: boolean }[] }, member: { heading: string; name: string; kv: KV[] }): void {
  const w = (WIDTH - GAP) / 2;
  const labelW = w * 0.42;
  const coopHeading = sheet.lay(coop.heading, w, SIZE.label, true);
  const coopParas = coop.lines
    .filter((l) => l.text.trim() !== '')
    .flatMap((l) => l.text.split(/\r?\n/).map((text) => sheet.lay(text, w, SIZE.body, l.bold)));
  const memberHeading = sheet.lay(member.heading, w, SIZE.label, true);
  const memberName = sheet.lay(member.name, w, SIZE.body + 1.5, true);
  const rows = layKV(sheet, member.kv, w, labelW, SIZE.body);
  const coopH = coopHeading.h + coopParas.reduce((s, p) => s + p.h, 0);
  const memberH = memberHeading.h + memberName.h + 2 + rows.reduce((s, r) => s + r.h, 0);
  const h = Math.max(coopH, memberH);
  sheet.ensure(h);
  const top = sheet.y;
  sheet.doc.fillColor(GREY);
  sheet.put(coopHeading, 0, top, w);
  sheet.put(memberHeading, w + GAP, top, w);
  sheet.doc.fillColor('black');
  let y = top + coopHeading.h;
  for (const p of coopParas) {
    sheet.put(p, 0, y, w);
    y += p.h;
  }
  y = top + memberHeading.h;
  sheet.put(memberName, w + GAP, y, w);
  putKV(sheet, rows, w + GAP, y + memberName.h + 2, w, labelW, 'start');
  sheet.y = top + h + GAP;
}

/** One member's statement for one month, as PDF bytes. */
export async function statementPdf(statement: MemberStatement, seller: Seller, t: TFunction, fmt: Formatter, options: StatementPdfOptions = {}): Promise<Buffer> {
  const title = t('fulfilment:pdf.statementTitle', { period: statement.period });
  const { doc, done } = newDocument({
    size: 'A4',
    bufferPages: true,
    info: { Title: `${title} · ${statement.memberName}`, Author: seller.legalName, Creator: 'Terroir' },
  });
  const sheet = new Sheet(doc, fontPicker(doc, options.fontDirs ?? DEFAULT_FONT_DIRS), isRtl(title), PAGE);
  const money = (minor: bigint): string => fmt.money(minor, statement.currency);
  sheet.onNewPage = () => {
    sheet.para([{ text: `${title} · ${statement.memberName} `, bold: true }, { text: t('documents:continued') }], SIZE.body);
    sheet.y += 6;
  };

  // Title, then the coop | the member and the month.
  sheet.para([{ text: title, bold: true }], SIZE.title);
  sheet.y += 8;
  drawParties(
    sheet,
    {
      heading: t('fulfilment:pdf.coop'),
      lines: [
        { text: seller.legalName, bold: true },
        { text: seller.address },
        { text: seller.taxId ? t('documents:field.taxId', { id: ltr(seller.taxId) }) : '' },
      ],
    },
    {
      heading: t('fulfilment:pdf.member'),
      name: statement.memberName,
      kv: [
        { label: t('fulfilment:statements.period'), value: statement.period },
        { label: t('documents:field.currency'), value: statement.currency },
        { label: t('fulfilment:pdf.deliveries'), value: fmt.number(statement.totals.deliveries) },
      ],
    },
  );

  if (statement.lines.length) drawTable(sheet, columns(statement, t, fmt), statement.lines);
  else sheet.para(t('fulfilment:statements.none'), SIZE.body, { color: GREY });
  sheet.y += 10;

  // The month's totals at the end side, whether it was paid at the start side next to them.
  const totals: KV[] = [
    { label: t('fulfilment:statements.revenue'), value: money(statement.totals.revenueMinor) },
    { label: t('fulfilment:statements.commission'), value: money(statement.totals.commissionMinor) },
    { label: t('fulfilment:statements.fees'), value: money(statement.totals.feesMinor) },
    { label: t('fulfilment:statements.payout'), value: money(statement.totals.payoutMinor), bold: true, ruleAbove: true },
  ];
  const [totalsW, totalsLabelW] = [220, 130];
  const statusW = WIDTH - totalsW - GAP;
  const totalsRows = layKV(sheet, totals, totalsW, totalsLabelW, SIZE.body);
  const totalsHead = sheet.lay(t('fulfilment:statements.total'), totalsW, SIZE.label, true);
  const status = [
    sheet.lay(statement.paid ? t('fulfilment:statements.paidOn', { when: fmt.date(statement.paid.at) }) : t('fulfilment:statements.unpaid'), statusW, SIZE.body, true),
    ...(statement.paid?.note ? [sheet.lay(t('fulfilment:pdf.paymentNote', { note: statement.paid.note }), statusW, SIZE.body)] : []),
  ];
  const block = Math.max(totalsHead.h + totalsRows.reduce((s, r) => s + r.h, 0), status.reduce((s, p) => s + p.h, 0));
  sheet.ensure(block);
  let y = sheet.y;
  for (const p of status) {
    sheet.put(p, 0, y, statusW);
    y += p.h;
  }
  sheet.doc.fillColor(GREY);
  sheet.put(totalsHead, statusW + GAP, sheet.y, totalsW);
  sheet.doc.fillColor('black');
  putKV(sheet, totalsRows, statusW + GAP, sheet.y + totalsHead.h, totalsW, totalsLabelW, 'end');
  sheet.y += block + GAP;

  sheet.para(t('fulfilment:pdf.statementExplain'), SIZE.body, { color: GREY });

  // Footer on every page: who, which statement, page n of m.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const fy = PAGE.h - 36;
    sheet.rule(0, WIDTH, fy - 6, 0.3, '#bbbbbb');
    doc.fillColor(GREY);
    sheet.put(sheet.lay(`${seller.legalName} · ${title} · ${statement.memberName}`, WIDTH - 110, SIZE.label), 0, fy, WIDTH - 110);
    sheet.put(sheet.lay(t('documents:page', { page: i - range.start + 1, pages: range.count }), 100, SIZE.label), WIDTH - 100, fy, 100, 'end');
    doc.fillColor('black');
  }
  doc.end();
  return done;
}
