import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createI18n, type Locale } from '#platform/i18n/index.js';
import { createFormatter } from '#platform/i18n/format.js';
import { orderDocumentPdf, type OrderDocumentKind } from '#modules/ordering/documents.js';
import type { OrderDocumentData } from '#modules/ordering/ordering.types.js';

type DocLine = OrderDocumentData['lines'][number];

const line = (lineNo: number, over: Partial<DocLine>): DocLine => ({
  lineNo,
  productName: 'Doi Chang arabica coffee, green beans',
  hsCode: '090111',
  originCountries: ['TH'],
  unit: 'kg',
  unitDecimals: 3,
  quantity: 60_000n,
  netWeightG: 60_000n,
  unitPriceMinor: 1250n,
  totalMinor: 75_000n,
  lotCodes: ['TH-CR-COF-2026-0042'],
  ...over,
});

// Three lines from Thai members: coffee sold by the kilogram, honey in jars of 500 g, tea in bags of 250 g.
const order: OrderDocumentData = {
  number: 'T-2026-000123',
  placedAt: '2026-11-02T09:30:00Z',
  shippedAt: '2026-11-20T14:00:00Z',
  currency: 'EUR',
  seller: { name: 'Northern Highlands Producers Alliance', address: '88 Moo 3, Tambon Wawi\nMae Suai, Chiang Rai 57180', country: 'TH', taxId: '0575561000123', email: 'orders@northern-alliance.example' },
  buyer: { name: 'Café Ultramarinos S.L.', address: 'Calle de Toledo 45\n28005 Madrid', country: 'ES', taxId: 'ESB87654321', email: 'compras@ultramarinos.example' },
  shipTo: { recipient: 'Café Ultramarinos S.L. — almacén', line1: 'Polígono Industrial Las Mercedes', line2: 'Nave 12', city: 'Madrid', region: 'Comunidad de Madrid', postalCode: '28022', country: 'ES', phone: '+34 910 000 000' },
  shippingMethod: 'delivery',
  incoterm: { code: 'DAP', place: 'Madrid' },
  paymentMethod: 'bank_transfer',
  paymentReference: 'RF18T2026000123',
  bankDetails: 'Kasikornbank, Chiang Rai branch\nIBAN-free account 123-4-56789-0 · SWIFT KASITHBK\nAccount holder: Northern Highlands Producers Alliance',
  lines: [
    line(1, {}),
    line(2, { productName: 'Longan blossom honey', hsCode: '040900', unit: 'jar', unitDecimals: 0, quantity: 120n, netWeightG: 60_000n, unitPriceMinor: 690n, totalMinor: 82_800n, lotCodes: ['TH-LP-HON-2026-0007', 'TH-LP-HON-2026-0009'] }),
    line(3, { productName: 'Oolong tea, Doi Mae Salong', hsCode: '090230', unit: 'bag', unitDecimals: 0, quantity: 80n, netWeightG: 20_000n, unitPriceMinor: 1450n, totalMinor: 116_000n, lotCodes: ['TH-CR-TEA-2026-0115'], originCountries: ['TH'] }),
  ],
  subtotalMinor: 273_800n,
  shippingMinor: 48_000n,
  taxRateBp: 0,
  taxMinor: 0n,
  totalMinor: 321_800n,
  weightG: 140_000n,
  carrier: 'DHL Global Forwarding',
  trackingNumber: 'DGF7788990011',
};

