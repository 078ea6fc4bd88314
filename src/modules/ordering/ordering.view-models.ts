import type { TFunction } from 'i18next';
import { scaledToDecimalString } from '#platform/decimal.js';
import type { Formatter } from '#platform/i18n/format.js';
import { convertMinor } from '#platform/money.js';
import { quantityText } from '#modules/catalog/storefront.view-models.js';
import type { CartContents } from '#modules/ordering/cart.service.js';
import type { CheckoutPlan, ShortLine } from '#modules/ordering/checkout.service.js';
import { deliveredQuantity, type Order, type OrderDetail } from '#modules/ordering/orders.service.js';
import { lineTotal } from '#modules/ordering/pricing.js';

interface Ctx {
  t: TFunction;
  fmt: Formatter;
  lng: string;
}

/** A rate in basis points as a percent, exact: 750 -> "7.5". */
export const percent = (bp: number) => scaledToDecimalString(BigInt(bp), 2).replace(/\.?0+$/, '');

const qty = (amount: bigint, l: { unit: string; unitDecimals: number; netWeightG: number }, { fmt, t }: Ctx) => quantityText(amount, l, fmt, t);

export function cartView(cart: CartContents, ctx: Ctx, values: Record<string, string> = {}) {
  const { t, fmt, lng } = ctx;
  return {
    lines: cart.lines.map((l) => ({
      productId: l.productId,
      name: l.name,
      href: `/${lng}/products/${encodeURIComponent(l.slug)}`,
      field: `qty_${l.productId}`,
      value: values[`qty_${l.productId}`] ?? scaledToDecimalString(l.quantity, l.unitDecimals),
      quantity: qty(l.quantity, l, ctx),
      unitPrice: t('catalog:price.perUnit', { price: fmt.money(l.unitPriceMinor, cart.currency), unit: t(`catalog:unit.${l.unit}`, { weight: fmt.weight(l.netWeightG) }) }),
      tierApplied: l.tierApplied,
      total: fmt.money(l.totalMinor, cart.currency),
      next: l.next ? t('ordering:cart.nextTier', { qty: qty(l.next.missing, l, ctx), price: fmt.money(l.next.priceMinor, cart.currency) }) : '',
      problem: l.problem ? t(`ordering:problem.${l.problem}`, { available: qty(l.available, l, ctx) }) : '',
    })),
    subtotal: fmt.money(cart.subtotalMinor, cart.currency),
    orderable: cart.orderable,
    empty: cart.lines.length === 0,
  };
}

export function shortageView(lines: ShortLine[], ctx: Ctx) {
  return lines.map((l) => {
    const unit = { unit: l.unit, unitDecimals: l.unitDecimals, netWeightG: 0 };
    return ctx.t('ordering:shortage.line', {
      name: l.name,
      requested: qty(l.requested, unit, ctx),
      available: qty(l.available, unit, ctx),
      missing: qty(l.requested - l.available > 0n ? l.requested - l.available : 0n, unit, ctx),
    });
  });
}

/** Base-currency amounts with the buyer's currency beside them, approximately (stated rounding). */
function approx(minor: bigint, currency: string, shown: { code: string; rateE6: bigint } | undefined | null, ctx: Ctx): string {
  if (!shown) return '';
  return ctx.t('catalog:price.approx', { price: ctx.fmt.money(convertMinor(minor, currency, shown.code, shown.rateE6), shown.code) });
}

