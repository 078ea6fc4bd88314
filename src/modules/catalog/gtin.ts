/** GS1 check digit (mod 10, weights 3,1 from the right) for GTIN-8/12/13/14. */
export function isValidGtin(gtin: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return false;
  const digits = [...gtin].map(Number);
  const check = digits.pop() as number;
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

/** GTINs are compared and stored as 14 digits, as GS1 Digital Link URIs carry them. */
export function normalizeGtin(gtin: string): string {
  return gtin.padStart(14, '0');
}
