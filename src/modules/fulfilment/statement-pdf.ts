// A member's monthly statement as an A4 PDF in the reader's language: the coop and the member, one
// row per delivery (value, commission, fee, payout), the month's totals, whether it was paid and how
// the payout is computed. Laid out like the order documents (#modules/ordering/documents.js): text
// goes through #platform/pdf/text.js (Noto fonts for Chinese and Arabic, right-to-left lines), and
// an Arabic statement is mirrored. The page machinery (Sheet, rows, table, footer) is
// #platform/pdf/sheet.js.
import type { TFunction } from 'i18next';
import type { Formatter } from '#platform/i18n/format.js';
import { DEFAULT_FONT_DIRS, fontPicker, isRtl } from '#platform/pdf/text.js';
import { A4 as PAGE, drawFooters, drawTable, flexColumns, GAP, GREY, layKV, ltr, newDocument, putKV, Sheet, SIZE, together, type Column, type KV } from '#platform/pdf/sheet.js';
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

const WIDTH = PAGE.w - 2 * PAGE.margin;

/** '12.5 kg', or '24 × jar' for goods counted in pieces. */
function deliveredText(l: StatementLine, fmt: Formatter, t: TFunction): string {
  if (['kg', 'g', 'l'].includes(l.unit)) return together(fmt.measure(l.delivered, l.unitDecimals, l.unit));
  return t('catalog:qty.count', { count: fmt.measure(l.delivered, l.unitDecimals, 'count'), unit: t(`catalog:unitName.${l.unit}`, { defaultValue: l.unit }) });
}

function columns(s: MemberStatement, t: TFunction, fmt: Formatter): Column<StatementLine>[] {
  const money = (m: bigint): string => fmt.money(m, s.currency);
  const cols: Column<StatementLine>[] = [
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
  return flexColumns(cols, WIDTH);
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
  const { doc, done } = await newDocument({
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

  if (statement.lines.length) drawTable(sheet, columns(statement, t, fmt), statement.lines, { size: SIZE.label, color: GREY });
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
  drawFooters(sheet, `${seller.legalName} · ${title} · ${statement.memberName}`, (page, pages) => t('documents:page', { page, pages }));
  doc.end();
  return done;
}
