import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { paths } from '#platform/paths.js';
import { labelSheetPdf, type LabelData, type LabelSheetSize } from '#modules/traceability/labels.js';
import { qrPngBuffer, qrSvg } from '#modules/traceability/qr.js';
import { siteMap, type SiteMapView } from '#modules/traceability/site-map.js';
import type { TraceRecord } from '#modules/traceability/traceability.rows.js';

type Site = TraceRecord['sites'][number];
const site = (name: string, lat: number, lon: number, ring?: [number, number][]): Site => ({
  id: 1, name, country: 'TW', areaM2: 10_000, latE6: Math.round(lat * 1e6), lonE6: Math.round(lon * 1e6),
  polygon: ring ? { type: 'Polygon', coordinates: [ring] } : null, shareBp: 10_000,
});
const xy = (view: SiteMapView): [number, number][] =>
  view.shapes.flatMap((s) => (s.kind === 'point' ? [[s.cx, s.cy] as [number, number]] : s.points.split(' ').map((p) => p.split(',').map(Number) as [number, number])));

describe('site map', () => {
  // A 0.02° × 0.01° plot at 60° N is as wide as it is tall on the ground (cos 60° = ½).
  const ring: [number, number][] = [[10.0, 60.0], [10.02, 60.0], [10.02, 60.01], [10.0, 60.01], [10.0, 60.0]];

  it('fits a polygon and two points inside the viewBox, with a margin', () => {
    const view = siteMap([site('North plot', 60.005, 10.01, ring), site('Well', 60.02, 10.05), site('Shed', 59.99, 9.98)], { width: 500, height: 300 });
    expect(view.viewBox).to.equal('0 0 500 300');
    expect(view.shapes.map((s) => s.kind)).to.deep.equal(['polygon', 'point', 'point']);
    const pts = xy(view);
    expect(pts).to.have.length(6); // the closing vertex is dropped: <polygon> closes itself
    for (const [x, y] of pts) {
      expect(x).to.be.within(10, 490);
      expect(y).to.be.within(10, 290);
      expect(Math.round(x * 10) / 10).to.equal(x);
    }
    // fitted: the extent fills one axis up to the margin
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    expect(Math.max(Math.max(...xs) - Math.min(...xs), (Math.max(...ys) - Math.min(...ys)) * (500 / 300))).to.be.above(300);
    expect(view.scaleLabel).to.match(/^\d+ (m|km)$/);
    expect(view.scaleBar.x2).to.be.above(view.scaleBar.x1);
    expect(view.graticule.length).to.be.above(1);
  });

  it('keeps the polygon’s shape (east-west scaled by cos latitude) and puts north up', () => {
    const view = siteMap([site('Plot', 60.005, 10.01, ring)]);
    const pts = xy(view);
    const w = Math.max(...pts.map((p) => p[0])) - Math.min(...pts.map((p) => p[0]));
    const h = Math.max(...pts.map((p) => p[1])) - Math.min(...pts.map((p) => p[1]));
    expect(w / h).to.be.closeTo(1, 0.02);
    expect(pts[2]![1]).to.be.below(pts[1]![1]); // 60.01° N is drawn above 60.00° N
  });

  it('gives a single point a window of about 2 km and a scale bar in metres', () => {
    const view = siteMap([site('Apiary', 23.5, 120.9)], { width: 400, height: 400 });
    const shape = view.shapes[0]!;
    expect(shape).to.include({ kind: 'point', cx: 200, cy: 200, label: 'Apiary' });
    const metresPerPx = view.scaleMetres / (view.scaleBar.x2 - view.scaleBar.x1);
    expect(metresPerPx * 400).to.be.within(2000, 3000);
    expect(view.scaleLabel).to.equal('500 m');
  });

  it('draws nothing for a batch without sites', () => {
    expect(siteMap([]).shapes).to.deep.equal([]);
  });
});

describe('QR codes', () => {
  const size = (svg: string): number => Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);

  it('renders the trace URL as SVG that grows with the URL', async () => {
    const short = await qrSvg('https://t.example/trace/A1');
    const long = await qrSvg(`https://terroir.example.org/trace/HCF-2026-0042?${'x'.repeat(120)}`);
    expect(short).to.match(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(short).to.match(/<path[^>]* d="M[\d.hvmMHVz ]+"/);
    expect((size(short) - 4 - 17) % 4).to.equal(0); // 17 + 4 × version modules, plus 2 + 2 margin
    expect(size(long)).to.be.above(size(short));
  });

  it('renders a PNG for the labels', async () => {
    const png = await qrPngBuffer('https://t.example/trace/A1', 300);
    expect(png.subarray(1, 4).toString()).to.equal('PNG');
  });
});

