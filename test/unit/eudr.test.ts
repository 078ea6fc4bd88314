import { expect } from 'chai';
import { eudrGeoJson } from '#modules/traceability/exports/eudr.js';
import type { TraceRecord } from '#modules/traceability/traceability.rows.js';

type Site = TraceRecord['sites'][number];
interface Feature {
  type: string;
  properties: Record<string, unknown>;
  geometry: { type: 'Point'; coordinates: number[] } | { type: 'Polygon'; coordinates: number[][][] };
}

const site = (id: number, name: string, areaM2: number, over: Partial<Site> = {}): Site => ({
  id, name, country: 'TH', areaM2, latE6: 19_900_000, lonE6: 99_800_000, polygon: null, shareBp: 5000, ...over,
});

function record(memberName: string, sites: Site[]): TraceRecord {
  return {
    batch: { id: 1, lotCode: 'HCF-2026-0042', status: 'available', producedOn: '2026-03-11', producedUntil: null, packedOn: null, bestBefore: null, quantity: 1n, available: 1n, grade: '', recalledAt: null, headHash: '' },
    product: { id: 1, slug: 'coffee', name: 'Green coffee', textLocale: 'en', gtin: null, hsCode: '0901', unit: 'kg', unitDecimals: 3, netWeightG: 0 },
    member: { id: 1, slug: 'm', name: memberName, country: 'TH', region: '', locality: '', story: '', storyLocale: null },
    sites, parents: [], certifications: [], events: [], photos: [], integrity: { ok: true },
  };
}

// 5.2 ha: a polygon, with vertices given to more and fewer than six decimals and a vertex that
// repeats once rounded; the ring is closed.
const bigPlot = site(12, 'Lower terraces', 52_000, {
  latE6: -6_201_234, lonE6: -78_512_345,
  polygon: { type: 'Polygon', coordinates: [[[-78.512345, -6.201234], [-78.5098761, -6.2011], [-78.50987612, -6.2011], [-78.509654, -6.204321], [-78.51221, -6.204455], [-78.512345, -6.201234]], [[-78.511, -6.202], [-78.5105, -6.202], [-78.5105, -6.2025], [-78.511, -6.202]]] },
});
const records = [
  record('Somchai Farm', [site(11, 'Upper plot', 18_000), bigPlot]),
  record('Doi Farm', [site(21, 'Garden', 0, { latE6: 5, lonE6: -7 }), site(11, 'Upper plot', 18_000)]),
];
const { text } = eudrGeoJson(records);
const parsed = JSON.parse(text) as { type: string; features: Feature[] };
const named = (name: string) => parsed.features.find((f) => f.properties.ProductionPlace === name)!;

describe('EUDR GeoJSON export', () => {
  it('is a FeatureCollection with one feature per site, each site once', () => {
    expect(parsed.type).to.equal('FeatureCollection');
    expect(parsed.features.map((f) => f.properties.ProductionPlace)).to.deep.equal(['Upper plot', 'Lower terraces', 'Garden']);
    expect(parsed.features.map((f) => f.properties.ProducerName)).to.deep.equal(['Somchai Farm', 'Somchai Farm', 'Doi Farm']);
    for (const f of parsed.features) expect(f.type).to.equal('Feature');
  });

  it('writes plots up to 4 ha as points and larger ones as polygons without holes, in [lon, lat]', () => {
    expect(named('Upper plot').geometry).to.deep.equal({ type: 'Point', coordinates: [99.8, 19.9] });
    expect(named('Garden').geometry).to.deep.equal({ type: 'Point', coordinates: [-0.000007, 0.000005] });
    const polygon = named('Lower terraces').geometry as { type: string; coordinates: number[][][] };
    expect(polygon.type).to.equal('Polygon');
    expect(polygon.coordinates).to.have.length(1);
    expect(polygon.coordinates[0]).to.deep.equal([[-78.512345, -6.201234], [-78.509876, -6.2011], [-78.509654, -6.204321], [-78.51221, -6.204455], [-78.512345, -6.201234]]);
  });

  it('carries only the four properties the EU system reads, with the area in hectares', () => {
    for (const f of parsed.features) expect(Object.keys(f.properties)).to.deep.equal(['ProducerName', 'ProducerCountry', 'ProductionPlace', 'Area']);
    expect([named('Upper plot').properties.Area, named('Lower terraces').properties.Area, named('Garden').properties.Area]).to.deep.equal([1.8, 5.2, 0.0001]);
    for (const f of parsed.features.filter((x) => x.geometry.type === 'Point')) {
      expect(f.properties.Area).to.be.a('number').within(0.0001, 4);
    }
    expect(named('Upper plot').properties.ProducerCountry).to.equal('TH');
  });

  it('writes every coordinate with exactly six decimals', () => {
    const geometries = text.match(/"coordinates":[-\d.,[\]]+/g) ?? [];
    expect(geometries).to.have.length(3);
    const numbers = geometries.flatMap((g) => g.slice('"coordinates":'.length).match(/-?[\d.]+/g) ?? []);
    expect(numbers).to.have.length(2 + 2 + 10);
    for (const n of numbers) expect(n).to.match(/^-?\d{1,3}\.\d{6}$/);
    expect(text).to.contain('[99.800000,19.900000]');
    expect(text).to.contain('[-0.000007,0.000005]');
    expect(text).to.contain('[-78.512210,-6.204455]');
  });

  it('is an empty collection for lots without plots', () => {
    expect(JSON.parse(eudrGeoJson([record('Blend', [])]).text)).to.deep.equal({ type: 'FeatureCollection', features: [] });
  });
});
