import { scaledToDecimalString } from '#platform/decimal.js';

/** Money is an integer count of minor units with its ISO 4217 code; never a float. */
export interface Money {
  minor: bigint;
  currency: string;
}

const digitsCache = new Map<string, number>();

export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    return Intl.supportedValuesOf('currency').includes(code);
  } catch {
    return false;
  }
}

export function minorToDecimalString(minor: bigint | number, currency: string): string {
  return scaledToDecimalString(minor, currencyDigits(currency));
}
