import { expect } from 'chai';
import { fsmaCsv, fsmaRows, fsmaSheet } from '#modules/traceability/exports/fsma.js';
import type { EventType, TraceEvent, TraceRecord } from '#modules/traceability/traceability.rows.js';

const opts = { publicUrl: 'https://coop.example' };

function lot(id: number, lotCode: string, days: [EventType, string][]): TraceRecord {
  const events: TraceEvent[] = days.map(([type, day], i) => ({
    id: id * 100 + i, seq: i + 1, type, occurredAt: `${day}T01:30:00.000Z`, tzOffset: '+07:00', location: { kind: 'site', siteId: 11, text: '' },
    actor: { userId: 1, label: 'x' }, quantity: 1000n, attributes: {}, correctsEventId: null, note: '', hash: '',
  }));
  return {
    batch: { id, lotCode, status: 'available', producedOn: days[0]![1], producedUntil: null, packedOn: null, bestBefore: null, quantity: 1n, available: 1n, grade: '', recalledAt: null, headHash: '' },
    product: { id, slug: 'p', name: 'Honey', textLocale: 'en', gtin: null, hsCode: null, unit: 'kg', unitDecimals: 3, netWeightG: 0 },
    member: { id, slug: 'm', name: `Member ${id}`, country: 'TH', region: 'Chiang Rai', locality: 'Village', story: '', storyLocale: null },
    sites: [{ id: 11, name: 'Apiary', country: 'TH', areaM2: 100, latE6: 19_500_000, lonE6: 99_500_000, polygon: null, shareBp: 10000 }],
    parents: [], certifications: [], events, photos: [], integrity: { ok: true },
  };
}

describe('FSMA 204 spreadsheet gathered a few lots at a time', () => {
  const early = lot(1, 'B-2026-0001', [['harvest', '2026-03-01'], ['pack', '2026-03-04']]);
  const late = lot(2, 'A-2026-0002', [['harvest', '2026-03-02'], ['pack', '2026-03-03']]);

  it('is the same sheet as one built from all the lots at once, sorted across the batches', () => {
    const gathered = fsmaSheet([...fsmaRows([early], opts), ...fsmaRows([late], opts)]);
    expect(gathered).to.equal(fsmaCsv([early, late], opts));
    const order = gathered.split('\r\n').slice(1, -1).map((line) => line.split(',')[0]);
    expect(order).to.deep.equal(['B-2026-0001', 'A-2026-0002', 'A-2026-0002', 'B-2026-0001']);
  });
});
