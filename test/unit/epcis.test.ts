import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { paths } from '#platform/paths.js';
import { epcisDocument } from '#modules/traceability/exports/epcis.js';
import type { EventType, TraceEvent, TraceRecord } from '#modules/traceability/traceability.rows.js';

// A CommonJS module whose typings describe an ES default export: at run time the default import is the plugin.
const addFormats = formatsModule as unknown as typeof formatsModule.default;

const BASE = 'https://coop.example';
const GTIN = '09506000123455';
type Ev = Record<string, unknown> & { type: string; action?: string; bizStep?: string; ilmd?: Record<string, unknown>; eventID: string };

function event(batchId: number, seq: number, type: EventType, over: Partial<TraceEvent> = {}): TraceEvent {
  return {
    id: batchId * 100 + seq, seq, type, occurredAt: `2026-03-${String(10 + seq).padStart(2, '0')}T01:30:00.000Z`, tzOffset: '+07:00',
    location: { kind: 'site', siteId: 11, text: '' }, actor: { userId: 1, label: 'Somchai' }, quantity: null, attributes: {},
    correctsEventId: null, note: '', hash: 'a'.repeat(64), ...over,
  };
}

function record(id: number, lotCode: string, events: TraceEvent[], over: { gtin?: string | null; unit?: string; unitDecimals?: number; parents?: TraceRecord['parents']; sites?: TraceRecord['sites'] } = {}): TraceRecord {
  return {
    batch: { id, lotCode, status: 'available', producedOn: '2026-03-11', producedUntil: '2026-03-12', packedOn: null, bestBefore: '2027-03-01', quantity: 12345n, available: 12345n, grade: 'A', recalledAt: null, headHash: '' },
    product: { id, slug: 'coffee', name: 'Green coffee', textLocale: 'en', gtin: over.gtin ?? null, hsCode: '0901', unit: over.unit ?? 'kg', unitDecimals: over.unitDecimals ?? 3, netWeightG: 0 },
    member: { id, slug: 'somchai', name: 'Somchai Farm', country: 'TH', region: 'Chiang Rai', locality: 'Doi Chang', story: '', storyLocale: null },
    sites: over.sites ?? [{ id: 11, name: 'Upper plot', country: 'TH', areaM2: 18000, latE6: 19900000, lonE6: 99800000, polygon: null, shareBp: 10000 }],
    parents: over.parents ?? [], certifications: [], events, photos: [], integrity: { ok: true },
  };
}

const plain = record(1, 'HCF-2026-0042', [
  event(1, 1, 'harvest', { quantity: 12345n }),
  event(1, 2, 'process', { quantity: 10000n, attributes: { process: 'sun drying', moisturePct: 11.5 } }),
  event(1, 3, 'test', { location: { kind: 'hub', siteId: null, text: '' }, attributes: { cuppingScore: 86.5, lab: '' } }),
  event(1, 4, 'pack', { quantity: 10000n }),
  event(1, 5, 'ship_to_hub', { quantity: 10000n }),
  event(1, 6, 'transform', { quantity: 5000n, location: { kind: 'address', siteId: null, text: 'Roastery, Chiang Mai' }, attributes: { process: 'blending', output: 'BLD-2026-0001' } }),
], { gtin: GTIN });
const other = record(2, 'DOI-2026-0007', [event(2, 1, 'harvest', { quantity: 4000n })]);
const blend = record(3, 'BLD-2026-0001', [
  event(3, 1, 'transform', { quantity: 7500n, location: { kind: 'address', siteId: null, text: 'Roastery, Chiang Mai' }, attributes: { process: 'blending', inputs: 'HCF-2026-0042, DOI-2026-0007' } }),
], {
  sites: [],
  parents: [
    { lotCode: 'HCF-2026-0042', productName: 'Green coffee', memberName: 'Somchai Farm', quantity: 5000n, unit: 'kg', unitDecimals: 3 },
    { lotCode: 'DOI-2026-0007', productName: 'Green coffee', memberName: 'Doi Farm', quantity: 2500n, unit: 'kg', unitDecimals: 3 },
  ],
});
const recalled = record(4, 'HON-2026-0003', [
  event(4, 1, 'harvest', { quantity: 120n }),
  event(4, 2, 'recall', { location: { kind: 'hub', siteId: null, text: '' }, note: 'Glass fragments' }),
], { unit: 'jar', unitDecimals: 0 });
const corrected = record(5, 'TEA-2026-0011', [
  event(5, 1, 'harvest', { quantity: 2000n }),
  event(5, 2, 'store', { quantity: 2000n, attributes: { temperatureC: 41 } }),
  event(5, 3, 'correction', { correctsEventId: 502, location: { kind: 'site', siteId: null, text: '' }, attributes: { temperatureC: 14 }, note: 'Typo: 14 °C, not 41' }),
]);

