/** Exact decimal text of an integer scaled by 10^-decimals, e.g. (123456n, 2) -> "1234.56". */
export function scaledToDecimalString(value: bigint | number, decimals: number): string {
  const v = BigInt(value);
  const sign = v < 0n ? '-' : '';
  const abs = (v < 0n ? -v : v).toString().padStart(decimals + 1, '0');
  if (decimals === 0) return sign + abs;
  return `${sign}${abs.slice(0, -decimals)}.${abs.slice(-decimals)}`;
}

/**
 * Parses decimal text ("12", "-3.5", "0.000123") into an integer scaled by 10^decimals, without
 * floating point. Returns undefined for anything else, or for more decimals than allowed.
 */
export function parseScaledDecimal(text: string, decimals: number): bigint | undefined {
  const m = /^\s*(-?)(\d{1,15})(?:\.(\d+))?\s*$/.exec(text);
  if (!m) return undefined;
  const [, sign, whole = '0', frac = ''] = m;
  if (frac.length > decimals) return undefined;
  const scaled = BigInt(whole + frac.padEnd(decimals, '0'));
  return sign === '-' ? -scaled : scaled;
}
