import type { Response } from 'express';
import type { TFunction } from 'i18next';
import type { Formatter } from '#platform/i18n/format.js';
import type { Locale } from '#platform/i18n/locales.js';
import { minorToDecimalString } from '#platform/money.js';
import type { Settings } from '#platform/settings/index.js';
import type { FacetRows } from '#modules/catalog/listing.queries.js';
import { priceText, type DisplayCurrency } from '#modules/catalog/pricing.js';
import type { ListedCard, ProductDetail, Sort } from '#modules/catalog/storefront.service.js';
import { SORTS } from '#modules/catalog/storefront.service.js';
import { productCardView } from '#modules/catalog/catalog.view-models.js';

/** A quantity in the product's smallest steps, shown with its unit. */
export function quantityText(qty: bigint, p: { unit: string; unitDecimals: number; netWeightG: number }, fmt: Formatter, t: TFunction): string {
  if (['kg', 'g', 'l'].includes(p.unit)) return fmt.measure(qty, p.unitDecimals, p.unit);
  return t('catalog:qty.count', { count: fmt.measure(qty, p.unitDecimals, 'count'), unit: t(`catalog:unit.${p.unit}`, { weight: fmt.weight(p.netWeightG) }) });
}

/** JSON for a <script type="application/ld+json"> block: `<` escaped so no tag can close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

interface ListingInput {
  result: { cards: ListedCard[]; next: string | undefined };
  facets: FacetRows;
  filters: Record<string, string | boolean | undefined>;
  q: string;
  sort: Sort;
  query: Record<string, unknown>;
  res: Response;
  shown: DisplayCurrency | undefined;
  settings: Settings;
}

export function listingView({ result, facets, filters, q, sort, query, res, shown }: ListingInput) {
  const { lng, t, fmt } = res.locals as { lng: Locale; t: TFunction; fmt: Formatter };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string' && v && k !== 'after') params.set(k, v);
  if (result.next) params.set('after', result.next);
  return {
    title: q ? t('catalog:list.searchTitle', { q }) : t('catalog:list.title'),
    q,
    sort,
    sorts: SORTS.filter((s) => s !== 'relevance' || q).map((s) => ({ value: s, label: t(`catalog:sort.${s}`) })),
    filters,
    facets: {
      categories: facets.categories.map((c) => ({ value: c.slug, label: c.name })),
      members: facets.members.map((m) => ({ value: m.slug, label: m.name })),
      countries: facets.countries.map((c) => ({ value: c, label: fmt.country(c) })),
      regions: facets.regions.map((r) => ({ value: r, label: r })),
      certifications: facets.certifications.map((c) => ({ value: c, label: c })),
    },
    cards: result.cards.map((c) => ({
      ...productCardView(c, lng, t, fmt),
      href: `/${lng}/products/${c.slug}`,
      image: c.image,
      approx: priceText(c.priceMinor, c.currency, fmt, t, shown).approx,
      availability: c.availableQty > 0n ? t('catalog:product.inStock') : t('catalog:product.notYetAvailable'),
      matched: c.matched ? { lang: c.matched.locale, name: c.matched.name, label: t('catalog:list.matched', { language: fmt.language(c.matched.locale) }) } : undefined,
    })),
    nextHref: result.next ? `/${lng}/products?${params.toString()}` : undefined,
    currencyNote: shown ? t('catalog:price.rateNote', { currency: shown.code, date: fmt.date(shown.date) }) : undefined,
  };
}

export function productView({ product: p, res, shown }: { product: ProductDetail; res: Response; shown: DisplayCurrency | undefined; settings: Settings }) {
  const { lng, t, fmt, page } = res.locals as { lng: Locale; t: TFunction; fmt: Formatter; page: { canonical: string } };
  const unitLabel = t(`catalog:unit.${p.unit}`, { weight: fmt.weight(p.netWeightG) });
  const price = priceText(p.priceMinor, p.currency, fmt, t, shown);
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    description: p.description,
    sku: p.slug,
    ...(p.gtin ? { gtin14: p.gtin } : {}),
    category: p.categoryName,
    weight: { '@type': 'QuantitativeValue', value: p.netWeightG, unitCode: 'GRM' },
    offers: {
      '@type': 'Offer',
      price: minorToDecimalString(p.priceMinor, p.currency),
      priceCurrency: p.currency,
      availability: p.availableQty > 0n ? 'https://schema.org/InStock' : 'https://schema.org/PreOrder',
      url: page.canonical,
    },
  };
  return {
    title: p.name,
    description: p.description.slice(0, 200),
    og: {
      type: 'product',
      title: p.name,
      description: p.description.slice(0, 200),
      locale: lng.replace('-', '_'),
      image: p.images[0] ? `${page.canonical.split('/').slice(0, 3).join('/')}${p.images[0].src}` : undefined,
    },
    jsonLd: jsonForScript(jsonLd),
    p,
    images: p.images,
    untranslated: p.textLocale !== lng,
    price: t('catalog:price.perUnit', { price: price.base, unit: unitLabel }),
    approx: price.approx,
    currencyNote: shown ? t('catalog:price.rateNote', { currency: shown.code, date: fmt.date(shown.date) }) : undefined,
    tiers: p.tiers.map((tier) => ({
      from: quantityText(tier.minQty, p, fmt, t),
      price: t('catalog:price.perUnit', { price: fmt.money(tier.priceMinor, p.currency), unit: unitLabel }),
    })),
    moq: quantityText(p.moq, p, fmt, t),
    step: quantityText(p.orderStep, p, fmt, t),
    availability: p.availableQty > 0n ? t('catalog:product.available', { qty: quantityText(p.availableQty, p, fmt, t) }) : t('catalog:product.notYetAvailable'),
    badges: productCardView({ ...p, supplierCount: p.suppliers.length }, lng, t, fmt).badges,
    suppliers: p.suppliers.map((s) => ({
      href: `/${lng}/members/${s.slug}`,
      name: s.name,
      place: [s.locality, s.region, fmt.country(s.country)].filter(Boolean).join(', '),
    })),
    facts: [
      { label: t('catalog:product.netWeight'), value: fmt.weight(p.netWeightG) },
      ...(p.hsCode ? [{ label: t('catalog:product.hsCode'), value: p.hsCode }] : []),
      ...(p.gtin ? [{ label: t('catalog:product.gtin'), value: p.gtin }] : []),
    ],
  };
}
