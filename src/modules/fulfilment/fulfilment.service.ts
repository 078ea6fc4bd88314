import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import { parseScaledDecimal } from '#platform/decimal.js';
import { AppError } from '#platform/http/errors.js';
import type { Settings } from '#platform/settings/index.js';
import * as oq from '#modules/ordering/ordering.queries.js';
import type { RoutingService } from '#modules/ordering/routing.service.js';
import type { TraceabilityService, TraceActor } from '#modules/traceability/traceability.service.js';
import { refreshAvailability } from '#modules/traceability/traceability.queries.js';
import * as q from '#modules/fulfilment/fulfilment.queries.js';

export const DISCREPANCIES = ['', 'short', 'damaged', 'over'] as const;
export type Discrepancy = (typeof DISCREPANCIES)[number];

export interface FulfilmentDeps {
  db: Db;
  clock: Clock;
  settings: Settings;
  audit: Audit;
  routing: RoutingService;
  traceability: TraceabilityService;
}

const invalid = (fields: Record<string, string>) => new AppError('validation', 'errors:validation.message', {}, fields);

/**
 * The work after an order is placed: members accept or decline what was routed to them (a decline
 * or an expiry re-routes it), hand it over at the hub; the hub checks each lot in (with what
 * actually arrived), and the coordinator can move an allocation to another lot.
 */