describe('order documents (pro-forma, commercial invoice, packing list)', function () {
  const hasPoppler = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdfinfo');
  const i18n = createI18n('en');
  let dir = '';
  before(function () {
    if (!hasPoppler) this.skip();
    dir = mkdtempSync(path.join(tmpdir(), 'terroir-orderdocs-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  let n = 0;
  const render = async (kind: OrderDocumentKind, lng: Locale, data = order): Promise<{ text: string; pages: number }> => {
    const pdf = await orderDocumentPdf(kind, data, i18n.getFixedT(lng), createFormatter(lng));
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    const file = path.join(dir, `${kind}-${lng}-${n++}.pdf`);
    writeFileSync(file, pdf);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(info).to.match(/^Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/m);
    return { text, pages };
  };
  // Intl puts no-break spaces into numbers and amounts; pdftotext gives them back as they are.
  const flat = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');
  const es = createFormatter('es');
  const money = (minor: bigint): string => flat(es.money(minor, 'EUR'));

  const common = (text: string): void => {
    for (const hs of ['090111', '040900', '090230']) expect(text).to.contain(hs);
    for (const lot of ['TH-CR-COF-2026-0042', 'TH-LP-HON-2026-0007', 'TH-LP-HON-2026-0009', 'TH-CR-TEA-2026-0115']) expect(text).to.contain(lot);
    expect(text).to.match(/DAP Madrid \(Incoterms® 2020\)/);
    expect(text).to.contain('Tailandia'); // country of origin, in Spanish
    // column names, wrapped inside their cells
    for (const head of ['N.º', 'Descripción', 'Partida', 'arancelaria', '(código SA)', 'País de', 'Lotes', 'Cantidad', 'Peso neto']) expect(text).to.contain(head);
    expect(text).to.contain('140 kg'); // total net weight
    expect(text).to.contain('120 × tarro de'); // '500 g' may wrap onto the cell's next line
    expect(text).to.contain('ESB87654321');
    expect(text).to.contain('Calle de Toledo 45');
    expect(text).to.contain('Polígono Industrial Las Mercedes');
    expect(text).to.contain('Página 1 de 1');
  };

  it('writes the pro-forma invoice in Spanish with prices, totals and the payment details', async () => {
    const { text: raw, pages } = await render('proforma', 'es');
    const text = flat(raw);
    expect(pages).to.equal(1);
    expect(text).to.contain('Factura proforma T-2026-000123');
    common(text);
    expect(text).to.contain('RF18T2026000123');
    expect(text).to.contain('Transferencia bancaria');
    expect(text).to.contain('Kasikornbank, Chiang Rai branch'); // the bank details, as given
    expect(text).to.contain('KASITHBK');
    for (const amount of [1250n, 75_000n, 82_800n, 116_000n, 273_800n, 48_000n, 321_800n]) expect(text, money(amount)).to.contain(money(amount));
    expect(money(321_800n)).to.equal('3218,00 €'); // es: no grouping below 10 000, decimal comma
    expect(text).to.contain('Impuestos (0 %)');
    expect(text).to.match(/Importe total \(EUR\)\s+3218,00 €/);
    expect(text).not.to.contain('Declaramos'); // the customs declaration belongs to the commercial invoice
  });

  it('writes the commercial invoice with shipping date, carrier, tracking number and the declaration', async () => {
    const { text: raw } = await render('invoice', 'es', { ...order, taxRateBp: 700, taxMinor: 22_526n, totalMinor: 344_326n });
    const text = flat(raw);
    expect(text).to.contain('Factura comercial T-2026-000123');
    common(text);
    expect(text).to.contain('Impuestos (7 %)');
    expect(text).to.contain(money(344_326n));
    expect(text).to.contain('RF18T2026000123');
    expect(text).to.contain('DHL Global Forwarding');
    expect(text).to.contain('DGF7788990011');
    expect(text).to.contain(flat(es.date('2026-11-20T14:00:00Z'))); // shipping date
    expect(text).to.contain(flat(es.date('2026-11-02T09:30:00Z'))); // order date
    expect(text.replace(/\s+/g, ' ')).to.contain('Declaramos que la información de esta factura es verdadera y correcta y que las mercancías son del origen indicado.');
  });

  it('writes the packing list without any price', async () => {
    const { text: raw } = await render('packingList', 'es');
    const text = flat(raw);
    expect(text).to.contain('Lista de empaque T-2026-000123');
    expect(text).to.contain('120 × tarro de 500 g'); // the quantity column is wider without prices
    common(text);
    expect(text).to.contain('DHL Global Forwarding');
    expect(text).to.contain('DGF7788990011');
    expect(text).not.to.contain('€');
    expect(text).not.to.contain('EUR');
    expect(text).not.to.match(/\d,\d\d\b/); // no amount with cents anywhere
    for (const amount of [75_000n, 273_800n, 321_800n]) expect(text).not.to.contain(money(amount).replace(' €', ''));
    expect(text).not.to.contain('RF18T2026000123');
    expect(text).not.to.contain('Precio');
    expect(text).not.to.contain('Importe');
  });

  it('writes the titles and column names in Traditional Chinese', async () => {
    const { text } = await render('invoice', 'zh-TW');
    expect(text).to.contain('商業發票 T-2026-000123');
    for (const word of ['原產國', '淨重', '批號', 'HS 編碼', '泰國']) expect(text).to.contain(word);
    expect(text).to.contain('090111');
    expect(text).to.contain('我們聲明');
  });

  it('writes the packing list in Simplified Chinese', async () => {
    const { text } = await render('packingList', 'zh-CN');
    expect(text).to.contain('装箱单');
    for (const word of ['原产国', '净重', '批号', 'HS编码']) expect(text).to.contain(word);
  });

  it('writes an Arabic pro-forma invoice, right to left', async () => {
    const { text } = await render('proforma', 'ar');
    // pdftotext gives each Arabic word back in logical order, but orders the words of a mixed line by
    // its own bidi guess, and gives the lam-alef ligature back as 'ال' (تايلاند comes out as تايالند):
    // so assert on single words without that ligature.
    for (const word of ['فاتورة', 'مبدئية', 'بلد', 'المنشأ', 'الوزن', 'الصافي', 'إسبانيا', 'مرجع']) expect(text, word).to.contain(word);
    // The document is mirrored: the title starts at the right margin, the number on its left.
    const title = text.split('\n').find((l) => l.includes('مبدئية'))!;
    expect(title.indexOf('T-2026-000123')).to.be.below(title.indexOf('مبدئية'));
    expect(title.trimStart().startsWith('T-2026-000123')).to.equal(true);
    // A phone number inside an Arabic sentence keeps its digits in order.
    expect(text).to.contain('+34 910 000 000');
    expect(text).to.contain('T-2026-000123');
    expect(text).to.contain('RF18T2026000123');
    expect(text).to.contain('090230');
  });

  it('flows a 60-line order onto further pages, repeating the table header', async () => {
    const lines = Array.from({ length: 60 }, (_, i) =>
      line(i + 1, { productName: `Specialty coffee microlot no. ${i + 1}, washed, ${i % 3 ? 'Catimor' : 'Typica'} variety`, lotCodes: [`TH-CR-COF-2026-${String(i + 1).padStart(4, '0')}`] }),
    );
    const { text, pages } = await render('invoice', 'es', { ...order, lines });
    expect(pages).to.be.at.least(2);
    const sheets = text.split('\f').filter((s) => s.trim());
    expect(sheets).to.have.length(pages);
    for (const [i, sheet] of sheets.entries()) {
      for (const head of ['arancelaria', 'País de', 'Lotes', 'Importe']) expect(sheet, `page ${i + 1}: ${head}`).to.contain(head);
      expect(sheet, `page ${i + 1}`).to.contain(`Página ${i + 1} de ${pages}`);
    }
    expect(sheets[1]).to.contain('Factura comercial T-2026-000123 (continuación)');
    for (const l of lines) expect(text).to.contain(l.lotCodes[0]!);
    expect(sheets.at(-1)).to.contain('Declaramos');
  });
});
