import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import { isLocale, type Locale } from '#platform/i18n/locales.js';
import * as q from '#modules/catalog/catalog.queries.js';
import * as listing from '#modules/catalog/listing.queries.js';
import { toProduct, toProductCard, type Product, type ProductCard } from '#modules/catalog/catalog.rows.js';
import { normalizeForSearch } from '#modules/catalog/search.js';
import { toImageView, type ImageView } from '#platform/uploads/images.queries.js';

export type Sort = listing.SortKey | 'relevance';
export const SORTS: Sort[] = ['featured', 'relevance', 'newest', 'price-asc', 'price-desc'];
export const PAGE_SIZE = 24;
/** A search shows at most this many of its best matches, however many products match. */
export const SEARCH_CAP = 500;

export interface ListingParams {
  filters: Omit<listing.ListingFilter, 'today'>;
  sort: Sort;
  cursor: string | undefined;
  q: string;
}

export interface ListedCard extends ProductCard {
  availableQty: bigint;
  /** For search results: the text in the language the query matched, when not the reader's. */
  matched?: { locale: Locale; name: string };
  image?: ImageView;
}

export interface ProductDetail extends Product {
  name: string;
  description: string;
  textLocale: Locale;
  categoryName: string;
  categorySlug: string;
  translatedLocales: Locale[];
  tiers: { minQty: bigint; priceMinor: bigint }[];
  suppliers: { memberId: number; slug: string; name: string; country: string; region: string; locality: string; availableQty: bigint }[];
  availableQty: bigint;
  images: ImageView[];
}

const encode = (c: listing.Cursor) => Buffer.from(JSON.stringify([c.v, c.id])).toString('base64url');
function decode(text: string | undefined): listing.Cursor | undefined {
  if (!text || text.length > 100) return undefined;
  try {
    const [v, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    return Number.isSafeInteger(v) && Number.isSafeInteger(id) ? { v: v as number, id: id as number } : undefined;
  } catch {
    return undefined;
  }
}

export function createStorefrontService({ db, clock, defaultLocale }: { db: Db; clock: Clock; defaultLocale: Locale }) {
  const toCard = (r: listing.ListedRow): ListedCard => ({
    ...toProductCard(r, defaultLocale),
    availableQty: BigInt(r.available_qty ?? 0),
  });

  async function withImages(cards: ListedCard[]): Promise<ListedCard[]> {
    const rows = await q.selectProductImages(db, cards.map((c) => c.id));
    for (const card of cards) {
      const first = rows.find((r) => r.product_id === card.id);
      if (first) card.image = toImageView(first);
    }
    return cards;
  }

  async function list(lng: Locale, p: ListingParams): Promise<{ cards: ListedCard[]; next: string | undefined }> {
    const today = clock.nowIso().slice(0, 10);
    const query = normalizeForSearch(p.q);
    if (!query) {
      const sort = p.sort === 'relevance' ? 'featured' : p.sort;
      const rows = await listing.selectListing(db, lng, defaultLocale, { ...p.filters, today }, sort, decode(p.cursor), PAGE_SIZE + 1);
      const cards = await withImages(rows.slice(0, PAGE_SIZE).map(toCard));
      const last = cards[cards.length - 1];
      const v = (c: ListedCard) => (sort === 'featured' ? (c.featured ? 1 : 0) : Number(c.priceMinor));
      return { cards, next: rows.length > PAGE_SIZE && last ? encode({ v: v(last), id: last.id }) : undefined };
    }
    return search(lng, query, p, today);
  }

  /** Of the SEARCH_CAP best matches, those passing the filters, paged by position. */
  async function search(lng: Locale, query: string, p: ListingParams, today: string): Promise<{ cards: ListedCard[]; next: string | undefined }> {
    const offset = Math.min(Math.max(decode(p.cursor)?.v ?? 0, 0), SEARCH_CAP);
    const hits = await listing.selectSearchPage(db, query, { ...p.filters, today }, p.sort || 'relevance', { cap: SEARCH_CAP, offset, limit: PAGE_SIZE + 1 });
    const page = hits.slice(0, PAGE_SIZE);
    const byId = new Map((await listing.selectCards(db, lng, defaultLocale, page.map((h) => h.product_id))).map((r) => [r.id, r]));
    const cards = await withImages(page.flatMap((h) => (byId.has(h.product_id) ? [toCard(byId.get(h.product_id)!)] : [])));
    for (const card of cards) {
      const hit = page.find((h) => h.product_id === card.id);
      if (hit && isLocale(hit.locale) && hit.locale !== card.textLocale && hit.matched_name !== null) card.matched = { locale: hit.locale, name: hit.matched_name };
    }
    return { cards, next: hits.length > PAGE_SIZE ? encode({ v: offset + PAGE_SIZE, id: 0 }) : undefined };
  }

  async function detail(slug: string, lng: Locale, opts: { includeInactive?: boolean } = {}): Promise<ProductDetail | undefined> {
    const row = await q.selectProductBySlug(db, slug);
    if (!row || (row.status !== 'active' && !opts.includeInactive)) return undefined;
    const [translations, tiers, suppliers, categories, images] = await Promise.all([
      q.selectProductTranslations(db, row.id),
      q.selectTiers(db, row.id),
      q.selectSuppliers(db, row.id),
      q.selectCategories(db, lng, defaultLocale),
      q.selectProductImages(db, [row.id]),
    ]);
    const text = translations.find((t) => t.locale === lng) ?? translations.find((t) => t.locale === defaultLocale) ?? translations[0];
    const category = categories.find((c) => c.id === row.category_id);
    const supplierList = suppliers.map((s) => ({
      memberId: s.member_id,
      slug: s.slug,
      name: s.name,
      country: s.country,
      region: s.region,
      locality: s.locality,
      availableQty: BigInt(s.available_qty),
    }));
    return {
      ...toProduct(row),
      name: text?.name ?? row.slug,
      description: text?.description ?? '',
      textLocale: text && isLocale(text.locale) ? text.locale : defaultLocale,
      categoryName: category?.name ?? '',
      categorySlug: category?.slug ?? '',
      translatedLocales: translations.map((t) => t.locale).filter(isLocale),
      tiers: tiers.map((t) => ({ minQty: BigInt(t.min_qty), priceMinor: BigInt(t.price_minor) })),
      suppliers: supplierList,
      availableQty: supplierList.reduce((sum, s) => sum + s.availableQty, 0n),
      images: images.map(toImageView),
    };
  }

  return {
    list,
    detail,
    withImages,
    allSlugs: () => listing.selectActiveSlugs(db),
    facets: (lng: Locale) => listing.selectFacets(db, lng, defaultLocale, clock.nowIso().slice(0, 10)),
  };
}

export type StorefrontService = ReturnType<typeof createStorefrontService>;
