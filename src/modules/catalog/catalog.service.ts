import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import { AppError } from '#platform/http/errors.js';
import { parseOrThrow } from '#platform/http/validation.js';
import { isLocale, type Locale } from '#platform/i18n/locales.js';
import * as q from '#modules/catalog/catalog.queries.js';
import { toProduct, type Product, type ProductCard } from '#modules/catalog/catalog.rows.js';
import {
  createCategorySchema,
  createProductSchema,
  type CreateCategoryInput,
  type CreateProductInput,
} from '#modules/catalog/catalog.schemas.js';
import { normalizeGtin } from '#modules/catalog/gtin.js';

export interface CatalogDeps {
  db: Db;
  clock: Clock;
  defaultLocale: Locale;
}

const slugTaken = () => new AppError('conflict', 'errors:conflict.slugTaken', {}, { slug: 'errors:field.taken' });

export function createCatalogService({ db, clock, defaultLocale }: CatalogDeps) {
  async function createCategory(input: CreateCategoryInput): Promise<number> {
    const data = parseOrThrow(createCategorySchema, input);
    if (!data.names[defaultLocale]) {
      throw new AppError('validation', 'errors:validation.message', {}, { [`names.${defaultLocale}`]: 'errors:field.too_small' });
    }
    return db.transaction(async (trx) => {
      if (await q.selectCategoryBySlug(trx, data.slug)) throw slugTaken();
      const id = await q.insertCategory(trx, { slug: data.slug, position: data.position });
      await q.insertCategoryTranslations(
        trx,
        Object.entries(data.names).map(([locale, name]) => ({ category_id: id, locale, name: name ?? '' })),
      );
      return id;
    });
  }

  async function createProduct(input: CreateProductInput): Promise<Product> {
    const data = parseOrThrow(createProductSchema, input);
    if (!data.translations[defaultLocale]) {
      throw new AppError('validation', 'errors:validation.message', {}, { [`translations.${defaultLocale}.name`]: 'errors:field.too_small' });
    }
    const now = clock.nowIso();
    return db.transaction(async (trx) => {
      const category = await q.selectCategoryBySlug(trx, data.categorySlug);
      if (!category) throw new AppError('validation', 'errors:validation.message', {}, { categorySlug: 'errors:field.unknown' });
      if (await q.selectProductBySlug(trx, data.slug)) throw slugTaken();
      const id = await q.insertProduct(trx, {
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
        status: data.status,
        featured: data.featured,
        created_at: now,
        updated_at: now,
      });
      await q.insertProductTranslations(
        trx,
        Object.entries(data.translations).map(([locale, tr]) => ({
          product_id: id,
          locale,
          name: tr?.name ?? '',
          description: tr?.description ?? '',
        })),
      );
      await q.insertMemberProducts(trx, data.supplierMemberIds.map((member_id) => ({ member_id, product_id: id })));
      return toProduct((await q.selectProductBySlug(trx, data.slug))!);
    });
  }

  async function listCards(lng: Locale, opts: { featuredOnly?: boolean; limit?: number } = {}): Promise<ProductCard[]> {
    const rows = await q.selectProductCards(db, lng, defaultLocale, {
      featuredOnly: opts.featuredOnly ?? false,
      limit: opts.limit ?? 24,
    });
    return rows.map((r) => ({
      ...toProduct(r),
      name: r.name,
      description: r.description,
      textLocale: isLocale(r.text_locale) ? r.text_locale : defaultLocale,
      categoryName: r.category_name,
      supplierCount: Number(r.supplier_count),
    }));
  }

  return { createCategory, createProduct, listCards };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
