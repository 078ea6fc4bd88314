import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import { isRetryableConflict, isUniqueViolation, type Db, type DbOrTx, type Tx } from '#platform/db/index.js';
import type { GroupCommit } from '#platform/db/group-commit.js';
import { AppError } from '#platform/http/errors.js';
import type { Settings } from '#platform/settings/index.js';
import type { AccountsService, Address, Buyer, User } from '#modules/accounts/index.js';
import type { AllocationResult } from '#modules/allocation/engine.js';
import { proposedAllocation, routeLines } from '#modules/ordering/routing.js';
import { displayCurrency, type DisplayCurrency } from '#modules/catalog/pricing.js';
import { refreshAvailability } from '#modules/traceability/traceability.queries.js';
import type { CartContents, CartService } from '#modules/ordering/cart.service.js';
import * as q from '#modules/ordering/ordering.queries.js';
import { quote, type Quote } from '#modules/ordering/pricing.js';
import { orderNumber, paymentReference } from '#modules/ordering/reference.js';
import type { PlacedOrderRows } from '#modules/ordering/orders.service.js';
import { PAYMENT_METHODS, type PaymentMethod, type ShipTo, type ShippingMethod } from '#modules/ordering/ordering.types.js';

/** What the buyer chose on the checkout form. */
export interface CheckoutChoice {
  addressId: string;
  shipping: string;
  incoterm: string;
  payment: string;
}

export interface CheckoutPlan {
  cart: CartContents;
  quote: Quote;
  shippingMethod: ShippingMethod;
  zoneId: string;
  shipTo: ShipTo;
  destination: string;
  incoterm: { code: string; place: string };
  payment: PaymentMethod;
  shown: DisplayCurrency | undefined;
}

/** One line that cannot be supplied as asked, and by how much (smallest steps). */
export interface ShortLine {
  productId: number;
  name: string;
  requested: bigint;
  available: bigint;
  unit: string;
  unitDecimals: number;
}

/** Nothing was placed: these lines ran short. */
export class ShortageError extends AppError {
  constructor(readonly lines: ShortLine[]) {
    super('conflict', 'ordering:error.shortage');
  }
}

/**
 * How a reservation takes stock from a batch inside the placing transaction. The real one is a
 * conditional UPDATE; tests swap in a deliberately naive one to show the race it prevents.
 */
export type Reserve = (trx: DbOrTx, batchId: number, qty: bigint, now: string, plannedAvailable: bigint) => Promise<boolean>;

export interface CheckoutHooks {
  reserve?: Reserve;
  /** Awaited inside the placing transaction before each reservation (tests widen the race window with it). */
  beforeReserve?: () => Promise<void>;
}

export interface CheckoutDeps {
  db: Db;
  clock: Clock;
  settings: Settings;
  audit: Audit;
  cart: CartService;
  accounts: AccountsService;
  /**
   * Called in the placing transaction, once the order is written, to store what tells of it (the
   * order-placed email); the step it returns runs after the commit (sending it). A failure in
   * either never undoes the order.
   */
  onPlaced: (placed: PlacedOrderRows, trx: Tx) => Promise<() => Promise<void>>;
  hooks?: CheckoutHooks;
  /**
   * The app's group commit (compose.ts), shared with the cart: orders placed at the same moment
   * share one commit (one disk flush), each in its own savepoint.
   */
  writes: GroupCommit;
}

const invalid = (fields: Record<string, string>) => new AppError('validation', 'errors:validation.message', {}, fields);
class RetryPlacing extends Error {}
const MAX_ATTEMPTS = 8;
// Incoterms whose named place is where the goods leave the seller (the hub); the others name the destination.
const SELLER_SIDE = new Set(['EXW', 'FCA', 'FAS', 'FOB']);

