import type { ImageView } from '#platform/uploads/images.queries.js';

export type BatchStatus = 'draft' | 'available' | 'depleted' | 'recalled';

/** Event types and the GS1 CBV business step each maps to (EPCIS export). */
export const EVENT_TYPES = ['harvest', 'process', 'pack', 'store', 'test', 'ship_to_hub', 'receive_at_hub', 'ship_to_buyer', 'recall', 'correction', 'transform'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface BatchRow {
  id: number;
  lot_code: string;
  product_id: number;
  member_id: number;
  status: string;
  produced_on: string;
  produced_until: string | null;
  packed_on: string | null;
  best_before: string | null;
  quantity: number | string;
  available: number | string;
  grade: string;
  last_seq: number;
  head_hash: string;
  recalled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TraceEventRow {
  id: number;
  batch_id: number;
  seq: number;
  type: string;
  occurred_at: string;
  tz_offset: string;
  location_kind: string;
  site_id: number | null;
  location_text: string;
  actor_user_id: number | null;
  actor_label: string;
  quantity: number | string | null;
  attributes: string;
  corrects_event_id: number | null;
  note: string;
  prev_hash: string;
  hash: string;
  recorded_at: string;
}

export interface TraceEvent {
  id: number;
  seq: number;
  type: EventType;
  occurredAt: string;
  tzOffset: string;
  location: { kind: 'site' | 'hub' | 'address'; siteId: number | null; text: string };
  actor: { userId: number | null; label: string };
  quantity: bigint | null;
  attributes: Record<string, string | number | boolean>;
  correctsEventId: number | null;
  note: string;
  hash: string;
}

/** Everything a trace page and every export needs about one batch, in plain data. */
export interface TraceRecord {
  batch: {
    id: number;
    lotCode: string;
    status: BatchStatus;
    producedOn: string;
    producedUntil: string | null;
    packedOn: string | null;
    bestBefore: string | null;
    quantity: bigint;
    available: bigint;
    grade: string;
    recalledAt: string | null;
    headHash: string;
  };
  product: { id: number; slug: string; name: string; textLocale: string; gtin: string | null; hsCode: string | null; unit: string; unitDecimals: number; netWeightG: number };
  member: { id: number; slug: string; name: string; country: string; region: string; locality: string; story: string; storyLocale: string | null };
  sites: { id: number; name: string; country: string; areaM2: number; latE6: number; lonE6: number; polygon: { type: 'Polygon'; coordinates: [number, number][][] } | null; shareBp: number }[];
  parents: { lotCode: string; productName: string; memberName: string; quantity: bigint; unit: string; unitDecimals: number }[];
  certifications: { name: string; issuingBody: string; number: string; validUntil: string; documentKey: string | null }[];
  events: TraceEvent[];
  photos: ImageView[];
  integrity: { ok: true } | { ok: false; brokenAtSeq: number; reason: string };
}
