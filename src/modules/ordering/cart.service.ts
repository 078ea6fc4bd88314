import { randomBytes } from 'node:crypto';
import type { Clock } from '#platform/clock.js';
import type { Db, DbOrTx } from '#platform/db/index.js';
import type { GroupCommit } from '#platform/db/group-commit.js';
import { parseScaledDecimal } from '#platform/decimal.js';
import { AppError } from '#platform/http/errors.js';
import type { Settings } from '#platform/settings/index.js';
import * as q from '#modules/ordering/ordering.queries.js';
import { nextTier, quantityProblem, unitPriceFor, lineTotal, type PricedProduct } from '#modules/ordering/pricing.js';

/** Whose cart: a signed-in buyer's, or a visitor's found by the token in their cookie. */
export interface CartRef {
  buyerId?: number | null;
  token?: string | null;
}

export type LineProblem = 'unavailable' | 'belowMoq' | 'offStep' | 'notEnough';

export interface CartLine {
  productId: number;
  slug: string;
  name: string;
  unit: string;
  unitDecimals: number;
  netWeightG: number;
  hsCode: string;
  product: PricedProduct;
  quantity: bigint;
  unitPriceMinor: bigint;
  tierApplied: boolean;
  totalMinor: bigint;
  next: { missing: bigint; priceMinor: bigint } | undefined;
  /** Pooled availability across every member's available batches. */
  available: bigint;
  problem: LineProblem | undefined;
}

export interface CartContents {
  cartId: number | undefined;
  currency: string;
  lines: CartLine[];
  subtotalMinor: bigint;
  /** True when every line can be ordered as it stands. */
  orderable: boolean;
}

export interface CartDeps {
  db: Db;
  clock: Clock;
  settings: Settings;
  defaultLocale: string;
  /**
   * Where a line change is written: the app's group commit (compose.ts), so that carts changed at
   * the same moment share one disk flush with each other and with orders being placed.
   */
  writes: GroupCommit;
}

const MAX_LINES = 100;
const invalid = (fields: Record<string, string>, params: Record<string, string | number> = {}) => new AppError('validation', 'errors:validation.message', params, fields);

export const newCartToken = () => randomBytes(24).toString('base64url');

