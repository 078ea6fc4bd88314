import { minorToDecimalString } from '#platform/money.js';
import { scaledToDecimalString } from '#platform/decimal.js';
import type { Locale } from '#platform/i18n/locales.js';

const MEASURE_UNITS: Record<string, string> = { kg: 'kilogram', g: 'gram', l: 'liter', ml: 'milliliter', ha: 'hectare', deg: 'degree' };

export interface Formatter {
  money(minor: bigint | number, currency: string): string;
  number(value: number | bigint): string;
  /** A quantity stored as an integer of 10^-decimals units, shown with its unit where Intl knows it. */
  measure(scaled: bigint | number, decimals: number, unit: string): string;
  /** A net weight in grams: grams below a kilogram, kilograms from there. */
  weight(grams: number): string;
  date(iso: string): string;
  dateTime(iso: string): string;
  country(code: string): string;
  language(tag: string): string;
}

// Intl accepts exact decimal strings; the cast covers lib typings that predate that.
type DecimalInput = number & string;

export function createFormatter(lng: Locale, timeZone = 'UTC'): Formatter {
  const regions = new Intl.DisplayNames([lng], { type: 'region' });
  const languages = new Intl.DisplayNames([lng], { type: 'language' });
  return {
    money: (minor, currency) =>
      new Intl.NumberFormat(lng, { style: 'currency', currency }).format(
        minorToDecimalString(minor, currency) as DecimalInput,
      ),
    number: (value) => new Intl.NumberFormat(lng).format(value),
    measure: (scaled, decimals, unit) => {
      const text = scaledToDecimalString(scaled, decimals) as DecimalInput;
      const intlUnit = MEASURE_UNITS[unit]; // anything else ('count', 'jar'…) is a plain number
      return intlUnit
        ? new Intl.NumberFormat(lng, { style: 'unit', unit: intlUnit, maximumFractionDigits: decimals }).format(text)
        : new Intl.NumberFormat(lng, { maximumFractionDigits: decimals }).format(text);
    },
    weight(grams) {
      const kg = grams >= 1000;
      return new Intl.NumberFormat(lng, { style: 'unit', unit: kg ? 'kilogram' : 'gram', maximumFractionDigits: 3 }).format(
        scaledToDecimalString(grams, kg ? 3 : 0) as DecimalInput,
      );
    },
    date: (iso) => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeZone }).format(new Date(iso)),
    dateTime: (iso) =>
      new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso)),
    country: (code) => regions.of(code) ?? code,
    language: (tag) => languages.of(tag) ?? tag,
  };
}
