import { expect } from 'chai';
import type { Knex } from 'knex';
import * as listing from '#modules/catalog/listing.queries.js';
import { searchProductIds } from '#modules/catalog/search.queries.js';
import { makeCategory, makeMember } from '#test/helpers/factories.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { onPostgres } from '#test/helpers/test-db.js';

type Row = { id: number; featured: boolean; price: number; categoryId: number; suppliers: { slug: string; country: string; available: number }[] };
type Filter = Omit<listing.ListingFilter, 'today'>;
const TODAY = '2026-11-23';
const SORTS: listing.SortKey[] = ['featured', 'newest', 'price-asc', 'price-desc'];

/** What each sort promises, written out in JavaScript: the reference the queries must match. */
const COMPARE: Record<listing.SortKey, (a: Row, b: Row) => number> = {
  featured: (a, b) => Number(b.featured) - Number(a.featured) || a.id - b.id,
  newest: (a, b) => b.id - a.id,
  'price-asc': (a, b) => a.price - b.price || a.id - b.id,
  'price-desc': (a, b) => b.price - a.price || a.id - b.id,
};

describe(`storefront listing queries (${onPostgres() ? 'PostgreSQL' : 'SQLite'})`, function () {
  this.timeout(60_000);
  let t: TestContext;
  let rows: Row[] = [];
  let teaId = 0;

  before(async () => {
    t = await createTestContext();
    const s = t.services;
    const a = await makeMember(s, { slug: 'hill-farm', country: 'TH', region: 'Chiang Rai' });
    const b = await makeMember(s, { slug: 'river-farm', country: 'LA', region: 'Champasak' });
    await makeCategory(s, 'tea');
    await makeCategory(s, 'honey');
    for (let i = 0; i < 60; i++) {
      const honey = i % 3 === 0;
      await s.catalog.createProduct({
        slug: `item-${i}`,
        categorySlug: honey ? 'honey' : 'tea',
        unit: 'jar',
        netWeightG: 250,
        priceMinor: 500 + (i % 7) * 100, // many ties, so the id must break them
        currency: 'USD',
        featured: i % 6 === 0,
        status: i === 5 ? 'retired' : i === 7 ? 'proposed' : 'active',
        translations: honey
          ? { en: { name: `Wild honey ${i}`, description: '' }, es: { name: `Miel silvestre ${i}`, description: '' }, fr: { name: `Miel ${i}`, description: 'Miel sauvage.' }, 'zh-TW': { name: `野花蜂蜜 ${i}`, description: '' } }
          : { en: { name: `Oolong tea ${i}`, description: '' }, 'zh-TW': { name: `烏龍茶 ${i}`, description: '' } },
        supplierMemberIds: i % 5 === 0 ? [a.id, b.id] : [i % 2 ? b.id : a.id],
      });
    }
    await t.db('member_products').where({ member_id: b.id }).update({ available_qty: 3 });
    teaId = (await t.db('categories').where({ slug: 'tea' }).first<{ id: number }>('id')).id;
    const supply: { product_id: number; slug: string; country: string; available_qty: number | string }[] = await t.db('member_products as mp')
      .join('members as m', 'm.id', 'mp.member_id')
      .select('mp.product_id', 'm.slug', 'm.country', 'mp.available_qty');
    const products: { id: number; featured: number | boolean; price_minor: number | string; category_id: number }[] = await t.db('products').where({ status: 'active' });
    rows = products.map((p) => ({
      id: p.id,
      featured: Boolean(p.featured),
      price: Number(p.price_minor),
      categoryId: p.category_id,
      suppliers: supply.filter((x) => x.product_id === p.id).map((x) => ({ slug: x.slug, country: x.country, available: Number(x.available_qty) })),
    }));
  });
  after(async () => t.close());

  const FILTERS: { name: string; filter: Filter; keep: (r: Row) => boolean }[] = [
    { name: 'everything', filter: {}, keep: () => true },
    { name: 'a category', filter: { category: 'tea' }, keep: (r) => r.categoryId === teaId },
    { name: 'a producer', filter: { member: 'river-farm' }, keep: (r) => r.suppliers.some((x) => x.slug === 'river-farm') },
    { name: 'a country', filter: { country: 'TH' }, keep: (r) => r.suppliers.some((x) => x.country === 'TH') },
    { name: 'in stock', filter: { inStock: true }, keep: (r) => r.suppliers.some((x) => x.available > 0) },
  ];

  /** Every page of a listing, following the cursor as the storefront builds it. */
  async function allPages(filter: Filter, sort: listing.SortKey, size: number): Promise<number[]> {
    const seen: number[] = [];
    let after: listing.Cursor | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const page = await listing.selectListing(t.db, 'en', 'en', { ...filter, today: TODAY }, sort, after, size + 1);
      seen.push(...page.slice(0, size).map((r) => r.id));
      const last = page[size - 1];
      if (page.length <= size || !last) return seen;
      after = { v: sort === 'featured' ? (last.featured ? 1 : 0) : Number(last.price_minor), id: last.id };
    }
    throw new Error('the cursor never reached the end');
  }

  it('pages through every sort and filter in exactly the promised order, with no gaps or repeats', async () => {
    for (const sort of SORTS) {
      for (const { name, filter, keep } of FILTERS) {
        const expected = rows.filter(keep).sort(COMPARE[sort]).map((r) => r.id);
        expect(expected.length, name).to.be.greaterThan(7);
        expect(await allPages(filter, sort, 7), `${sort}, ${name}`).to.deep.equal(expected);
      }
    }
  });

  if (!onPostgres()) {
    it('reads a page of ids from an index in the order of its sort: no scan and no sort of the catalog', async () => {
      for (const sort of SORTS) {
        for (const filter of [{}, { category: 'tea' }] as Filter[]) {
          for (const after of [undefined, { v: 0, id: 20 }]) {
            const { sql, bindings } = listing.listingPageIds(t.db, { ...filter, today: TODAY }, sort, after, 25).toSQL();
            const plan = ((await t.db.raw(`explain query plan ${sql}`, bindings as Knex.RawBinding[])) as { detail: string }[]).map((r) => r.detail);
            const label = `${sort} ${JSON.stringify(filter)} ${after ? 'after a cursor' : ''}: ${plan.join(' | ')}`;
            expect(plan.some((d) => /^SEARCH p USING (COVERING )?INDEX products_/.test(d)), label).to.equal(true);
            expect(plan.filter((d) => /^SCAN |TEMP B-TREE/.test(d)), label).to.deep.equal([]);
          }
        }
      }
    });
  }

  it('pages search results in the database: the best matches, filtered and sorted, with the matched name', async () => {
    for (const sort of ['relevance', ...SORTS] as const) {
      for (const { name, filter, keep } of FILTERS.slice(0, 3)) {
        const hits = await searchProductIds(t.db, 'miel', { limit: 15 });
        const byId = new Map(rows.map((r) => [r.id, r]));
        const kept = hits.filter((h) => keep(byId.get(h.productId)!));
        const ordered = sort === 'relevance' ? kept : [...kept].sort((x, y) => COMPARE[sort](byId.get(x.productId)!, byId.get(y.productId)!));
        const got: listing.SearchPageRow[] = [];
        for (let offset = 0; offset < 20; offset += 4) got.push(...(await listing.selectSearchPage(t.db, 'miel', { ...filter, today: TODAY }, sort, { cap: 15, offset, limit: 4 })));
        expect(got.map((g) => g.product_id), `${sort}, ${name}`).to.deep.equal(ordered.map((h) => h.productId));
        expect(got.map((g) => g.locale)).to.deep.equal(ordered.map((h) => h.locale));
        for (const g of got) {
          const tr = await t.db('product_translations').where({ product_id: g.product_id, locale: g.locale }).first<{ name: string }>('name');
          expect(g.matched_name).to.equal(tr.name);
        }
      }
    }
  });

  it('builds a search page in a fixed number of queries, however many cards matched in another language', async () => {
    let queries = 0;
    const count = () => queries++;
    t.db.on('query', count);
    try {
      const { cards } = await t.services.storefront.list('zh-TW', { filters: {}, sort: 'relevance', q: 'miel', cursor: undefined });
      expect(cards.length).to.be.greaterThan(10);
      expect(cards.every((c) => c.matched && ['es', 'fr'].includes(c.matched.locale) && c.matched.name.startsWith('Miel'))).to.equal(true);
    } finally {
      t.db.removeListener('query', count);
    }
    expect(queries, 'the page of hits, its cards, their images').to.equal(3);
  });
});
