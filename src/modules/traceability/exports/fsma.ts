import { stringify } from 'csv-stringify/sync';
import { scaledToDecimalString } from '#platform/decimal.js';
import { correctedEvents } from '#modules/traceability/exports/epcis.js';
import type { EventType, TraceEvent, TraceRecord } from '#modules/traceability/traceability.rows.js';

/** Columns named after the FSMA 204 Key Data Elements (21 CFR 1.1325–1.1350). */
export const FSMA_COLUMNS = [
  'Traceability Lot Code', 'TLC Source', 'TLC Source Reference', 'Product Description', 'Quantity', 'Unit of Measure',
  'Event Type', 'Event Date', 'Location Description', 'Ship From Location', 'Ship To Location',
  'Reference Document Type', 'Reference Document Number', 'Input Lots', 'Output Lot',
] as const;
type Row = Record<(typeof FSMA_COLUMNS)[number], string>;

/** Critical Tracking Events; tests, recalls and corrections are not CTEs (a correction amends its event's row). */
const CTE: Partial<Record<EventType, string>> = {
  harvest: 'Harvesting', store: 'Cooling', pack: 'Initial Packing', ship_to_hub: 'Shipping', ship_to_buyer: 'Shipping',
  receive_at_hub: 'Receiving', process: 'Transformation', transform: 'Transformation',
};

/** Reference documents named in an event's attributes, in order of preference. */
const DOCUMENTS: [string, string][] = [['billOfLading', 'Bill of Lading'], ['invoice', 'Invoice'], ['purchaseOrder', 'Purchase Order']];

// A cell starting with one of these is a formula to a spreadsheet: exported with a quote mark before it.
const FORMULA = /^[=+\-@\t\r]/;
const guard = (s: string) => (FORMULA.test(s) ? `'${s}` : s);
const amount = (v: bigint, d: number) => scaledToDecimalString(v, d).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
const degrees = (e6: number) => scaledToDecimalString(Math.round(e6), 6);

/** The calendar date at the event's place: the UTC instant moved by its offset. */
function localDate(iso: string, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h = 0, m = 0] = offset.slice(1).split(':').map(Number);
  return new Date(Date.parse(iso) + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 10);
}

function referenceDocument(a: TraceEvent['attributes']): [string, string] {
  if (a.referenceDocumentNumber !== undefined && a.referenceDocumentNumber !== '') {
    return [String(a.referenceDocumentType ?? ''), String(a.referenceDocumentNumber)];
  }
  const found = DOCUMENTS.find(([key]) => a[key] !== undefined && a[key] !== '');
  return found ? [found[1], String(a[found[0]])] : ['', ''];
}

interface Ctx {
  base: string;
  hub: string;
  record: TraceRecord;
  events: TraceEvent[];
}

const memberAddress = ({ member }: TraceRecord, country = member.country) => [member.locality, member.region, country].filter(Boolean).join(', ');

/** A location description: business name and address, with coordinates for a growing site. */
function placeText({ hub, record }: Ctx, e: TraceEvent): string {
  if (e.location.kind === 'hub') return hub;
  const site = e.location.kind === 'site' ? record.sites.find((s) => s.id === e.location.siteId) : undefined;
  if (site) return `${record.member.name}, ${site.name}, ${memberAddress(record, site.country)} (${degrees(site.latE6)}, ${degrees(site.lonE6)})`;
  return [record.member.name, e.location.text || memberAddress(record)].filter(Boolean).join(', ');
}

/** Where the lot code was assigned: the event that created the lot (harvest, or the transformation making it). */
function tlcSource(ctx: Ctx): string {
  const created = ctx.events.find((e) => e.type === 'harvest' || (e.type === 'transform' && typeof e.attributes.output !== 'string'));
  return created ? placeText(ctx, created) : `${ctx.record.member.name}, ${memberAddress(ctx.record)}`;
}

function shipping(ctx: Ctx, e: TraceEvent): { from: string; to: string } {
  const shipTo = e.attributes.shipTo;
  if (e.type === 'ship_to_hub') return { from: placeText(ctx, e), to: ctx.hub };
  if (e.type === 'ship_to_buyer') return { from: placeText(ctx, e), to: typeof shipTo === 'string' ? shipTo : '' };
  if (e.type !== 'receive_at_hub') return { from: '', to: '' };
  // Receiving names the immediate previous source: where the last shipment before it left from.
  const shipped = ctx.events.filter((s) => s.seq < e.seq && (s.type === 'ship_to_hub' || s.type === 'ship_to_buyer')).pop();
  return { from: shipped ? placeText(ctx, shipped) : '', to: '' };
}

