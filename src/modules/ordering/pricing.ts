/**
 * Order arithmetic, pure and in integers only. Quantities are counts of the unit's smallest step
 * (10^-unitDecimals of a unit); prices are minor units per whole unit. Every division rounds half
 * away from zero, once per amount, as stated here:
 *   line total  = round(quantity × unit price / 10^unitDecimals)
 *   line weight = ceil(quantity × net weight per unit in g / 10^unitDecimals)
 *   tax         = round((subtotal + shipping) × rate in basis points / 10,000)
 *   total       = subtotal + shipping + tax (no rounding: a sum of integers)
 */

export interface PricedProduct {
  id: number;
  unitDecimals: number;
  netWeightG: number;
  priceMinor: bigint;
  /** Sorted or not; from `minQty` (smallest steps) on, the unit price is `priceMinor`. */
  tiers: { minQty: bigint; priceMinor: bigint }[];
  moq: bigint;
  orderStep: bigint;
}

export interface ShippingBracket {
  upToG: number;
  priceMinor: bigint;
}

export type QuantityProblem = 'notPositive' | 'belowMoq' | 'offStep';

/** Divides, rounding half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -q : q;
}

export function divCeil(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}

/** A quantity may be ordered when it is at least the MOQ and the MOQ plus whole order steps. */
export function quantityProblem(p: Pick<PricedProduct, 'moq' | 'orderStep'>, qty: bigint): QuantityProblem | undefined {
  if (qty <= 0n) return 'notPositive';
  if (qty < p.moq) return 'belowMoq';
  if ((qty - p.moq) % p.orderStep !== 0n) return 'offStep';
  return undefined;
}

/** Nearest orderable quantities around `qty` (for the message that refuses it). */
export function nearestOrderable(p: Pick<PricedProduct, 'moq' | 'orderStep'>, qty: bigint): { below?: bigint; above: bigint } {
  if (qty <= p.moq) return { above: p.moq };
  const steps = (qty - p.moq) / p.orderStep;
  const below = p.moq + steps * p.orderStep;
  return below === qty ? { below: qty, above: qty } : { below, above: below + p.orderStep };
}

const sortedTiers = (p: PricedProduct) => [...p.tiers].sort((a, b) => (a.minQty < b.minQty ? -1 : a.minQty > b.minQty ? 1 : 0));

/** The unit price for a quantity: the highest tier reached, else the product's price. */
export function unitPriceFor(p: PricedProduct, qty: bigint): { priceMinor: bigint; tierMinQty: bigint | null } {
  let price = { priceMinor: p.priceMinor, tierMinQty: null as bigint | null };
  for (const tier of sortedTiers(p)) if (qty >= tier.minQty) price = { priceMinor: tier.priceMinor, tierMinQty: tier.minQty };
  return price;
}

/** "Order 40 more kg for the next price": the next tier above `qty`, if any. */
export function nextTier(p: PricedProduct, qty: bigint): { missing: bigint; priceMinor: bigint } | undefined {
  const next = sortedTiers(p).find((tier) => tier.minQty > qty);
  return next ? { missing: next.minQty - qty, priceMinor: next.priceMinor } : undefined;
}

export function lineTotal(qty: bigint, unitPriceMinor: bigint, unitDecimals: number): bigint {
  return divRound(qty * unitPriceMinor, 10n ** BigInt(unitDecimals));
}

export function lineWeightG(qty: bigint, netWeightG: number, unitDecimals: number): bigint {
  return divCeil(qty * BigInt(netWeightG), 10n ** BigInt(unitDecimals));
}

/** The price of the first bracket that holds the weight; undefined when it is too heavy for the zone. */
export function shippingPrice(brackets: ShippingBracket[], weightG: bigint): bigint | undefined {
  const sorted = [...brackets].sort((a, b) => a.upToG - b.upToG);
  return sorted.find((b) => weightG <= BigInt(b.upToG))?.priceMinor;
}

export function taxFor(baseMinor: bigint, rateBp: number): bigint {
  return divRound(baseMinor * BigInt(rateBp), 10_000n);
}

export interface QuoteLine {
  product: PricedProduct;
  quantity: bigint;
}

export interface QuotedLine {
  productId: number;
  quantity: bigint;
  unitPriceMinor: bigint;
  tierMinQty: bigint | null;
  totalMinor: bigint;
  weightG: bigint;
}

export interface Quote {
  lines: QuotedLine[];
  subtotalMinor: bigint;
  weightG: bigint;
  shippingMinor: bigint;
  taxRateBp: number;
  taxMinor: bigint;
  totalMinor: bigint;
}

/**
 * Prices an order. `shipping` is the zone's brackets (delivery) or 'free' (pickup at the hub);
 * returns undefined when the weight is above the zone's last bracket.
 */
export function quote(lines: QuoteLine[], shipping: ShippingBracket[] | 'free', taxRateBp: number): Quote | undefined {
  const quoted = lines.map(({ product, quantity }) => {
    const price = unitPriceFor(product, quantity);
    return {
      productId: product.id,
      quantity,
      unitPriceMinor: price.priceMinor,
      tierMinQty: price.tierMinQty,
      totalMinor: lineTotal(quantity, price.priceMinor, product.unitDecimals),
      weightG: lineWeightG(quantity, product.netWeightG, product.unitDecimals),
    };
  });
  const subtotalMinor = quoted.reduce((sum, l) => sum + l.totalMinor, 0n);
  const weightG = quoted.reduce((sum, l) => sum + l.weightG, 0n);
  const shippingMinor = shipping === 'free' ? 0n : shippingPrice(shipping, weightG);
  if (shippingMinor === undefined) return undefined;
  const taxMinor = taxFor(subtotalMinor + shippingMinor, taxRateBp);
  return { lines: quoted, subtotalMinor, weightG, shippingMinor, taxRateBp, taxMinor, totalMinor: subtotalMinor + shippingMinor + taxMinor };
}
