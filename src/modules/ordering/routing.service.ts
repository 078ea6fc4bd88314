import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db, DbOrTx } from '#platform/db/index.js';
import { isLocale, type Locale } from '#platform/i18n/index.js';
import type { Settings } from '#platform/settings/index.js';
import type { Mailer } from '#modules/mail/index.js';
import { refreshAvailability } from '#modules/traceability/traceability.queries.js';
import * as q from '#modules/ordering/ordering.queries.js';
import type { OrderDetail, OrdersService } from '#modules/ordering/orders.service.js';
import { proposedAllocation, routeLines } from '#modules/ordering/routing.js';

export interface RoutingDeps {
  db: Db;
  clock: Clock;
  settings: Settings;
  audit: Audit;
  mailer: Mailer;
  orders: OrdersService;
  publicUrl: string;
  /** The lot and every lot made from it through transformations (traceability). */
  affectedBatchIds: (lotCode: string) => Promise<number[]>;
}

export interface Unfilled {
  orderNumber: string;
  lineId: number;
  productName: string;
  missing: bigint;
}

export interface AffectedOrder {
  number: string;
  status: string;
  buyerName: string;
  destination: string;
  lots: { lotCode: string; allocationStatus: string }[];
}

class RetryRouting extends Error {}
/** Allocations whose goods have not left the hub: they can still be taken back and routed again. */
const OPEN = ['proposed', 'accepted', 'delivered'];

/**
 * Routing after placing: an allocation a member declines, one that expires unaccepted, or one
 * from a recalled lot is taken back and the same quantity is routed again with the coop's policy,
 * never to the same batch (nor, for a decline, the same member). What no member can supply is
 * reported to the coordinators and the buyer.
 */
