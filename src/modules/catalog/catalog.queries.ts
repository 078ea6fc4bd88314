import type { DbOrTx } from '#platform/db/index.js';
import type { CategoryRow, ProductRow } from '#modules/catalog/catalog.rows.js';

export async function insertCategory(db: DbOrTx, row: Omit<CategoryRow, 'id'>): Promise<number> {
  const [inserted] = await db('categories').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function insertCategoryTranslations(
  db: DbOrTx,
  rows: { category_id: number; locale: string; name: string }[],
): Promise<void> {
  if (rows.length) await db('category_translations').insert(rows);
}

export async function selectCategoryBySlug(db: DbOrTx, slug: string): Promise<CategoryRow | undefined> {
  return db<CategoryRow>('categories').where({ slug }).first();
}

export async function insertProduct(db: DbOrTx, row: Omit<ProductRow, 'id'>): Promise<number> {
  const [inserted] = await db('products').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function insertProductTranslations(
  db: DbOrTx,
  rows: { product_id: number; locale: string; name: string; description: string }[],
): Promise<void> {
  if (rows.length) await db('product_translations').insert(rows);
}

export async function insertMemberProducts(db: DbOrTx, rows: { member_id: number; product_id: number }[]) {
  if (rows.length) await db('member_products').insert(rows).onConflict(['member_id', 'product_id']).ignore();
}

export async function selectProductBySlug(db: DbOrTx, slug: string): Promise<ProductRow | undefined> {
  return db<ProductRow>('products').where({ slug }).first();
}

export interface ProductCardRow extends ProductRow {
  name: string;
  description: string;
  text_locale: string;
  category_name: string;
  supplier_count: number | string;
}

/** Active products with text in `lng`, falling back to `fallback`; featured first. */
export async function selectProductCards(
  db: DbOrTx,
  lng: string,
  fallback: string,
  opts: { featuredOnly: boolean; limit: number },
): Promise<ProductCardRow[]> {
  const query = db('products as p')
    .leftJoin('product_translations as tl', (j) => j.on('tl.product_id', 'p.id').andOnVal('tl.locale', lng))
    .leftJoin('product_translations as tf', (j) => j.on('tf.product_id', 'p.id').andOnVal('tf.locale', fallback))
    .leftJoin('category_translations as cl', (j) => j.on('cl.category_id', 'p.category_id').andOnVal('cl.locale', lng))
    .leftJoin('category_translations as cf', (j) =>
      j.on('cf.category_id', 'p.category_id').andOnVal('cf.locale', fallback),
    )
    .where('p.status', 'active')
    .select(
      'p.*',
      db.raw('coalesce(tl.name, tf.name) as name'),
      db.raw('coalesce(tl.description, tf.description) as description'),
      db.raw('case when tl.name is not null then tl.locale else tf.locale end as text_locale'),
      db.raw('coalesce(cl.name, cf.name) as category_name'),
      db('member_products as mp').count('*').where('mp.product_id', db.ref('p.id')).as('supplier_count'),
    )
    .orderBy([{ column: 'p.featured', order: 'desc' }, { column: 'p.id' }])
    .limit(opts.limit);
  if (opts.featuredOnly) void query.where('p.featured', true);
  return query;
}