export function createCheckoutService({ db, clock, settings, audit, cart, accounts, onPlaced, hooks = {}, writes }: CheckoutDeps) {
  const reserve: Reserve = hooks.reserve ?? ((trx, batchId, qty, now) => q.reserveFromBatch(trx, batchId, qty, now));

  const zoneOf = (country: string) => settings.get('shop.zones').find((z) => z.countries.includes(country));
  const taxRateOf = (zoneId: string | undefined) => settings.get('shop.taxRules').find((r) => r.zoneId === zoneId)?.rateBp ?? 0;

  function hubShipTo(buyerName: string): ShipTo {
    const hub = settings.get('shop.hub');
    return { recipient: buyerName, line1: hub.name, line2: hub.address, city: '', region: '', postalCode: '', country: hub.country, phone: '' };
  }

  /** Checks the choices against the cart and the coop's settings, and prices the order. Throws field errors. */
  async function plan(user: User, buyer: Buyer, choice: CheckoutChoice, lng: string, trx: DbOrTx = db): Promise<CheckoutPlan> {
    const contents = await cart.contents({ buyerId: buyer.id }, lng, trx);
    if (contents.lines.length === 0) throw new AppError('conflict', 'ordering:error.emptyCart');
    const errors: Record<string, string> = {};
    const shippingMethod: ShippingMethod | undefined = choice.shipping === 'pickup' ? 'pickup' : choice.shipping === 'delivery' ? 'delivery' : undefined;
    if (!shippingMethod) errors.shipping = 'ordering:error.shippingMethod';
    if (shippingMethod === 'pickup' && !settings.get('shop.pickup')) errors.shipping = 'ordering:error.shippingMethod';

    let address: Address | undefined;
    if (shippingMethod === 'delivery') {
      const id = Number(choice.addressId);
      address = Number.isSafeInteger(id) && id > 0 ? await accounts.addresses.get(buyer.id, id) : undefined;
      if (!address) errors.addressId = 'ordering:error.address';
    }
    const destination = shippingMethod === 'pickup' ? settings.get('shop.hub').country : (address?.country ?? '');
    const zone = destination ? zoneOf(destination) : undefined;
    if (shippingMethod === 'delivery' && address && !zone) errors.addressId = 'ordering:error.noZone';

    const allowed = settings.get('shop.incoterms');
    const incoterm = allowed.find((i) => i.code === choice.incoterm);
    if (!incoterm) errors.incoterm = 'ordering:error.incoterm';

    const payment = (PAYMENT_METHODS as readonly string[]).includes(choice.payment) ? (choice.payment as PaymentMethod) : undefined;
    if (!payment || (payment === 'pay_at_pickup' && shippingMethod !== 'pickup')) errors.payment = 'ordering:error.payment';
    if (Object.keys(errors).length) throw invalid(errors);

    const priced = quote(
      contents.lines.map((l) => ({ product: l.product, quantity: l.quantity })),
      shippingMethod === 'pickup' ? 'free' : zone!.brackets.map((b) => ({ upToG: b.upToG, priceMinor: BigInt(b.priceMinor) })),
      taxRateOf(zone?.id),
    );
    if (!priced) throw invalid({ shipping: 'ordering:error.tooHeavy' });
    const shipTo: ShipTo = address
      ? { recipient: address.recipient, line1: address.line1, line2: address.line2, city: address.city, region: address.region, postalCode: address.postalCode, country: address.country, phone: address.phone }
      : hubShipTo(buyer.name);
    const hub = settings.get('shop.hub');
    const place = incoterm!.place || (SELLER_SIDE.has(incoterm!.code) ? hub.name : shipTo.city || hub.name);
    return {
      cart: contents,
      quote: priced,
      shippingMethod: shippingMethod!,
      zoneId: zone?.id ?? '',
      shipTo,
      destination,
      incoterm: { code: incoterm!.code, place },
      payment: payment!,
      shown: displayCurrency(settings, buyer.displayCurrency, settings.get('coop.baseCurrency')),
    };
  }

  function shortLines(contents: CartContents, result?: AllocationResult): ShortLine[] {
    const lines = contents.lines;
    const out: ShortLine[] = [];
    for (const l of lines) {
      const shortage = result && !result.ok ? result.shortages.find((s) => s.lineId === l.productId) : undefined;
      const available = shortage ? shortage.available : l.available;
      if (shortage || l.quantity > l.available || l.problem) {
        out.push({ productId: l.productId, name: l.name, requested: l.quantity, available: l.problem === 'unavailable' ? 0n : available, unit: l.unit, unitDecimals: l.unitDecimals });
      }
    }
    return out;
  }

  /** Routes the lines across members' batches with the coop's policy (allocation/engine.ts). */
  const route = (contents: CartContents) =>
    routeLines(db, settings, clock, contents.lines.map((l) => ({ lineId: l.productId, productId: l.productId, quantity: l.quantity })));

  /**
   * Places the order in one transaction: stock reserved batch by batch with a conditional update,
   * the year's order counter moved on, order, lines, allocations and the first event written, the
   * cart emptied. When a reservation finds less than was planned (another checkout took it), the
   * whole transaction rolls back and the order is routed again from fresh stock. The idempotency
   * key makes a repeated submission return the first order. Orders placed at the same moment run
   * in one transaction, each in its own savepoint, and share its commit (platform/db/group-commit).
   */
  async function place(
    user: User,
    buyer: Buyer,
    choice: CheckoutChoice,
    input: { lng: string; idempotencyKey: string; expectedTotal: string },
    ctx: AuditContext,
  ): Promise<{ orderId: number; number: string; replay: boolean }> {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(input.idempotencyKey)) throw new AppError('bad_request', 'ordering:error.staleForm');
    const earlier = await q.selectOrderByKey(db, buyer.id, input.idempotencyKey);
    if (earlier) return { orderId: earlier.id, number: earlier.number, replay: true };

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const p = await plan(user, buyer, choice, input.lng);
      if (!p.cart.orderable) throw new ShortageError(shortLines(p.cart));
      if (input.expectedTotal !== p.quote.totalMinor.toString()) throw new AppError('conflict', 'ordering:error.totalChanged');
      const { result, planned } = await route(p.cart);
      if (!result.ok) throw new ShortageError(shortLines(p.cart, result));
      const reservations = [...result.allocations].sort((a, b) => a.batchId - b.batchId || a.lineId - b.lineId);
      try {
        const placed = await writes.run(async (trx) => {
          const now = clock.nowIso();
          const taken = new Map<number, bigint>();
          for (const a of reservations) {
            await hooks.beforeReserve?.();
            const before = (planned.get(a.batchId) ?? 0n) - (taken.get(a.batchId) ?? 0n);
            if (!(await reserve(trx, a.batchId, a.quantity, now, before))) throw new RetryPlacing();
            taken.set(a.batchId, (taken.get(a.batchId) ?? 0n) + a.quantity);
          }
          const year = Number(now.slice(0, 4));
          const number = orderNumber(year, await q.nextOrderSeq(trx, year));
          const order: Omit<q.OrderRow, 'id'> = {
            number,
            buyer_id: buyer.id,
            user_id: user.id,
            idempotency_key: input.idempotencyKey,
            status: 'placed',
            locale: input.lng,
            currency: p.cart.currency,
            subtotal_minor: p.quote.subtotalMinor.toString(),
            shipping_minor: p.quote.shippingMinor.toString(),
            tax_rate_bp: p.quote.taxRateBp,
            tax_minor: p.quote.taxMinor.toString(),
            total_minor: p.quote.totalMinor.toString(),
            display_currency: p.shown?.code ?? null,
            display_rate_e6: p.shown ? p.shown.rateE6.toString() : null,
            shipping_method: p.shippingMethod,
            shipping_zone: p.zoneId,
            weight_g: Number(p.quote.weightG),
            incoterm: p.incoterm.code,
            incoterm_place: p.incoterm.place,
            payment_method: p.payment,
            payment_reference: paymentReference(number),
            payment_status: 'pending',
            paid_at: null,
            destination_country: p.destination,
            ship_to: JSON.stringify(p.shipTo),
            buyer_snapshot: JSON.stringify({ name: buyer.name, country: buyer.country, taxId: buyer.taxId ?? '', email: user.email }),
            carrier: '',
            tracking_number: '',
            placed_at: now,
            updated_at: now,
          };
          const orderId = await q.insertOrder(trx, order);
          const lines: q.OrderLineRow[] = [];
          for (const [i, l] of p.cart.lines.entries()) {
            const quoted = p.quote.lines[i]!;
            const line: Omit<q.OrderLineRow, 'id'> = {
              order_id: orderId,
              line_no: i + 1,
              product_id: l.productId,
              product_name: l.name,
              hs_code: l.hsCode,
              unit: l.unit,
              unit_decimals: l.unitDecimals,
              net_weight_g: l.netWeightG,
              quantity: l.quantity.toString(),
              unit_price_minor: quoted.unitPriceMinor.toString(),
              line_total_minor: quoted.totalMinor.toString(),
            };
            lines.push({ id: await q.insertOrderLine(trx, line), ...line });
          }
          const lineIds = new Map(lines.map((l) => [l.product_id, l.id]));
          const allocations: PlacedOrderRows['allocations'] = [];
          for (const a of result.allocations) {
            const row = proposedAllocation(orderId, lineIds.get(a.lineId)!, a, now);
            allocations.push({ id: await q.insertAllocation(trx, row), ...row, lot_code: a.lotCode });
          }
          const placedEvent = { order_id: orderId, kind: 'placed', actor_user_id: user.id, note: '', at: now };
          await q.insertOrderEvent(trx, placedEvent);
          if (p.cart.cartId) await cart.clear(trx, p.cart.cartId);
          const touched = new Map(result.allocations.map((a) => [`${a.memberId}:${a.lineId}`, a]));
          for (const a of touched.values()) await refreshAvailability(trx, a.memberId, a.lineId);
          await audit.record(ctx, 'order.placed', { type: 'order', id: orderId }, { number, total: p.quote.totalMinor.toString(), currency: p.cart.currency }, trx);
          // In a savepoint of its own: a message that cannot be rendered is rolled back alone.
          const written: PlacedOrderRows = {
            order: { id: orderId, ...order },
            lines,
            events: [placedEvent],
            allocations,
            contact: { email: user.email, locale: user.locale, display_name: user.displayName },
          };
          const afterCommit = await trx.transaction((savepoint) => onPlaced(written, savepoint)).catch(() => undefined);
          return { orderId, number, afterCommit };
        });
        await placed.afterCommit?.().catch(() => undefined);
        return { orderId: placed.orderId, number: placed.number, replay: false };
      } catch (err) {
        if (err instanceof RetryPlacing || isRetryableConflict(err)) continue;
        if (isUniqueViolation(err)) {
          const first = await q.selectOrderByKey(db, buyer.id, input.idempotencyKey);
          if (first) return { orderId: first.id, number: first.number, replay: true };
        }
        throw err;
      }
    }
    throw new AppError('unavailable', 'ordering:error.busy');
  }

  return {
    plan,
    place,
    options() {
      return {
        pickup: settings.get('shop.pickup'),
        hub: settings.get('shop.hub'),
        incoterms: settings.get('shop.incoterms'),
        zones: settings.get('shop.zones'),
      };
    },
  };
}

export type CheckoutService = ReturnType<typeof createCheckoutService>;
