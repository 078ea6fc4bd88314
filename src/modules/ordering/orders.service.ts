import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db, DbOrTx } from '#platform/db/index.js';
import { AppError } from '#platform/http/errors.js';
import { formatterFor } from '#platform/i18n/format.js';
import { isLocale, type I18n, type Locale } from '#platform/i18n/index.js';
import type { Settings } from '#platform/settings/index.js';
import { quantityText } from '#modules/catalog/storefront.view-models.js';
import type { Mailer, MailMessage, MailTemplate } from '#modules/mail/index.js';
import { refreshAvailability } from '#modules/traceability/traceability.queries.js';
import * as q from '#modules/ordering/ordering.queries.js';
import type { OrderDocumentData, OrderStatus, PaymentMethod, ShipTo, ShippingMethod } from '#modules/ordering/ordering.types.js';
import { lineTotal, taxFor } from '#modules/ordering/pricing.js';

/** What a line delivers: the hub's received quantity where checked in, else what was allocated; the ordered quantity before any allocation. */
export function deliveredQuantity(line: { quantity: bigint }, allocations: { quantity: bigint; receivedQuantity: bigint | null }[]): bigint {
  if (allocations.length === 0 || allocations.every((a) => a.receivedQuantity === null)) return line.quantity;
  return allocations.reduce((sum, a) => sum + (a.receivedQuantity ?? a.quantity), 0n);
}

export interface OrderLine {
  id: number;
  lineNo: number;
  productId: number;
  productName: string;
  hsCode: string;
  unit: string;
  unitDecimals: number;
  netWeightG: number;
  quantity: bigint;
  unitPriceMinor: bigint;
  totalMinor: bigint;
}

export interface OrderAllocation {
  id: number;
  lineId: number;
  batchId: number;
  lotCode: string;
  memberId: number;
  memberName: string;
  memberSlug: string;
  memberCountry: string;
  quantity: bigint;
  status: string;
  reason: { code: string; params: Record<string, string | number> };
  declineReason: string;
  /** What the hub checked in (for goods sold by weight, the actual net weight); null until received. */
  receivedQuantity: bigint | null;
  discrepancy: string;
}

export interface Order {
  id: number;
  number: string;
  buyerId: number;
  userId: number;
  status: OrderStatus;
  locale: string;
  currency: string;
  subtotalMinor: bigint;
  shippingMinor: bigint;
  taxRateBp: number;
  taxMinor: bigint;
  totalMinor: bigint;
  displayCurrency: string | null;
  displayRateE6: bigint | null;
  shippingMethod: ShippingMethod;
  shippingZone: string;
  weightG: bigint;
  incoterm: string;
  incotermPlace: string;
  paymentMethod: PaymentMethod;
  paymentReference: string;
  paymentStatus: 'pending' | 'received';
  paidAt: string | null;
  destinationCountry: string;
  shipTo: ShipTo;
  buyer: { name: string; country: string; taxId: string; email: string };
  carrier: string;
  trackingNumber: string;
  placedAt: string;
  updatedAt: string;
}

export interface OrderDetail extends Order {
  lines: OrderLine[];
  events: { kind: string; at: string; note: string }[];
  allocations: OrderAllocation[];
}

export const toOrder = (r: q.OrderRow): Order => ({
  id: r.id,
  number: r.number,
  buyerId: r.buyer_id,
  userId: r.user_id,
  status: r.status as OrderStatus,
  locale: r.locale,
  currency: r.currency,
  subtotalMinor: BigInt(r.subtotal_minor),
  shippingMinor: BigInt(r.shipping_minor),
  taxRateBp: r.tax_rate_bp,
  taxMinor: BigInt(r.tax_minor),
  totalMinor: BigInt(r.total_minor),
  displayCurrency: r.display_currency,
  displayRateE6: r.display_rate_e6 ? BigInt(r.display_rate_e6) : null,
  shippingMethod: r.shipping_method as ShippingMethod,
  shippingZone: r.shipping_zone,
  weightG: BigInt(r.weight_g),
  incoterm: r.incoterm,
  incotermPlace: r.incoterm_place,
  paymentMethod: r.payment_method as PaymentMethod,
  paymentReference: r.payment_reference,
  paymentStatus: r.payment_status as Order['paymentStatus'],
  paidAt: r.paid_at,
  destinationCountry: r.destination_country,
  shipTo: JSON.parse(r.ship_to) as ShipTo,
  buyer: JSON.parse(r.buyer_snapshot) as Order['buyer'],
  carrier: r.carrier,
  trackingNumber: r.tracking_number,
  placedAt: r.placed_at,
  updatedAt: r.updated_at,
});

