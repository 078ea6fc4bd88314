import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db, DbOrTx, Tx } from '#platform/db/index.js';
import { AppError } from '#platform/http/errors.js';
import { parseOrThrow } from '#platform/http/validation.js';
import { isLocale, type Locale } from '#platform/i18n/locales.js';
import * as q from '#modules/catalog/catalog.queries.js';
import { toProduct, toProductCard, type Product, type ProductCard, type ProductStatus } from '#modules/catalog/catalog.rows.js';
import { createCategorySchema, createProductSchema, type CreateCategoryInput, type CreateProductInput } from '#modules/catalog/catalog.schemas.js';
import { normalizeGtin } from '#modules/catalog/gtin.js';
import type { ImageProcessor } from '#platform/uploads/images.js';
import { insertImage } from '#platform/uploads/images.queries.js';
import { normalizeForSearch } from '#modules/catalog/search.js';
import { deleteSearchTexts, upsertSearchText } from '#modules/catalog/search.queries.js';

export interface CatalogDeps {
  db: Db;
  clock: Clock;
  defaultLocale: Locale;
  audit: Audit;
  images: ImageProcessor;
}

export interface Tier {
  minQty: bigint;
  priceMinor: bigint;
}

const invalid = (fields: Record<string, string>) => new AppError('validation', 'errors:validation.message', {}, fields);
const slugTaken = () => invalid({ slug: 'errors:field.taken' });

