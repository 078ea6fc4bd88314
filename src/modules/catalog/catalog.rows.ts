import { isLocale, type Locale } from '#platform/i18n/locales.js';

export type ProductStatus = 'proposed' | 'active' | 'retired';

export interface ProductAttributes {
  organic?: boolean;
  fairTrade?: boolean;
  grade?: string;
}

export interface CategoryRow {
  id: number;
  slug: string;
  position: number;
}

export interface ProductRow {
  id: number;
  slug: string;
  category_id: number;
  unit: string;
  unit_decimals: number;
  net_weight_g: number;
  gtin: string | null;
  hs_code: string | null;
  attributes: string;
  price_minor: number | string; // bigint: text on PostgreSQL
  currency: string;
  moq: number | string;
  order_step: number | string;
  status: string;
  featured: number | boolean;
  created_at: string;
  updated_at: string;
  proposed_by_member_id?: number | null;
}

export interface Product {
  id: number;
  slug: string;
  categoryId: number;
  unit: string;
  unitDecimals: number;
  netWeightG: number;
  gtin: string | null;
  hsCode: string | null;
  attributes: ProductAttributes;
  priceMinor: bigint;
  currency: string;
  moq: bigint;
  orderStep: bigint;
  status: ProductStatus;
  featured: boolean;
}

/** A product as a reader of one language sees it in a list. */
export interface ProductCard extends Product {
  name: string;
  description: string;
  /** The locale the text is actually in: the default locale when not yet translated. */
  textLocale: Locale;
  categoryName: string;
  supplierCount: number;
}

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    slug: row.slug,
    categoryId: row.category_id,
    unit: row.unit,
    unitDecimals: row.unit_decimals,
    netWeightG: row.net_weight_g,
    gtin: row.gtin,
    hsCode: row.hs_code,
    attributes: JSON.parse(row.attributes) as ProductAttributes,
    priceMinor: BigInt(row.price_minor),
    currency: row.currency,
    moq: BigInt(row.moq),
    orderStep: BigInt(row.order_step),
    status: row.status as ProductStatus,
    featured: Boolean(row.featured),
  };
}

/** A listing row (product + text in the reader's language) mapped once to a card. */
export function toProductCard(
  row: ProductRow & { name: string; description: string; text_locale: string; category_name: string; supplier_count: number | string },
  defaultLocale: Locale,
): ProductCard {
  return {
    ...toProduct(row),
    name: row.name,
    description: row.description,
    textLocale: isLocale(row.text_locale) ? row.text_locale : defaultLocale,
    categoryName: row.category_name,
    supplierCount: Number(row.supplier_count),
  };
}
