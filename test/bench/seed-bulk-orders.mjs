// The past year's orders of the large alliance, planned in memory before anything is written:
// which lot each line came from decides the lots' remaining stock and their shipping events.
// Every figure is computed the way the app computes it, with its own compiled functions: the
// quote (ordering/pricing), order numbers and payment references (ordering/reference), the
// allocation row (ordering/routing). Status changes follow the app's allowed steps
// (placed → confirmed → preparing → shipped → delivered, or placed → cancelled), each with its
// order event, and a shipped order's lots each get a `ship_to_buyer` trace event.
import { quote } from '../../dist/src/modules/ordering/pricing.js';
import { orderNumber, paymentReference } from '../../dist/src/modules/ordering/reference.js';
import { proposedAllocation } from '../../dist/src/modules/ordering/routing.js';

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** A lot is sold from two weeks after its harvest; buyers get goods harvested at most 74 days before. */
const READY_DAYS = 14;
const FRESH_DAYS = 74;
/** After placing: confirmed, preparing, shipped, delivered; paid a day after placing; a cancellation 4 h after. */
const STEPS = { paid: 20 * HOUR_MS, confirmed: 26 * HOUR_MS, preparing: DAY_MS * 1.5, shipped: DAY_MS * 2, delivered: DAY_MS * 10, cancelled: 4 * HOUR_MS };
const CANCELLED_SHARE = 0.12;
const TWO_LINE_SHARE = 0.08;
/** Orders placed in the last 30 days are shipped and not yet delivered. */
const IN_TRANSIT_DAYS = 30;

/** A small deterministic generator (mulberry32), so two runs seed the same alliance. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms) => new Date(ms).toISOString();

/**
 * The freshness policy inside the fresh window: the oldest lot of the product harvested between
 * FRESH_DAYS and READY_DAYS before the order that still holds the quantity. `lots` are the
 * product's lots, oldest first; `cursor` skips the ones already too old for every later order.
 */
function pickLot(stock, productIndex, placedMs, qty) {
  const lots = stock.lotsByProduct[productIndex];
  let i = stock.cursor[productIndex];
  while (i < lots.length && lots[i].producedMs < placedMs - FRESH_DAYS * DAY_MS) i++;
  stock.cursor[productIndex] = i;
  for (; i < lots.length && lots[i].producedMs <= placedMs - READY_DAYS * DAY_MS; i++) {
    if (lots[i].available >= qty) return lots[i];
  }
  return undefined;
}

function pickLines(rng, products, stock, placedMs) {
  const wanted = rng() < TWO_LINE_SHARE ? 2 : 1;
  const lines = [];
  for (let attempt = 0; attempt < 10 && lines.length < wanted; attempt++) {
    const index = Math.floor(rng() * products.length);
    if (lines.some((l) => l.index === index)) continue;
    const product = products[index];
    const qty = product.moq * BigInt(1 + Math.floor(rng() * 3));
    const lot = pickLot(stock, index, placedMs, qty);
    if (lot) lines.push({ index, product, qty, lot });
  }
  return lines;
}

/** The order's status and the time of each step it went through. */
function timeline(rng, placedMs, nowMs) {
  if (rng() < CANCELLED_SHARE) return { status: 'cancelled', steps: [['placed', placedMs], ['cancelled', placedMs + STEPS.cancelled]] };
  const steps = ['placed', 'payment_received', 'confirmed', 'preparing', 'shipped'].map((kind) => [kind, placedMs + (kind === 'placed' ? 0 : kind === 'payment_received' ? STEPS.paid : STEPS[kind])]);
  if (placedMs > nowMs - IN_TRANSIT_DAYS * DAY_MS) return { status: 'shipped', steps };
  return { status: 'delivered', steps: [...steps, ['delivered', placedMs + STEPS.delivered]] };
}

function orderRow(o, ctx) {
  const { buyer, status, number, placedMs, steps, q } = o;
  const at = (kind) => iso(steps.find(([k]) => k === kind)?.[1]);
  const shipped = status !== 'cancelled';
  return {
    id: o.id, number, buyer_id: buyer.buyerId, user_id: buyer.userId, idempotency_key: `bulk-seed-${String(o.id).padStart(12, '0')}`,
    status, locale: 'en', currency: ctx.currency, subtotal_minor: q.subtotalMinor.toString(), shipping_minor: q.shippingMinor.toString(),
    tax_rate_bp: q.taxRateBp, tax_minor: q.taxMinor.toString(), total_minor: q.totalMinor.toString(), display_currency: ctx.shown.code,
    display_rate_e6: ctx.shown.rateE6, shipping_method: 'delivery', shipping_zone: ctx.zone.id, weight_g: Number(q.weightG),
    incoterm: 'DAP', incoterm_place: buyer.address.city, payment_method: 'bank_transfer', payment_reference: paymentReference(number),
    payment_status: shipped ? 'received' : 'pending', paid_at: shipped ? at('payment_received') : null, destination_country: buyer.address.country,
    ship_to: JSON.stringify(buyer.address), buyer_snapshot: JSON.stringify({ name: buyer.name, country: buyer.country, taxId: '', email: buyer.email }),
    carrier: shipped ? 'DHL Express' : '', tracking_number: shipped ? `JD${String(9_000_000_000 + o.id)}` : '',
    placed_at: iso(placedMs), updated_at: iso(steps[steps.length - 1][1]),
  };
}

