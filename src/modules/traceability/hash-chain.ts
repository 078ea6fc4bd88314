import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { BatchRow, TraceEventRow } from '#modules/traceability/traceability.rows.js';

// A CommonJS module whose typings describe an ES default export: at run time the default import is the function.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/**
 * The hashed form of an event: every stored column except `hash`, with engine differences
 * (PostgreSQL hands back bigints as text) removed, in RFC 8785 canonical JSON.
 */
export function canonicalEvent(row: Omit<TraceEventRow, 'hash'>): string {
  const body = {
    id: Number(row.id),
    batch_id: Number(row.batch_id),
    seq: Number(row.seq),
    type: row.type,
    occurred_at: row.occurred_at,
    tz_offset: row.tz_offset,
    location_kind: row.location_kind,
    site_id: row.site_id === null ? null : Number(row.site_id),
    location_text: row.location_text,
    actor_user_id: row.actor_user_id === null ? null : Number(row.actor_user_id),
    actor_label: row.actor_label,
    quantity: row.quantity === null ? null : String(row.quantity),
    attributes: row.attributes,
    corrects_event_id: row.corrects_event_id === null ? null : Number(row.corrects_event_id),
    note: row.note,
    prev_hash: row.prev_hash,
    recorded_at: row.recorded_at,
  };
  return canonicalize(body)!;
}

/** SHA-256 of the canonical event followed by the previous hash of the same batch. */
export function eventHash(row: Omit<TraceEventRow, 'hash'>): string {
  return createHash('sha256').update(canonicalEvent(row)).update(row.prev_hash).digest('hex');
}

export type ChainStatus = { ok: true } | { ok: false; brokenAtSeq: number; reason: 'hash' | 'link' | 'sequence' | 'head' };

/**
 * Walks a batch's events in order: each must carry its own correct hash, link to the one before,
 * and follow it without a gap; the batch's stored head must be the last event's hash.
 */
export function verifyChain(batch: Pick<BatchRow, 'last_seq' | 'head_hash'>, events: TraceEventRow[]): ChainStatus {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  let prev = '';
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (Number(e.seq) !== i + 1) return { ok: false, brokenAtSeq: i + 1, reason: 'sequence' };
    if (e.prev_hash !== prev) return { ok: false, brokenAtSeq: e.seq, reason: 'link' };
    if (eventHash(e) !== e.hash) return { ok: false, brokenAtSeq: e.seq, reason: 'hash' };
    prev = e.hash;
  }
  if (Number(batch.last_seq) !== sorted.length || batch.head_hash !== prev) {
    return { ok: false, brokenAtSeq: Number(batch.last_seq) || sorted.length, reason: 'head' };
  }
  return { ok: true };
}
