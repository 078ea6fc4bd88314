import type { DbOrTx } from '#platform/db/index.js';
import { productCardsQuery, type ProductCardRow } from '#modules/catalog/catalog.queries.js';

export type SortKey = 'featured' | 'newest' | 'price-asc' | 'price-desc';

export interface ListingFilter {
  category?: string | undefined;
  member?: string | undefined;
  country?: string | undefined;
  region?: string | undefined;
  certification?: string | undefined;
  inStock?: boolean | undefined;
  /** Restricts to these ids (search results); order is still by `sort`. */
  ids?: number[] | undefined;
  today: string;
}

/** Where the previous page stopped: the sort value and the id of its last row. */
export interface Cursor {
  v: number;
  id: number;
}

function supplied(db: DbOrTx) {
  return db('member_products as mp').join('members as m', 'm.id', 'mp.member_id').whereRaw('mp.product_id = p.id').andWhere('m.status', 'active');
}

/** One page of active products for the storefront, filtered, sorted, keyset-paginated. */
export async function selectListing(
  db: DbOrTx,
  lng: string,
  fallback: string,
  f: ListingFilter,
  sort: SortKey,
  after: Cursor | undefined,
  limit: number,
): Promise<ProductCardRow[]> {
  const q = productCardsQuery(db, lng, fallback)
    .select(db('member_products as ma').sum('ma.available_qty').whereRaw('ma.product_id = p.id').as('available_qty'))
    .where('p.status', 'active')
    .limit(limit);
  if (f.category) void q.whereIn('p.category_id', db('categories').select('id').where('slug', f.category));
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
  if (f.ids) void q.whereIn('p.id', f.ids.length ? f.ids : [-1]);

  const after2 = (col: string, op: '<' | '>') =>
    after && void q.where((w) => w.where(col, op, after.v).orWhere((w2) => w2.where(col, after.v).andWhere('p.id', '>', after.id)));
  switch (sort) {
    case 'newest':
      if (after) void q.where('p.id', '<', after.id);
      void q.orderBy('p.id', 'desc');
      break;
    case 'price-asc':
      after2('p.price_minor', '>');
      void q.orderBy([{ column: 'p.price_minor', order: 'asc' }, { column: 'p.id', order: 'asc' }]);
      break;
    case 'price-desc':
      after2('p.price_minor', '<');
      void q.orderBy([{ column: 'p.price_minor', order: 'desc' }, { column: 'p.id', order: 'asc' }]);
      break;
    default:
      // featured is stored 0/1 (SQLite) or boolean (PostgreSQL); compare through a CASE so both agree.
      if (after) {
        void q.where((w) =>
          w.whereRaw('(case when p.featured then 1 else 0 end) < ?', [after.v]).orWhere((w2) =>
            w2.whereRaw('(case when p.featured then 1 else 0 end) = ?', [after.v]).andWhere('p.id', '>', after.id),
          ),
        );
      }
      void q.orderByRaw('(case when p.featured then 1 else 0 end) desc, p.id asc');
  }
  return q;
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
