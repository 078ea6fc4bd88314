import type { TFunction } from 'i18next';
import type { Formatter } from '#platform/i18n/format.js';
import type { Locale } from '#platform/i18n/locales.js';
import type { MemberSummary } from '#modules/members/index.js';
import type { ProductCard } from '#modules/catalog/catalog.rows.js';

export interface ProductCardView {
  slug: string;
  name: string;
  description: string;
  textLang: Locale;
  untranslated: boolean;
  category: string;
  price: string;
  badges: string[];
  suppliers: string;
}

export interface MemberCardView {
  slug: string;
  name: string;
  place: string;
  story: string;
  textLang: Locale | null;
  untranslated: boolean;
}

export interface HomeView {
  products: ProductCardView[];
  members: MemberCardView[];
}

export function productCardView(p: ProductCard, lng: Locale, t: TFunction, fmt: Formatter): ProductCardView {
  const badges = [
    p.attributes.organic ? t('catalog:attribute.organic') : null,
    p.attributes.fairTrade ? t('catalog:attribute.fairTrade') : null,
    p.attributes.grade ? t('catalog:attribute.grade', { grade: p.attributes.grade }) : null,
  ].filter((b): b is string => b !== null);
  return {
    slug: p.slug,
    name: p.name,
    description: p.description,
    textLang: p.textLocale,
    untranslated: p.textLocale !== lng,
    category: p.categoryName,
    price: t('catalog:price.perUnit', {
      price: fmt.money(p.priceMinor, p.currency),
      unit: t(`catalog:unit.${p.unit}`, { weight: fmt.weight(p.netWeightG) }),
    }),
    badges,
    suppliers: t('catalog:product.suppliers', { count: fmt.number(p.supplierCount) }),
  };
}

export function memberCardView(m: MemberSummary, lng: Locale, fmt: Formatter): MemberCardView {
  return {
    slug: m.slug,
    name: m.name,
    place: [m.locality, m.region, fmt.country(m.country)].filter(Boolean).join(', '),
    story: m.story,
    textLang: m.storyLocale,
    untranslated: m.storyLocale !== null && m.storyLocale !== lng,
  };
}
