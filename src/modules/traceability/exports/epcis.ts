import { scaledToDecimalString } from '#platform/decimal.js';
import type { EventType, TraceEvent, TraceRecord } from '#modules/traceability/traceability.rows.js';

/** GS1's JSON-LD context; the coop's own terms (attributes, notes, member) live under `terroir:`. */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** UN/CEFACT Rec 20 codes for the catalog's units: every count unit is pieces (H87). */
const UOM: Record<string, string> = { kg: 'KGM', g: 'GRM', l: 'LTR', piece: 'H87', jar: 'H87', bag: 'H87', box: 'H87', bottle: 'H87', pack: 'H87' };

type Json = Record<string, unknown>;
interface Step {
  action: 'ADD' | 'OBSERVE';
  bizStep?: string;
  disposition?: string;
}

// CBV 2.0 has no "harvesting" (commissioning covers it) and no "recalling" (the disposition says it).
// `process` and `transform` are TransformationEvents, built apart; `correction` is the fallback for a
// correction whose corrected event is not in the record.
const STEPS: Record<Exclude<EventType, 'process' | 'transform'>, Step> = {
  harvest: { action: 'ADD', bizStep: 'commissioning', disposition: 'active' },
  pack: { action: 'OBSERVE', bizStep: 'packing' },
  store: { action: 'OBSERVE', bizStep: 'storing' },
  test: { action: 'OBSERVE', bizStep: 'inspecting' },
  ship_to_hub: { action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit' },
  ship_to_buyer: { action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit' },
  receive_at_hub: { action: 'OBSERVE', bizStep: 'receiving', disposition: 'in_progress' },
  recall: { action: 'OBSERVE', disposition: 'recalled' },
  correction: { action: 'OBSERVE' },
};

interface Ctx {
  base: string;
  record: TraceRecord;
  classOf: (lot: string) => string;
}

const lotPath = (base: string, lot: string) => `${base}/trace/${encodeURIComponent(lot)}`;
const hubUri = (base: string) => `${base}/hubs/main`;

/** A lot's class: its GS1 Digital Link URI with a GTIN, else the coop's own trace URI. */
export function lotClass(base: string, lot: string, gtin: string | null): string {
  return gtin ? `${base}/01/${gtin.padStart(14, '0')}/10/${encodeURIComponent(lot)}` : lotPath(base, lot);
}

/** An exact quantity: integer steps become decimal text first, a JSON number only at the end. */
function quantityElement(epcClass: string, qty: bigint | null, unit: string, decimals: number): Json {
  if (qty === null) return { epcClass };
  const uom = UOM[unit];
  return { epcClass, quantity: Number(scaledToDecimalString(qty, decimals)), ...(uom ? { uom } : {}) };
}

/** A correction's fields laid over the event it corrects; the correction's note says why. */
function fold(base: TraceEvent, c: TraceEvent): TraceEvent {
  const moved = c.location.kind === 'hub' || c.location.siteId !== null;
  return {
    ...base,
    quantity: c.quantity ?? base.quantity,
    attributes: { ...base.attributes, ...c.attributes },
    location: moved ? c.location : base.location,
    note: c.note || base.note,
  };
}

/**
 * Every event as corrections leave it, by id: an original maps to its corrected view, a correction
 * to the corrected event as stated by that correction (and those before it), under its own id and seq.
 */
export function correctedEvents(events: TraceEvent[]): Map<number, TraceEvent> {
  const byId = new Map(events.map((e) => [e.id, e]));
  const rootOf = (e: TraceEvent): TraceEvent | undefined => {
    let cur: TraceEvent | undefined = e;
    for (let hops = 0; cur?.type === 'correction' && hops <= events.length; hops++) cur = byId.get(cur.correctsEventId ?? -1);
    return cur?.type === 'correction' ? undefined : cur;
  };
  const out = new Map<number, TraceEvent>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const root = rootOf(e);
    if (!root) continue;
    if (e.type !== 'correction') {
      if (!out.has(e.id)) out.set(e.id, e);
      continue;
    }
    const next = fold(out.get(root.id) ?? root, e);
    out.set(root.id, next);
    out.set(e.id, { ...next, id: e.id, seq: e.seq, hash: e.hash });
  }
  return out;
}

function place(base: string, e: TraceEvent): string | undefined {
  if (e.location.kind === 'hub') return hubUri(base);
  return e.location.kind === 'site' && e.location.siteId !== null ? `${base}/sites/${e.location.siteId}` : undefined;
}

/** Attributes (moisture, score, lab values…), an address and the note as `terroir:` extension fields. */
function extensions(e: TraceEvent): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(e.attributes)) if (v !== '') out[`terroir:${encodeURIComponent(k)}`] = v;
  if (e.location.kind === 'address' && e.location.text) out['terroir:place'] = e.location.text;
  if (e.note) out['terroir:note'] = e.note;
  return out;
}