let validate: ValidateFunction;
const doc = (records: TraceRecord[]) => JSON.parse(JSON.stringify(epcisDocument(records, { publicUrl: `${BASE}/`, createdAt: '2026-04-01T00:00:00Z' }))) as { '@context': unknown[]; epcisBody: { eventList: Ev[] } };
const events = (records: TraceRecord[]) => doc(records).epcisBody.eventList;
const byId = (list: Ev[], lot: string, seq: number) => list.find((e) => e.eventID === `${BASE}/trace/${lot}/events/${seq}`)!;
const expectValid = (d: unknown) => expect(validate(d), JSON.stringify(validate.errors, null, 2)).to.equal(true);

describe('EPCIS 2.0 export', () => {
  before(() => {
    // GS1's official schema, copied from the design notes so the suite runs anywhere.
    const schema = JSON.parse(readFileSync(path.join(paths.root, 'test', 'fixtures', 'epcis', 'EPCIS-JSON-Schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    validate = ajv.compile(schema);
  });

  it('validates against GS1’s schema, lot by lot and all together', () => {
    for (const r of [plain, other, blend, recalled, corrected]) expectValid(doc([r]));
    expectValid(doc([plain, other, blend, recalled, corrected]));
  });

  it('refuses what the schema forbids, so the validator is known to bite', () => {
    const broken: [string, (e: Ev) => void][] = [
      ['ilmd on OBSERVE', (e) => (e.ilmd = { 'cbvmda:lotNumber': 'X' })],
      ['a bizStep outside CBV that is no URI', (e) => (e.bizStep = 'harvesting')],
      ['a unit that is no UN/CEFACT code', (e) => ((e.quantityList as { uom: string }[])[0]!.uom = 'kg')],
      ['a quantity as text', (e) => ((e.quantityList as { quantity: unknown }[])[0]!.quantity = '10.000')],
      ['an impossible offset', (e) => (e.eventTimeZoneOffset = '+7:00')],
    ];
    for (const [what, breakIt] of broken) {
      const d = doc([plain]);
      breakIt(byId(d.epcisBody.eventList, 'HCF-2026-0042', 4));
      expect(validate(d), what).to.equal(false);
    }
  });

  it('declares GS1’s context and a coop namespace for extension fields', () => {
    expect(doc([plain])['@context']).to.deep.equal(['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { terroir: `${BASE}/ns#` }]);
  });

  it('adds the lot once, at commissioning, with its master data; observes it afterwards', () => {
    const list = events([plain, other, blend, recalled, corrected]);
    for (const e of list.filter((x) => x.type === 'ObjectEvent')) {
      if (e.action === 'ADD') expect([e.bizStep, typeof e.ilmd], e.eventID).to.deep.equal(['commissioning', 'object']);
      else expect([e.action, e.ilmd], e.eventID).to.deep.equal(['OBSERVE', undefined]);
    }
    const harvest = byId(list, 'HCF-2026-0042', 1);
    expect(harvest).to.include({ action: 'ADD', eventTime: '2026-03-11T01:30:00.000Z', eventTimeZoneOffset: '+07:00', disposition: 'active' });
    expect(harvest.ilmd).to.deep.equal({
      'cbvmda:lotNumber': 'HCF-2026-0042', 'cbvmda:harvestStartDate': '2026-03-11', 'cbvmda:harvestEndDate': '2026-03-12', 'cbvmda:bestBeforeDate': '2027-03-01',
      'cbvmda:countryOfOrigin': 'TH', 'terroir:originSites': [`${BASE}/sites/11`], 'terroir:memberName': 'Somchai Farm',
    });
    expect(harvest.readPoint).to.deep.equal({ id: `${BASE}/sites/11` });
  });

  it('names a GTIN lot by its Digital Link and keeps quantities exact', () => {
    const list = events([plain]);
    expect(byId(list, 'HCF-2026-0042', 1).quantityList).to.deep.equal([{ epcClass: `${BASE}/01/${GTIN}/10/HCF-2026-0042`, quantity: 12.345, uom: 'KGM' }]);
    expect(byId(events([recalled]), 'HON-2026-0003', 1).quantityList).to.deep.equal([{ epcClass: `${BASE}/trace/HON-2026-0003`, quantity: 120, uom: 'H87' }]);
  });

  it('maps each step to its CBV business step, with attributes as extension fields', () => {
    const list = events([plain]);
    expect(byId(list, 'HCF-2026-0042', 3)).to.include({ bizStep: 'inspecting', 'terroir:cuppingScore': 86.5 }).and.not.have.property('terroir:lab');
    expect(byId(list, 'HCF-2026-0042', 3).bizLocation).to.deep.equal({ id: `${BASE}/hubs/main` });
    expect(byId(list, 'HCF-2026-0042', 4)).to.include({ action: 'OBSERVE', bizStep: 'packing' });
    const ship = byId(list, 'HCF-2026-0042', 5);
    expect(ship).to.include({ bizStep: 'shipping', disposition: 'in_transit' }).and.not.have.property('bizLocation');
    expect(ship.destinationList).to.deep.equal([{ type: 'location', destination: `${BASE}/hubs/main` }]);
    const drying = byId(list, 'HCF-2026-0042', 2);
    expect(drying).to.include({ type: 'TransformationEvent', bizStep: `${BASE}/ns#processing`, 'terroir:moisturePct': 11.5 }).and.not.have.property('action');
    expect(drying.outputQuantityList).to.deep.equal([{ epcClass: `${BASE}/01/${GTIN}/10/HCF-2026-0042`, quantity: 10, uom: 'KGM' }]);
  });

  it('exports a blend as a TransformationEvent from its parents, linked to their own classes', () => {
    const list = events([plain, other, blend]);
    const made = byId(list, 'BLD-2026-0001', 1);
    expect(made).to.include({ type: 'TransformationEvent', bizStep: 'commissioning', transformationID: `${BASE}/trace/BLD-2026-0001#transformation` });
    expect(made.inputQuantityList).to.deep.equal([
      { epcClass: `${BASE}/01/${GTIN}/10/HCF-2026-0042`, quantity: 5, uom: 'KGM' },
      { epcClass: `${BASE}/trace/DOI-2026-0007`, quantity: 2.5, uom: 'KGM' },
    ]);
    expect(made.outputQuantityList).to.deep.equal([{ epcClass: `${BASE}/trace/BLD-2026-0001`, quantity: 7.5, uom: 'KGM' }]);
    expect(made.ilmd).to.include({ 'cbvmda:lotNumber': 'BLD-2026-0001', 'terroir:productionDate': '2026-03-11' });
    const consumed = byId(list, 'HCF-2026-0042', 6);
    expect(consumed.transformationID).to.equal(made.transformationID);
    expect(consumed.outputQuantityList).to.deep.equal([{ epcClass: `${BASE}/trace/BLD-2026-0001` }]);
    expect(consumed).to.not.have.property('ilmd');
  });

  it('exports a recall as an observation with disposition recalled', () => {
    const recall = byId(events([recalled]), 'HON-2026-0003', 2);
    expect(recall).to.include({ type: 'ObjectEvent', action: 'OBSERVE', disposition: 'recalled', 'terroir:note': 'Glass fragments' }).and.not.have.property('bizStep');
  });

  it('declares the corrected event erroneous and exports the correction as its corrective event', () => {
    const list = events([corrected]);
    expect(byId(list, 'TEA-2026-0011', 2).errorDeclaration).to.deep.equal({
      declarationTime: '2026-03-13T01:30:00.000Z', reason: 'incorrect_data', correctiveEventIDs: [`${BASE}/trace/TEA-2026-0011/events/3`],
    });
    const fix = byId(list, 'TEA-2026-0011', 3);
    expect(fix).to.include({ type: 'ObjectEvent', action: 'OBSERVE', bizStep: 'storing', eventTime: '2026-03-12T01:30:00.000Z', 'terroir:temperatureC': 14 });
    expect(fix).to.not.have.property('errorDeclaration');
    expect(byId(list, 'TEA-2026-0011', 1)).to.not.have.property('errorDeclaration');
  });
});