function lots(ctx: Ctx, e: TraceEvent): { inputs: string; output: string } {
  const { record } = ctx;
  const { lotCode } = record.batch;
  if (e.type !== 'transform') return { inputs: '', output: '' };
  const output = e.attributes.output;
  const own = `${lotCode}: ${record.product.name}${e.quantity === null ? '' : `, ${amount(e.quantity, record.product.unitDecimals)} ${record.product.unit}`}`;
  if (typeof output === 'string') return { inputs: own, output };
  const inputs = record.parents.map((p) => `${p.lotCode}: ${p.productName}, ${amount(p.quantity, p.unitDecimals)} ${p.unit}`);
  return { inputs: inputs.join('; '), output: lotCode };
}

function toRow(ctx: Ctx, e: TraceEvent, type: string): Row {
  const { base, record } = ctx;
  const { product, batch } = record;
  const countUnit = !['kg', 'g', 'l'].includes(product.unit) && product.netWeightG > 0;
  const description = `${product.name}${countUnit ? ` (${product.unit} ${product.netWeightG} g)` : ''}${batch.grade ? `, ${batch.grade}` : ''}`;
  const [docType, docNumber] = referenceDocument(e.attributes);
  const { from, to } = shipping(ctx, e);
  const { inputs, output } = lots(ctx, e);
  return {
    'Traceability Lot Code': batch.lotCode,
    'TLC Source': tlcSource(ctx),
    'TLC Source Reference': `${base}/trace/${encodeURIComponent(batch.lotCode)}`,
    'Product Description': description,
    Quantity: e.quantity === null ? '' : amount(e.quantity, product.unitDecimals),
    'Unit of Measure': e.quantity === null ? '' : product.unit,
    'Event Type': type,
    'Event Date': localDate(e.occurredAt, e.tzOffset),
    'Location Description': placeText(ctx, e),
    'Ship From Location': from,
    'Ship To Location': to,
    'Reference Document Type': docType,
    'Reference Document Number': docNumber,
    'Input Lots': inputs,
    'Output Lot': output,
  };
}

/** A lot's CTEs, each as its corrections leave it; cooling only counts before initial packing. */
function recordRows(ctx: Ctx): FsmaRow[] {
  const corrected = correctedEvents(ctx.events);
  const packedAt = ctx.events.find((e) => e.type === 'pack')?.seq ?? Infinity;
  return ctx.events.flatMap((original) => {
    const type = CTE[original.type];
    if (!type || (original.type === 'store' && original.seq > packedAt)) return [];
    const e = corrected.get(original.id) ?? original;
    return [{ row: toRow(ctx, e, type), at: e.occurredAt, seq: e.seq }];
  });
}

/** One CTE row with what sorts it; rows of many lots are gathered, then sorted once (fsmaSheet). */
export interface FsmaRow {
  row: Row;
  at: string;
  seq: number;
}

/** The rows of the given lots' CTEs, unsorted; a large export gathers them a few lots at a time. */
export function fsmaRows(records: TraceRecord[], opts: { publicUrl: string; hub?: string }): FsmaRow[] {
  const base = opts.publicUrl.replace(/\/+$/, '');
  const hub = opts.hub ?? `Hub, ${base}/hubs/main`;
  return records.flatMap((record) => recordRows({ base, hub, record, events: [...record.events].sort((a, b) => a.seq - b.seq) }));
}

/** Rows as the FSMA 204 sheet: sorted by event date then lot code, UTF-8 with a BOM, CRLF line ends. */
export function fsmaSheet(rows: FsmaRow[]): string {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...rows].sort(
    (a, b) =>
      cmp(a.row['Event Date'], b.row['Event Date']) || cmp(a.row['Traceability Lot Code'], b.row['Traceability Lot Code']) || cmp(a.at, b.at) || a.seq - b.seq,
  );
  const guarded = sorted.map(({ row }) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, guard(v)])));
  return stringify(guarded, { bom: true, header: true, columns: [...FSMA_COLUMNS], record_delimiter: 'windows' });
}

/**
 * The FSMA 204 electronic sortable spreadsheet: one row per Critical Tracking Event of the given
 * lots, sorted by event date then lot code. UTF-8 with a BOM, CRLF line ends.
 */
export function fsmaCsv(records: TraceRecord[], opts: { publicUrl: string; hub?: string }): string {
  return fsmaSheet(fsmaRows(records, opts));
}