/** Which status may follow which, and who may move it. */
const NEXT: Record<OrderStatus, OrderStatus[]> = {
  placed: ['confirmed', 'cancelled'],
  confirmed: ['preparing', 'cancelled'],
  preparing: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

const MAIL_FOR: Partial<Record<OrderStatus, MailTemplate>> = {
  confirmed: 'orderConfirmed',
  preparing: 'orderPreparing',
  shipped: 'orderShipped',
  delivered: 'orderDelivered',
  cancelled: 'orderCancelled',
};

/** What checkout has just written for an order (ids included), and who placed it. */
export interface PlacedOrderRows {
  order: q.OrderRow;
  lines: q.OrderLineRow[];
  events: Pick<q.OrderEventRow, 'kind' | 'at' | 'note'>[];
  allocations: (q.AllocationRow & { lot_code: string })[];
  contact: q.UserContact;
}

export interface OrdersDeps {
  db: Db;
  clock: Clock;
  settings: Settings;
  audit: Audit;
  mailer: Mailer;
  i18n: I18n;
  publicUrl: string;
  /** Writes the `ship_to_buyer` trace event on a lot (traceability): one step forward. */
  logShipment?: (batchId: number, quantity: bigint, order: { number: string; destination: string }) => Promise<void>;
}

export function createOrdersService({ db, clock, settings, audit, mailer, i18n, publicUrl, logShipment }: OrdersDeps) {
  async function detail(row: q.OrderRow, conn: DbOrTx = db): Promise<OrderDetail> {
    const [lines, events, allocations] = await Promise.all([q.selectOrderLines(conn, row.id), q.selectOrderEvents(conn, row.id), q.selectAllocationsOfOrder(conn, row.id)]);
    return assemble(row, lines, events, allocations);
  }

  /** An order's detail from its rows (lines by number, allocations by id). */
  function assemble(row: q.OrderRow, lines: q.OrderLineRow[], events: Pick<q.OrderEventRow, 'kind' | 'at' | 'note'>[], allocations: q.AllocationDetailRow[]): OrderDetail {
    return {
      ...toOrder(row),
      lines: lines.map((l) => ({
        id: l.id,
        lineNo: l.line_no,
        productId: l.product_id,
        productName: l.product_name,
        hsCode: l.hs_code,
        unit: l.unit,
        unitDecimals: l.unit_decimals,
        netWeightG: l.net_weight_g,
        quantity: BigInt(l.quantity),
        unitPriceMinor: BigInt(l.unit_price_minor),
        totalMinor: BigInt(l.line_total_minor),
      })),
      events: events.map((e) => ({ kind: e.kind, at: e.at, note: e.note })),
      allocations: allocations.map((a) => ({
        id: a.id,
        lineId: a.order_line_id,
        batchId: a.batch_id,
        lotCode: a.lot_code,
        memberId: a.member_id,
        memberName: a.member_name,
        memberSlug: a.member_slug,
        memberCountry: a.member_country,
        quantity: BigInt(a.quantity),
        status: a.status,
        reason: { code: a.reason_code, params: JSON.parse(a.reason_params) as Record<string, string | number> },
        declineReason: a.decline_reason,
        receivedQuantity: a.received_quantity === null || a.received_quantity === undefined ? null : BigInt(a.received_quantity),
        discrepancy: a.discrepancy ?? '',
      })),
    };
  }

  async function byNumber(number: string): Promise<OrderDetail | undefined> {
    const row = await q.selectOrderByNumber(db, number);
    return row ? detail(row) : undefined;
  }

  const liveAllocations = (o: OrderDetail) => o.allocations.filter((a) => a.status !== 'declined' && a.status !== 'cancelled');

  /** Order lines, payment instructions and lot codes as paragraphs in the recipient's language. */
  function mailDetails(o: OrderDetail, template: MailTemplate, locale: Locale): string[] {
    const t = i18n.getFixedT(locale);
    const fmt = formatterFor(locale);
    const lines = o.lines.map((l) => `${l.productName} · ${quantityText(l.quantity, { unit: l.unit, unitDecimals: l.unitDecimals, netWeightG: l.netWeightG }, fmt, t)} · ${fmt.money(l.totalMinor, o.currency)}`);
    const out = [t('mail:order.summary', { number: o.number, total: fmt.money(o.totalMinor, o.currency) }), lines.join('\n')];
    if (template === 'orderPlaced') {
      out.push(
        o.paymentMethod === 'bank_transfer'
          ? t('mail:order.payByTransfer', { reference: o.paymentReference, total: fmt.money(o.totalMinor, o.currency), bank: bankDetailsFor(o) })
          : t('mail:order.payAtPickup', { reference: o.paymentReference, hub: settings.get('shop.hub').name }),
      );
    }
    if (template === 'orderShipped') {
      out.push(t('mail:order.tracking', { carrier: o.carrier || '—', tracking: o.trackingNumber || '—' }));
      const lots = [...new Set(liveAllocations(o).map((a) => a.lotCode))];
      if (lots.length) out.push(`${t('mail:order.lots')}\n${lots.map((lot) => `${lot} — ${publicUrl}/${locale}/trace/${encodeURIComponent(lot)}`).join('\n')}`);
    }
    return out;
  }

  function bankDetailsFor(o: Order): string {
    const bank = settings.get('shop.bankDetails');
    return (o.displayCurrency ? bank[o.displayCurrency] : undefined) || bank[o.currency] || '—';
  }

  type RecallMention = { lot: string; reason: string; lots: string[]; actionPath: string };

  /** The message to the order's buyer in their language; a recall notice names the lot, the reason and the lots of this order it reached. */
  async function message(o: OrderDetail, template: MailTemplate, recall?: RecallMention, conn: DbOrTx = db, known?: q.UserContact): Promise<MailMessage | undefined> {
    const contact = known ?? (await q.selectUserContact(conn, o.userId));
    if (!contact) return undefined;
    const locale: Locale = isLocale(contact.locale) ? contact.locale : isLocale(o.locale) ? o.locale : 'en';
    const t = i18n.getFixedT(locale);
    const productOf = (lot: string) => o.lines.find((l) => o.allocations.some((a) => a.lotCode === lot && a.lineId === l.id))?.productName ?? '';
    return {
      to: contact.email,
      locale,
      template,
      params: { name: contact.display_name, number: o.number, lot: recall?.lot ?? '' },
      actionUrl: recall ? `${publicUrl}/${locale}${recall.actionPath}` : `${publicUrl}/${locale}/account/orders/${o.number}`,
      details: recall
        ? [t('mail:recall.reason', { reason: recall.reason }), ...[...new Set(recall.lots)].map((lot) => t('mail:recall.lot', { lot, product: productOf(lot) }))]
        : mailDetails(o, template, locale),
    };
  }

  /** Emails the order's buyer in their language. */
  async function mail(o: OrderDetail, template: MailTemplate, recall?: RecallMention): Promise<void> {
    const msg = await message(o, template, recall);
    if (msg) await mailer.send(msg, settings.get('coop.name'));
  }

  /** Gives every live allocation's stock back to its batch (an order cancelled before shipping). */
  async function release(o: OrderDetail, trx: DbOrTx, now: string) {
    const live = o.allocations.filter((a) => ['proposed', 'accepted', 'delivered'].includes(a.status));
    for (const a of live) await q.releaseToBatch(trx, a.batchId, a.quantity, now);
    await q.updateAllocations(trx, live.map((a) => a.id), { status: 'cancelled', updated_at: now });
    const touched = new Map(live.map((a) => [`${a.memberId}:${o.lines.find((l) => l.id === a.lineId)?.productId}`, a]));
    for (const a of touched.values()) {
      const productId = o.lines.find((l) => l.id === a.lineId)?.productId;
      if (productId) await refreshAvailability(trx, a.memberId, productId);
    }
  }

  /**
   * Moves an order to its next status: checked against the allowed steps and the status it was
   * read in (a conditional update, so two coordinators cannot both move it), timestamped,
   * audited and emailed to the buyer in their language.
   */
  async function transition(
    number: string,
    to: OrderStatus,
    actor: { userId: number; role: 'buyer' | 'coordinator' },
    ctx: AuditContext,
    extra: { carrier?: string; trackingNumber?: string; note?: string } = {},
  ): Promise<OrderDetail> {
    const o = await byNumber(number);
    if (!o) throw new AppError('not_found');
    if (!NEXT[o.status].includes(to)) throw new AppError('conflict', 'ordering:error.transition');
    if (actor.role === 'buyer' && !(to === 'cancelled' && o.status === 'placed')) throw new AppError('forbidden', 'ordering:error.buyerCancel');
    const now = clock.nowIso();
    await db.transaction(async (trx) => {
      const patch: Partial<q.OrderRow> = { status: to, updated_at: now };
      if (to === 'shipped') {
        patch.carrier = (extra.carrier ?? '').slice(0, 80);
        patch.tracking_number = (extra.trackingNumber ?? '').slice(0, 80);
      }
      if ((await q.updateOrder(trx, o.id, patch, [o.status])) !== 1) throw new AppError('conflict', 'ordering:error.transition');
      await q.insertOrderEvent(trx, { order_id: o.id, kind: to, actor_user_id: actor.userId, note: (extra.note ?? '').slice(0, 500), at: now });
      if (to === 'cancelled') await release(o, trx, now);
      if (to === 'shipped') {
        const ids = o.allocations.filter((a) => ['proposed', 'accepted', 'delivered'].includes(a.status)).map((a) => a.id);
        await q.updateAllocations(trx, ids, { status: 'shipped', shipped_at: now, updated_at: now });
      }
      await audit.record(ctx, `order.${to}`, { type: 'order', id: o.id }, { number: o.number, from: o.status }, trx);
    });
    const after = (await byNumber(number))!;
    if (to === 'shipped' && logShipment) {
      for (const a of after.allocations.filter((x) => x.status === 'shipped')) await logShipment(a.batchId, a.quantity, { number: o.number, destination: o.destinationCountry });
    }
    const template = MAIL_FOR[to];
    if (template) await mail(after, template).catch(() => undefined);
    return after;
  }

  return {
    byNumber,
    async byId(id: number) {
      const row = await q.selectOrderById(db, id);
      return row ? detail(row) : undefined;
    },
    async listForBuyer(buyerId: number, limit = 100): Promise<Order[]> {
      return (await q.selectOrdersOfBuyer(db, buyerId, limit)).map(toOrder);
    },
    async list(filter: { status?: string; beforeId?: number }, limit = 50): Promise<Order[]> {
      return (await q.selectOrders(db, filter, limit)).map(toOrder);
    },
    transition,
    nextStatuses: (o: Order) => NEXT[o.status],
    async markPaid(number: string, actorId: number, ctx: AuditContext): Promise<void> {
      const o = await byNumber(number);
      if (!o) throw new AppError('not_found');
      if (o.paymentStatus === 'received' || o.status === 'cancelled') throw new AppError('conflict', 'ordering:error.transition');
      const now = clock.nowIso();
      await db.transaction(async (trx) => {
        await q.updateOrder(trx, o.id, { payment_status: 'received', paid_at: now, updated_at: now });
        await q.insertOrderEvent(trx, { order_id: o.id, kind: 'payment_received', actor_user_id: actorId, note: '', at: now });
        await audit.record(ctx, 'order.paymentReceived', { type: 'order', id: o.id }, { number: o.number }, trx);
      });
      await mail((await byNumber(number))!, 'paymentReceived').catch(() => undefined);
    },
    /**
     * Stores the "order placed" message with the payment instructions in the placing transaction
     * (it exists if and only if the order does); the step it returns sends it once committed.
     */
    /**
     * Stores the order-placed email in the placing transaction, from the rows checkout has just
     * written (not read back: only the members' names are read); the step it returns sends it.
     */
    async notifyPlaced(placed: PlacedOrderRows, trx: DbOrTx): Promise<() => Promise<void>> {
      const members = await q.selectMemberBriefs(trx, [...new Set(placed.allocations.map((a) => a.member_id))]);
      const allocations = placed.allocations.map((a) => {
        const m = members.get(a.member_id);
        return { ...a, member_name: m?.name ?? '', member_country: m?.country ?? '', member_slug: m?.slug ?? '' };
      });
      const o = assemble(placed.order, placed.lines, placed.events, allocations);
      const msg = await message(o, 'orderPlaced', undefined, trx, placed.contact);
      const id = msg ? await mailer.store(msg, settings.get('coop.name'), trx) : undefined;
      return async () => {
        if (id !== undefined) await mailer.deliver(id);
      };
    },
    bankDetailsFor,
    /**
     * Everything an invoice or packing list prints for this order. Once the hub has checked goods
     * in, the commercial invoice and the packing list use what was received (for goods sold by
     * weight, the actual net weight), with line totals, tax and total recomputed by the same rules.
     */
    documentData(o: OrderDetail, kind: 'proforma' | 'invoice' | 'packingList' = 'proforma'): OrderDocumentData {
      const seller = settings.get('coop.seller');
      const live = liveAllocations(o);
      const adjusted = kind !== 'proforma';
      const lines = o.lines.map((l) => {
        const mine = live.filter((a) => a.lineId === l.id);
        const quantity = adjusted ? deliveredQuantity(l, mine) : l.quantity;
        const scale = 10n ** BigInt(l.unitDecimals);
        return {
          lineNo: l.lineNo,
          productName: l.productName,
          hsCode: l.hsCode,
          originCountries: [...new Set(mine.map((a) => a.memberCountry))].sort(),
          unit: l.unit,
          unitDecimals: l.unitDecimals,
          quantity,
          netWeightG: (quantity * BigInt(l.netWeightG) + scale - 1n) / scale,
          unitPriceMinor: l.unitPriceMinor,
          totalMinor: quantity === l.quantity ? l.totalMinor : lineTotal(quantity, l.unitPriceMinor, l.unitDecimals),
          lotCodes: [...new Set(mine.map((a) => a.lotCode))].sort(),
        };
      });
      const subtotalMinor = lines.reduce((sum, l) => sum + l.totalMinor, 0n);
      const changed = subtotalMinor !== o.subtotalMinor;
      const taxMinor = changed ? taxFor(subtotalMinor + o.shippingMinor, o.taxRateBp) : o.taxMinor;
      return {
        number: o.number,
        placedAt: o.placedAt,
        shippedAt: o.events.find((e) => e.kind === 'shipped')?.at ?? null,
        currency: o.currency,
        seller: { name: seller.legalName, address: seller.address, country: seller.country, taxId: seller.taxId, email: seller.email },
        buyer: { name: o.buyer.name, address: '', country: o.buyer.country, taxId: o.buyer.taxId, email: o.buyer.email },
        shipTo: o.shipTo,
        shippingMethod: o.shippingMethod,
        incoterm: { code: o.incoterm, place: o.incotermPlace },
        paymentMethod: o.paymentMethod,
        paymentReference: o.paymentReference,
        bankDetails: bankDetailsFor(o),
        lines,
        subtotalMinor,
        shippingMinor: o.shippingMinor,
        taxRateBp: o.taxRateBp,
        taxMinor,
        totalMinor: changed ? subtotalMinor + o.shippingMinor + taxMinor : o.totalMinor,
        weightG: lines.reduce((sum, l) => sum + l.netWeightG, 0n),
        carrier: o.carrier,
        trackingNumber: o.trackingNumber,
      };
    },
    /** Orders that received any of these batches, for a recall. */
    async receiving(batchIds: number[]): Promise<Order[]> {
      return (await q.selectOrdersWithBatches(db, batchIds)).map(toOrder);
    },
    mail,
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;
