import type { Knex } from 'knex';
import type { DbOrTx } from '#platform/db/index.js';
import { productCardsQuery, type ProductCardRow } from '#modules/catalog/catalog.queries.js';
import { rankedHits } from '#modules/catalog/search.queries.js';

export type SortKey = 'featured' | 'newest' | 'price-asc' | 'price-desc';

export interface ListingFilter {
  category?: string | undefined;
  member?: string | undefined;
  country?: string | undefined;
  region?: string | undefined;
  certification?: string | undefined;
  inStock?: boolean | undefined;
  today: string;
}

/** Where the previous page stopped: the sort value and the id of its last row. */
export interface Cursor {
  v: number;
  id: number;
}

export type ListedRow = ProductCardRow & { available_qty: number | string | null };

type Order = { column: string; order: 'asc' | 'desc' }[];

/**
 * The order of each sort, ties broken by id. Featured is 0/1 on SQLite and a boolean on
 * PostgreSQL: both sort true first when descending. An index on (status, these columns) and one
 * on (status, category_id, these columns) serve each (migration 20261123001100_index_catalog).
 */
export function orderOf(sort: SortKey): Order {
  switch (sort) {
    case 'newest':
      return [{ column: 'p.id', order: 'desc' }];
    case 'price-asc':
      return [{ column: 'p.price_minor', order: 'asc' }, { column: 'p.id', order: 'asc' }];
    case 'price-desc':
      return [{ column: 'p.price_minor', order: 'desc' }, { column: 'p.id', order: 'asc' }];
    default:
      return [{ column: 'p.featured', order: 'desc' }, { column: 'p.id', order: 'asc' }];
  }
}

function supplied(db: DbOrTx) {
  return db('member_products as mp').join('members as m', 'm.id', 'mp.member_id').whereRaw('mp.product_id = p.id').andWhere('m.status', 'active');
}

/** Active products (aliased `p`) that pass the storefront's filters. */
export function whereListed(db: DbOrTx, q: Knex.QueryBuilder, f: ListingFilter): Knex.QueryBuilder {
  void q.where('p.status', 'active');
  // A scalar subquery (slugs are unique), so the category is an equality an index can seek on.
  if (f.category) void q.where('p.category_id', db('categories').select('id').where('slug', f.category));
  if (f.member) void q.whereExists(supplied(db).select(db.raw('1')).andWhere('m.slug', f.member));
  if (f.country) void q.whereExists(supplied(db).select(db.raw('1')).andWhere('m.country', f.country));
  if (f.region) void q.whereExists(supplied(db).select(db.raw('1')).andWhere('m.region', f.region));
  if (f.certification) {
    void q.whereExists(
      supplied(db)
        .join('certifications as ce', 'ce.member_id', 'm.id')
        .select(db.raw('1'))
        .andWhere('ce.name', f.certification)
        .andWhere('ce.valid_until', '>=', f.today),
    );
  }
  if (f.inStock) void q.whereExists(supplied(db).select(db.raw('1')).andWhere('mp.available_qty', '>', 0));
  return q;
}

/**
 * Rows after the cursor, each a range on the sort column the index can start from, then a check
 * of the few rows that tie with the cursor's value.
 */
function whereAfter(q: Knex.QueryBuilder, sort: SortKey, after: Cursor): void {
  switch (sort) {
    case 'newest':
      void q.where('p.id', '<', after.id);
      break;
    case 'price-asc':
      void q.where('p.price_minor', '>=', after.v).andWhere((w) => w.where('p.price_minor', '>', after.v).orWhere('p.id', '>', after.id));
      break;
    case 'price-desc':
      void q.where('p.price_minor', '<=', after.v).andWhere((w) => w.where('p.price_minor', '<', after.v).orWhere('p.id', '>', after.id));
      break;
    default:
      // v is 1 after a featured product, 0 after another; bound as booleans for PostgreSQL.
      if (after.v > 1) return;
      if (after.v < 0) void q.whereRaw('1 = 0');
      else if (after.v === 0) void q.where('p.featured', false).andWhere('p.id', '>', after.id);
      else void q.where((w) => w.where('p.featured', false).orWhere((w2) => w2.where('p.featured', true).andWhere('p.id', '>', after.id)));
  }
}

/** Cards with their text in `lng` (else `fallback`) and pooled availability, for the given products. */
function cardsQuery(db: DbOrTx, lng: string, fallback: string) {
  return productCardsQuery(db, lng, fallback).select(db('member_products as ma').sum('ma.available_qty').whereRaw('ma.product_id = p.id').as('available_qty'));
}

/**
 * One page of the storefront, filtered, sorted, keyset-paginated. The page's ids come first, from
 * products alone in index order; only those `limit` rows are then joined to their texts,
 * category, suppliers and stock, so the cost does not grow with the catalog.
 */
