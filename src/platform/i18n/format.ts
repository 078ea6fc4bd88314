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

/** Builds an Intl object the first time a key asks for it, then hands out the same one. */
function memo<T>(make: (key: string) => T): (key: string) => T {
  const made = new Map<string, T>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(key)));
    return value;
  };
}

/**
 * Intl objects cost tens of microseconds to build (DisplayNames about 2 ms each) and are immutable,
 * so each is built on first use and kept: nothing at start, no rebuild per price on a page.
 */
export function createFormatter(lng: Locale, timeZone = 'UTC'): Formatter {
  const regions = memo(() => new Intl.DisplayNames([lng], { type: 'region' }));
  const languages = memo(() => new Intl.DisplayNames([lng], { type: 'language' }));
  const currency = memo((code) => new Intl.NumberFormat(lng, { style: 'currency', currency: code }));
  const plain = memo((decimals) => new Intl.NumberFormat(lng, decimals === '' ? {} : { maximumFractionDigits: Number(decimals) }));
  // key: '<Intl unit> <maximum fraction digits>'
  const unit = memo((key) => {
    const [name, decimals] = key.split(' ');
    return new Intl.NumberFormat(lng, { style: 'unit', unit: name, maximumFractionDigits: Number(decimals) });
  });
  const date = memo(() => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeZone }));
  const dateTime = memo(() => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short', timeZone }));
  return {
    money: (minor, code) => currency(code).format(minorToDecimalString(minor, code) as DecimalInput),
    number: (value) => plain('').format(value),
    measure: (scaled, decimals, unitName) => {
      const text = scaledToDecimalString(scaled, decimals) as DecimalInput;
      const intlUnit = MEASURE_UNITS[unitName]; // anything else ('count', 'jar'…) is a plain number
      return intlUnit ? unit(`${intlUnit} ${decimals}`).format(text) : plain(String(decimals)).format(text);
    },
    weight(grams) {
      const kg = grams >= 1000;
      return unit(`${kg ? 'kilogram' : 'gram'} 3`).format(scaledToDecimalString(grams, kg ? 3 : 0) as DecimalInput);
    },
    date: (iso) => date('').format(new Date(iso)),
    dateTime: (iso) => dateTime('').format(new Date(iso)),
    country: (code) => regions('').of(code) ?? code,
    language: (tag) => languages('').of(tag) ?? tag,
  };
}

const shared = new Map<Locale, Formatter>();

/** The one formatter of a language (UTC), built on first use and kept: pages, mails and documents share it. */
export function formatterFor(lng: Locale): Formatter {
  let fmt = shared.get(lng);
  if (!fmt) shared.set(lng, (fmt = createFormatter(lng)));
  return fmt;
}
