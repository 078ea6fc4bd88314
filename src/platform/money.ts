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

/**
 * Converts an amount between currencies at a rate given as an integer scaled by 10^6
 * (1 base unit = rateE6 / 1,000,000 target units). Rounds half away from zero, once, at the end:
 * the stated rule for every approximate price shown.
 */
export function convertMinor(minor: bigint, from: string, to: string, rateE6: bigint): bigint {
  const scale = 10n ** BigInt(currencyDigits(to));
  const fromScale = 10n ** BigInt(currencyDigits(from));
  const numerator = minor * rateE6 * scale;
  const denominator = 1_000_000n * fromScale;
  const sign = numerator < 0n ? -1n : 1n;
  const abs = numerator < 0n ? -numerator : numerator;
  return sign * ((abs + denominator / 2n) / denominator);
}