/** Lot master data, carried once: by the event that brings the lot into existence. */
function ilmd({ base, record }: Ctx, harvest: boolean): Json {
  const { batch, member, sites } = record;
  const countries = [...new Set(sites.map((s) => s.country))];
  return {
    'cbvmda:lotNumber': batch.lotCode,
    [harvest ? 'cbvmda:harvestStartDate' : 'terroir:productionDate']: batch.producedOn,
    ...(harvest && batch.producedUntil ? { 'cbvmda:harvestEndDate': batch.producedUntil } : {}),
    ...(batch.bestBefore ? { 'cbvmda:bestBeforeDate': batch.bestBefore } : {}),
    ...(countries.length === 1 ? { 'cbvmda:countryOfOrigin': countries[0] } : {}),
    ...(sites.length ? { 'terroir:originSites': sites.map((s) => `${base}/sites/${s.id}`) } : {}),
    'terroir:memberName': member.name,
  };
}

/**
 * A transformation seen from this lot: made from its parents (a blend: new lot, with master data),
 * consumed into another lot (`output` attribute), or processed in place (drying, roasting: same lot).
 * The made and consumed sides share a transformationID, so the one-step-back/forward links join up.
 */
function transformation(ctx: Ctx, e: TraceEvent): Json {
  const { base, record, classOf } = ctx;
  const { batch, product } = record;
  const own = (qty: bigint | null) => quantityElement(classOf(batch.lotCode), qty, product.unit, product.unitDecimals);
  if (e.type === 'process') {
    return { inputQuantityList: [own(null)], outputQuantityList: [own(e.quantity)], bizStep: `${base}/ns#processing` };
  }
  const output = e.attributes.output;
  const made = {
    bizStep: 'commissioning',
    disposition: 'active',
    transformationID: `${lotPath(base, typeof output === 'string' ? output : batch.lotCode)}#transformation`,
  };
  if (typeof output === 'string') return { inputQuantityList: [own(e.quantity)], outputQuantityList: [{ epcClass: classOf(output) }], ...made };
  const inputs = record.parents.map((p) => quantityElement(classOf(p.lotCode), p.quantity, p.unit, p.unitDecimals));
  return { ...(inputs.length ? { inputQuantityList: inputs } : {}), outputQuantityList: [own(e.quantity ?? batch.quantity)], ...made, ilmd: ilmd(ctx, false) };
}

function objectEvent(ctx: Ctx, e: TraceEvent, at: string | undefined): Json {
  const step = STEPS[e.type as keyof typeof STEPS];
  const { batch, product } = ctx.record;
  const shipping = step.bizStep === 'shipping';
  return {
    action: step.action,
    quantityList: [quantityElement(ctx.classOf(batch.lotCode), e.quantity, product.unit, product.unitDecimals)],
    ...(step.bizStep ? { bizStep: step.bizStep } : {}),
    ...(step.disposition ? { disposition: step.disposition } : {}),
    // Goods being shipped are in transit: no business location after the event (as in GS1's examples).
    ...(at ? { readPoint: { id: at }, ...(shipping ? {} : { bizLocation: { id: at } }) } : {}),
    ...(e.type === 'ship_to_hub' ? { destinationList: [{ type: 'location', destination: hubUri(ctx.base) }] } : {}),
    ...(step.action === 'ADD' ? { ilmd: ilmd(ctx, true) } : {}),
  };
}

function toEpcisEvent(ctx: Ctx, e: TraceEvent): Json {
  const at = place(ctx.base, e);
  const isTransformation = e.type === 'process' || e.type === 'transform';
  return {
    type: isTransformation ? 'TransformationEvent' : 'ObjectEvent',
    eventTime: new Date(e.occurredAt).toISOString(),
    eventTimeZoneOffset: e.tzOffset,
    eventID: `${lotPath(ctx.base, ctx.record.batch.lotCode)}/events/${e.seq}`,
    ...(isTransformation ? { ...transformation(ctx, e), ...(at ? { readPoint: { id: at }, bizLocation: { id: at } } : {}) } : objectEvent(ctx, e, at)),
    ...extensions(e),
  };
}

/** One lot's events in order; a corrected event carries an errorDeclaration naming its corrections. */
function recordEvents(ctx: Ctx): Json[] {
  const events = [...ctx.record.events].sort((a, b) => a.seq - b.seq);
  const corrected = correctedEvents(events);
  const eventId = (e: TraceEvent) => `${lotPath(ctx.base, ctx.record.batch.lotCode)}/events/${e.seq}`;
  return events.map((e) => {
    const event = toEpcisEvent(ctx, e.type === 'correction' ? (corrected.get(e.id) ?? e) : e);
    const by = events.filter((c) => c.type === 'correction' && c.correctsEventId === e.id);
    if (!by.length) return event;
    const declarationTime = new Date(by[0]!.occurredAt).toISOString();
    return { ...event, errorDeclaration: { declarationTime, reason: 'incorrect_data', correctiveEventIDs: by.map(eventId) } };
  });
}

/** An EPCIS 2.0 JSON-LD document of every event of the given lots (GS1's JSON schema accepts it). */
export function epcisDocument(records: TraceRecord[], opts: { publicUrl: string; createdAt: string }): object {
  const base = opts.publicUrl.replace(/\/+$/, '');
  const gtins = new Map(records.map((r) => [r.batch.lotCode, r.product.gtin]));
  const classOf = (lot: string) => lotClass(base, lot, gtins.get(lot) ?? null);
  return {
    '@context': [EPCIS_CONTEXT, { terroir: `${base}/ns#` }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date(opts.createdAt).toISOString(),
    epcisBody: { eventList: records.flatMap((record) => recordEvents({ base, record, classOf })) },
  };
}
