import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { FSMA_COLUMNS, fsmaCsv } from '#modules/traceability/exports/fsma.js';
import type { EventType, TraceEvent, TraceRecord } from '#modules/traceability/traceability.rows.js';

const BASE = 'https://coop.example';
const hub = { kind: 'hub' as const, siteId: null, text: '' };

/** `day` is the local date at the place (UTC+07:00); events happen at 08:30 local. */
function event(batchId: number, seq: number, type: EventType, day: string, over: Partial<TraceEvent> = {}): TraceEvent {
  return {
    id: batchId * 100 + seq, seq, type, occurredAt: `${day}T01:30:00.000Z`, tzOffset: '+07:00', location: { kind: 'site', siteId: 11, text: '' },
    actor: { userId: 1, label: 'x' }, quantity: null, attributes: {}, correctsEventId: null, note: '', hash: '', ...over,
  };
}

function record(id: number, lotCode: string, events: TraceEvent[], over: { memberName?: string; productName?: string; parents?: TraceRecord['parents'] } = {}): TraceRecord {
  return {
    batch: { id, lotCode, status: 'available', producedOn: '2026-03-01', producedUntil: null, packedOn: null, bestBefore: null, quantity: 1n, available: 1n, grade: 'A', recalledAt: null, headHash: '' },
    product: { id, slug: 'p', name: over.productName ?? 'Romaine lettuce', textLocale: 'en', gtin: null, hsCode: null, unit: 'kg', unitDecimals: 3, netWeightG: 0 },
    member: { id, slug: 'm', name: over.memberName ?? 'Green Valley Farm', country: 'MX', region: 'Guanajuato', locality: 'Celaya', story: '', storyLocale: null },
    sites: [{ id: 11, name: 'Field 7', country: 'MX', areaM2: 18000, latE6: 20_523_000, lonE6: -100_815_000, polygon: null, shareBp: 10000 }],
    parents: over.parents ?? [], certifications: [], events, photos: [], integrity: { ok: true },
  };
}

const lettuce = record(1, 'GV-2026-0001', [
  event(1, 1, 'harvest', '2026-03-01', { quantity: 1_250_500n }),
  event(1, 2, 'store', '2026-03-01', { quantity: 1_250_500n, attributes: { temperatureC: 2 } }),
  event(1, 3, 'pack', '2026-03-02', { quantity: 1_200_000n }),
  event(1, 4, 'test', '2026-03-02', { attributes: { ecoli: 'negative' } }),
  event(1, 5, 'store', '2026-03-03', { quantity: 1_200_000n }),
  event(1, 6, 'ship_to_hub', '2026-03-04', { quantity: 1_200_000n, attributes: { invoice: 'INV-17' } }),
  event(1, 7, 'receive_at_hub', '2026-03-05', { quantity: 1_200_000n, location: hub }),
  event(1, 8, 'ship_to_buyer', '2026-03-06', { quantity: 500_000n, location: hub, attributes: { billOfLading: 'BOL-9', shipTo: 'Fresh GmbH, Hamburg, DE' } }),
  event(1, 9, 'correction', '2026-03-07', { correctsEventId: 103, quantity: 1_190_000n, location: { kind: 'site', siteId: null, text: '' }, note: 'reweighed' }),
]);
const hacked = record(2, 'AA-2026-0002', [
  event(2, 1, 'harvest', '2026-03-02', { quantity: 1000n }),
  event(2, 2, 'pack', '2026-03-03', { quantity: 1000n, location: { kind: 'address', siteId: null, text: '@SUM(A1:A9) packhouse' }, attributes: { referenceDocumentType: 'Invoice', referenceDocumentNumber: '-42' } }),
], { memberName: '=HYPERLINK("http://evil.example")', productName: '+Spicy salad' });
const salad = record(3, 'MIX-2026-0003', [
  event(3, 1, 'transform', '2026-03-05', { quantity: 1_500_000n, location: { kind: 'address', siteId: null, text: 'Cut plant, Querétaro' }, attributes: { process: 'cutting', inputs: 'GV-2026-0001, AA-2026-0002' } }),
], {
  productName: 'Salad mix',
  parents: [
    { lotCode: 'GV-2026-0001', productName: 'Romaine lettuce', memberName: 'Green Valley Farm', quantity: 700_000n, unit: 'kg', unitDecimals: 3 },
    { lotCode: 'AA-2026-0002', productName: 'Spicy salad', memberName: 'x', quantity: 1000n, unit: 'kg', unitDecimals: 3 },
  ],
});