export function createFulfilmentService({ db, clock, settings, audit, routing, traceability }: FulfilmentDeps) {
  const dueBy = (createdAt: string) => new Date(Date.parse(createdAt) + settings.get('allocation.acceptHours') * 3_600_000).toISOString();

  async function mine(memberId: number, allocationId: number): Promise<q.WorkRow> {
    const row = await q.selectWorkById(db, allocationId);
    // Another member's allocation is reported as missing, never as forbidden.
    if (!row || row.member_id !== memberId) throw new AppError('not_found');
    return row;
  }

  const hubName = () => settings.get('shop.hub').name;
  const tz = () => settings.get('coop.tzOffset');

  return {
    dueBy,
    /** A member's routed work: to accept (with the time left), to deliver, delivered; no buyer identity. */
    async memberWork(memberId: number, lng: string) {
      const rows = await q.selectWorkOfMember(db, memberId, ['proposed', 'accepted', 'delivered'], lng);
      return rows.map((r) => ({ ...r, due: r.status === 'proposed' ? dueBy(r.created_at) : null }));
    },

    async accept(memberId: number, allocationId: number, ctx: AuditContext): Promise<void> {
      const row = await mine(memberId, allocationId);
      const now = clock.nowIso();
      if (!(await q.updateAllocationIf(db, row.id, ['proposed'], { status: 'accepted', accepted_at: now, updated_at: now }))) throw new AppError('conflict', 'fulfilment:error.notOpen');
      await audit.record(ctx, 'allocation.accepted', { type: 'order', id: row.order_id }, { allocationId: row.id, lot: row.lot_code });
    },

    /** Declining gives the goods back to the pool of other members: re-routed at once by the same policy. */
    async decline(memberId: number, allocationId: number, reason: string, ctx: AuditContext) {
      const row = await mine(memberId, allocationId);
      const why = reason.trim().slice(0, 500);
      if (!why) throw invalid({ reason: 'fulfilment:error.reasonRequired' });
      if (row.status !== 'proposed' && row.status !== 'accepted') throw new AppError('conflict', 'fulfilment:error.notOpen');
      return routing.reroute([row.id], { status: 'declined', excludeMembers: true, reason: why }, ctx);
    },

    /** The member handed the goods over at the hub: `ship_to_hub` on the lot. */
    async markDelivered(memberId: number, allocationId: number, actor: TraceActor): Promise<void> {
      const row = await mine(memberId, allocationId);
      const now = clock.nowIso();
      if (!(await q.updateAllocationIf(db, row.id, ['accepted'], { status: 'delivered', delivered_at: now, updated_at: now }))) throw new AppError('conflict', 'fulfilment:error.notAccepted');
      await traceability.logEvent(row.batch_id, 'ship_to_hub', BigInt(row.quantity), { tzOffset: tz(), locationText: hubName(), note: '', attributes: { order: row.order_number } }, actor);
      await audit.record(actor.ctx, 'allocation.delivered', { type: 'order', id: row.order_id }, { allocationId: row.id, lot: row.lot_code });
    },

    /** Proposed allocations not accepted within the coop's hours are re-routed to other members. */
    async expireOverdue(ctx: AuditContext) {
      const before = new Date(clock.now().getTime() - settings.get('allocation.acceptHours') * 3_600_000).toISOString();
      const ids = await q.selectOverdue(db, before);
      if (ids.length === 0) return { expired: 0, unfilled: [] };
      const unfilled = await routing.reroute(ids, { status: 'declined', excludeMembers: true, reason: 'expired' }, ctx);
      return { expired: ids.length, unfilled };
    },

    /** What the hub expects of a lot (typed or scanned): allocations not yet checked in. */
    hubLookup: (lotCode: string, lng: string) => q.selectWorkByLot(db, lotCode.trim().toUpperCase().slice(0, 20), ['proposed', 'accepted', 'delivered'], lng),
    awaitingAtHub: (lng: string) => q.selectWorkAtHub(db, ['accepted', 'delivered'], lng),

    /**
     * Checks an allocation in at the hub with what actually arrived (for goods sold by weight, the
     * actual net weight), and any discrepancy; writes `receive_at_hub` on the lot.
     */
    async receive(allocationId: number, input: { quantity: string; discrepancy: string; note: string }, actor: TraceActor): Promise<void> {
      const row = await q.selectWorkById(db, allocationId);
      if (!row || row.received_at) throw new AppError('not_found');
      const received = parseScaledDecimal(input.quantity.slice(0, 30), row.unit_decimals);
      const discrepancy = (DISCREPANCIES as readonly string[]).includes(input.discrepancy) ? (input.discrepancy as Discrepancy) : undefined;
      const errors: Record<string, string> = {};
      if (received === undefined || received < 0n) errors.quantity = 'fulfilment:error.quantity';
      if (discrepancy === undefined) errors.discrepancy = 'fulfilment:error.discrepancy';
      if (Object.keys(errors).length) throw invalid(errors);
      const now = clock.nowIso();
      const moved = await q.updateAllocationIf(db, row.id, ['proposed', 'accepted', 'delivered'], {
        status: 'delivered',
        delivered_at: row.delivered_at ?? now,
        received_at: now,
        received_quantity: received!.toString(),
        discrepancy,
        discrepancy_note: input.note.trim().slice(0, 500),
        updated_at: now,
      });
      if (!moved) throw new AppError('conflict', 'fulfilment:error.notOpen');
      await traceability.logEvent(row.batch_id, 'receive_at_hub', received!, { tzOffset: tz(), locationText: hubName(), note: input.note.trim().slice(0, 500), attributes: discrepancy ? { order: row.order_number, discrepancy } : { order: row.order_number } }, actor);
      await audit.record(actor.ctx, 'allocation.received', { type: 'order', id: row.order_id }, { allocationId: row.id, lot: row.lot_code, received: received!.toString(), allocated: String(row.quantity), discrepancy });
    },

    /** Lots the coordinator may move an allocation to: the same product, on offer, holding enough. */
    async overrideOptions(allocationId: number) {
      const row = await q.selectWorkById(db, allocationId);
      if (!row) return [];
      const candidates = await oq.selectCandidates(db, [row.product_id]);
      return candidates.filter((c) => c.id !== row.batch_id && BigInt(c.available) >= BigInt(row.quantity));
    },

    /** The coordinator moves an open allocation to another lot, audited; the reason says who chose it. */
    async override(allocationId: number, batchId: number, ctx: AuditContext): Promise<void> {
      const row = await q.selectWorkById(db, allocationId);
      if (!row || !['proposed', 'accepted'].includes(row.status)) throw new AppError('conflict', 'fulfilment:error.notOpen');
      const target = (await oq.selectCandidates(db, [row.product_id])).find((c) => c.id === batchId);
      if (!target) throw invalid({ batchId: 'fulfilment:error.lot' });
      const qty = BigInt(row.quantity);
      const now = clock.nowIso();
      await db.transaction(async (trx) => {
        if (!(await q.updateAllocationIf(trx, row.id, ['proposed', 'accepted'], { status: 'cancelled', decline_reason: 'override', updated_at: now }))) throw new AppError('conflict', 'fulfilment:error.notOpen');
        if (!(await oq.reserveFromBatch(trx, target.id, qty, now))) throw invalid({ batchId: 'fulfilment:error.lot' });
        if (row.batch_status === 'available') await oq.releaseToBatch(trx, row.batch_id, qty, now);
        await oq.insertAllocation(trx, {
          order_id: row.order_id,
          order_line_id: row.order_line_id,
          batch_id: target.id,
          member_id: target.member_id,
          quantity: qty.toString(),
          status: 'proposed',
          reason_code: 'override',
          reason_params: '{}',
          decline_reason: '',
          created_at: now,
          updated_at: now,
        });
        await refreshAvailability(trx, row.member_id, row.product_id);
        await refreshAvailability(trx, target.member_id, row.product_id);
        await audit.record(ctx, 'allocation.overridden', { type: 'order', id: row.order_id }, { allocationId: row.id, fromLot: row.lot_code, toLot: target.lot_code, quantity: qty.toString() }, trx);
      });
    },
  };
}

export type FulfilmentService = ReturnType<typeof createFulfilmentService>;
