// The order's papers for customs and the buyer, as A4 PDFs in the buyer's language: the pro-forma
// invoice (when the order is placed), the commercial invoice (when it ships) and the packing list
// (no prices). Text goes through #platform/pdf/text.js, which draws Chinese, Arabic (right to left)
// and the rest with Noto fonts; an Arabic document is laid out mirrored. The page machinery (Sheet,
// rows, table, footer) is #platform/pdf/sheet.js.
import type { TFunction } from 'i18next';
import type { Formatter } from '#platform/i18n/format.js';
import { DEFAULT_FONT_DIRS, fontPicker, isRtl } from '#platform/pdf/text.js';
import {
  A4 as PAGE,
  drawFooters,
  drawTable,
  flexColumns,
  GAP,
  GREY,
  layKV,
  LEAD,
  ltr,
  newDocument,
  putKV,
  quantityText,
  Sheet,
  SIZE,
  weightText,
  type Column,
  type KV,
} from '#platform/pdf/sheet.js';
import type { OrderDocumentData } from '#modules/ordering/ordering.types.js';

export type OrderDocumentKind = 'proforma' | 'invoice' | 'packingList';

export interface OrderDocumentOptions {
  /** Where to look for Noto fonts; [] forces the Helvetica fallback. */
  fontDirs?: string[];
}

type DocLine = OrderDocumentData['lines'][number];

const WIDTH = PAGE.w - 2 * PAGE.margin;

function columns(kind: OrderDocumentKind, data: OrderDocumentData, t: TFunction, fmt: Formatter): Column<DocLine>[] {
  const dash = (xs: string[]): string[] => (xs.length ? xs : ['—']);
  const cols: (Column<DocLine> | false)[] = [
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
  return flexColumns(cols.filter((c): c is Column<DocLine> => c !== false), WIDTH);
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
  const { doc, done } = await newDocument({
    size: 'A4',
    bufferPages: true,
    info: { Title: `${title} ${data.number}`, Author: data.seller.name, Creator: 'Terroir' },
  });
  const sheet = new Sheet(doc, fontPicker(doc, options.fontDirs ?? DEFAULT_FONT_DIRS), isRtl(title), PAGE);
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
  drawFooters(sheet, `${seller.name} · ${title} ${data.number}`, (page, pages) => t('documents:page', { page, pages }));
  doc.end();
  return done;
}