describe('label sheets', function () {
  const hasPoppler = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm');
  let dir = '';
  before(function () {
    if (!hasPoppler) this.skip();
    dir = mkdtempSync(path.join(tmpdir(), 'terroir-labels-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  const texts = { lot: 'Lot', produced: 'Produced', bestBefore: 'Best before', netWeight: 'Net weight', origin: 'Origin' };
  const labels: LabelData[] = Array.from({ length: 10 }, (_, i) => ({
    productName: i % 2 ? '龍眼蜂蜜' : 'Wildflower honey from the high meadows of Alishan',
    lotCode: `HCF-2026-${String(i + 1).padStart(4, '0')}`,
    producedOn: '2026-05-01',
    bestBefore: i === 3 ? null : '2028-05-01',
    netWeight: '500 g',
    origin: 'Alishan, Taiwan',
    member: 'Hsu Family Apiary',
    traceUrl: `https://terroir.example/trace/HCF-2026-${String(i + 1).padStart(4, '0')}`,
    texts,
  }));
  const pdfText = (pdf: Buffer, name: string): string => {
    const file = path.join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };

  for (const [size, pages] of [['a4-8', 2], ['a4-21', 1], ['a4-24', 1]] as [LabelSheetSize, number][]) {
    it(`lays 10 labels on ${size} sheets with lot codes, field names and Chinese names`, async () => {
      const pdf = await labelSheetPdf(labels, size, { outline: size === 'a4-21' });
      expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
      const text = pdfText(pdf, size);
      expect(text.split('\f').length - 1).to.equal(pages);
      for (const l of labels) expect(text).to.contain(l.lotCode);
      expect(text.match(/Lot: HCF/g)).to.have.length(10);
      expect(text.match(/Best before/g)).to.have.length(9);
      expect(text).to.contain('龍眼蜂蜜');
    });
  }

  it('renders page 1 of the 21-up sheet to test-results/labels-a4-21.png', async () => {
    const pdf = await labelSheetPdf(labels, 'a4-21', { outline: true });
    const file = path.join(dir, 'render.pdf');
    writeFileSync(file, pdf);
    const out = path.join(paths.root, 'test-results');
    mkdirSync(out, { recursive: true });
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', file, path.join(out, 'labels-a4-21')]);
    const png = readFileSync(path.join(out, 'labels-a4-21.png'));
    expect(png.readUInt32BE(16)).to.equal(331); // A4 at 40 dpi: 8.27 in wide
  });

  it('lays an Arabic label out right to left, numbers left to right', async () => {
    const ar = { lot: 'رقم الدفعة', produced: 'تاريخ الإنتاج', bestBefore: 'انتهاء', netWeight: 'الوزن', origin: 'المنشأ' };
    const pdf = await labelSheetPdf([{ ...labels[0]!, productName: 'عسل السدر', producedOn: '01\u200f/05\u200f/2026', texts: ar }], 'a4-8');
    writeFileSync(path.join(dir, 'ar.pdf'), pdf);
    const bbox = execFileSync('/usr/bin/pdftotext', ['-bbox', path.join(dir, 'ar.pdf'), '-'], { encoding: 'utf8' });
    const words = [...bbox.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)</g)].map((m) => ({ x: +m[1]!, y: +m[2]!, xMax: +m[3]!, text: m[4]! }));
    const lot = words.find((w) => w.text.startsWith('HCF-2026-0001'))!;
    const arabicOnLotLine = words.filter((w) => /[\u0600-\u06ff]/.test(w.text) && Math.abs(w.y - lot.y) < 8);
    expect(arabicOnLotLine).to.have.length.above(0);
    for (const w of arabicOnLotLine) expect(w.x).to.be.above(lot.xMax); // the field name reads first, from the right
    expect(words.map((w) => w.text)).to.include('2026/05/01'); // what a browser shows for Intl's 'ar' date
  });

  it('falls back to Helvetica when no font covers the script, without failing', async () => {
    const pdf = await labelSheetPdf([{ ...labels[1]!, member: 'Zoë Ő' }], 'a4-24', { fontDirs: [] });
    const text = pdfText(pdf, 'fallback');
    expect(text).to.contain('????');
    expect(text).to.contain('Zoë O');
    expect(text).to.contain('HCF-2026-0002');
  });
});