export function reviewView(plan: CheckoutPlan, ctx: Ctx) {
  const { t, fmt } = ctx;
  const cur = plan.cart.currency;
  const q = plan.quote;
  return {
    cart: cartView(plan.cart, ctx),
    shipTo: plan.shipTo,
    shippingLabel: plan.shippingMethod === 'pickup' ? t('ordering:checkout.pickup') : t('ordering:checkout.deliveryTo', { country: fmt.country(plan.destination) }),
    incoterm: `${plan.incoterm.code} ${plan.incoterm.place}`.trim(),
    payment: t(`ordering:payment.${plan.payment}`),
    totals: [
      { label: t('ordering:totals.subtotal'), value: fmt.money(q.subtotalMinor, cur), approx: approx(q.subtotalMinor, cur, plan.shown, ctx) },
      { label: t('ordering:totals.shipping', { weight: fmt.weight(Number(q.weightG)) }), value: fmt.money(q.shippingMinor, cur), approx: approx(q.shippingMinor, cur, plan.shown, ctx) },
      { label: t('ordering:totals.tax', { rate: percent(q.taxRateBp) }), value: fmt.money(q.taxMinor, cur), approx: approx(q.taxMinor, cur, plan.shown, ctx) },
    ],
    total: { label: t('ordering:totals.total'), value: fmt.money(q.totalMinor, cur), approx: approx(q.totalMinor, cur, plan.shown, ctx) },
    rateNote: plan.shown ? t('ordering:totals.rateNote', { currency: plan.shown.code, date: plan.shown.date }) : '',
    expectedTotal: q.totalMinor.toString(),
  };
}

export function orderSummaryView(o: Order, ctx: Ctx) {
  const { t, fmt, lng } = ctx;
  return {
    number: o.number,
    href: `/${lng}/account/orders/${o.number}`,
    placedAt: fmt.dateTime(o.placedAt),
    status: t(`ordering:status.${o.status}`),
    statusCode: o.status,
    total: fmt.money(o.totalMinor, o.currency),
    destination: fmt.country(o.destinationCountry),
    payment: t(`ordering:paymentStatus.${o.paymentStatus}`),
  };
}

export function orderDetailView(o: OrderDetail, ctx: Ctx, bankDetails: string) {
  const { t, fmt, lng } = ctx;
  const live = o.allocations.filter((a) => a.status !== 'declined' && a.status !== 'cancelled');
  const shown = o.displayCurrency && o.displayRateE6 ? { code: o.displayCurrency, rateE6: o.displayRateE6 } : undefined;
  return {
    ...orderSummaryView(o, ctx),
    lines: o.lines.map((l) => ({
      name: l.productName,
      hsCode: l.hsCode,
      quantity: qty(l.quantity, l, ctx),
      unitPrice: fmt.money(l.unitPriceMinor, o.currency),
      total: fmt.money(l.totalMinor, o.currency),
      lots: [...new Set(live.filter((a) => a.lineId === l.id).map((a) => a.lotCode))].map((lot) => ({ lot, href: `/${lng}/trace/${encodeURIComponent(lot)}` })),
      received: (() => {
        const delivered = deliveredQuantity(l, live.filter((a) => a.lineId === l.id));
        return delivered === l.quantity ? '' : t('ordering:order.receivedAdjusted', { qty: qty(delivered, l, ctx), total: fmt.money(lineTotal(delivered, l.unitPriceMinor, l.unitDecimals), o.currency) });
      })(),
    })),
    totals: [
      { label: t('ordering:totals.subtotal'), value: fmt.money(o.subtotalMinor, o.currency) },
      { label: t('ordering:totals.shipping', { weight: fmt.weight(Number(o.weightG)) }), value: fmt.money(o.shippingMinor, o.currency) },
      { label: t('ordering:totals.tax', { rate: percent(o.taxRateBp) }), value: fmt.money(o.taxMinor, o.currency) },
    ],
    total: fmt.money(o.totalMinor, o.currency),
    totalApprox: approx(o.totalMinor, o.currency, shown, ctx),
    timeline: o.events.map((e) => ({ label: t(`ordering:event.${e.kind}`), at: fmt.dateTime(e.at), note: e.note })),
    incoterm: `${o.incoterm} ${o.incotermPlace}`.trim(),
    shipping: o.shippingMethod === 'pickup' ? t('ordering:checkout.pickup') : t('ordering:checkout.deliveryTo', { country: fmt.country(o.destinationCountry) }),
    shipTo: o.shipTo,
    paymentMethod: t(`ordering:payment.${o.paymentMethod}`),
    paymentReference: o.paymentReference,
    paymentPending: o.paymentStatus === 'pending' && o.status !== 'cancelled',
    bankDetails: o.paymentMethod === 'bank_transfer' ? bankDetails : '',
    carrier: o.carrier,
    trackingNumber: o.trackingNumber,
    canCancel: o.status === 'placed',
    hasInvoice: o.status === 'shipped' || o.status === 'delivered',
  };
}
