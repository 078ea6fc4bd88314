// Shipping labels for an order leaving the hub: one A6 page per order line (a package), with the coop
// as sender, the ship-to address, the order number, carrier and tracking number, what is inside
// (product, HS code, quantity, net weight) and each lot in the package with a QR code of its trace
// page. Text goes through #platform/pdf/text.js like the order documents; an Arabic label is mirrored.
import type { Response } from 'express';
import type { TFunction } from 'i18next';
import { formatterFor, type Formatter } from '#platform/i18n/format.js';
import type { I18n } from '#platform/i18n/index.js';
import { DEFAULT_FONT_DIRS, drawLine, fontPicker, isRtl, toRuns } from '#platform/pdf/text.js';
import { GREY, layKV, ltr, newDocument, putKV, quantityText, Sheet, weightText, type Geometry, type KV, type Laid } from '#platform/pdf/sheet.js';
import type { OrderDocumentData } from '#modules/ordering/ordering.types.js';
import type { OrderDetail, OrdersService } from '#modules/ordering/orders.service.js';
import { qrPngBuffer } from '#modules/traceability/qr.js';

export interface ShippingLabelsOptions {
  /** Where to look for Noto fonts; [] forces the Helvetica fallback. */
  fontDirs?: string[];
}

type Line = OrderDocumentData['lines'][number];

// A6, 105 × 148 mm. The flow never breaks a page: one label is one page.
const LABEL: Geometry = { w: 297.64, h: 419.53, margin: 16, bottom: Number.POSITIVE_INFINITY };
const WIDTH = LABEL.w - 2 * LABEL.margin;
const LIMIT = LABEL.h - LABEL.margin; // the lowest point anything is drawn at
const SIZE = { head: 6.5, small: 7.5, body: 9, address: 10.5, recipient: 13, order: 12, lot: 7 };
const QR = { max: 64, min: 24, gap: 6, cols: 3, text: 10 };

/** The trace page of a lot, as its QR code and the lot pages link to it. */
export const traceUrl = (publicUrl: string, lot: string): string => `${publicUrl.replace(/\/+$/, '')}/trace/${encodeURIComponent(lot)}`;

function heading(sheet: Sheet, text: string): void {
  sheet.para(text.toLocaleUpperCase(), SIZE.head, { bold: true, color: GREY });
  sheet.y += 1;
}

function divider(sheet: Sheet, strong = false): void {
  sheet.y += 4;
  sheet.rule(0, WIDTH, sheet.y, strong ? 1.2 : 0.5, strong ? '#000000' : '#999999');
  sheet.y += 6;
}

/** Label–value rows across the label; values at the end side. */
function rows(sheet: Sheet, kv: KV[], size: number): void {
  const labelW = WIDTH * 0.36;
  const laid = layKV(sheet, kv, WIDTH, labelW, size);
  sheet.y = putKV(sheet, laid, 0, sheet.y, WIDTH, labelW, 'start');
}

/** The lots in the package, each with its trace QR code and its code below; those that do not fit as codes are listed. */
async function drawLots(sheet: Sheet, lots: string[], publicUrl: string, qrs: Map<string, Promise<Buffer>>): Promise<void> {
  const { doc, pick } = sheet;
  const cellW = (WIDTH - (QR.cols - 1) * QR.gap) / QR.cols;
  const room = LIMIT - sheet.y;
  const rowH = (q: number): number => q + QR.text + QR.gap;
  let q = Math.min(QR.max, cellW, Math.floor(room / Math.max(1, Math.ceil(lots.length / QR.cols))) - QR.text - QR.gap);
  let shown = lots;
  let rest: { laid: Laid; size: number } | undefined;
  if (q < QR.min) {
    // More lots than fit with readable codes: as many rows of codes as leave room for the rest, listed.
    q = QR.min;
    for (let rows = Math.floor(room / rowH(q)); rows >= 0; rows--) {
      shown = lots.slice(0, rows * QR.cols);
      const text = lots.slice(shown.length).join(', ');
      rest = [SIZE.lot, 6, 5, 4.5].map((size) => ({ laid: sheet.lay(text, WIDTH, size), size })).find((r) => rows * rowH(q) + r.laid.h <= room);
      if (rest) break;
    }
    rest ??= { laid: sheet.lay(lots.join(', '), WIDTH, 4.5), size: 4.5 };
  }
  for (const [i, lot] of shown.entries()) {
    const x = (i % QR.cols) * (cellW + QR.gap);
    const y = sheet.y + Math.floor(i / QR.cols) * rowH(q);
    const left = sheet.left(x, cellW);
    const url = traceUrl(publicUrl, lot);
    const key = `${url} ${q}`;
    if (!qrs.has(key)) qrs.set(key, qrPngBuffer(url, (q / 72) * 300));
    doc.image(await qrs.get(key)!, left + (cellW - q) / 2, y, { width: q, height: q });
    doc.fillColor('black');
    drawLine(doc, toRuns([{ text: lot, bold: true }], pick), { x: left, y: y + q + SIZE.lot + 1, w: cellW, rtl: false, align: 'center' }, SIZE.lot, 4.5);
  }
  sheet.y += Math.ceil(shown.length / QR.cols) * rowH(q);
  if (rest) {
    sheet.put(rest.laid, 0, sheet.y, WIDTH);
    sheet.y += rest.laid.h;
  }
}

