import type { Db } from '#platform/db/index.js';
import { isLocale, type Locale } from '#platform/i18n/locales.js';
import { toImageView, type ImageRow } from '#platform/uploads/images.queries.js';
import type { CatalogService } from '#modules/catalog/index.js';
import type { MemberProfileService } from '#modules/members/index.js';
import { verifyChain } from '#modules/traceability/hash-chain.js';
import * as q from '#modules/traceability/traceability.queries.js';
import type { BatchRow, BatchStatus, EventType, TraceEventRow, TraceRecord } from '#modules/traceability/traceability.rows.js';

type SiteWithShare = { id: number; name: string; country: string; area_m2: number | string; lat_e6: number; lon_e6: number; polygon_geojson: string | null; share_bp: number };

export function toTraceEvent(r: TraceEventRow): TraceRecord['events'][number] {
  return {
    id: r.id,
    seq: Number(r.seq),
    type: r.type as EventType,
    occurredAt: r.occurred_at,
    tzOffset: r.tz_offset,
    location: { kind: r.location_kind as 'site' | 'hub' | 'address', siteId: r.site_id, text: r.location_text },
    actor: { userId: r.actor_user_id, label: r.actor_label },
    quantity: r.quantity === null ? null : BigInt(r.quantity),
    attributes: JSON.parse(r.attributes) as Record<string, string | number | boolean>,
    correctsEventId: r.corrects_event_id,
    note: r.note,
    hash: r.hash,
  };
}

/** Assembles everything public about one lot, in the reader's language, with its integrity. */
export function createTraceRecords({ db, catalog, memberProfiles }: { db: Db; catalog: CatalogService; memberProfiles: MemberProfileService }) {
  return async function record(lotCode: string, lng: Locale): Promise<TraceRecord | undefined> {
    const batch = await q.selectBatchByLot(db, lotCode);
    if (!batch) return undefined;
    const [product, translations, member, ownSites, parents, certs, events, images] = await Promise.all([
      catalog.byId(batch.product_id),
      catalog.translations(batch.product_id),
      memberProfiles.profileOf(batch.member_id, lng),
      q.selectBatchSites(db, batch.id),
      q.selectParents(db, batch.id),
      q.selectBatchCertifications(db, batch.id),
      q.selectEvents(db, batch.id),
      q.selectBatchImages(db, batch.id),
    ]);
    if (!product || !member) return undefined;
    // A blend was not grown anywhere itself: its origin is its inputs' sites, weighted by what was taken.
    let sites = ownSites as SiteWithShare[];
    if (sites.length === 0 && parents.length) {
      const taken = (parents as { id: number; taken: string }[]).map((p) => ({ id: p.id, taken: Number(p.taken) }));
      const total = taken.reduce((sum, p) => sum + p.taken, 0) || 1;
      sites = (await Promise.all(taken.map(async (p) => ((await q.selectBatchSites(db, p.id)) as SiteWithShare[]).map((s) => ({ ...s, share_bp: Math.round((s.share_bp * p.taken) / total) }))))).flat();
    }
    const text = translations.find((t) => t.locale === lng) ?? translations.find((t) => t.locale === 'en') ?? translations[0];
    const parentRows = await Promise.all(
      (parents as (BatchRow & { taken: string })[]).map(async (p) => {
        const [pp, pt, pm] = await Promise.all([catalog.byId(p.product_id), catalog.translations(p.product_id), memberProfiles.profileOf(p.member_id, lng)]);
        const name = (pt.find((t) => t.locale === lng) ?? pt.find((t) => t.locale === 'en') ?? pt[0])?.name ?? '';
        return { lotCode: p.lot_code, productName: name, memberName: pm?.name ?? '', quantity: BigInt(p.taken), unit: pp?.unit ?? '', unitDecimals: pp?.unitDecimals ?? 0 };
      }),
    );
    return {
      batch: {
        id: batch.id,
        lotCode: batch.lot_code,
        status: batch.status as BatchStatus,
        producedOn: batch.produced_on,
        producedUntil: batch.produced_until,
        packedOn: batch.packed_on,
        bestBefore: batch.best_before,
        quantity: BigInt(batch.quantity),
        available: BigInt(batch.available),
        grade: batch.grade,
        recalledAt: batch.recalled_at,
        headHash: batch.head_hash,
      },
      product: {
        id: product.id, slug: product.slug, name: text?.name ?? product.slug, textLocale: text && isLocale(text.locale) ? text.locale : 'en',
        gtin: product.gtin, hsCode: product.hsCode, unit: product.unit, unitDecimals: product.unitDecimals, netWeightG: product.netWeightG,
      },
      member: { id: member.id, slug: member.slug, name: member.name, country: member.country, region: member.region, locality: member.locality, story: member.story, storyLocale: member.storyLocale },
      sites: sites.map((s) => ({
        id: s.id, name: s.name, country: s.country, areaM2: Number(s.area_m2), latE6: s.lat_e6, lonE6: s.lon_e6,
        polygon: s.polygon_geojson ? (JSON.parse(s.polygon_geojson) as TraceRecord['sites'][number]['polygon']) : null, shareBp: s.share_bp,
      })),
      parents: parentRows,
      certifications: (certs as { name: string; issuing_body: string; number: string; valid_until: string; storage_key: string | null }[]).map((c) => ({
        name: c.name, issuingBody: c.issuing_body, number: c.number, validUntil: c.valid_until, documentKey: c.storage_key,
      })),
      events: events.map(toTraceEvent),
      photos: (images as ImageRow[]).map(toImageView),
      integrity: (() => {
        const status = verifyChain(batch, events);
        return status.ok ? { ok: true as const } : { ok: false as const, brokenAtSeq: status.brokenAtSeq, reason: status.reason };
      })(),
    };
  };
}

/**
 * Which order a lot was shipped in is the coop's business, not the public's: public pages and
 * the public EPCIS document drop the `order` attribute of logistics events (the stored, hashed
 * event keeps it). Given an order number, keeps that order's logistics events and drops other
 * orders' altogether — what a buyer's export of their own order shows.
 */
export function withoutOtherOrders(record: TraceRecord, ownOrder?: string): TraceRecord {
  const events = record.events
    .filter((e) => ownOrder === undefined || e.attributes.order === undefined || e.attributes.order === ownOrder)
    .map((e) => {
      if (e.attributes.order === undefined || (ownOrder !== undefined && e.attributes.order === ownOrder)) return e;
      const { order: _order, ...rest } = e.attributes;
      return { ...e, attributes: rest };
    });
  return { ...record, events };
}
