/**
 * Order numbers and payment references. An order number reads `T-2026-000123`; its payment
 * reference is the ISO 11649 structured creditor reference of `T2026000123`, e.g.
 * `RF71T2026000123` — banks in Europe and beyond carry it intact, and its two check digits
 * (ISO 7064 MOD 97-10, as in an IBAN) catch a mistyped reference.
 */

export function orderNumber(year: number, seq: number): string {
  return `T-${year}-${String(seq).padStart(6, '0')}`;
}

export const ORDER_NUMBER = /^T-\d{4}-\d{6,9}$/;

/** Letters become 10..35, digits stay; the remainder is taken piecewise so no big numbers are needed. */
function mod97(text: string): number {
  const digits = [...text.toUpperCase()].map((ch) => (/[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55))).join('');
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest;
}

export function paymentReference(number: string): string {
  const body = number.replace(/-/g, '');
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

export function isValidPaymentReference(ref: string): boolean {
  const m = /^RF(\d{2})([A-Z0-9]{1,21})$/.exec(ref);
  return !!m && mod97(`${m[2]}RF${m[1]}`) === 1;
}