export function createRoutingService({ db, clock, settings, audit, mailer, orders, publicUrl, affectedBatchIds }: RoutingDeps) {
  async function alertShortage(order: OrderDetail, unfilled: Unfilled[]): Promise<void> {
    const coop = settings.get('coop.name');
    for (const c of await q.selectCoordinatorContacts(db)) {
      const locale: Locale = isLocale(c.locale) ? c.locale : 'en';
      await mailer.send(
        {
          to: c.email,
          locale,
          template: 'shortageAlert',
          params: { name: c.display_name, number: order.number },
          actionUrl: `${publicUrl}/admin/orders/${order.number}`,
          details: unfilled.map((u) => `${u.productName} — ${u.missing.toString()}`),
        },
        coop,
      );
    }
    await orders.mail(order, 'orderShortage');
  }

  /**
   * Takes allocations back (as `declined` or `cancelled`), gives their stock back to batches still
   * on offer, and routes the quantity again, all in one transaction per order.
   */
  async function reroute(allocationIds: number[], how: { status: 'declined' | 'cancelled'; excludeMembers: boolean; reason?: string }, ctx: AuditContext): Promise<Unfilled[]> {
    const rows = await q.selectAllocationsByIds(db, allocationIds);
    const byOrder = new Map<number, q.AllocationRow[]>();
    for (const r of rows.filter((r) => OPEN.includes(r.status))) byOrder.set(r.order_id, [...(byOrder.get(r.order_id) ?? []), r]);
    const unfilledAll: Unfilled[] = [];
    for (const [orderId, taken] of byOrder) {
      const order = (await orders.byId(orderId))!;
      let unfilled: Unfilled[] = [];
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        try {
          unfilled = await db.transaction((trx) => rerouteOrder(trx, order, taken, how, ctx));
          break;
        } catch (err) {
          if (!(err instanceof RetryRouting) || attempt === 5) throw err;
        }
      }
      if (unfilled.length) {
        unfilledAll.push(...unfilled);
        await alertShortage((await orders.byId(orderId))!, unfilled).catch(() => undefined);
      }
    }
    return unfilledAll;
  }

  async function rerouteOrder(trx: DbOrTx, order: OrderDetail, taken: q.AllocationRow[], how: { status: 'declined' | 'cancelled'; excludeMembers: boolean; reason?: string }, ctx: AuditContext): Promise<Unfilled[]> {
    const now = clock.nowIso();
    const batches = await q.selectBatchStatuses(trx, taken.map((a) => a.batch_id));
    for (const a of taken) {
      const batch = batches.get(a.batch_id)!;
      await q.updateAllocations(trx, [a.id], { status: how.status, decline_reason: (how.reason ?? '').slice(0, 500), updated_at: now });
      if (batch.status === 'available') {
        await q.releaseToBatch(trx, a.batch_id, BigInt(a.quantity), now);
        await refreshAvailability(trx, batch.memberId, batch.productId);
      }
    }
    const need = new Map<number, bigint>();
    for (const a of taken) need.set(a.order_line_id, (need.get(a.order_line_id) ?? 0n) + BigInt(a.quantity));
    const lines = [...need].map(([lineId, quantity]) => ({ lineId, productId: order.lines.find((l) => l.id === lineId)!.productId, quantity }));
    const { result } = await routeLines(trx, settings, clock, lines, {
      batchIds: taken.map((a) => a.batch_id),
      memberIds: how.excludeMembers ? [...new Set(taken.map((a) => a.member_id))] : [],
    });
    for (const a of result.allocations) {
      if (!(await q.reserveFromBatch(trx, a.batchId, a.quantity, now))) throw new RetryRouting();
      await q.insertAllocation(trx, proposedAllocation(order.id, a.lineId, a, now));
      await refreshAvailability(trx, a.memberId, lines.find((l) => l.lineId === a.lineId)!.productId);
    }
    const unfilled = result.ok
      ? []
      : result.shortages.map((s) => ({ orderNumber: order.number, lineId: s.lineId, productName: order.lines.find((l) => l.id === s.lineId)!.productName, missing: s.missing }));
    await audit.record(
      ctx,
      'allocation.rerouted',
      { type: 'order', id: order.id },
      { number: order.number, from: taken.map((a) => a.id), status: how.status, to: result.allocations.map((a) => ({ batchId: a.batchId, quantity: a.quantity.toString() })), unfilled: unfilled.map((u) => ({ lineId: u.lineId, missing: u.missing.toString() })) },
      trx,
    );
    return unfilled;
  }

  /** Orders that received (were shipped) the lot or anything made from it, with the lots concerned. */
  async function affectedOrders(lotCode: string): Promise<{ batchIds: number[]; orders: (AffectedOrder & { detail: OrderDetail })[] }> {
    const batchIds = await affectedBatchIds(lotCode);
    const out: (AffectedOrder & { detail: OrderDetail })[] = [];
    for (const row of await q.selectOrdersWithBatches(db, batchIds)) {
      if (row.status === 'cancelled') continue;
      const detail = (await orders.byId(row.id))!;
      const mine = detail.allocations.filter((a) => batchIds.includes(a.batchId) && a.status === 'shipped');
      if (mine.length === 0) continue;
      out.push({
        number: detail.number,
        status: detail.status,
        buyerName: detail.buyer.name,
        destination: detail.destinationCountry,
        lots: mine.map((a) => ({ lotCode: a.lotCode, allocationStatus: a.status })),
        detail,
      });
    }
    return { batchIds, orders: out };
  }

  return {
    reroute,
    affectedOrders,
    /**
     * After a recall: every order that received the lot or a lot made from it is listed; open
     * allocations from recalled lots are re-routed; each buyer gets the notice in their language.
     */
    async afterRecall(lotCode: string, reason: string, ctx: AuditContext): Promise<AffectedOrder[]> {
      // Goods from a recalled lot that have not left the hub are taken back and routed again.
      const statuses = await q.selectBatchStatuses(db, await affectedBatchIds(lotCode));
      const recalled = [...statuses].filter(([, b]) => b.status === 'recalled').map(([id]) => id);
      const open = await q.selectAllocationIdsOfBatches(db, recalled, OPEN);
      if (open.length) await reroute(open, { status: 'cancelled', excludeMembers: false, reason: 'recall' }, ctx);
      // Every buyer who received the lot, or a lot made from it, gets the notice in their language.
      const { orders: affected } = await affectedOrders(lotCode);
      for (const o of affected) {
        await orders.mail(o.detail, 'recallNotice', { lot: lotCode, reason, lots: o.lots.map((l) => l.lotCode), actionPath: `/trace/${encodeURIComponent(lotCode)}` });
        await audit.record(ctx, 'order.recallNotified', { type: 'order', id: o.detail.id }, { number: o.number, lot: lotCode });
      }
      return affected.map(({ detail: _detail, ...rest }) => rest);
    },
  };
}

export type RoutingService = ReturnType<typeof createRoutingService>;