export function createCatalogService({ db, clock, defaultLocale, audit, images }: CatalogDeps) {
  async function createCategory(input: CreateCategoryInput): Promise<number> {
    const data = parseOrThrow(createCategorySchema, input);
    if (!data.names[defaultLocale]) throw invalid({ [`names.${defaultLocale}`]: 'errors:field.too_small' });
    return db.transaction(async (trx) => {
      if (await q.selectCategoryBySlug(trx, data.slug)) throw slugTaken();
      const id = await q.insertCategory(trx, { slug: data.slug, position: data.position });
      await q.insertCategoryTranslations(trx, Object.entries(data.names).map(([locale, name]) => ({ category_id: id, locale, name: name ?? '' })));
      return id;
    });
  }

  /** The search index holds each translation, normalised; rebuilt on every write of the product. */
  async function reindex(trx: DbOrTx, productId: number): Promise<void> {
    await deleteSearchTexts(trx, productId);
    for (const t of await q.selectProductTranslations(trx, productId)) {
      await upsertSearchText(trx, productId, t.locale, normalizeForSearch(`${t.name} ${t.description}`));
    }
  }

  function validTiers(tiers: Tier[], moq: bigint): Tier[] {
    const sorted = [...tiers].sort((a, b) => (a.minQty < b.minQty ? -1 : 1));
    sorted.forEach((t, i) => {
      if (t.minQty <= moq || (i > 0 && t.minQty === sorted[i - 1]!.minQty)) throw invalid({ [`tierQty${i}`]: 'errors:field.tierQty' });
    });
    return sorted;
  }

  /**
   * Creates or updates one product with its translations, tiers and search text. Pass `outer` to
   * make it part of a larger transaction (a catalog import applies all rows or none).
   */
  async function save(input: CreateProductInput | Record<string, unknown>, tiers: Tier[], existing?: { id: number; status: ProductStatus }, outer?: Tx) {
    const data = parseOrThrow(createProductSchema, input);
    if (!data.translations[defaultLocale]) throw invalid({ [`name_${defaultLocale}`]: 'errors:field.defaultLocaleName' });
    const sortedTiers = validTiers(tiers, data.moq);
    const now = clock.nowIso();
    const run = <T>(fn: (trx: Tx) => Promise<T>) => (outer ? fn(outer) : db.transaction(fn));
    return run(async (trx) => {
      const category = await q.selectCategoryBySlug(trx, data.categorySlug);
      if (!category) throw invalid({ categorySlug: 'errors:field.unknown' });
      const sameSlug = await q.selectProductBySlug(trx, data.slug);
      if (sameSlug && sameSlug.id !== existing?.id) throw slugTaken();
      const row = {
        slug: data.slug,
        category_id: category.id,
        unit: data.unit,
        unit_decimals: data.unitDecimals,
        net_weight_g: data.netWeightG,
        gtin: data.gtin ? normalizeGtin(data.gtin) : null,
        hs_code: data.hsCode ?? null,
        attributes: JSON.stringify(data.attributes),
        price_minor: data.priceMinor.toString(),
        currency: data.currency,
        moq: data.moq.toString(),
        order_step: data.orderStep.toString(),
        featured: data.featured,
        updated_at: now,
      };
      let id = existing?.id;
      if (id === undefined) id = await q.insertProduct(trx, { ...row, status: data.status, created_at: now });
      else await q.updateProductRow(trx, id, row);
      const productId = id;
      await q.replaceProductTranslations(
        trx,
        productId,
        Object.entries(data.translations).map(([locale, tr]) => ({ product_id: productId, locale, name: tr?.name ?? '', description: tr?.description ?? '' })),
      );
      await q.replaceTiers(trx, productId, sortedTiers.map((t) => ({ product_id: productId, min_qty: t.minQty.toString(), price_minor: t.priceMinor.toString() })));
      await q.insertMemberProducts(trx, data.supplierMemberIds.map((member_id) => ({ member_id, product_id: productId })));
      await reindex(trx, productId);
      return { product: toProduct((await q.selectProductById(trx, productId))!) };
    });
  }

  async function createProduct(input: CreateProductInput, tiers: Tier[] = []): Promise<Product> {
    return (await save(input, tiers)).product;
  }

  /** A member proposes a product for the shared catalog; it waits for the coordinator, supplied by them. */
  async function propose(memberId: number, input: Record<string, unknown>, tiers: Tier[], ctx: AuditContext): Promise<Product> {
    const { product } = await save({ ...input, status: 'proposed', featured: false, supplierMemberIds: [memberId] }, tiers);
    await q.updateProductRow(db, product.id, { proposed_by_member_id: memberId });
    await audit.record(ctx, 'product.proposed', { type: 'product', id: product.id }, { memberId });
    return product;
  }

  async function update(id: number, input: Record<string, unknown>, tiers: Tier[], ctx: AuditContext): Promise<Product> {
    const before = await q.selectProductById(db, id);
    if (!before) throw new AppError('not_found');
    const { product } = await save({ ...input, status: before.status }, tiers, { id, status: before.status as ProductStatus });
    const priceChanged = BigInt(before.price_minor) !== product.priceMinor;
    await audit.record(ctx, priceChanged ? 'product.priceChanged' : 'product.updated', { type: 'product', id }, priceChanged ? { from: String(before.price_minor), to: product.priceMinor.toString() } : {});
    return product;
  }

  async function setStatus(id: number, status: ProductStatus, ctx: AuditContext): Promise<void> {
    const before = await q.selectProductById(db, id);
    if (!before) throw new AppError('not_found');
    await q.updateProductRow(db, id, { status, updated_at: clock.nowIso() });
    await audit.record(ctx, 'product.statusChanged', { type: 'product', id }, { from: before.status, to: status });
  }

  async function listCards(lng: Locale, opts: { featuredOnly?: boolean; limit?: number } = {}): Promise<ProductCard[]> {
    const rows = await q.selectProductCards(db, lng, defaultLocale, { featuredOnly: opts.featuredOnly ?? false, limit: opts.limit ?? 24 });
    return rows.map((r) => toProductCard(r, defaultLocale));
  }

  async function listForEditor(lng: Locale, status?: ProductStatus) {
    const [rows, locales] = await Promise.all([q.selectProductsForEditor(db, lng, defaultLocale, status), q.selectTranslatedLocales(db)]);
    return rows.map((r) => ({
      ...toProductCard(r, defaultLocale),
      translated: locales.filter((l) => l.product_id === r.id).map((l) => l.locale).filter(isLocale),
    }));
  }

  return {
    createCategory,
    createProduct,
    save,
    /** Runs `fn` in one transaction (for imports that must apply entirely or not at all). */
    transaction: <T>(fn: (trx: Tx) => Promise<T>) => db.transaction(fn),
    productBySlug: async (slug: string, trx: DbOrTx = db) => {
      const row = await q.selectProductBySlug(trx, slug);
      return row ? toProduct(row) : undefined;
    },
    tiersOf: async (productId: number) => (await q.selectTiers(db, productId)).map((t) => ({ minQty: BigInt(t.min_qty), priceMinor: BigInt(t.price_minor) })),
    propose,
    update,
    setStatus,
    listCards,
    listForEditor,
    categories: (lng: Locale) => q.selectCategories(db, lng, defaultLocale),
    supplyOf: (memberId: number) => q.selectSupplyOf(db, memberId),
    async setSupply(memberId: number, productIds: number[], ctx: AuditContext): Promise<void> {
      await q.replaceSupplyOf(db, memberId, productIds);
      await audit.record(ctx, 'member.supplyDeclared', { type: 'member', id: memberId }, { productIds });
    },
    async byId(id: number): Promise<Product | undefined> {
      const row = await q.selectProductById(db, id);
      return row ? toProduct(row) : undefined;
    },
    translations: (productId: number) => q.selectProductTranslations(db, productId),
    /** Re-encodes a product photo and appends it to the product's images. */
    async addImage(productId: number, buffer: Buffer, memberId: number | null): Promise<void> {
      const image = await images.process(buffer, 'photo');
      const position = (await q.selectProductImages(db, [productId])).length;
      await db.transaction(async (trx) => {
        await q.insertProductImage(trx, productId, await insertImage(trx, image, memberId, clock.nowIso()), position);
      });
    },
  };
}


export type CatalogService = ReturnType<typeof createCatalogService>;
