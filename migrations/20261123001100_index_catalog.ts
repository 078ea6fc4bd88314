import type { Knex } from 'knex';

// The storefront reads one page of product ids in the order of its sort, with or without a
// category, from an index that yields them already in that order (storefront listing queries):
// a page costs the same with a thousand products or a hundred thousand. Featured-first and
// price-descending sorts break ties by ascending id, so their index mixes directions.
const INDEXES: { name: string; columns: (string | { desc: string })[] }[] = [
  { name: 'products_listing_featured', columns: ['status', { desc: 'featured' }, 'id'] },
  { name: 'products_listing_newest', columns: ['status', 'id'] },
  { name: 'products_listing_price_desc', columns: ['status', { desc: 'price_minor' }, 'id'] },
  { name: 'products_listing_category_featured', columns: ['status', 'category_id', { desc: 'featured' }, 'id'] },
  { name: 'products_listing_category_newest', columns: ['status', 'category_id', 'id'] },
  { name: 'products_listing_category_price', columns: ['status', 'category_id', 'price_minor', 'id'] },
  { name: 'products_listing_category_price_desc', columns: ['status', 'category_id', { desc: 'price_minor' }, 'id'] },
];

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('products', (t) => {
    for (const index of INDEXES) {
      t.index(
        index.columns.map((c) => (typeof c === 'string' ? c : db.raw('?? desc', [c.desc]))),
        index.name,
      );
    }
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('products', (t) => {
    for (const index of INDEXES) t.dropIndex([], index.name);
  });
}
