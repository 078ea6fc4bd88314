import type { TFunction } from 'i18next';
import type { Formatter } from '#platform/i18n/format.js';
import { convertMinor, isCurrencyCode } from '#platform/money.js';
import type { Settings } from '#platform/settings/index.js';

export interface DisplayCurrency {
  code: string;
  rateE6: bigint;
  date: string;
}

/** The currency a reader asked to see prices in, when the coordinator has a rate for it. */
export function displayCurrency(settings: Settings, wanted: string | undefined, base: string): DisplayCurrency | undefined {
  if (!wanted || wanted === base || !isCurrencyCode(wanted)) return undefined;
  if (!settings.get('coop.displayCurrencies').includes(wanted)) return undefined;
  const rate = settings.get('coop.rates')[wanted];
  return rate ? { code: wanted, rateE6: BigInt(rate.rateE6), date: rate.date } : undefined;
}

/** "$12.50", plus "≈ €11.50" when the reader picked another currency. */
export function priceText(minor: bigint, currency: string, fmt: Formatter, t: TFunction, shown?: DisplayCurrency) {
  const base = fmt.money(minor, currency);
  if (!shown) return { base, approx: undefined };
  const approx = t('catalog:price.approx', { price: fmt.money(convertMinor(minor, currency, shown.code, shown.rateE6), shown.code) });
  return { base, approx };
}