/** Allocation rows as placing writes them (reserving stock), then as shipping or cancelling leaves them. */
function allocationRows(o, lineIds, nextId) {
  const placed = iso(o.placedMs);
  return o.lines.map((l, i) => {
    const reason = { code: 'freshness', params: { producedOn: l.lot.producedOn } };
    const row = { id: nextId(), ...proposedAllocation(o.id, lineIds[i], { batchId: l.lot.id, memberId: l.lot.memberId, quantity: l.qty, reason }, placed) };
    const last = iso(o.steps[o.steps.length - 1][1]);
    const end = o.status === 'cancelled' ? o.steps[1][1] : o.steps.find(([k]) => k === 'shipped')[1];
    return o.status === 'cancelled'
      ? { ...row, status: 'cancelled', updated_at: last }
      : { ...row, status: 'shipped', accepted_at: iso(o.placedMs + STEPS.confirmed), shipped_at: iso(end), updated_at: iso(end) };
  });
}

/**
 * Plans `count` orders spread evenly over the past year up to three days ago, in time order (so
 * numbers follow each other without gaps per year, as the placing transaction's counter gives
 * them). Mutates the lots' `available` and `touchedMs` and fills their `shipments`.
 *
 * @param ctx {currency, shown: {code, rateE6}, zone: {id, brackets}, taxRateBp, buyers, products, lotsByProduct, nowMs, seed}
 * @returns {{orders: object[], lines: object[], allocations: object[], events: object[], counters: Map<number, number>}}
 */
export function planOrders(count, ctx) {
  const rng = random(ctx.seed ?? 8);
  const stock = { lotsByProduct: ctx.lotsByProduct, cursor: ctx.lotsByProduct.map(() => 0) };
  const counters = new Map();
  const out = { orders: [], lines: [], allocations: [], events: [], counters };
  const ids = { order: 1, line: 1, allocation: 1, event: 1 };
  const start = ctx.nowMs - 365 * DAY_MS;
  const span = 362 * DAY_MS;
  for (let j = 0; j < count; j++) {
    const placedMs = start + Math.floor((j * span) / count);
    const lines = pickLines(rng, ctx.products, stock, placedMs);
    if (!lines.length) continue;
    const q = quote(lines.map((l) => ({ product: l.product.priced, quantity: l.qty })), ctx.zone.brackets, ctx.taxRateBp);
    if (!q) throw new Error('a past order is too heavy for its zone: the shipping brackets and the lines disagree');
    const year = new Date(placedMs).getUTCFullYear();
    counters.set(year, (counters.get(year) ?? 0) + 1);
    const o = { id: ids.order++, number: orderNumber(year, counters.get(year)), buyer: ctx.buyers[j % ctx.buyers.length], placedMs, lines, q, ...timeline(rng, placedMs, ctx.nowMs) };
    out.orders.push(orderRow(o, ctx));
    const lineIds = lines.map((l, i) => {
      const id = ids.line++;
      const ql = q.lines[i];
      out.lines.push({
        id, order_id: o.id, line_no: i + 1, product_id: l.product.id, product_name: l.product.name, hs_code: l.product.hsCode, unit: l.product.unit,
        unit_decimals: l.product.unitDecimals, net_weight_g: l.product.priced.netWeightG, quantity: l.qty.toString(),
        unit_price_minor: ql.unitPriceMinor.toString(), line_total_minor: ql.totalMinor.toString(),
      });
      return id;
    });
    out.allocations.push(...allocationRows(o, lineIds, () => ids.allocation++));
    for (const [kind, ms] of o.steps) {
      out.events.push({ id: ids.event++, order_id: o.id, kind, actor_user_id: kind === 'placed' || kind === 'cancelled' ? o.buyer.userId : null, note: '', at: iso(ms) });
    }
    settleStock(o);
  }
  return out;
}

/** Placing takes the lines' quantities from their lots; cancelling gives them back; shipping logs each lot. */
function settleStock(o) {
  for (const l of o.lines) {
    l.lot.touchedMs = Math.max(l.lot.touchedMs, o.placedMs);
    if (o.status === 'cancelled') {
      l.lot.touchedMs = Math.max(l.lot.touchedMs, o.steps[1][1]);
      continue;
    }
    l.lot.available -= l.qty;
    l.lot.shipments.push({ qty: l.qty, number: o.number, destination: o.buyer.address.country, shippedMs: o.steps.find(([k]) => k === 'shipped')[1] });
  }
}