export async function selectListing(
  db: DbOrTx,
  lng: string,
  fallback: string,
  f: ListingFilter,
  sort: SortKey,
  after: Cursor | undefined,
  limit: number,
): Promise<ListedRow[]> {
  return cardsQuery(db, lng, fallback).whereIn('p.id', listingPageIds(db, f, sort, after, limit)).orderBy(orderOf(sort));
}

/** The ids of one page, read from products alone in the order of the sort's index. */
export function listingPageIds(db: DbOrTx, f: ListingFilter, sort: SortKey, after: Cursor | undefined, limit: number): Knex.QueryBuilder {
  const page = whereListed(db, db('products as p').select('p.id'), f).orderBy(orderOf(sort)).limit(limit);
  if (after) whereAfter(page, sort, after);
  return page;
}

/** The cards of these products, in no particular order. */
export async function selectCards(db: DbOrTx, lng: string, fallback: string, ids: number[]): Promise<ListedRow[]> {
  if (ids.length === 0) return [];
  return cardsQuery(db, lng, fallback).whereIn('p.id', ids);
}

export interface SearchPageRow {
  product_id: number;
  /** The language whose text matched best, and the product's name in it. */
  locale: string;
  matched_name: string | null;
}

/**
 * One page of search results: of the `cap` best-ranked products matching `query`, those that pass
 * the filters, best match first (or in `sort`), from `offset`. Ranking, filtering and paging all
 * happen in the database; only the page comes back.
 */
export async function selectSearchPage(
  db: DbOrTx,
  query: string,
  f: ListingFilter,
  sort: SortKey | 'relevance',
  page: { cap: number; offset: number; limit: number },
): Promise<SearchPageRow[]> {
  const top = rankedHits(db, query, { limit: page.cap });
  if (!top) return [];
  const q = db
    .from(top.as('top'))
    .join('products as p', 'p.id', 'top.product_id')
    .leftJoin('product_translations as mt', (j) => j.on('mt.product_id', 'top.product_id').andOn('mt.locale', 'top.locale'))
    .select('top.product_id', 'top.locale', 'mt.name as matched_name');
  whereListed(db, q, f);
  const order: Order = sort === 'relevance' ? [{ column: 'top.score', order: 'desc' }, { column: 'top.product_id', order: 'asc' }] : orderOf(sort);
  const rows: { product_id: number | string; locale: string; matched_name: string | null }[] = await q.orderBy(order).offset(page.offset).limit(page.limit);
  return rows.map((r) => ({ product_id: Number(r.product_id), locale: r.locale, matched_name: r.matched_name }));
}

export interface FacetRows {
  categories: { slug: string; name: string }[];
  members: { slug: string; name: string }[];
  countries: string[];
  regions: string[];
  certifications: string[];
}

/** The values the storefront filters offer: only those some active product really has. */
export async function selectFacets(db: DbOrTx, lng: string, fallback: string, today: string): Promise<FacetRows> {
  const categories = await db('categories as c')
    .leftJoin('category_translations as cl', (j) => j.on('cl.category_id', 'c.id').andOnVal('cl.locale', lng))
    .leftJoin('category_translations as cf', (j) => j.on('cf.category_id', 'c.id').andOnVal('cf.locale', fallback))
    .whereExists(db('products as p').select(db.raw('1')).whereRaw('p.category_id = c.id').andWhere('p.status', 'active'))
    .select('c.slug', db.raw('coalesce(cl.name, cf.name) as name'))
    .orderBy(['c.position', 'c.slug']);
  const supplying = db('members as m')
    .where('m.status', 'active')
    .whereExists(
      db('member_products as mp').join('products as p', 'p.id', 'mp.product_id').select(db.raw('1')).whereRaw('mp.member_id = m.id').andWhere('p.status', 'active'),
    );
  const members = await supplying.clone().select('m.slug', 'm.name').orderBy('m.name');
  const countries = (await supplying.clone().distinct('m.country').orderBy('m.country')).map((r: { country: string }) => r.country);
  const regions = (await supplying.clone().distinct('m.region').where('m.region', '<>', '').orderBy('m.region')).map((r: { region: string }) => r.region);
  const certifications = (
    await db('certifications as ce')
      .join('members as m', 'm.id', 'ce.member_id')
      .where('m.status', 'active')
      .andWhere('ce.valid_until', '>=', today)
      .distinct('ce.name')
      .orderBy('ce.name')
  ).map((r: { name: string }) => r.name);
  return { categories, members, countries, regions, certifications };
}

export async function selectActiveSlugs(db: DbOrTx): Promise<string[]> {
  return (await db('products').where('status', 'active').orderBy('id').select('slug')).map((r: { slug: string }) => r.slug);
}
