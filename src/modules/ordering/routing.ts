import type { Clock } from '#platform/clock.js';
import type { DbOrTx } from '#platform/db/index.js';
import type { Settings } from '#platform/settings/index.js';
import { allocate, POLICIES_USING_HISTORY, type Allocation, type AllocationInput, type AllocationResult, type CandidateBatch, type OrderLineRequest } from '#modules/allocation/engine.js';
import * as q from '#modules/ordering/ordering.queries.js';

/** How far back fair share looks at members' allocated and offered volume. */
export const FAIR_SHARE_DAYS = 90;

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * Gathers what the allocation engine needs for some lines — the available batches of their
 * products with each batch's main site, the members' recent history, the hub, the coop's policy —
 * runs it, and returns the result with the stock each batch held when it was read.
 */
export async function routeLines(
  db: DbOrTx,
  settings: Settings,
  clock: Clock,
  lines: OrderLineRequest[],
  exclude?: AllocationInput['exclude'],
): Promise<{ result: AllocationResult; planned: Map<number, bigint> }> {
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const since = new Date(clock.now().getTime() - FAIR_SHARE_DAYS * 86_400_000).toISOString();
  const rows = await q.selectCandidates(db, productIds);
  const sites = await q.selectMainSites(db, rows.map((r) => r.id));
  const batches: CandidateBatch[] = rows.map((r) => ({
    batchId: r.id,
    lotCode: r.lot_code,
    memberId: r.member_id,
    productId: r.product_id,
    status: r.status,
    available: BigInt(r.available),
    producedOn: r.produced_on,
    bestBefore: r.best_before,
    grade: r.grade,
    site: sites.get(r.id) ?? null,
  }));
  // Members are asked for whole order steps (whole kilograms, whole bags), not 35.997 kg: each
  // product is routed in units of the largest step that divides its lines' quantities.
  const steps = await q.selectOrderSteps(db, productIds);
  const unit = new Map<number, bigint>();
  for (const l of lines) {
    const g = gcd(l.quantity, steps.get(l.productId) ?? 1n) || 1n;
    unit.set(l.productId, unit.has(l.productId) ? gcd(unit.get(l.productId)!, g) : g);
  }
  const u = (productId: number) => unit.get(productId) ?? 1n;
  const hub = settings.get('shop.hub');
  // One product at a time: fair share compares members' volumes of the same product (kilograms of
  // coffee with kilograms of coffee, never with jars of honey).
  const scaled: AllocationResult = { ok: true, allocations: [] };
  const shortages: Extract<AllocationResult, { ok: false }>['shortages'] = [];
  const policy = settings.get('allocation.policy');
  // Only fair share (and the mixed policy) weighs members' past volume: the others skip that read.
  const history = POLICIES_USING_HISTORY.has(policy) ? await q.selectMemberHistory(db, productIds, since) : new Map<number, q.MemberHistory[]>();
  for (const productId of productIds) {
    const mine = allocate({
      lines: lines.filter((l) => l.productId === productId).map((l) => ({ ...l, quantity: l.quantity / u(productId) })),
      batches: batches.filter((b) => b.productId === productId).map((b) => ({ ...b, available: b.available / u(productId) })),
      history: history.get(productId) ?? [],
      hub: { latE6: hub.latE6, lonE6: hub.lonE6 },
      today: clock.nowIso().slice(0, 10),
      policy: { name: policy },
      exclude,
    });
    scaled.allocations.push(...mine.allocations);
    if (!mine.ok) shortages.push(...mine.shortages);
  }
  const productOfLine = new Map(lines.map((l) => [l.lineId, l.productId]));
  const up = (lineId: number, n: bigint) => n * u(productOfLine.get(lineId)!);
  const allocations = scaled.allocations.map((a) => ({ ...a, quantity: up(a.lineId, a.quantity) }));
  const result: AllocationResult =
    shortages.length === 0
      ? { ok: true, allocations }
      : {
        ok: false,
        allocations,
        shortages: shortages.map((s) => {
          const requested = lines.find((l) => l.lineId === s.lineId)!.quantity;
          const available = up(s.lineId, s.available);
          return { ...s, requested, available, missing: requested - available };
        }),
      };
  return { result, planned: new Map(batches.map((b) => [b.batchId, b.available])) };
}

/** The row that records one of the engine's allocations for an order line, as proposed to its member. */
export function proposedAllocation(orderId: number, orderLineId: number, a: Allocation, now: string): Omit<q.AllocationRow, 'id'> {
  return {
    order_id: orderId,
    order_line_id: orderLineId,
    batch_id: a.batchId,
    member_id: a.memberId,
    quantity: a.quantity.toString(),
    status: 'proposed',
    reason_code: a.reason.code,
    reason_params: JSON.stringify(a.reason.params),
    decline_reason: '',
    created_at: now,
    updated_at: now,
  };
}