const text = fsmaCsv([salad, lettuce, hacked], { publicUrl: `${BASE}/` });
const rows = parse(text, { bom: true, columns: true }) as Record<(typeof FSMA_COLUMNS)[number], string>[];
const find = (lot: string, type: string, date?: string) => rows.find((r) => r['Traceability Lot Code'] === lot && r['Event Type'] === type && (!date || r['Event Date'] === date))!;

describe('FSMA 204 sortable spreadsheet', () => {
  it('starts with a BOM, ends lines with CRLF and names the KDE columns', () => {
    expect(text.startsWith('\uFEFF')).to.equal(true);
    expect(text.replace(/\r\n/g, '')).to.not.match(/[\r\n]/);
    expect(text.endsWith('\r\n')).to.equal(true);
    expect(text.slice(1).split('\r\n')[0]).to.equal(FSMA_COLUMNS.join(','));
  });

  it('has one row per critical tracking event: no tests, corrections, or storage after packing', () => {
    expect(rows.map((r) => `${r['Traceability Lot Code']} ${r['Event Type']}`)).to.deep.equal([
      'GV-2026-0001 Harvesting', 'GV-2026-0001 Cooling', 'AA-2026-0002 Harvesting', 'GV-2026-0001 Initial Packing', 'AA-2026-0002 Initial Packing',
      'GV-2026-0001 Shipping', 'GV-2026-0001 Receiving', 'MIX-2026-0003 Transformation', 'GV-2026-0001 Shipping',
    ]);
  });

  it('sorts by event date, then lot code', () => {
    const keys = rows.map((r) => `${r['Event Date']} ${r['Traceability Lot Code']}`);
    expect(keys).to.deep.equal([...keys].sort());
    expect(rows[0]!['Event Date']).to.equal('2026-03-01');
  });

  it('fills the key data elements of each event, with exact quantities and the corrected values', () => {
    const harvest = find('GV-2026-0001', 'Harvesting');
    expect(harvest).to.include({ Quantity: '1250.5', 'Unit of Measure': 'kg', 'Product Description': 'Romaine lettuce, A', 'TLC Source Reference': `${BASE}/trace/GV-2026-0001` });
    expect(harvest['Location Description']).to.equal('Green Valley Farm, Field 7, Celaya, Guanajuato, MX (20.523000, -100.815000)');
    expect(harvest['TLC Source']).to.equal(harvest['Location Description']);
    expect(find('GV-2026-0001', 'Initial Packing').Quantity).to.equal('1190');
    const toHub = find('GV-2026-0001', 'Shipping', '2026-03-04');
    expect(toHub).to.include({ 'Ship From Location': harvest['Location Description'], 'Ship To Location': `Hub, ${BASE}/hubs/main`, 'Reference Document Type': 'Invoice', 'Reference Document Number': 'INV-17' });
    expect(find('GV-2026-0001', 'Receiving')).to.include({ 'Location Description': `Hub, ${BASE}/hubs/main`, 'Ship From Location': harvest['Location Description'] });
    expect(find('GV-2026-0001', 'Shipping', '2026-03-06')).to.include({ 'Ship To Location': 'Fresh GmbH, Hamburg, DE', 'Reference Document Type': 'Bill of Lading', 'Reference Document Number': 'BOL-9' });
    expect(find('GV-2026-0001', 'Cooling')['Reference Document Type']).to.equal('');
  });

  it('lists the input lots of a transformation', () => {
    expect(find('MIX-2026-0003', 'Transformation')).to.include({
      'Input Lots': 'GV-2026-0001: Romaine lettuce, 700 kg; AA-2026-0002: Spicy salad, 1 kg', 'Output Lot': 'MIX-2026-0003', Quantity: '1500',
      'Location Description': 'Green Valley Farm, Cut plant, Querétaro',
    });
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const packed = find('AA-2026-0002', 'Initial Packing');
    expect(packed['Product Description']).to.equal("'+Spicy salad, A");
    expect(packed['Location Description']).to.equal("'=HYPERLINK(\"http://evil.example\"), @SUM(A1:A9) packhouse");
    expect(packed['Reference Document Number']).to.equal("'-42");
    for (const r of rows) for (const cell of Object.values(r)) expect(cell, cell).to.not.match(/^[=+\-@]/);
  });
});
