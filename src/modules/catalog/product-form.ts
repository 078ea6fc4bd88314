import { parseScaledDecimal, scaledToDecimalString } from '#platform/decimal.js';
import { field } from '#platform/http/forms.js';
import { LOCALES } from '#platform/i18n/locales.js';
import { currencyDigits } from '#platform/money.js';
import type { ProductDetail } from '#modules/catalog/storefront.service.js';

/** The product editor's form as strings (what the user typed) — kept on errors. */
export type ProductFormValues = Record<string, string>;

export const TIER_ROWS = 3;
export const UNIT_DECIMALS: Record<string, number> = { kg: 3, g: 0, l: 3, piece: 0, jar: 0, bag: 0, box: 0, bottle: 0, pack: 0 };

const SCALAR_FIELDS = ['slug', 'categorySlug', 'unit', 'netWeightG', 'gtin', 'hsCode', 'price', 'moq', 'orderStep', 'grade'] as const;

export function formFromBody(body: unknown): ProductFormValues {
  const v: ProductFormValues = {};
  for (const k of SCALAR_FIELDS) v[k] = field(body, k).trim();
  for (const k of ['organic', 'fairTrade', 'featured']) v[k] = field(body, k) ? 'on' : '';
  for (let i = 0; i < TIER_ROWS; i++) {
    v[`tierQty${i}`] = field(body, `tierQty${i}`).trim();
    v[`tierPrice${i}`] = field(body, `tierPrice${i}`).trim();
  }
  for (const l of LOCALES) {
    v[`name_${l}`] = field(body, `name_${l}`).trim();
    v[`description_${l}`] = field(body, `description_${l}`).trim();
  }
  return v;
}

/** "1.000" → "1", "0.500" → "0.5": quantities read as people write them. */
const qtyText = (scaled: bigint, decimals: number) => scaledToDecimalString(scaled, decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

export function formFromProduct(p: ProductDetail, translations: { locale: string; name: string; description: string }[], categorySlug: string): ProductFormValues {
  const d = p.unitDecimals;
  const v: ProductFormValues = {
    slug: p.slug,
    categorySlug,
    unit: p.unit,
    netWeightG: String(p.netWeightG),
    gtin: p.gtin ?? '',
    hsCode: p.hsCode ?? '',
    price: scaledToDecimalString(p.priceMinor, currencyDigits(p.currency)),
    moq: qtyText(p.moq, d),
    orderStep: qtyText(p.orderStep, d),
    grade: p.attributes.grade ?? '',
    organic: p.attributes.organic ? 'on' : '',
    fairTrade: p.attributes.fairTrade ? 'on' : '',
    featured: p.featured ? 'on' : '',
  };
  p.tiers.slice(0, TIER_ROWS).forEach((t, i) => {
    v[`tierQty${i}`] = qtyText(t.minQty, d);
    v[`tierPrice${i}`] = scaledToDecimalString(t.priceMinor, currencyDigits(p.currency));
  });
  for (const t of translations) {
    v[`name_${t.locale}`] = t.name;
    v[`description_${t.locale}`] = t.description;
  }
  return v;
}

export interface ParsedProductForm {
  input: Record<string, unknown>;
  tiers: { minQty: bigint; priceMinor: bigint }[];
  errors: Record<string, string>;
}

/** Decimal text → scaled integers in the unit's and currency's smallest steps; never a float. */
export function parseProductForm(v: ProductFormValues, currency: string): ParsedProductForm {
  const errors: Record<string, string> = {};
  const decimals = UNIT_DECIMALS[v.unit ?? ''] ?? 0;
  const money = currencyDigits(currency);
  const num = (key: string, digits: number, required = true): bigint | undefined => {
    const text = v[key] ?? '';
    if (!text) {
      if (required) errors[key] = 'errors:field.too_small';
      return undefined;
    }
    const parsed = parseScaledDecimal(text, digits);
    if (parsed === undefined || parsed <= 0n) errors[key] = 'errors:field.decimal';
    return parsed;
  };
  const price = num('price', money);
  const moq = num('moq', decimals, false) ?? 10n ** BigInt(decimals);
  const orderStep = num('orderStep', decimals, false) ?? 10n ** BigInt(decimals);
  const tiers: ParsedProductForm['tiers'] = [];
  for (let i = 0; i < TIER_ROWS; i++) {
    if (!v[`tierQty${i}`] && !v[`tierPrice${i}`]) continue;
    const minQty = num(`tierQty${i}`, decimals);
    const priceMinor = num(`tierPrice${i}`, money);
    if (minQty !== undefined && priceMinor !== undefined) tiers.push({ minQty, priceMinor });
  }
  const translations = Object.fromEntries(
    LOCALES.filter((l) => v[`name_${l}`]).map((l) => [l, { name: v[`name_${l}`], description: v[`description_${l}`] ?? '' }]),
  );
  const input = {
    slug: v.slug,
    categorySlug: v.categorySlug,
    unit: v.unit,
    unitDecimals: decimals,
    netWeightG: /^\d{1,9}$/.test(v.netWeightG ?? '') ? Number(v.netWeightG) : -1,
    gtin: v.gtin || undefined,
    hsCode: v.hsCode || undefined,
    attributes: { organic: v.organic === 'on', fairTrade: v.fairTrade === 'on', ...(v.grade ? { grade: v.grade } : {}) },
    priceMinor: price ?? 0n,
    currency,
    moq,
    orderStep,
    featured: v.featured === 'on',
    translations,
  };
  return { input, tiers, errors };
}
