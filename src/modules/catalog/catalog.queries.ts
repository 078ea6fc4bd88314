import type { DbOrTx } from '#platform/db/index.js';
import type { ImageRow } from '#platform/uploads/images.queries.js';
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

/**
 * Products with their text in `lng` (else `fallback`), category name and number of active
 * suppliers: the base of every product list.
 */
export function productCardsQuery(db: DbOrTx, lng: string, fallback: string) {
  return db('products as p')
    .leftJoin('product_translations as tl', (j) => j.on('tl.product_id', 'p.id').andOnVal('tl.locale', lng))
    .leftJoin('product_translations as tf', (j) => j.on('tf.product_id', 'p.id').andOnVal('tf.locale', fallback))
    .leftJoin('category_translations as cl', (j) => j.on('cl.category_id', 'p.category_id').andOnVal('cl.locale', lng))
    .leftJoin('category_translations as cf', (j) => j.on('cf.category_id', 'p.category_id').andOnVal('cf.locale', fallback))
    .select(
      'p.*',
      db.raw('coalesce(tl.name, tf.name) as name'),
      db.raw('coalesce(tl.description, tf.description) as description'),
      db.raw('case when tl.name is not null then tl.locale else tf.locale end as text_locale'),
      db.raw('coalesce(cl.name, cf.name) as category_name'),
      db('member_products as ms')
        .join('members as msm', 'msm.id', 'ms.member_id')
        .count('*')
        .whereRaw('ms.product_id = p.id')
        .andWhere('msm.status', 'active')
        .as('supplier_count'),
    );
}

/** Active products, featured first. */
export async function selectProductCards(
  db: DbOrTx,
  lng: string,
  fallback: string,
  opts: { featuredOnly: boolean; limit: number },
): Promise<ProductCardRow[]> {
  const order = [{ column: 'p.featured', order: 'desc' as const }, { column: 'p.id' }];
  // The page's ids first, from the (status, featured desc, id) index; only they are joined.
  const page = db('products as p').select('p.id').where('p.status', 'active').orderBy(order).limit(opts.limit);
  if (opts.featuredOnly) void page.where('p.featured', true);
  return productCardsQuery(db, lng, fallback).whereIn('p.id', page).orderBy(order);
}

export interface TranslationRow {
  product_id: number;
  locale: string;
  name: string;
  description: string;
}

export async function selectProductTranslations(db: DbOrTx, productId: number): Promise<TranslationRow[]> {
  return db<TranslationRow>('product_translations').where({ product_id: productId });
}

export async function replaceProductTranslations(db: DbOrTx, productId: number, rows: TranslationRow[]): Promise<void> {
  await db('product_translations').where({ product_id: productId }).delete();
  if (rows.length) await db('product_translations').insert(rows);
}

export interface TierRow {
  product_id: number;
  min_qty: number | string;
  price_minor: number | string;
}

export async function selectTiers(db: DbOrTx, productId: number): Promise<TierRow[]> {
  return db<TierRow>('product_price_tiers').where({ product_id: productId }).orderBy('min_qty');
}

export async function replaceTiers(db: DbOrTx, productId: number, rows: TierRow[]): Promise<void> {
  await db('product_price_tiers').where({ product_id: productId }).delete();
  if (rows.length) await db('product_price_tiers').insert(rows);
}

export interface SupplierRow {
  member_id: number;
  slug: string;
  name: string;
  country: string;
  region: string;
  locality: string;
  available_qty: number | string;
}

export async function selectSuppliers(db: DbOrTx, productId: number): Promise<SupplierRow[]> {
  return db('member_products as mp')
    .join('members as m', 'm.id', 'mp.member_id')
    .where('mp.product_id', productId)
    .andWhere('m.status', 'active')
    .select('m.id as member_id', 'm.slug', 'm.name', 'm.country', 'm.region', 'm.locality', 'mp.available_qty')
    .orderBy('m.name');
}

export async function updateProductRow(db: DbOrTx, id: number, patch: Partial<Omit<ProductRow, 'id'>>): Promise<number> {
  return db('products').where({ id }).update(patch);
}

export async function selectProductById(db: DbOrTx, id: number): Promise<ProductRow | undefined> {
  return db<ProductRow>('products').where({ id }).first();
}

export async function selectProductsForEditor(db: DbOrTx, lng: string, fallback: string, status?: string): Promise<ProductCardRow[]> {
  const q = productCardsQuery(db, lng, fallback).orderBy([{ column: 'p.status' }, { column: 'p.id' }]);
  if (status) void q.where('p.status', status);
  return q;
}

export async function selectTranslatedLocales(db: DbOrTx): Promise<{ product_id: number; locale: string }[]> {
  return db('product_translations').select('product_id', 'locale');
}

export async function selectSupplyOf(db: DbOrTx, memberId: number): Promise<number[]> {
  return (await db('member_products').where({ member_id: memberId }).select('product_id')).map((r: { product_id: number }) => r.product_id);
}

export async function replaceSupplyOf(db: DbOrTx, memberId: number, productIds: number[]): Promise<void> {
  await db('member_products').where({ member_id: memberId }).whereNotIn('product_id', productIds.length ? productIds : [-1]).delete();
  if (productIds.length) {
    await db('member_products')
      .insert(productIds.map((product_id) => ({ member_id: memberId, product_id })))
      .onConflict(['member_id', 'product_id'])
      .ignore();
  }
}

export async function selectCategories(db: DbOrTx, lng: string, fallback: string): Promise<{ id: number; slug: string; name: string }[]> {
  return db('categories as c')
    .leftJoin('category_translations as cl', (j) => j.on('cl.category_id', 'c.id').andOnVal('cl.locale', lng))
    .leftJoin('category_translations as cf', (j) => j.on('cf.category_id', 'c.id').andOnVal('cf.locale', fallback))
    .select('c.id', 'c.slug', db.raw('coalesce(cl.name, cf.name) as name'))
    .orderBy(['c.position', 'c.slug']);
}

export async function insertProductImage(db: DbOrTx, productId: number, imageId: number, position: number): Promise<void> {
  await db('product_images').insert({ product_id: productId, image_id: imageId, position });
}

export async function selectProductImages(db: DbOrTx, productIds: number[]): Promise<(ImageRow & { product_id: number })[]> {
  if (productIds.length === 0) return [];
  return db('product_images as pi')
    .join('images as i', 'i.id', 'pi.image_id')
    .whereIn('pi.product_id', productIds)
    .select('i.*', 'pi.product_id')
    .orderBy([{ column: 'pi.product_id' }, { column: 'pi.position' }, { column: 'i.id' }]);
}