export function createCartService({ db, clock, settings, defaultLocale, writes }: CartDeps) {
  async function find(ref: CartRef, trx: DbOrTx = db): Promise<q.CartRow | undefined> {
    if (ref.buyerId) return q.selectCartByBuyer(trx, ref.buyerId);
    if (ref.token && /^[A-Za-z0-9_-]{20,64}$/.test(ref.token)) return q.selectCartByToken(trx, ref.token);
    return undefined;
  }

  /** Reads a cart's lines with today's prices, tiers and pooled availability. */
  async function contents(ref: CartRef, lng: string, trx: DbOrTx = db): Promise<CartContents> {
    const currency = settings.get('coop.baseCurrency');
    const cart = await find(ref, trx);
    const rows = cart ? await q.selectCartLines(trx, cart.id) : [];
    const ids = rows.map((r) => r.product_id);
    const [products, tiers, pooled] = await Promise.all([q.selectSellable(trx, ids, lng, defaultLocale), q.selectTiersOf(trx, ids), q.selectPooledAvailability(trx, ids)]);
    const byId = new Map(products.map((p) => [p.id, p]));
    const lines: CartLine[] = [];
    for (const row of rows) {
      const p = byId.get(row.product_id);
      if (!p) continue;
      const product: PricedProduct = {
        id: p.id,
        unitDecimals: p.unit_decimals,
        netWeightG: p.net_weight_g,
        priceMinor: BigInt(p.price_minor),
        tiers: tiers.filter((t) => t.product_id === p.id).map((t) => ({ minQty: BigInt(t.min_qty), priceMinor: BigInt(t.price_minor) })),
        moq: BigInt(p.moq),
        orderStep: BigInt(p.order_step),
      };
      const quantity = BigInt(row.quantity);
      const price = unitPriceFor(product, quantity);
      const available = pooled.get(p.id) ?? 0n;
      const sellable = p.status === 'active' && p.currency === currency;
      const qtyProblem = quantityProblem(product, quantity);
      const problem: LineProblem | undefined =
        !sellable || available === 0n ? 'unavailable' : qtyProblem ? (qtyProblem === 'notPositive' ? 'belowMoq' : qtyProblem) : quantity > available ? 'notEnough' : undefined;
      lines.push({
        productId: p.id,
        slug: p.slug,
        name: p.name,
        unit: p.unit,
        unitDecimals: p.unit_decimals,
        netWeightG: p.net_weight_g,
        hsCode: p.hs_code ?? '',
        product,
        quantity,
        unitPriceMinor: price.priceMinor,
        tierApplied: price.tierMinQty !== null,
        totalMinor: lineTotal(quantity, price.priceMinor, p.unit_decimals),
        next: nextTier(product, quantity),
        available,
        problem,
      });
    }
    const subtotalMinor = lines.reduce((sum, l) => sum + l.totalMinor, 0n);
    return { cartId: cart?.id, currency, lines, subtotalMinor, orderable: lines.length > 0 && lines.every((l) => !l.problem) };
  }

  /**
   * Checks a quantity typed for a product: a number in the unit's decimals, at least the MOQ, on
   * the order step, and no more than the pool holds. Errors name the field `qty`. With `plus`, the
   * typed quantity is added to what the cart already holds and the sum is what must pass.
   */
  async function checkQuantity(productId: number, text: string, trx: DbOrTx = db, plus = 0n): Promise<{ product: q.SellableRow; quantity: bigint }> {
    const [p] = await q.selectSellable(trx, [productId], defaultLocale, defaultLocale);
    if (!p || p.status !== 'active' || p.currency !== settings.get('coop.baseCurrency')) throw new AppError('not_found', 'ordering:error.unknownProduct');
    const typed = parseScaledDecimal(text.slice(0, 30), p.unit_decimals);
    if (typed === undefined) throw invalid({ qty: p.unit_decimals === 0 ? 'ordering:error.qtyWhole' : 'ordering:error.qtyNumber' });
    if (typed <= 0n) throw invalid({ qty: 'ordering:error.notPositive' });
    const quantity = typed + plus;
    const problem = quantityProblem({ moq: BigInt(p.moq), orderStep: BigInt(p.order_step) }, quantity);
    if (problem) throw invalid({ qty: `ordering:error.${problem}` });
    const available = (await q.selectPooledAvailability(trx, [productId])).get(productId) ?? 0n;
    if (quantity > available) throw invalid({ qty: available === 0n ? 'ordering:error.unavailable' : 'ordering:error.notEnough' });
    return { product: p, quantity };
  }

  /** Sets (or adds to) a line; returns the visitor's new cart token when one was created. */
  async function setLine(ref: CartRef, productId: number, text: string, mode: 'set' | 'add'): Promise<{ token?: string }> {
    return writes.run(async (trx) => {
      let cart = await find(ref, trx);
      const lines = cart ? await q.selectCartLines(trx, cart.id) : [];
      const existing = lines.find((l) => l.product_id === productId);
      const { quantity } = await checkQuantity(productId, text, trx, mode === 'add' && existing ? BigInt(existing.quantity) : 0n);
      if (!existing && lines.length >= MAX_LINES) throw invalid({ qty: 'ordering:error.tooManyLines' });
      let token: string | undefined;
      const now = clock.nowIso();
      if (!cart) {
        token = ref.buyerId ? undefined : newCartToken();
        const id = await q.insertCart(trx, { token: token ?? null, buyer_id: ref.buyerId ?? null, updated_at: now });
        cart = { id, token: token ?? null, buyer_id: ref.buyerId ?? null, updated_at: now };
      }
      await q.upsertCartLine(trx, { cart_id: cart.id, product_id: productId, quantity: quantity.toString(), added_at: existing?.added_at ?? now });
      await q.touchCart(trx, cart.id, now);
      return { token };
    });
  }

  return {
    find,
    contents,
    checkQuantity,
    /** Adds to a line: the quantity typed comes on top of what is already in the cart. */
    add: (ref: CartRef, productId: number, text: string) => setLine(ref, productId, text, 'add'),
    /** Replaces a line's quantity. */
    update: (ref: CartRef, productId: number, text: string) => setLine(ref, productId, text, 'set'),
    async remove(ref: CartRef, productId: number): Promise<void> {
      const cart = await find(ref);
      if (cart) await q.deleteCartLine(db, cart.id, productId);
    },
    /** At sign-in: a visitor's cart joins the buyer's (quantities of the same product add up). */
    async merge(token: string, buyerId: number): Promise<void> {
      await db.transaction(async (trx) => {
        const anon = await find({ token }, trx);
        if (!anon) return;
        const lines = await q.selectCartLines(trx, anon.id);
        let mine = await q.selectCartByBuyer(trx, buyerId);
        const now = clock.nowIso();
        if (!mine) {
          const id = await q.insertCart(trx, { token: null, buyer_id: buyerId, updated_at: now });
          mine = { id, token: null, buyer_id: buyerId, updated_at: now };
        }
        const existing = new Map((await q.selectCartLines(trx, mine.id)).map((l) => [l.product_id, BigInt(l.quantity)]));
        for (const line of lines) {
          const quantity = BigInt(line.quantity) + (existing.get(line.product_id) ?? 0n);
          await q.upsertCartLine(trx, { cart_id: mine.id, product_id: line.product_id, quantity: quantity.toString(), added_at: line.added_at });
        }
        await q.deleteCart(trx, anon.id);
      });
    },
    /** Empties a cart inside the caller's transaction (the order that bought it was placed). */
    clear: (trx: DbOrTx, cartId: number) => q.clearCartLines(trx, cartId),
    async productName(productId: number, lng: string): Promise<string> {
      return (await q.selectSellable(db, [productId], lng, defaultLocale))[0]?.name ?? '';
    },
    async count(ref: CartRef): Promise<number> {
      const cart = await find(ref);
      return cart ? (await q.selectCartLines(db, cart.id)).length : 0;
    },
  };
}

export type CartService = ReturnType<typeof createCartService>;