async function drawLabel(
  sheet: Sheet,
  data: OrderDocumentData,
  line: Line | undefined,
  n: number,
  total: number,
  publicUrl: string,
  t: TFunction,
  fmt: Formatter,
  qrs: Map<string, Promise<Buffer>>,
): Promise<void> {
  const { seller, shipTo } = data;
  sheet.y = LABEL.margin;

  // Sender: the coop.
  heading(sheet, t('fulfilment:pdf.shippingLabel.from'));
  sheet.para(seller.name, SIZE.body, { bold: true });
  for (const text of [...seller.address.split(/\r?\n/), seller.country ? fmt.country(seller.country) : ''].filter((s) => s.trim())) sheet.para(text, SIZE.small);
  divider(sheet, true);

  // Ship to.
  heading(sheet, t(data.shippingMethod === 'pickup' ? 'fulfilment:pdf.shippingLabel.pickup' : 'fulfilment:pdf.shippingLabel.shipTo'));
  sheet.para(shipTo.recipient, SIZE.recipient, { bold: true });
  for (const text of [shipTo.line1, shipTo.line2, [shipTo.postalCode, shipTo.city].filter(Boolean).join(' '), shipTo.region].filter((s) => s.trim())) sheet.para(text, SIZE.address);
  if (shipTo.country) sheet.para(fmt.country(shipTo.country).toLocaleUpperCase(), SIZE.address + 0.5, { bold: true });
  if (shipTo.phone) sheet.para(t('documents:field.phone', { phone: ltr(shipTo.phone) }), SIZE.small);
  divider(sheet, true);

  // The order, this package's place in it, and how it travels.
  const top = sheet.y;
  const half = WIDTH / 2;
  const orderHead = sheet.lay(t('fulfilment:pdf.shippingLabel.order').toLocaleUpperCase(), half, SIZE.head, true);
  const orderNo = sheet.lay(data.number, half, SIZE.order, true);
  const pkg = sheet.lay(t('fulfilment:pdf.shippingLabel.package', { n: fmt.number(n), total: fmt.number(total) }), half, SIZE.body, true);
  sheet.doc.fillColor(GREY);
  sheet.put(orderHead, 0, top, half);
  sheet.doc.fillColor('black');
  sheet.put(orderNo, 0, top + orderHead.h, half);
  sheet.put(pkg, half, top + orderHead.h + (orderNo.h - pkg.h) / 2, half, 'end');
  sheet.y = top + orderHead.h + Math.max(orderNo.h, pkg.h) + 2;
  rows(sheet, [
    ...(data.carrier ? [{ label: t('fulfilment:pdf.shippingLabel.carrier'), value: data.carrier }] : []),
    ...(data.trackingNumber ? [{ label: t('fulfilment:pdf.shippingLabel.tracking'), value: data.trackingNumber, bold: true }] : []),
  ], SIZE.body);
  divider(sheet);

  // What is inside.
  if (line) {
    heading(sheet, t('fulfilment:pdf.shippingLabel.contents'));
    sheet.para(line.productName, SIZE.body + 1, { bold: true });
    sheet.y += 2;
    rows(sheet, [
      { label: t('fulfilment:pdf.shippingLabel.hsCode'), value: line.hsCode || '—' },
      { label: t('fulfilment:pdf.shippingLabel.quantity'), value: quantityText(line, fmt, t) },
      { label: t('fulfilment:pdf.shippingLabel.netWeight'), value: weightText(line.netWeightG, fmt) },
    ], SIZE.small + 0.5);
    divider(sheet);
    heading(sheet, t('fulfilment:pdf.shippingLabel.lots'));
    sheet.y += 2;
    if (line.lotCodes.length) await drawLots(sheet, line.lotCodes, publicUrl, qrs);
    else sheet.para('—', SIZE.body);
  }
}

/** One A6 shipping label per line of the order (each line travels as a package), as PDF bytes. */
export async function shippingLabelsPdf(data: OrderDocumentData, publicUrl: string, t: TFunction, fmt: Formatter, options: ShippingLabelsOptions = {}): Promise<Buffer> {
  const { doc, done } = await newDocument({
    size: 'A6',
    autoFirstPage: false,
    info: { Title: t('fulfilment:pdf.shippingLabel.title', { number: data.number }), Author: data.seller.name, Creator: 'Terroir' },
  });
  const pick = fontPicker(doc, options.fontDirs ?? DEFAULT_FONT_DIRS);
  const sheet = new Sheet(doc, pick, isRtl(t('fulfilment:pdf.shippingLabel.shipTo')), LABEL);
  const qrs = new Map<string, Promise<Buffer>>();
  const lines: (Line | undefined)[] = data.lines.length ? data.lines : [undefined];
  for (const [i, line] of lines.entries()) {
    doc.addPage();
    await drawLabel(sheet, data, line, i + 1, lines.length, publicUrl, t, fmt, qrs);
  }
  doc.end();
  return done;
}

/** Sends an order's shipping labels (quantities as the hub received them) in the page's language. */
export async function sendShippingLabels(res: Response, orders: OrdersService, i18n: I18n, order: OrderDetail, publicUrl: string): Promise<void> {
  const lng = res.locals.lng as Parameters<typeof formatterFor>[0];
  const pdf = await shippingLabelsPdf(orders.documentData(order, 'packingList'), publicUrl, i18n.getFixedT(lng), formatterFor(lng));
  res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${order.number}-shipping-labels.pdf"`);
  res.send(pdf);
}
