import type { TFunction } from 'i18next';
import type { Formatter } from '#platform/i18n/format.js';
import type { Locale } from '#platform/i18n/locales.js';
import type { SiteMapView } from '#modules/traceability/site-map.js';
import type { TraceRecord } from '#modules/traceability/traceability.rows.js';

/** Wall-clock time at the event's place: the UTC instant moved by its offset, labelled with it. */
export function localTime(iso: string, offset: string, lng: Locale): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  const shifted = new Date(Date.parse(iso) + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
  const text = new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(shifted);
  return `${text} (UTC${offset})`;
}

const day = (fmt: Formatter, d: string | null) => (d ? fmt.date(`${d}T12:00:00Z`) : null);

export function traceView(r: TraceRecord, map: SiteMapView | undefined, lng: Locale, t: TFunction, fmt: Formatter) {
  const qty = (v: bigint, unit: string, decimals: number) =>
    ['kg', 'g', 'l'].includes(unit) ? fmt.measure(v, decimals, unit) : `${fmt.measure(v, decimals, 'count')} × ${t(`catalog:unitName.${unit}`)}`;
  const siteName = new Map(r.sites.map((s) => [s.id, s.name]));
  const corrected = new Map(r.events.filter((e) => e.correctsEventId).map((e) => [e.correctsEventId, e.seq]));
  return {
    title: t('traceability:page.title', { lot: r.batch.lotCode, product: r.product.name }),
    r,
    map,
    recalled: r.batch.status === 'recalled',
    integrity: r.integrity.ok
      ? { ok: true, text: t('traceability:integrity.ok', { count: fmt.number(r.events.length) }) }
      : { ok: false, text: t('traceability:integrity.broken', { seq: fmt.number(r.integrity.brokenAtSeq) }) },
    facts: [
      { label: t('traceability:fact.lot'), value: r.batch.lotCode },
      { label: t('traceability:fact.produced'), value: [day(fmt, r.batch.producedOn), day(fmt, r.batch.producedUntil)].filter(Boolean).join(' – ') },
      ...(r.batch.packedOn ? [{ label: t('traceability:fact.packed'), value: day(fmt, r.batch.packedOn)! }] : []),
      ...(r.batch.bestBefore ? [{ label: t('traceability:fact.bestBefore'), value: day(fmt, r.batch.bestBefore)! }] : []),
      { label: t('traceability:fact.quantity'), value: qty(r.batch.quantity, r.product.unit, r.product.unitDecimals) },
      ...(r.batch.grade ? [{ label: t('traceability:fact.grade'), value: r.batch.grade }] : []),
      { label: t('traceability:fact.status'), value: t(`traceability:status.${r.batch.status}`) },
    ],
    sites: r.sites.map((s) => ({
      name: s.name,
      area: fmt.measure(s.areaM2, 4, 'ha'),
      coordinates: `${fmt.measure(s.latE6, 6, 'count')}, ${fmt.measure(s.lonE6, 6, 'count')}`,
      share: fmt.number(s.shareBp / 100),
      polygon: s.polygon !== null,
      country: fmt.country(s.country),
    })),
    events: r.events.map((e) => ({
      seq: e.seq,
      type: t(`traceability:event.${e.type}`),
      when: localTime(e.occurredAt, e.tzOffset, lng),
      datetime: e.occurredAt,
      where: e.location.kind === 'site' ? (siteName.get(e.location.siteId ?? 0) ?? e.location.text) : e.location.kind === 'hub' ? t('traceability:where.hub') : e.location.text,
      who: e.actor.label,
      quantity: e.quantity !== null ? qty(e.quantity, r.product.unit, r.product.unitDecimals) : null,
      attributes: Object.entries(e.attributes).filter(([, v]) => v !== '').map(([k, v]) => ({ key: k, value: String(v) })),
      note: e.note,
      correctedBy: corrected.get(e.id),
      corrects: e.correctsEventId ? r.events.find((x) => x.id === e.correctsEventId)?.seq : undefined,
    })),
    parents: r.parents.map((p) => ({ href: `/${lng}/trace/${encodeURIComponent(p.lotCode)}`, lot: p.lotCode, product: p.productName, member: p.memberName, quantity: qty(p.quantity, p.unit, p.unitDecimals) })),
    certifications: r.certifications.map((c) => ({ ...c, validUntil: day(fmt, c.validUntil) })),
  };
}
